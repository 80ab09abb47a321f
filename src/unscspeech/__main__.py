"""Allow ``python -m unscspeech``."""

import sys

from unscspeech.cli import main

sys.exit(main())
