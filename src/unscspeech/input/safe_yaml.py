"""YAML of a corpus folder, read so that no file can make it expand or crash.

An alias repeats the value of an anchor; nested a few levels deep (the "billion laughs"), a
codebook of a few hundred bytes expands to gigabytes. A codebook has no need of them, so
anchors and aliases are refused, with the line where they stand. Without them no value is
larger than the file, whose size is bounded by :data:`MAX_YAML_CHARACTERS`. Nesting too deep
for the parser and numbers too long to convert are reported the same way, never as tracebacks.
"""

from __future__ import annotations

import yaml

from unscspeech.input.problems import CorpusError, Problem

#: The largest YAML file read (characters): a hundred times the book's own codebook.
MAX_YAML_CHARACTERS = 1_000_000


class _Refused(yaml.MarkedYAMLError):
    pass


class _NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing every anchor (``&name``) and alias (``*name``)."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(problem="anchors and aliases (&name, *name) are not allowed; "
                                   "write each value out in full", problem_mark=event.start_mark)
        return super().compose_node(parent, index)


def load_yaml(text: str, shown: str) -> tuple[object, yaml.Node | None]:
    """The data of a YAML text and its node tree (which knows the line of every value).

    Raises :class:`CorpusError` naming ``shown`` and the line for anything refused or unreadable."""
    if len(text) > MAX_YAML_CHARACTERS:
        raise CorpusError([Problem(shown, f"the file is {len(text):,} characters long; "
                                          f"the limit is {MAX_YAML_CHARACTERS:,}")])
    loader = _NoAliasLoader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise CorpusError([Problem(shown, f"not valid YAML ({getattr(err, 'problem', None) or err})",
                                   mark.line + 1 if mark else None)]) from None
    except RecursionError:
        raise CorpusError([Problem(shown, "not valid YAML (its values nest too deeply)")]) from None
    except ValueError as err:  # e.g. an integer of more digits than Python converts
        raise CorpusError([Problem(shown, f"not valid YAML ({err})")]) from None
    finally:
        loader.dispose()
