"""Bespoke model licences as typed, frozen objects: ``Licence`` with its ``Clause``s.

``docs/_data/licences.yml`` is read once per build (``Site``); the checker's
rules (``checker/rules/licences.py``) say what is wrong in it, naming the line.
The licence pages, the comparison grids and the model pages read these
objects; each keeps the line it was read from. A licence the checker refuses
(not a mapping, no id) is left out here: a build with one fails first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from mkdocs_debate.data.yaml_lines import line_of, mappings, text_of


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
    written: Mapping[str, Any] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )  # the mapping as the data file writes it: exports and citation dates read its keys

    @property
    def conflicting(self) -> int:
        """How many clauses run against a criterion."""
        return sum(1 for clause in self.clauses if clause.conflicts)

    def clause_with_key(self, key: str) -> Clause | None:
        """The clause on one subject (its key), or None."""
        return next((c for c in self.clauses if c.key == key), None)


def _clause(raw: dict) -> Clause:
    lines = raw.get("lines")
    return Clause(
        id=text_of(raw.get("id")),
        key=text_of(raw.get("key")),
        name=text_of(raw.get("name")),
        section=text_of(raw.get("section")),
        lines=(lines[0], lines[1]) if isinstance(lines, list) and len(lines) == 2 else None,
        summary=text_of(raw.get("summary")).strip(),
        changed=bool(raw.get("changed")),
        change_note=text_of(raw.get("change_note")).strip(),
        conflicts=tuple(
            Conflict(text_of(c.get("with")), text_of(c.get("why")).strip(), line_of(c))
            for c in mappings(raw, "conflicts")
        ),
        line=line_of(raw),
    )


def read_licence(raw: dict) -> Licence:
    """One licence of licences.yml (the checker has said what is wrong with it)."""
    upstream = raw.get("upstream") if isinstance(raw.get("upstream"), dict) else {}
    previous = raw.get("previous")
    return Licence(
        id=text_of(raw.get("id")),
        name=text_of(raw.get("name")),
        holder=text_of(raw.get("holder")),
        date=text_of(raw.get("date")),
        family=text_of(raw.get("family")),
        previous=None if previous is None else str(previous),
        note=text_of(raw.get("note")).strip(),
        upstream=Upstream(
            text_of(upstream.get("url")),
            text_of(upstream.get("commit")),
            text_of(upstream.get("read")),
            line_of(upstream),
        ),
        clauses=tuple(_clause(c) for c in mappings(raw, "clauses") if c.get("id") is not None),
        line=line_of(raw),
        written=raw,
    )


def read_licences(raw: Any) -> dict[str, Licence]:
    """Every licence of licences.yml with an id, by id, in the file's order."""
    return {
        str(entry["id"]): read_licence(entry)
        for entry in mappings(raw, "licences")
        if entry.get("id") is not None
    }
