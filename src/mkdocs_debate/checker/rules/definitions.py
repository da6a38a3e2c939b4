"""The competing definitions' rules (definitions.yml) and their stub pages."""

from __future__ import annotations

import os
from collections.abc import Iterator

from mkdocs_debate.data.matrix import WEIGHT_CONDITIONS
from mkdocs_debate.data.site import SLUG, Site, iso_date
from mkdocs_debate.data.vocabulary import PARTIAL_DATE
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Problem
from mkdocs_debate.source import PLAIN_TEXT_MARKUP, caret_power
from mkdocs_debate.verdicts import (
    AUTHORITY_VERDICTS,
    CRITERION_FIELDS,
    DEFINITION_KINDS,
    DEFINITIONS_SECTION,
)

DEFINITION_FIELDS = frozenset(
    {
        "id",
        "name",
        "short",
        "who",
        "when",
        "kind",
        "summary",
        "source",
        "criteria",
        "published_verdicts",
    }
)
SHORT_NAME_LIMIT = 24  # a column heading of the "Is it open?" grid
DEFINITION_TEXT_FIELDS = ("name", "who", "summary")
DEFINITION_SOURCE_FIELDS = frozenset({"title", "url", "section"})
CRITERION_KEYS = frozenset({"id", "text", "test", "approximates", "accepts", "accepts_why"})


def definitions_problems(site: Site) -> Iterator[Problem]:
    """Competing definitions: known terms, unique ids, dates, kinds, https sources, testable criteria, real models."""
    if not os.path.exists(site.data_path("definitions.yml")):
        yield from _definition_stub_problems(site, set())
        return
    path = site.display_path("definitions.yml")
    terms = site.definitions.get("terms") if isinstance(site.definitions, dict) else None
    if not isinstance(terms, list):
        yield Problem(path, 1, "definitions.yml must have a list under 'terms'")
        return
    model_ids = (
        {str(m.get("id")) for m in (site.models.get("models") or []) if isinstance(m, dict)}
        if isinstance(site.models, dict)
        else set()
    )
    seen_terms: set[str] = set()
    for entry in terms:
        if not isinstance(entry, LineDict):
            yield Problem(
                path, 1, f"a term entry must be a mapping with 'term' and 'definitions': {entry!r}"
            )
            continue
        term_id = str(entry.get("term", ""))
        if term_id not in site.terms:
            yield Problem(
                path,
                entry.line_of("term"),
                f"term must be a glossary id (docs/_data/glossary.yml): {term_id!r}",
            )
        if term_id in seen_terms:
            yield Problem(
                path,
                entry.line_of("term"),
                f"term {term_id!r} is listed twice: merge its definitions",
            )
        seen_terms.add(term_id)
        definitions = entry.get("definitions")
        if not isinstance(definitions, list) or not definitions:
            yield Problem(
                path,
                entry.line_of("definitions"),
                f"term {term_id!r} needs a non-empty list of definitions",
            )
            continue
        seen: set[str] = set()
        for definition in definitions:
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
            for line, message in _definition_findings(definition, model_ids):
                yield Problem(path, line, message)
    yield from _definition_stub_problems(site, seen_terms)


def _definition_findings(definition: LineDict, model_ids: set[str]) -> Iterator[tuple[int, str]]:
    """One definition: required fields, date, kind, source, criteria, published verdicts."""
    definition_id = str(definition.get("id", ""))
    if not SLUG.match(definition_id):
        yield definition.line_of("id"), f"definition id must be kebab-case: {definition_id!r}"
    for field in definition:
        if field not in DEFINITION_FIELDS:
            yield (
                definition.line_of(field),
                (
                    f"unknown field {field!r} in definition {definition_id!r}; allowed: "
                    + ", ".join(sorted(DEFINITION_FIELDS))
                ),
            )
    for field in DEFINITION_TEXT_FIELDS:
        value = definition.get(field)
        if not isinstance(value, str) or not value.strip():
            yield definition.line_of(field), f"{field} of {definition_id!r} must be non-empty text"
        elif PLAIN_TEXT_MARKUP.search(value):
            yield (
                definition.line_of(field),
                f"{field} of {definition_id!r} must be plain text (no <, >, [ or ]): {value!r}",
            )
        elif caret_power(value):
            yield (
                definition.line_of(field),
                f"{field} of {definition_id!r} writes a power with a caret: {caret_power(value)}",
            )
    short = definition.get("short")
    if definition.get("criteria") and (not isinstance(short, str) or not short.strip()):
        yield (
            definition.line_of("id"),
            (
                f"definition {definition_id!r} has criteria, so it needs a short name "
                f"(short: at most {SHORT_NAME_LIMIT} characters, the grid's column heading)"
            ),
        )
    elif isinstance(short, str) and (
        len(short) > SHORT_NAME_LIMIT or PLAIN_TEXT_MARKUP.search(short)
    ):
        yield (
            definition.line_of("short"),
            (
                f"short of {definition_id!r} must be plain text of at most "
                f"{SHORT_NAME_LIMIT} characters: {short!r}"
            ),
        )
    when = definition.get("when")
    if (
        not isinstance(when, str)
        or not PARTIAL_DATE.match(when)
        or (len(when) == 10 and iso_date(when) is None)
    ):
        yield (
            definition.line_of("when"),
            f'when must be a quoted "YYYY", "YYYY-MM" or "YYYY-MM-DD": {when!r}',
        )
    if definition.get("kind") not in DEFINITION_KINDS:
        yield (
            definition.line_of("kind"),
            (
                "kind must be one of "
                + ", ".join(sorted(DEFINITION_KINDS))
                + f": {definition.get('kind')!r}"
            ),
        )
    source = definition.get("source")
    if not isinstance(source, LineDict) or not str(source.get("title", "")).strip():
        yield (
            definition.line_of("source"),
            f"source of {definition_id!r} must be a mapping with a title (and an https url)",
        )
    else:
        url = source.get("url")
        if url is not None and not (isinstance(url, str) and url.startswith("https://")):
            yield source.line_of("url"), f"source url must start with https://: {url!r}"
        for field in source:
            if field not in DEFINITION_SOURCE_FIELDS:
                yield (
                    source.line_of(field),
                    (
                        f"unknown source field {field!r}; allowed: "
                        + ", ".join(sorted(DEFINITION_SOURCE_FIELDS))
                    ),
                )
    criteria = definition.get("criteria", [])
    if not isinstance(criteria, list):
        yield (
            definition.line_of("criteria"),
            f"criteria of {definition_id!r} must be a list ([] if none)",
        )
        criteria = []
    seen: set[str] = set()
    for criterion in criteria:
        if not isinstance(criterion, LineDict):
            yield (
                definition.line_of("criteria"),
                f"a criterion must be a mapping with id, text and test: {criterion!r}",
            )
            continue
        yield from _criterion_findings(criterion, definition_id, seen)
    for verdict in definition.get("published_verdicts") or []:
        if not isinstance(verdict, LineDict):
            yield (
                definition.line_of("published_verdicts"),
                f"a published verdict must be a mapping: {verdict!r}",
            )
            continue
        if str(verdict.get("model")) not in model_ids:
            yield (
                verdict.line_of("model"),
                (
                    f"published verdict of {definition_id!r} names unknown model "
                    f"{verdict.get('model')!r} (docs/_data/models.yml)"
                ),
            )
        if verdict.get("verdict") not in AUTHORITY_VERDICTS:
            yield (
                verdict.line_of("verdict"),
                (
                    "verdict must be one of "
                    + ", ".join(sorted(AUTHORITY_VERDICTS))
                    + f": {verdict.get('verdict')!r}"
                ),
            )
        if not str(verdict.get("source", "")).startswith("https://"):
            yield (
                verdict.line_of("source"),
                f"published verdict source must start with https://: {verdict.get('source')!r}",
            )


