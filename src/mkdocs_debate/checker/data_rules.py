"""Rules across pages and on the data files: each yields Problems naming their file."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator

from mkdocs_debate.blocks.timeline import THEMES
from mkdocs_debate.checker.fields import MAX_SHORT_DEFINITION, source_findings
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import CELL_VALUES, DIMENSIONS, SLUG, Site, iso_date
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Problem
from mkdocs_debate.safety import violations
from mkdocs_debate.source import PLAIN_TEXT_MARKUP
from mkdocs_debate.verdicts import AUTHORITY_VERDICTS, CRITERION_FIELDS, DEFINITION_KINDS, DEFINITIONS_SECTION


def site_problems(site: Site) -> Iterator[Problem]:
    """Slugs and titles are unique across essays, summaries and claims."""
    seen_slugs: dict[str, Page] = {}
    seen_titles: dict[str, Page] = {}
    for page in sorted(site.pages.values(), key=lambda p: p.src):
        if not (page.is_content or page.is_claim):
            continue
        other = seen_slugs.setdefault(page.slug, page)
        if other is not page and page.section != other.section and not page.is_claim:
            yield Problem(page.path, 1, f"slug {page.slug!r} is already used by {other.path}")
        title = str(page.meta.get("title", "")).strip().lower()
        if title:
            other = seen_titles.setdefault(title, page)
            if other is not page:
                yield Problem(page.path, page.meta.line_of("title"), (
                    f"title {page.meta['title']!r} is already used by {other.path}"))


def glossary_problems(site: Site) -> Iterator[Problem]:
    """Glossary entries: unique ids and names, short ≤ 200 chars, related ids exist, https sources."""
    path = site.display_path("glossary.yml")
    entries = site.glossary
    if not isinstance(entries, list):
        yield Problem(path, 1, "the glossary must be a list of entries")
        return
    ids = {str(e.get("id")) for e in entries if isinstance(e, dict)}
    names: dict[str, str] = {}
    for entry in entries:
        if not isinstance(entry, LineDict):
            yield Problem(path, 1, f"a glossary entry must be a mapping: {entry!r}")
            continue
        for field in ("id", "term", "short", "definition", "sources"):
            if not entry.get(field) or (isinstance(entry.get(field), str) and not entry[field].strip()):
                yield Problem(path, entry.line, f"glossary entry is missing {field!r}")
        aliases = entry.get("aliases")
        if aliases is not None and not (isinstance(aliases, list) and all(isinstance(a, str) and a.strip() for a in aliases)):
            yield Problem(path, entry.line_of("aliases"), f"aliases of {entry.get('id')!r} must be a list of names, "
                                                          f"e.g. [open-weight model, open-weight models]: {aliases!r}")
        for field in ("term", "short"):
            if isinstance(entry.get(field), str) and PLAIN_TEXT_MARKUP.search(entry[field]):
                yield Problem(path, entry.line_of(field), f"{field} of {entry.get('id')!r} must be plain text "
                                                          f"(no <, >, [ or ]): {entry[field]!r}")
        term_id = str(entry.get("id", ""))
        if term_id and not SLUG.match(term_id):
            yield Problem(path, entry.line_of("id"), f"term id must be kebab-case: {term_id!r}")
        if len(str(entry.get("short", ""))) > MAX_SHORT_DEFINITION:
            yield Problem(path, entry.line_of("short"), (
                f"short definition of {term_id!r} must be at most {MAX_SHORT_DEFINITION} characters "
                f"(it has {len(str(entry['short']))})"))
        for name in [entry.get("term", ""), *(aliases if isinstance(aliases, list) else [])]:
            key = str(name).strip().lower()
            if key in names and names[key] != term_id:
                yield Problem(path, entry.line_of("aliases"), (
                    f"name {name!r} of {term_id!r} is already used by {names[key]!r}"))
            names[key] = term_id
        for related in entry.get("related") or []:
            if related == term_id:
                yield Problem(path, entry.line_of("related"), f"term {term_id!r} must not be related to itself")
            elif related not in ids:
                yield Problem(path, entry.line_of("related"), f"related term {related!r} of {term_id!r} does not exist")
        for source in entry.get("sources") or []:
            for line, message in source_findings(source, entry.line_of("sources")):
                yield Problem(path, line, message)
    seen: set[str] = set()
    for entry in entries:
        if isinstance(entry, LineDict):
            term_id = str(entry.get("id"))
            if term_id in seen:
                yield Problem(path, entry.line_of("id"), f"duplicate term id {term_id!r}")
            seen.add(term_id)


def models_problems(site: Site) -> Iterator[Problem]:
    """Models: unique ids, known dimensions and values, an https source for every known cell."""
    if not os.path.exists(site.data_path("models.yml")):
        return  # a site without an openness matrix
    path = site.display_path("models.yml")
    models = site.models.get("models") if isinstance(site.models, dict) else None
    if not isinstance(models, list):
        yield Problem(path, 1, "models.yml must have a list under 'models'")
        return
    seen: set[str] = set()
    for model in models:
        if not isinstance(model, LineDict):
            yield Problem(path, 1, f"a model must be a mapping: {model!r}")
            continue
        model_id = str(model.get("id", ""))
        if not SLUG.match(model_id):
            yield Problem(path, model.line_of("id"), f"model id must be kebab-case: {model_id!r}")
        if model_id in seen:
            yield Problem(path, model.line_of("id"), f"duplicate model {model_id!r}")
        seen.add(model_id)
        for field in ("name", "organisation", "released", "licence", "osi_approved", "openness"):
            if field not in model:
                yield Problem(path, model.line, f"model {model_id!r} is missing {field!r}")
        cells = model.get("openness") if isinstance(model.get("openness"), dict) else {}
        if "checked" not in model and any(isinstance(c, dict) and "checked" in c for c in cells.values()):
            # A row whose cells all rest on research notes has no checked date (models.md, issue 15).
            yield Problem(path, model.line, f"model {model_id!r} is missing 'checked' (its latest cell's checked date)")
        for field in ("organisation", "released", "licence", "osi_approved"):
            fact = model.get(field)
            if field in model and not (isinstance(fact, LineDict) and "value" in fact
                                       and str(fact.get("source", "")).startswith("https://")):
                yield Problem(path, model.line_of(field), (
                    f"{field} of {model_id!r} needs a value and an https source"))
        if "checked" in model and iso_date(model["checked"]) is None:
            yield Problem(path, model.line_of("checked"), f"checked must be an ISO date (YYYY-MM-DD): {model['checked']!r}")
        openness = model.get("openness")
        if not isinstance(openness, LineDict):
            continue
        for dimension in openness:
            if dimension not in DIMENSIONS:
                yield Problem(path, openness.line_of(dimension), (
                    f"unknown dimension {dimension!r} in {model_id!r}; known: " + ", ".join(DIMENSIONS)))
        for dimension in DIMENSIONS:
            cell = openness.get(dimension)
            if not isinstance(cell, LineDict):
                yield Problem(path, openness.line, f"model {model_id!r} is missing dimension {dimension!r}")
                continue
            value = cell.get("value")
            if value not in CELL_VALUES:
                yield Problem(path, cell.line_of("value"), (
                    f"value of {model_id}.{dimension} must be one of "
                    + ", ".join(sorted(CELL_VALUES)) + f": {value!r}"))
            elif value != "unknown" and not str(cell.get("source", "")).startswith("https://"):
                yield Problem(path, cell.line, (f"{model_id}.{dimension} is {value!r} and needs an https "
                                        "source (or the value 'unknown')"))
            elif value == "unknown" and not str(cell.get("note", "")).strip():
                yield Problem(path, cell.line, f"{model_id}.{dimension} is 'unknown' and needs a note saying what was looked for")
            if dimension == "weights" and cell.get("gated") is True and value == "open":
                yield Problem(path, cell.line_of("value"), (f"{model_id}.weights are behind an approval step (gated: true) "
                                                            "and so cannot be 'open': use 'partial'"))
            if "checked" in cell and (iso_date(cell["checked"]) is None or iso_date(cell["checked"]) > dt.date.today()):
                yield Problem(path, cell.line_of("checked"), (f"checked of {model_id}.{dimension} must be the ISO date "
                                                              f"the evidence was read, not in the future: {cell['checked']!r}"))
            if "checked" not in cell and cell.get("basis") != "research-notes":
                yield Problem(path, cell.line, (f"{model_id}.{dimension} needs checked: <date the evidence was read> "
                                                "or basis: research-notes"))


TIMELINE_THEMES = frozenset(THEMES)
EVENT_FIELDS = frozenset({"id", "date", "theme", "title", "text", "source", "terms", "claims", "models"})
EVENT_LINKS = (("claims", "claim", "docs/claims/<id>.md"), ("models", "model", "docs/_data/models.yml"),
               ("terms", "term", "docs/_data/glossary.yml"))
MAX_EVENT_TITLE = 60
PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def timeline_problems(site: Site) -> Iterator[Problem]:
    """Timeline events: unique kebab ids, dates as precise as known, a theme, plain text, a source, links that exist."""
    if not os.path.exists(site.data_path("timeline.yml")):
        return
    path = site.display_path("timeline.yml")
    events = site.timeline.get("events") if isinstance(site.timeline, dict) else None
    if not isinstance(events, list):
        yield Problem(path, 1, "timeline.yml must have a list under 'events'")
        return
    seen: set[str] = set()
    known = {"claims": set(site.claims), "terms": set(site.terms),
             "models": {str(m.get("id")) for m in (site.models.get("models") or []) if isinstance(m, dict)}
             if isinstance(site.models, dict) else set()}
    for event in events:
        if not isinstance(event, LineDict):
            yield Problem(path, 1, f"an event must be a mapping: {event!r}")
            continue
        event_id = str(event.get("id", ""))
        if event_id in seen:
            yield Problem(path, event.line_of("id"), f"duplicate event id {event_id!r}")
        seen.add(event_id)
        for line, message in sorted([*_event_findings(event, event_id), *_event_link_findings(event, event_id, known)]):
            yield Problem(path, line, message)


def _event_findings(event: LineDict, event_id: str) -> Iterator[tuple[int, str]]:
    """One event's own fields: id, date, theme, plain title and text, source, no unknown field."""
    if not SLUG.match(event_id):
        yield event.line_of("id"), f"event id must be kebab-case: {event_id!r}"
    date = event.get("date")
    if not isinstance(date, str) or not PARTIAL_DATE.match(date):
        yield event.line_of("date"), f"date must be a quoted \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\": {date!r}"
    elif len(date) == 10 and iso_date(date) is None:
        yield event.line_of("date"), f"date must be a real date: {date!r}"
    if event.get("theme") not in TIMELINE_THEMES:
        yield event.line_of("theme"), ("theme must be one of " + ", ".join(sorted(TIMELINE_THEMES))
                                       + f": {event.get('theme')!r}")
    for field in ("title", "text"):
        value = event.get(field)
        if not isinstance(value, str) or not value.strip():
            yield event.line_of(field), f"{field} of {event_id!r} must be non-empty text"
        elif PLAIN_TEXT_MARKUP.search(value):
            yield event.line_of(field), f"{field} of {event_id!r} must be plain text (no <, >, [ or ]): {value!r}"
    title = event.get("title")
    if isinstance(title, str) and len(title) > MAX_EVENT_TITLE:
        yield event.line_of("title"), (f"title of {event_id!r} must be at most {MAX_EVENT_TITLE} characters "
                                       f"(it has {len(title)})")
    yield from source_findings(event.get("source"), event.line_of("source"))
    for field in event:
        if field not in EVENT_FIELDS:
            yield event.line_of(field), (f"unknown field {field!r} in event {event_id!r}; allowed: "
                                         + ", ".join(sorted(EVENT_FIELDS)))


