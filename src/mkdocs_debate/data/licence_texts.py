"""Bespoke model licences as typed, frozen objects: ``Licence`` with its ``Clause``s.

``docs/_data/licences.yml`` is read once per build (``Site``); the checker's
rules (``checker/rules/licences.py``) say what is wrong in it, naming the line.
The licence pages, the comparison grids and the model pages read these
objects; each keeps the line it was read from. A licence the checker refuses
(not a mapping, no id) is left out here: a build with one fails first.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from mkdocs_debate.data.yaml_lines import LineDict


@dataclasses.dataclass(frozen=True)
class Conflict:
    """A criterion of the Open Source Definition or the OSAID a clause runs against, and why."""

    with_: str  # a key of data.licences.CONFLICTS
    why: str = ""
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Clause:
    """One clause of a licence text, as we read it."""

    id: str
    key: str = ""  # the same subject across a family's versions
    name: str = ""
    section: str = ""
    lines: tuple[int, int] | None = None  # first and last line in the upstream text
    summary: str = ""
    changed: bool = False  # reworded since the previous version
    change_note: str = ""
    conflicts: tuple[Conflict, ...] = ()
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Upstream:
    """The text we read: its address, the commit, the day."""

    url: str = ""
    commit: str = ""
    read: str = ""
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Licence:
    """A bespoke licence, clause by clause."""

    id: str
    name: str = ""
    holder: str = ""
    date: str = ""
    family: str = ""
    previous: str | None = None  # the id of the version before, within the family
    note: str = ""
    upstream: Upstream = Upstream()
    clauses: tuple[Clause, ...] = ()
    line: int = 0

    @property
    def conflicting(self) -> int:
        """How many clauses run against a criterion."""
        return sum(1 for clause in self.clauses if clause.conflicts)

    def clause_with_key(self, key: str) -> Clause | None:
        """The clause on one subject (its key), or None."""
        return next((c for c in self.clauses if c.key == key), None)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _line(raw: Any) -> int:
    return raw.line if isinstance(raw, LineDict) else 0


def _dicts(raw: Any, key: str) -> list:
    found = raw.get(key) if isinstance(raw, dict) else None
    return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []


def _clause(raw: dict) -> Clause:
    lines = raw.get("lines")
    return Clause(
        id=_text(raw.get("id")),
        key=_text(raw.get("key")),
        name=_text(raw.get("name")),
        section=_text(raw.get("section")),
        lines=(lines[0], lines[1]) if isinstance(lines, list) and len(lines) == 2 else None,
        summary=_text(raw.get("summary")).strip(),
        changed=bool(raw.get("changed")),
        change_note=_text(raw.get("change_note")).strip(),
        conflicts=tuple(
            Conflict(_text(c.get("with")), _text(c.get("why")).strip(), _line(c))
            for c in _dicts(raw, "conflicts")
        ),
        line=_line(raw),
    )


def read_licence(raw: dict) -> Licence:
    """One licence of licences.yml (the checker has said what is wrong with it)."""
    upstream = raw.get("upstream") if isinstance(raw.get("upstream"), dict) else {}
    previous = raw.get("previous")
    return Licence(
        id=_text(raw.get("id")),
        name=_text(raw.get("name")),
        holder=_text(raw.get("holder")),
        date=_text(raw.get("date")),
        family=_text(raw.get("family")),
        previous=None if previous is None else str(previous),
        note=_text(raw.get("note")).strip(),
        upstream=Upstream(
            _text(upstream.get("url")),
            _text(upstream.get("commit")),
            _text(upstream.get("read")),
            _line(upstream),
        ),
        clauses=tuple(_clause(c) for c in _dicts(raw, "clauses") if c.get("id") is not None),
        line=_line(raw),
    )


def licences_as_written(raw: Any) -> list[dict]:
    """The licences of licences.yml as the file writes them (what a page's citation date reads)."""
    return _dicts(raw, "licences")


def read_licences(raw: Any) -> dict[str, Licence]:
    """Every licence of licences.yml with an id, by id, in the file's order."""
    return {
        str(entry["id"]): read_licence(entry)
        for entry in _dicts(raw, "licences")
        if entry.get("id") is not None
    }
