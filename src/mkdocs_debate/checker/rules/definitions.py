"""The competing definitions' rules (definitions.yml): what each key holds, then the rules across keys.

What a key of a term, a definition, a criterion, a test or a published verdict
must hold is declared on the field it fills (``data/definitions.py``, read by
``data/schema.findings``). Here are the rules no single key can state: a term
is listed once, ids are unique, a definition with criteria has a short name, a
test lists values its field can hold, ``accepts`` goes with a test of weights
and the words behind it; and every page of docs/definitions/ names a term.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from mkdocs_debate.data.definitions import (
    CRITERION_FIELDS,
    SHORT_NAME_LIMIT,
    Definition,
    Term,
)
from mkdocs_debate.data.schema import findings
from mkdocs_debate.data.site import Site
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Finding, Problem
from mkdocs_debate.verdicts import DEFINITIONS_SECTION


def definitions_problems(site: Site) -> Iterator[Problem]:
    """Every problem of definitions.yml, each at the line of the key it is about."""
    if not os.path.exists(site.data_path("definitions.yml")):
        yield from _definition_stub_problems(site, set())
        return
    path = site.display_path("definitions.yml")
    terms = site.definitions.get("terms") if isinstance(site.definitions, dict) else None
    if not isinstance(terms, list):
        yield Problem(path, 1, "definitions.yml must have a list under 'terms'")
        return
    refs = {"terms": frozenset(site.terms), "models": frozenset(site.models_by_id)}
    seen_terms: set[str] = set()
    for entry in terms:
        if not isinstance(entry, LineDict):
            yield Problem(
                path, 1, f"a term entry must be a mapping with 'term' and 'definitions': {entry!r}"
            )
            continue
        term_id = str(entry.get("term", ""))
        declared = findings(Term, entry, f"term {term_id!r}", ident=term_id, refs=refs)
        yield from (Problem(path, line or entry.line, message) for line, message in declared)
        if term_id in seen_terms:
            yield Problem(
                path,
                entry.line_of("term"),
                f"term {term_id!r} is listed twice: merge its definitions",
            )
        seen_terms.add(term_id)
        definitions = entry.get("definitions")
        seen: set[str] = set()
        for definition in definitions if isinstance(definitions, list) else ():
            if not isinstance(definition, LineDict):
                yield Problem(
                    path,
                    entry.line_of("definitions"),
                    f"a definition must be a mapping: {definition!r}",
                )
                continue
            definition_id = str(definition.get("id", ""))
            if definition_id in seen:
                yield Problem(
                    path,
                    definition.line_of("id"),
                    f"duplicate definition id {definition_id!r} in term {term_id!r}",
                )
            seen.add(definition_id)
            subject = (
                f"definition {definition_id!r}" if definition_id else f"a definition of {term_id!r}"
            )
            declared = findings(
                Definition,
                definition,
                subject,
                owner=repr(definition_id),
                ident=definition_id,
                refs=refs,
            )
            yield from (
                Problem(path, line or definition.line, message) for line, message in declared
            )
            yield from (
                Problem(path, line, message)
                for line, message in definition_rules(definition, definition_id)
            )
    yield from _definition_stub_problems(site, seen_terms)


def definition_rules(definition: LineDict, definition_id: str) -> Iterator[Finding]:
    """A definition with criteria has a short name; its criteria's ids are unique, their tests sound."""
    short = definition.get("short")
    if definition.get("criteria") and (
        short is None or isinstance(short, str) and not short.strip()
    ):
        yield (
            definition.line_of("id"),
            (
                f"definition {definition_id!r} has criteria, so it needs a short name "
                f"(short: at most {SHORT_NAME_LIMIT} characters, the grid's column heading)"
            ),
        )
    criteria = definition.get("criteria")
    seen: set[str] = set()
    for criterion in criteria if isinstance(criteria, list) else ():
        if not isinstance(criterion, LineDict):
            continue  # said by the declaration (data.definitions.Definition.criteria)
        criterion_id = str(criterion.get("id", ""))
        if criterion_id in seen:
            yield (
                criterion.line_of("id"),
                f"duplicate criterion id {criterion_id!r} in definition {definition_id!r}",
            )
        seen.add(criterion_id)
        yield from _accepts_findings(criterion, criterion_id)
        yield from _test_findings(criterion)


def _test_findings(criterion: LineDict) -> Iterator[Finding]:
    """Each value a test lists as passing is one its field can hold."""
    test = criterion.get("test")
    field = test.get("field") if isinstance(test, LineDict) else None
    passing = test.get("in") if isinstance(test, LineDict) else None
    if not isinstance(field, str) or field not in CRITERION_FIELDS or not isinstance(passing, list):
        return  # said by the declaration (data.definitions.CriterionTest)
    allowed = CRITERION_FIELDS[field]
    for value in passing:
        if value not in allowed or isinstance(value, bool) != isinstance(next(iter(allowed)), bool):
            yield (
                test.line_of("in"),
                (
                    f"{value!r} cannot pass a test of {field}; allowed: "
                    + ", ".join(
                        sorted(str(v).lower() if isinstance(v, bool) else v for v in allowed)
                    )
                ),
            )


def _accepts_findings(criterion: LineDict, criterion_id: str) -> Iterator[Finding]:
    """accepts (the conditions, declared on Criterion.accepts) goes with a test of weights and
    with the definition's words that allow them; accepts_why with an accepts."""
    if "accepts" not in criterion:
        if "accepts_why" in criterion:
            yield (
                criterion.line_of("accepts_why"),
                f"accepts_why of criterion {criterion_id!r} explains an 'accepts' it does not have",
            )
        return
    test = criterion.get("test")
    if not isinstance(test, LineDict) or test.get("field") != "openness.weights":
        yield (
            criterion.line_of("accepts"),
            f"accepts of criterion {criterion_id!r} applies to a test of openness.weights only",
        )
    if not str(criterion.get("accepts_why") or "").strip():
        yield (
            criterion.line_of("accepts"),
            f"criterion {criterion_id!r} accepts conditions and needs 'accepts_why': "
            "the definition's words that allow them",
        )


def _definition_stub_problems(site: Site, terms: set[str]) -> Iterator[Problem]:
    """Every page of docs/definitions/ (but the index) is a term of definitions.yml (debate-export writes them)."""
    for page in sorted(site.pages.values(), key=lambda p: p.src):
        if page.section == DEFINITIONS_SECTION and not page.is_index and page.slug not in terms:
            yield Problem(
                page.path,
                1,
                f"{page.src!r} names no term of docs/_data/definitions.yml: "
                "delete it (with a redirect) or add the term's definitions",
            )