def _criterion_findings(
    criterion: LineDict, definition_id: str, seen: set[str]
) -> Iterator[tuple[int, str]]:
    """One criterion: a unique kebab id, plain text, a test of a known field with valid passing values."""
    criterion_id = str(criterion.get("id", ""))
    if not SLUG.match(criterion_id):
        yield criterion.line_of("id"), f"criterion id must be kebab-case: {criterion_id!r}"
    if criterion_id in seen:
        yield (
            criterion.line_of("id"),
            f"duplicate criterion id {criterion_id!r} in definition {definition_id!r}",
        )
    seen.add(criterion_id)
    for field in criterion:
        if field not in CRITERION_KEYS:
            yield (
                criterion.line_of(field),
                (
                    f"unknown field {field!r} in criterion {criterion_id!r}; allowed: "
                    + ", ".join(sorted(CRITERION_KEYS))
                ),
            )
    yield from _accepts_findings(criterion, criterion_id)
    for field in ("text", "approximates", "accepts_why"):
        value = criterion.get(field)
        if field == "text" and (not isinstance(value, str) or not value.strip()):
            yield (
                criterion.line_of(field),
                f"text of criterion {criterion_id!r} must be non-empty text",
            )
        elif isinstance(value, str) and PLAIN_TEXT_MARKUP.search(value):
            yield (
                criterion.line_of(field),
                f"{field} of criterion {criterion_id!r} must be plain text (no <, >, [ or ]): {value!r}",
            )
    test = criterion.get("test")
    if not isinstance(test, LineDict):
        yield (
            criterion.line_of("test"),
            f"criterion {criterion_id!r} needs a test: {{field: ..., in: [...]}}",
        )
        return
    field = test.get("field")
    if field not in CRITERION_FIELDS:
        yield (
            test.line_of("field"),
            ("test field must be one of " + ", ".join(CRITERION_FIELDS) + f": {field!r}"),
        )
        return
    passing = test.get("in")
    if not isinstance(passing, list) or not passing:
        yield (
            test.line_of("in"),
            f"test 'in' of criterion {criterion_id!r} must list the values that pass",
        )
        return
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


def _accepts_findings(criterion: LineDict, criterion_id: str) -> Iterator[tuple[int, str]]:
    """accepts: weights conditions that still pass, on a test of weights, with the words behind them."""
    if "accepts" not in criterion:
        if "accepts_why" in criterion:
            yield (
                criterion.line_of("accepts_why"),
                f"accepts_why of criterion {criterion_id!r} explains an 'accepts' it does not have",
            )
        return
    accepts = criterion["accepts"]
    test = criterion.get("test")
    if not isinstance(test, LineDict) or test.get("field") != "openness.weights":
        yield (
            criterion.line_of("accepts"),
            f"accepts of criterion {criterion_id!r} applies to a test of openness.weights only",
        )
    if (
        not isinstance(accepts, list)
        or not accepts
        or any(c not in WEIGHT_CONDITIONS for c in accepts)
    ):
        yield (
            criterion.line_of("accepts"),
            (
                f"accepts of criterion {criterion_id!r} must list weights conditions ("
                + ", ".join(WEIGHT_CONDITIONS)
                + f"): {accepts!r}"
            ),
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
