"""Verdicts: does a model meet a definition? Computed from the matrix, never typed by hand.

A definition in ``docs/_data/definitions.yml`` lists criteria; each tests one
field of a model row of ``docs/_data/models.yml`` (``field``: a path such as
``openness.weights``; ``in``: the values that pass). For every model and every
definition with criteria the verdict is

- **fails** when a criterion fails (the model's value is known and not in ``in``);
- **cannot tell** when none fails but a tested value is ``unknown`` or missing;
- **meets** when every criterion passes.

A verdict keeps each criterion's outcome with the cell it read (value, note,
source), so pages and exports can name the failing (or unknown) criteria and
link their evidence. Where the authority behind a definition published its own
verdict on a model (``published_verdicts``), it stands beside ours and is
flagged when the two disagree.

Pure: reads a loaded Site, renders nothing (the usage layer).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from mkdocs_debate.data.definitions import (  # noqa: F401 (the definitions' vocabulary, read from here)
    AUTHORITY_VERDICTS,
    CRITERION_FIELDS,
    Criterion,
    Definition,
    PublishedVerdict,
)
from mkdocs_debate.data.matrix import Model
from mkdocs_debate.data.site import DIMENSIONS, Site, site_index

MEETS, FAILS, CANNOT_TELL = "meets", "fails", "cannot-tell"  # MEETS and FAILS: AUTHORITY_VERDICTS
PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"
DEFINITIONS_SECTION = "definitions"  # docs/definitions/<term>.md: a page per contested term
VERDICTS_PAGE = "is-it-open.md"  # the verdict grid of every term


def definition_anchor(term_id: str, definition_id: str) -> str:
    """The permanent anchor of a definition on the glossary page: ``<term>--<definition>``."""
    return f"{term_id}--{definition_id}"


def verdict_anchor(term_id: str, definition_id: str, model_id: str) -> str:
    """The permanent anchor of one verdict on the "Is it open?" page: ``v-<term>--<definition>--<model>``.

    A definition's id is unique within its term only (OSAID defines two terms), so the
    definition is named by its glossary anchor ``<term>--<definition>``.
    """
    return f"v-{definition_anchor(term_id, definition_id)}--{model_id}"


def evidence_anchor(field: str) -> str:
    """Where a model's page shows the cell a criterion reads: ``cell-<dimension>``, or its licence."""
    group, _, name = field.partition(".")
    return f"cell-{name.replace('_', '-')}" if group == "openness" else "licence"


def term_page(term_id: str) -> str:
    """Source path of a contested term's page."""
    return f"{DEFINITIONS_SECTION}/{term_id}.md"


@dataclasses.dataclass(frozen=True)
class Check:
    """One criterion applied to one model: the cell it read and the outcome."""

    criterion: Criterion
    field: str
    value: Any  # the model's value; "unknown" when the cell says so or is missing
    result: str  # PASS, FAIL or UNKNOWN
    note: str
    source: str

    @property
    def criterion_id(self) -> str:
        return self.criterion.id


@dataclasses.dataclass(frozen=True)
class Flip:
    """One cell change that a verdict short of "meets" needs: the field, from which value to which."""

    criteria: tuple[str, ...]  # the criteria the change satisfies
    field: str
    before: Any
    after: Any

    def as_dict(self) -> dict:
        """The export's form: {criterion, field, from, to}."""
        return {
            "criterion": ", ".join(self.criteria),
            "field": self.field,
            "from": self.before,
            "to": self.after,
        }


# The values a field can take, least open first: a flip takes the first that passes.
FLIP_ORDER: dict[str, tuple] = {
    **{f"openness.{dimension}": ("closed", "partial", "open") for dimension in DIMENSIONS},
    "osi_approved": (False, True),
}


