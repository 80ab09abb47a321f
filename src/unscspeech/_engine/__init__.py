"""Private speed code: what makes the build fast and small on a large corpus and nothing else.

Every function here has a plain counterpart in the measures, and the tests check they agree."""
