"""Competing definitions as typed, frozen objects: ``Definition`` with its ``Criterion``s.

``docs/_data/definitions.yml`` is read once per build (``Site``); the checker's
rules (``checker/rules/definitions.py``) say what is wrong in it, naming the
line. Pages, verdicts and exports read these objects: each keeps the line it
was read from. A definition the checker refuses (not a mapping, no id) is left
out here: a build with one fails on the checker's problem first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from mkdocs_debate.data.yaml_lines import line_of, mappings, text_of


@dataclasses.dataclass(frozen=True)
class SourceRef:
    """Where a definition is written: the document, the section, its address."""

    title: str = ""
    section: str = ""
    url: str = ""
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Criterion:
    """One thing a definition requires, as a test of one matrix field."""

    id: str
    text: str = ""
    field: str = ""  # a field path of a matrix row: openness.<dimension>, osi_approved
    passing: tuple[Any, ...] = ()  # the values that pass ("unknown" never does)
    approximates: str = ""  # how the test falls short of the definition's words, if it does
    # weights conditions (matrix.WEIGHT_CONDITIONS) under which a `partial` weights cell passes,
    # and the definition's words that allow them
    accepts: tuple[str, ...] = ()
    accepts_why: str = ""
    line: int = 0


@dataclasses.dataclass(frozen=True)
class PublishedVerdict:
    """A verdict the definition's authority published on a model."""

    model: str
    verdict: str
    source: str = ""
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Definition:
    """One definition of a contested term, as its authority wrote it."""

    term: str
    id: str
    name: str = ""
    short: str = ""  # the grid's column label
    who: str = ""
    when: str = ""  # a partial date: YYYY, YYYY-MM or YYYY-MM-DD
    kind: str = ""
    summary: str = ""
    source: SourceRef = SourceRef()
    criteria: tuple[Criterion, ...] = ()
    published_verdicts: tuple[PublishedVerdict, ...] = ()
    line: int = 0
    written: Mapping[str, Any] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )  # the mapping as the data file writes it: exports and citation dates read its keys

    @property
    def testable(self) -> bool:
        """Whether the matrix can test it: it has criteria."""
        return bool(self.criteria)

    @property
    def label(self) -> str:
        """Its short name where space is short, else its name."""
        return self.short or self.name


def _criterion(raw: dict) -> Criterion:
    test = raw.get("test") if isinstance(raw.get("test"), dict) else {}
    passing = test.get("in")
    return Criterion(
        text_of(raw.get("id")),
        text_of(raw.get("text")),
        text_of(test.get("field")),
        tuple(passing) if isinstance(passing, list) else (),
        text_of(raw.get("approximates")).strip(),
        tuple(str(c) for c in raw.get("accepts") or () if isinstance(c, str))
        if isinstance(raw.get("accepts"), list)
        else (),
        text_of(raw.get("accepts_why")).strip(),
        line_of(raw),
    )


def read_definition(term: str, raw: dict) -> Definition:
    """One definition of definitions.yml (the checker has said what is wrong with it)."""
    source = raw.get("source") if isinstance(raw.get("source"), dict) else {}
    return Definition(
        term=term,
        id=text_of(raw.get("id")),
        name=text_of(raw.get("name")),
        short=text_of(raw.get("short")),
        who=text_of(raw.get("who")),
        when=text_of(raw.get("when")),
        kind=text_of(raw.get("kind")),
        summary=text_of(raw.get("summary")),
        source=SourceRef(
            text_of(source.get("title")),
            text_of(source.get("section")),
            text_of(source.get("url")),
            line_of(source),
        ),
        criteria=tuple(_criterion(c) for c in mappings(raw, "criteria")),
        published_verdicts=tuple(
            PublishedVerdict(
                text_of(v.get("model")),
                text_of(v.get("verdict")),
                text_of(v.get("source")),
                line_of(v),
            )
            for v in mappings(raw, "published_verdicts")
        ),
        line=line_of(raw),
        written=raw,
    )


def read_definitions(raw: Any) -> dict[str, list[Definition]]:
    """Glossary id -> its competing definitions, in the file's order."""
    found: dict[str, list[Definition]] = {}
    for entry in mappings(raw, "terms"):
        term = text_of(entry.get("term"))
        found.setdefault(term, []).extend(
            read_definition(term, d)
            for d in mappings(entry, "definitions")
            if d.get("id") is not None
        )
    return found
