"""YAML with line numbers: every mapping knows the line of itself and of each key.

So that a problem in a data file or in front matter can be reported as
``path:line: message``. Syntax errors become a ``DataError`` naming the line.
"""

from __future__ import annotations

from typing import Any

import yaml

from mkdocs_debate.problems import Problem


class DataError(Exception):
    """Problems in a source of truth that stop it from being read."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


class _LineLoader(
    getattr(yaml, "CSafeLoader", yaml.SafeLoader)
):  # libyaml when available: 5× faster
    """SafeLoader that records the line of every mapping key."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    mapping = LineDict()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1
    mapping.line = node.start_mark.line + 1
    return mapping


class LineDict(dict):
    """A dict that knows the (1-based) line of itself and of each key."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lines: dict[str, int] = {}
        self.line = 1

    def line_of(self, key: str) -> int:
        """Line of ``key``, or of the mapping itself when the key is absent."""
        return self.lines.get(key, self.line)


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    """A date, or the text itself when it only looks like one (2024-13-45)."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(text: str, path: str, offset: int = 0) -> Any:
    """Parse YAML text; syntax errors, anchors and aliases become a DataError naming path and line.

    Anchors and aliases are refused before anything is built from them: an
    alias bomb (aliases of aliases, ten levels deep) costs nothing to parse
    but billions of nodes to construct.
    """
    try:
        for event in yaml.parse(text, Loader=_LineLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = event.start_mark.line + 1 + offset
                raise DataError(
                    [
                        Problem(
                            path,
                            line,
                            "YAML anchors and aliases (&name, *name) are not allowed: "
                            "write each value out",
                        )
                    ]
                )
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = (mark.line + 1 if mark else 1) + offset
        problem = getattr(error, "problem", None) or str(error)
        raise DataError(
            [Problem(path, line, f"invalid YAML: {problem} (check quotes, colons and indentation)")]
        ) from None
    if offset:
        _shift_lines(data, offset)
    return data


def _shift_lines(data: Any, offset: int) -> None:
    if isinstance(data, LineDict):
        data.line += offset
        data.lines = {k: v + offset for k, v in data.lines.items()}
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, list):
        for value in data:
            _shift_lines(value, offset)


# Reading data the checker has already judged: the typed models (matrix.py, definitions.py,
# licence_texts.py) take each field with these, so that a wrong type yields a default, not a crash.


def text_of(value: Any) -> str:
    """A field as text: '' for a missing one."""
    return "" if value is None else str(value)


def line_of(raw: Any) -> int:
    """The line a mapping was read from (0 when it was not read from a file)."""
    return raw.line if isinstance(raw, LineDict) else 0


def mappings(raw: Any, key: str) -> list:
    """The mappings listed under a key of a mapping, the rest left out."""
    found = raw.get(key) if isinstance(raw, dict) else None
    return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []
