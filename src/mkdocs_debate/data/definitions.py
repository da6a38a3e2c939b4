"""Competing definitions as typed, frozen objects: ``Definition`` with its ``Criterion``s.

``docs/_data/definitions.yml`` is read once per build (``Site``). What each key
of a term, a definition, a criterion or a published verdict must hold is
declared here, on the field it fills (``data/schema.py``): the checker reports
a broken key at its own line from these declarations
(``checker/rules/definitions.py`` adds the rules across fields and files), and
the same declarations read the file into these objects. Pages, verdicts and
exports read the objects: each keeps the line it was read from. A definition
the checker refuses (not a mapping, no id) is left out here: a build with one
fails on the checker's problem first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from mkdocs_debate.data.matrix import DIMENSIONS, WEIGHT_CONDITIONS
from mkdocs_debate.data.schema import build, spec
from mkdocs_debate.data.vocabulary import PARTIAL_DATE, SLUG, iso_date
from mkdocs_debate.data.yaml_lines import mappings, text_of
from mkdocs_debate.source import PLAIN_TEXT_MARKUP, caret_power

# What an authority may say of a model: it meets the definition or fails it.
AUTHORITY_VERDICTS = frozenset({"meets", "fails"})
# field path -> the values a criterion may list as passing ("unknown" never passes)
CRITERION_FIELDS: dict[str, frozenset] = {
    **{
        f"openness.{dimension}": frozenset({"open", "partial", "closed"})
        for dimension in DIMENSIONS
    },
    "osi_approved": frozenset({True, False}),
}
DEFINITION_KINDS = frozenset(
    {
        "standard",
        "law",
        "framework",
        "company-usage",
        "proposal",
        "seed-usage",
        "index",
        "intergovernmental",
    }
)
SHORT_NAME_LIMIT = 24  # a column heading of the "Is it open?" grid
NON_EMPTY = "{key} of {owner} must be non-empty text"
WHEN = 'when must be a quoted "YYYY", "YYYY-MM" or "YYYY-MM-DD": {value!r}'
SOURCE = "source of {owner} must be a mapping with a title (and an https url)"


def plain_text(value: Any) -> str:
    """Text that cannot become markup: no <, >, [ or ] (a name is a title, a tooltip, a link)."""
    if not isinstance(value, str):
        return NON_EMPTY
    if PLAIN_TEXT_MARKUP.search(value):
        return "{key} of {owner} must be plain text (no <, >, [ or ]): {value!r}"
    return ""


def plain_prose(value: Any) -> str:
    """Plain text, with powers written in superscript digits (10²⁵), not with a caret."""
    found = plain_text(value)
    power = "" if found else caret_power(value)
    if power:
        return "{key} of {owner} writes a power with a caret: " + _literal(power)
    return found


def short_name(value: Any) -> str:
    """A column heading: plain text of at most SHORT_NAME_LIMIT characters."""
    if (
        not isinstance(value, str)
        or len(value) > SHORT_NAME_LIMIT
        or PLAIN_TEXT_MARKUP.search(value)
    ):
        return (
            "{key} of {owner} must be plain text of at most "
            + str(SHORT_NAME_LIMIT)
            + " characters: {value!r}"
        )
    return ""


def quoted_partial_date(value: Any) -> str:
    """A year, a month or a day, quoted (YAML would read an unquoted day as a date, a year as a number)."""
    if (
        not isinstance(value, str)
        or not PARTIAL_DATE.match(value)
        or (len(value) == 10 and iso_date(value) is None)
    ):
        return WHEN
    return ""


def _literal(text: str) -> str:
    """Text put into a message template as it is."""
    return text.replace("{", "{{").replace("}", "}}")


def _field(default: Any = None, **options: Any) -> Any:
    """A field with its declared rule (schema.spec)."""
    return dataclasses.field(default=default, metadata=spec(**options))


@dataclasses.dataclass(frozen=True)
class SourceRef:
    """Where a definition is written: the document, the section, its address."""

    title: str = _field("", required=True, missing=SOURCE.replace("{owner}", "{row}"))
    section: str = _field("")
    url: str = _field("", kind="https")
    line: int = 0


@dataclasses.dataclass(frozen=True)
class CriterionTest:
    """What a criterion tests: a field of a matrix row and the values that pass."""

    # a field path of a matrix row: openness.<dimension>, osi_approved
    field: str = _field("", required=True, choices=tuple(CRITERION_FIELDS))
    passing: tuple[Any, ...] = _field(  # the values that pass ("unknown" never does)
        (),
        kind="list",
        key="in",
        required=True,
        nonempty=True,
        message="'in' of {owner} must list the values that pass",
        missing="'in' of {owner} must list the values that pass",
    )
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Criterion:
    """One thing a definition requires, as a test of one matrix field."""

    id: str = _field(
        "", required=True, pattern=SLUG, message="criterion id must be kebab-case: {value!r}"
    )
    text: str = _field("", required=True, check=plain_text, missing=NON_EMPTY)
    test: CriterionTest = _field(
        CriterionTest(),
        kind="mapping",
        of=CriterionTest,
        required=True,
        message="{owner} needs a test: {{field: ..., in: [...]}}",
        missing="{owner} needs a test: {{field: ..., in: [...]}}",
    )
    # how the test falls short of the definition's words, if it does
    approximates: str = _field("", check=plain_text, strip=True)
    # weights conditions (matrix.WEIGHT_CONDITIONS) under which a `partial` weights cell passes,
    # and the definition's words that allow them
    accepts: tuple[str, ...] = _field(
        (),
        kind="choices",
        choices=tuple(WEIGHT_CONDITIONS),
        nonempty=True,
        message="accepts of {owner} must list weights conditions ({choices}): {value!r}",
    )
    accepts_why: str = _field("", check=plain_text, strip=True)
    line: int = 0

    @property
    def field(self) -> str:
        """The field path of a matrix row it tests."""
        return self.test.field

    @property
    def passing(self) -> tuple[Any, ...]:
        """The values of that field that pass."""
        return self.test.passing


@dataclasses.dataclass(frozen=True)
class PublishedVerdict:
    """A verdict the definition's authority published on a model."""

    model: str = _field(
        "",
        required=True,
        ref="models",
        message="{subject} names unknown model {value!r} (docs/_data/models.yml)",
        missing="{subject} names unknown model {value!r} (docs/_data/models.yml)",
    )
    verdict: str = _field(
        "",
        required=True,
        choices=tuple(sorted(AUTHORITY_VERDICTS)),
        message="{subject} must be one of {choices}: {value!r}",
    )
    source: str = _field("", kind="https", required=True)
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Definition:
    """One definition of a contested term, as its authority wrote it."""

    term: str
    id: str = _field(
        "", required=True, pattern=SLUG, message="definition id must be kebab-case: {value!r}"
    )
    name: str = _field("", required=True, check=plain_prose, missing=NON_EMPTY)
    short: str = _field("", check=short_name)  # the grid's column label
    who: str = _field("", required=True, check=plain_prose, missing=NON_EMPTY)
    # a partial date: YYYY, YYYY-MM or YYYY-MM-DD
    when: str = _field("", required=True, check=quoted_partial_date, message=WHEN, missing=WHEN)
    kind: str = _field(
        "",
        required=True,
        choices=tuple(sorted(DEFINITION_KINDS)),
        message="kind must be one of {choices}: {value!r}",
        missing="kind must be one of {choices}: {value!r}",
    )
    summary: str = _field("", required=True, check=plain_prose, missing=NON_EMPTY)
    source: SourceRef = _field(
        SourceRef(), kind="mapping", of=SourceRef, required=True, message=SOURCE, missing=SOURCE
    )
    criteria: tuple[Criterion, ...] = _field(
        (),
        kind="list",
        of=Criterion,
        named_by="id",
        subject="criterion {name!r}",
        message="criteria of {owner} must be a list ([] if none)",
    )
    published_verdicts: tuple[PublishedVerdict, ...] = _field(
        (), kind="list", of=PublishedVerdict, subject="published verdict of {owner}"
    )
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


@dataclasses.dataclass(frozen=True)
class Term:
    """A contested term of the glossary and its competing definitions (checked one by one)."""

    term: str = _field(
        "",
        required=True,
        ref="terms",
        message="term must be a glossary id (docs/_data/glossary.yml): {value!r}",
        missing="term must be a glossary id (docs/_data/glossary.yml): {value!r}",
    )
    definitions: tuple[Any, ...] = _field(
        (),
        kind="list",
        required=True,
        nonempty=True,
        message="term {ident!r} needs a non-empty list of definitions",
        missing="term {ident!r} needs a non-empty list of definitions",
    )
    line: int = 0


def read_definition(term: str, raw: dict) -> Definition:
    """One definition of definitions.yml (the checker has said what is wrong with it)."""
    return build(Definition, raw, term=term, written=raw)


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
