"""YAML of a corpus folder, read so that no file can make it expand, crash or hang.

An alias repeats the value of an anchor; nested a few levels deep (the "billion laughs"), a
codebook of a few hundred bytes expands to gigabytes. A codebook has no need of them, so
anchors and aliases are refused, with the line where they stand. Without them no value is
larger than the file, whose size is bounded by :data:`MAX_YAML_CHARACTERS`. Values nested deeper
than :data:`MAX_DEPTH` and numbers too long to convert are reported the same way, never as
tracebacks.

The text is read by libyaml, PyYAML's parser in C, where PyYAML was built with it (ten times
faster on the book's codebook), else by PyYAML's own; both give the same data. Its events are
checked first, one at a time, so that a refused file is refused at its first alias or its
first level too deep, before anything is built from it: libyaml's composer, which builds the
node tree, would crash the process on a few tens of thousands of levels.
"""

from __future__ import annotations

import yaml

from unscspeech.input.problems import CorpusError, Problem

#: The largest YAML file read (characters): a hundred times the book's own codebook.
MAX_YAML_CHARACTERS = 1_000_000
#: The deepest nesting of lists and mappings read; the book's codebook nests three levels.
MAX_DEPTH = 50

#: libyaml's loader where PyYAML has it, else PyYAML's own (the same data, parsed in Python).
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str, shown: str, loader: type = LOADER) -> tuple[object, yaml.Node | None]:
    """The data of a YAML text and its node tree (which knows the line of every value).

    Raises :class:`CorpusError` naming ``shown`` and the line for anything refused or unreadable.

    >>> load_yaml("themes:\\n  - id: peace\\n", "themes.yml")[0]
    {'themes': [{'id': 'peace'}]}
    >>> load_yaml("a: &x 1\\nb: *x\\n", "themes.yml")
    Traceback (most recent call last):
    unscspeech.input.problems.CorpusError: themes.yml:1: not valid YAML (anchors and aliases (&name, *name) are not allowed; write each value out in full)
    """
    if len(text) > MAX_YAML_CHARACTERS:
        raise CorpusError([Problem(shown, f"the file is {len(text):,} characters long; "
                                          f"the limit is {MAX_YAML_CHARACTERS:,}")])
    try:
        _check_events(text, loader)
        reader = loader(text)
        try:
            node = reader.get_single_node()
            return (reader.construct_document(node) if node is not None else None), node
        finally:
            reader.dispose()
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise CorpusError([Problem(shown, f"not valid YAML ({getattr(err, 'problem', None) or err})",
                                   mark.line + 1 if mark else None)]) from None
    except ValueError as err:  # e.g. an integer of more digits than Python converts
        raise CorpusError([Problem(shown, f"not valid YAML ({err})")]) from None


class _Refused(yaml.MarkedYAMLError):
    pass


def _check_events(text: str, loader: type) -> None:
    """Refuse the first anchor or alias, and the first list or mapping nested deeper than
    :data:`MAX_DEPTH`, reading the text's events no further than it."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(problem="anchors and aliases (&name, *name) are not allowed; "
                                   "write each value out in full", problem_mark=event.start_mark)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(problem=f"its values nest more than {MAX_DEPTH} levels deep",
                               problem_mark=event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