@dataclasses.dataclass(frozen=True)
class Verdict:
    """Our verdict on one model under one definition, with the authority's if it published one."""

    term: str
    definition: Definition
    model: Model
    outcome: str  # MEETS, FAILS or CANNOT_TELL
    checks: tuple[Check, ...]
    authority: PublishedVerdict | None  # the authority's published verdict, if any

    @property
    def model_id(self) -> str:
        return self.model.id

    @property
    def definition_id(self) -> str:
        return self.definition.id

    @property
    def failing(self) -> list[Check]:
        return [c for c in self.checks if c.result == FAIL]

    @property
    def unknown(self) -> list[Check]:
        return [c for c in self.checks if c.result == UNKNOWN]

    @property
    def deciding(self) -> list[Check]:
        """The criteria the verdict rests on: the failing ones, else the unknown ones."""
        return (
            self.failing
            if self.outcome == FAILS
            else self.unknown
            if self.outcome == CANNOT_TELL
            else []
        )

    @property
    def to_flip(self) -> list[Flip]:
        """The smallest set of cell changes that would make the model meet the definition.

        Each criterion that does not pass (failing or unknown) tests one field, and that field
        must change for each of them; where several criteria test one field, the new value must pass them all. A
        field takes the least open value that passes (``partial`` where ``partial`` will do),
        so the list is what it would take at the least, never more. Empty for a verdict that meets.
        """
        if self.outcome == MEETS:
            return []
        flips: list[Flip] = []
        for field in dict.fromkeys(c.field for c in self.checks if c.result != PASS):
            tests = [c for c in self.checks if c.field == field]
            passing = [
                v for v in FLIP_ORDER.get(field, ()) if all(v in c.criterion.passing for c in tests)
            ]
            if passing:
                flips.append(
                    Flip(
                        tuple(c.criterion_id for c in tests if c.result != PASS),
                        field,
                        tests[0].value,
                        passing[0],
                    )
                )
        return flips

    @property
    def disagrees(self) -> bool:
        """True when the authority published a verdict and ours is the opposite."""
        return (
            self.authority is not None
            and self.outcome in AUTHORITY_VERDICTS
            and self.authority.verdict != self.outcome
        )


def check(model: Model, criterion: Criterion) -> Check:
    """Apply one criterion to one model: the cell or fact its field names ('unknown' when missing)."""
    found = model.field(criterion.field)
    value = UNKNOWN if found is None or found.value is None else found.value
    result = UNKNOWN if value == UNKNOWN else PASS if value in criterion.passing else FAIL
    if result == FAIL and accepted(criterion, found):
        result = PASS
    note = getattr(found, "note", "")  # a cell has a note, a fact does not
    return Check(criterion, criterion.field, value, result, note, found.source if found else "")


def accepted(criterion: Criterion, found: Any) -> bool:
    """A partial weights cell whose every condition is one the criterion's definition allows."""
    conditions = getattr(found, "conditions", frozenset())
    return (
        bool(criterion.accepts)
        and getattr(found, "value", None) == "partial"
        and bool(conditions)
        and conditions <= set(criterion.accepts)
    )


def judge(term_id: str, definition: Definition, model: Model) -> Verdict:
    """Our verdict on a model under a definition with criteria."""
    checks = tuple(check(model, c) for c in definition.criteria)
    results = {c.result for c in checks}
    outcome = FAILS if FAIL in results else CANNOT_TELL if UNKNOWN in results else MEETS
    authority = next((v for v in definition.published_verdicts if v.model == model.id), None)
    return Verdict(term_id, definition, model, outcome, checks, authority)


def has_criteria(definition: Definition) -> bool:
    """Whether a definition has criteria the matrix can test."""
    return definition.testable


def models_of(site: Site) -> list[Model]:
    """The model rows of the matrix, in the data file's order."""
    return list(site.matrix)


def term_verdicts(site: Site, term_id: str) -> list[tuple[Definition, list[Verdict]]]:
    """(definition, verdict for every model) for each testable definition of a term."""
    return verdicts_by_term(site).get(term_id, [])


@site_index
def verdicts_by_term(site: Site) -> dict[str, list[tuple[Definition, list[Verdict]]]]:
    """Term id -> (definition, verdict for every model) for each of its testable definitions."""
    models = models_of(site)
    return {
        term_id: [
            (d, [judge(term_id, d, m) for m in models]) for d in definitions if has_criteria(d)
        ]
        for term_id, definitions in site.term_definitions.items()
    }


def all_verdicts(site: Site) -> list[Verdict]:
    """Every model under every testable definition of every term, in the data files' order."""
    return [
        v
        for term_id in site.term_definitions
        for _definition, verdicts in term_verdicts(site, term_id)
        for v in verdicts
    ]