def _event_link_findings(event: LineDict, event_id: str, known: dict[str, set[str]]) -> Iterator[tuple[int, str]]:
    """claims, models and terms are lists of ids that exist; together they link at least once."""
    links = 0
    for field, kind, where in EVENT_LINKS:
        ids = event.get(field) or []
        if not isinstance(ids, list):
            yield event.line_of(field), f"{field} of {event_id!r} must be a list of ids: {ids!r}"
            continue
        links += len(ids)
        for ref in ids:
            if ref not in known[field]:
                yield event.line_of(field), f"unknown {kind} {ref!r} in event {event_id!r} (see {where})"
    if not links:
        yield event.line, f"event {event_id!r} must link at least one claim, model or term"


STATIC_MARKUP = (".svg", ".xml")  # published as they are: checked by the same allowlist as pages
REFUSED_FILES = (".html", ".htm", ".xhtml", ".js", ".mjs")  # pages are Markdown; scripts come from the theme


def static_problems(site: Site) -> Iterator[Problem]:
    """Files published as they are (.svg, .xml) hold nothing outside the allowlist; .html and .js are refused."""
    root = os.path.dirname(site.docs_dir)
    for folder, dirs, files in os.walk(site.docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")))
        for name in sorted(files):
            path = os.path.join(folder, name)
            shown = os.path.relpath(path, root)
            rel = os.path.relpath(path, site.docs_dir).replace(os.sep, "/")
            if name.lower().endswith(REFUSED_FILES) and rel not in site.trusted_files:
                yield Problem(shown, 1, f"{os.path.splitext(name)[1]} files are not accepted under docs/: "
                                        "write pages in Markdown (scripts come only from the theme)")
            elif name.lower().endswith(STATIC_MARKUP):
                with open(path, encoding="utf-8", errors="replace") as handle:
                    text = handle.read()
                for violation in violations(re.sub(r"<\?xml[^>]*\?>", "", text, count=1)):
                    line = text.count("\n", 0, max(text.find(violation.markup), 0)) + 1
                    yield Problem(shown, line, f"{violation.message}: {violation.markup[:80]}")


DEFINITION_FIELDS = frozenset({"id", "name", "who", "when", "kind", "summary", "source", "criteria",
                               "published_verdicts"})
DEFINITION_TEXT_FIELDS = ("name", "who", "summary")
DEFINITION_SOURCE_FIELDS = frozenset({"title", "url", "section"})
CRITERION_KEYS = frozenset({"id", "text", "test", "approximates"})


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
    model_ids = {str(m.get("id")) for m in (site.models.get("models") or []) if isinstance(m, dict)} \
        if isinstance(site.models, dict) else set()
    seen_terms: set[str] = set()
    for entry in terms:
        if not isinstance(entry, LineDict):
            yield Problem(path, 1, f"a term entry must be a mapping with 'term' and 'definitions': {entry!r}")
            continue
        term_id = str(entry.get("term", ""))
        if term_id not in site.terms:
            yield Problem(path, entry.line_of("term"), f"term must be a glossary id (docs/_data/glossary.yml): {term_id!r}")
        if term_id in seen_terms:
            yield Problem(path, entry.line_of("term"), f"term {term_id!r} is listed twice: merge its definitions")
        seen_terms.add(term_id)
        definitions = entry.get("definitions")
        if not isinstance(definitions, list) or not definitions:
            yield Problem(path, entry.line_of("definitions"), f"term {term_id!r} needs a non-empty list of definitions")
            continue
        seen: set[str] = set()
        for definition in definitions:
            if not isinstance(definition, LineDict):
                yield Problem(path, entry.line_of("definitions"), f"a definition must be a mapping: {definition!r}")
                continue
            definition_id = str(definition.get("id", ""))
            if definition_id in seen:
                yield Problem(path, definition.line_of("id"), f"duplicate definition id {definition_id!r} in term {term_id!r}")
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
            yield definition.line_of(field), (f"unknown field {field!r} in definition {definition_id!r}; allowed: "
                                              + ", ".join(sorted(DEFINITION_FIELDS)))
    for field in DEFINITION_TEXT_FIELDS:
        value = definition.get(field)
        if not isinstance(value, str) or not value.strip():
            yield definition.line_of(field), f"{field} of {definition_id!r} must be non-empty text"
        elif PLAIN_TEXT_MARKUP.search(value):
            yield definition.line_of(field), f"{field} of {definition_id!r} must be plain text (no <, >, [ or ]): {value!r}"
    when = definition.get("when")
    if not isinstance(when, str) or not PARTIAL_DATE.match(when) or (len(when) == 10 and iso_date(when) is None):
        yield definition.line_of("when"), f"when must be a quoted \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\": {when!r}"
    if definition.get("kind") not in DEFINITION_KINDS:
        yield definition.line_of("kind"), ("kind must be one of " + ", ".join(sorted(DEFINITION_KINDS))
                                           + f": {definition.get('kind')!r}")
    source = definition.get("source")
    if not isinstance(source, LineDict) or not str(source.get("title", "")).strip():
        yield definition.line_of("source"), f"source of {definition_id!r} must be a mapping with a title (and an https url)"
    else:
        url = source.get("url")
        if url is not None and not (isinstance(url, str) and url.startswith("https://")):
            yield source.line_of("url"), f"source url must start with https://: {url!r}"
        for field in source:
            if field not in DEFINITION_SOURCE_FIELDS:
                yield source.line_of(field), (f"unknown source field {field!r}; allowed: "
                                              + ", ".join(sorted(DEFINITION_SOURCE_FIELDS)))
    criteria = definition.get("criteria", [])
    if not isinstance(criteria, list):
        yield definition.line_of("criteria"), f"criteria of {definition_id!r} must be a list ([] if none)"
        criteria = []
    seen: set[str] = set()
    for criterion in criteria:
        if not isinstance(criterion, LineDict):
            yield definition.line_of("criteria"), f"a criterion must be a mapping with id, text and test: {criterion!r}"
            continue
        yield from _criterion_findings(criterion, definition_id, seen)
    for verdict in definition.get("published_verdicts") or []:
        if not isinstance(verdict, LineDict):
            yield definition.line_of("published_verdicts"), f"a published verdict must be a mapping: {verdict!r}"
            continue
        if str(verdict.get("model")) not in model_ids:
            yield verdict.line_of("model"), (f"published verdict of {definition_id!r} names unknown model "
                                             f"{verdict.get('model')!r} (docs/_data/models.yml)")
        if verdict.get("verdict") not in AUTHORITY_VERDICTS:
            yield verdict.line_of("verdict"), ("verdict must be one of " + ", ".join(sorted(AUTHORITY_VERDICTS))
                                               + f": {verdict.get('verdict')!r}")
        if not str(verdict.get("source", "")).startswith("https://"):
            yield verdict.line_of("source"), f"published verdict source must start with https://: {verdict.get('source')!r}"


def _criterion_findings(criterion: LineDict, definition_id: str, seen: set[str]) -> Iterator[tuple[int, str]]:
    """One criterion: a unique kebab id, plain text, a test of a known field with valid passing values."""
    criterion_id = str(criterion.get("id", ""))
    if not SLUG.match(criterion_id):
        yield criterion.line_of("id"), f"criterion id must be kebab-case: {criterion_id!r}"
    if criterion_id in seen:
        yield criterion.line_of("id"), f"duplicate criterion id {criterion_id!r} in definition {definition_id!r}"
    seen.add(criterion_id)
    for field in criterion:
        if field not in CRITERION_KEYS:
            yield criterion.line_of(field), (f"unknown field {field!r} in criterion {criterion_id!r}; allowed: "
                                             + ", ".join(sorted(CRITERION_KEYS)))
    for field in ("text", "approximates"):
        value = criterion.get(field)
        if field == "text" and (not isinstance(value, str) or not value.strip()):
            yield criterion.line_of(field), f"text of criterion {criterion_id!r} must be non-empty text"
        elif isinstance(value, str) and PLAIN_TEXT_MARKUP.search(value):
            yield criterion.line_of(field), f"{field} of criterion {criterion_id!r} must be plain text (no <, >, [ or ]): {value!r}"
    test = criterion.get("test")
    if not isinstance(test, LineDict):
        yield criterion.line_of("test"), f"criterion {criterion_id!r} needs a test: {{field: ..., in: [...]}}"
        return
    field = test.get("field")
    if field not in CRITERION_FIELDS:
        yield test.line_of("field"), ("test field must be one of " + ", ".join(CRITERION_FIELDS) + f": {field!r}")
        return
    passing = test.get("in")
    if not isinstance(passing, list) or not passing:
        yield test.line_of("in"), f"test 'in' of criterion {criterion_id!r} must list the values that pass"
        return
    allowed = CRITERION_FIELDS[field]
    for value in passing:
        if value not in allowed or isinstance(value, bool) != isinstance(next(iter(allowed)), bool):
            yield test.line_of("in"), (f"{value!r} cannot pass a test of {field}; allowed: "
                                       + ", ".join(sorted(str(v).lower() if isinstance(v, bool) else v for v in allowed)))


def _definition_stub_problems(site: Site, terms: set[str]) -> Iterator[Problem]:
    """Every page of docs/definitions/ (but the index) is a term of definitions.yml (debate-export writes them)."""
    for page in sorted(site.pages.values(), key=lambda p: p.src):
        if page.section == DEFINITIONS_SECTION and not page.is_index and page.slug not in terms:
            yield Problem(page.path, 1, f"{page.src!r} names no term of docs/_data/definitions.yml: "
                                        "delete it (with a redirect) or add the term's definitions")
