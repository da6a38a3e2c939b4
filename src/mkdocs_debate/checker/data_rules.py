"""Rules across pages and on the data files: each yields Problems naming their file."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Generator, Iterator

from mkdocs_debate.blocks.timeline import THEMES
from mkdocs_debate.checker.field_rules import title_key
from mkdocs_debate.checker.fields import MAX_SHORT_DEFINITION, source_findings
from mkdocs_debate.data.licences import (
    COMPARE_SUFFIX,
    CONFLICTS,
    RESEARCH_NOTES,
    RESERVED_LICENCE_IDS,
)
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import CELL_VALUES, DIMENSIONS, SLUG, Site, iso_date
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Finding, Problem
from mkdocs_debate.source import PLAIN_TEXT_MARKUP, caret_power
from mkdocs_debate.verdicts import (
    AUTHORITY_VERDICTS,
    CRITERION_FIELDS,
    DEFINITION_KINDS,
    DEFINITIONS_SECTION,
)


def site_problems(site: Site) -> Iterator[Problem]:
    """Slugs and titles are unique across essays, summaries and claims (drafts included: they will be published)."""
    seen_slugs: dict[str, Page] = {}
    seen_titles: dict[str, Page] = {}
    for page in sorted(site.all_pages.values(), key=lambda p: p.src):
        if not page.is_article:
            continue
        other = seen_slugs.setdefault(page.slug, page)
        if other is not page and page.section != other.section and not page.is_claim:
            yield Problem(page.path, 1, f"slug {page.slug!r} is already used by {other.path}")
        title = title_key(
            str(page.meta.get("title", ""))
        )  # NFKC, invisible characters removed, case-folded
        if title:
            other = seen_titles.setdefault(title, page)
            if other is not page:
                yield Problem(
                    page.path,
                    page.meta.line_of("title"),
                    (f"title {page.meta['title']!r} is already used by {other.path}"),
                )


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
            if not entry.get(field) or (
                isinstance(entry.get(field), str) and not entry[field].strip()
            ):
                yield Problem(path, entry.line, f"glossary entry is missing {field!r}")
        aliases = entry.get("aliases")
        if aliases is not None and not (
            isinstance(aliases, list) and all(isinstance(a, str) and a.strip() for a in aliases)
        ):
            yield Problem(
                path,
                entry.line_of("aliases"),
                f"aliases of {entry.get('id')!r} must be a list of names, "
                f"e.g. [open-weight model, open-weight models]: {aliases!r}",
            )
        for field in ("term", "short"):
            if isinstance(entry.get(field), str) and PLAIN_TEXT_MARKUP.search(entry[field]):
                yield Problem(
                    path,
                    entry.line_of(field),
                    f"{field} of {entry.get('id')!r} must be plain text "
                    f"(no <, >, [ or ]): {entry[field]!r}",
                )
        term_id = str(entry.get("id", ""))
        if term_id and not SLUG.match(term_id):
            yield Problem(path, entry.line_of("id"), f"term id must be kebab-case: {term_id!r}")
        if len(str(entry.get("short", ""))) > MAX_SHORT_DEFINITION:
            yield Problem(
                path,
                entry.line_of("short"),
                (
                    f"short definition of {term_id!r} must be at most {MAX_SHORT_DEFINITION} characters "
                    f"(it has {len(str(entry['short']))})"
                ),
            )
        for name in [entry.get("term", ""), *(aliases if isinstance(aliases, list) else [])]:
            key = str(name).strip().lower()
            if key in names and names[key] != term_id:
                yield Problem(
                    path,
                    entry.line_of("aliases"),
                    (f"name {name!r} of {term_id!r} is already used by {names[key]!r}"),
                )
            names[key] = term_id
        for related in entry.get("related") or []:
            if related == term_id:
                yield Problem(
                    path,
                    entry.line_of("related"),
                    f"term {term_id!r} must not be related to itself",
                )
            elif related not in ids:
                yield Problem(
                    path,
                    entry.line_of("related"),
                    f"related term {related!r} of {term_id!r} does not exist",
                )
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
    yield from (Problem(path, line, message) for line, message in rubric_findings(site.models))
    names = glossary_name_owners(site)
    seen: set[str] = set()
    spellings: dict[str, str] = {}  # organisation, case-folded -> its first spelling
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
        for field in MODEL_FIELDS:
            if field not in model:
                yield Problem(path, model.line, f"model {model_id!r} is missing {field!r}")
        cells = model.get("openness") if isinstance(model.get("openness"), dict) else {}
        if "checked" not in model and any(
            isinstance(c, dict) and "checked" in c for c in cells.values()
        ):
            # A row whose cells all rest on research notes has no checked date (models.md, issue 15).
            yield Problem(
                path,
                model.line,
                f"model {model_id!r} is missing 'checked' (its latest cell's checked date)",
            )
        for field in ("organisation", "released", "licence", "osi_approved"):
            fact = model.get(field)
            if field in model and not (
                isinstance(fact, LineDict)
                and "value" in fact
                and str(fact.get("source", "")).startswith("https://")
            ):
                yield Problem(
                    path,
                    model.line_of(field),
                    (f"{field} of {model_id!r} needs a value and an https source"),
                )
        organisation = model.get("organisation")
        if isinstance(organisation, LineDict) and organisation.get("value"):
            spelled = str(organisation["value"])
            first = spellings.setdefault(spelled.casefold(), spelled)
            if first != spelled:
                yield Problem(
                    path,
                    model.line_of("organisation"),
                    (
                        f"organisation of {model_id!r} is spelled {spelled!r} but {first!r} elsewhere: "
                        "write it one way (the matrix's filter lists every spelling)"
                    ),
                )
        for rule in MODEL_RULES:
            yield from (
                Problem(path, line, message) for line, message in rule(site, model, model_id)
            )
        yield from (
            Problem(path, line, message)
            for line, message in model_name_findings(model, model_id, names)
        )
        openness = model.get("openness")
        if not isinstance(openness, LineDict):
            continue
        for dimension in openness:
            if dimension not in DIMENSIONS:
                yield Problem(
                    path,
                    openness.line_of(dimension),
                    (
                        f"unknown dimension {dimension!r} in {model_id!r}; known: "
                        + ", ".join(DIMENSIONS)
                    ),
                )
        for dimension in DIMENSIONS:
            cell = openness.get(dimension)
            if not isinstance(cell, LineDict):
                yield Problem(
                    path, openness.line, f"model {model_id!r} is missing dimension {dimension!r}"
                )
                continue
            value = cell.get("value")
            if value not in CELL_VALUES:
                yield Problem(
                    path,
                    cell.line_of("value"),
                    (
                        f"value of {model_id}.{dimension} must be one of "
                        + ", ".join(sorted(CELL_VALUES))
                        + f": {value!r}"
                    ),
                )
            elif value != "unknown" and not str(cell.get("source", "")).startswith("https://"):
                yield Problem(
                    path,
                    cell.line,
                    (
                        f"{model_id}.{dimension} is {value!r} and needs an https "
                        "source (or the value 'unknown')"
                    ),
                )
            for line, message in cell_findings(cell, f"{model_id}.{dimension}", dimension):
                yield Problem(path, line, message)


# -----------------------------------------------------------------------------
# The matrix's rules, one small generator of (line, message) each
# -----------------------------------------------------------------------------

MODEL_FIELDS = (
    "name",
    "version",
    "organisation",
    "released",
    "licence",
    "osi_approved",
    "history",
    "openness",
)
RUBRIC_LEVELS = ("open", "partial", "closed")
DISAGREEMENT_FIELDS = ("dimension", "parameter", "index_value", "index_reason", "our_reason")
OSI_LICENCE_LIST = ("https://opensource.org/licenses", "https://opensource.org/license/")


def rubric_findings(data: LineDict) -> Iterator[Finding]:
    """The rubric states, for every dimension, the rule for open, partial and closed."""
    rubric = data.get("rubric")
    if not isinstance(rubric, LineDict):
        yield (
            data.line_of("rubric"),
            (
                "models.yml needs a 'rubric': for each dimension, "
                "the rule for open, partial and closed"
            ),
        )
        return
    for dimension in rubric:
        if dimension not in DIMENSIONS:
            yield (
                rubric.line_of(dimension),
                (f"unknown dimension {dimension!r} in the rubric; known: " + ", ".join(DIMENSIONS)),
            )
    for dimension in DIMENSIONS:
        levels = rubric.get(dimension)
        if not isinstance(levels, LineDict):
            yield rubric.line, f"the rubric is missing dimension {dimension!r}"
            continue
        for level in RUBRIC_LEVELS:
            if not isinstance(levels.get(level), str) or not levels[level].strip():
                yield (
                    levels.line_of(level),
                    f"the rubric for {dimension!r} needs the rule for {level!r}",
                )


def rule_version(site: Site, model: LineDict, model_id: str) -> Iterator[Finding]:
    """version names the exact version or checkpoint assessed."""
    if "version" in model and (
        not isinstance(model["version"], str) or not model["version"].strip()
    ):
        yield (
            model.line_of("version"),
            (
                f"version of {model_id!r} must name the version or checkpoint "
                f"assessed: {model['version']!r}"
            ),
        )


def rule_history(site: Site, model: LineDict, model_id: str) -> Iterator[Finding]:
    """history lists the changes to the row, each {date, note}, dated no later than today."""
    if "history" not in model:
        return
    history = model["history"]
    if not isinstance(history, list) or not history:
        yield (
            model.line_of("history"),
            f"history of {model_id!r} must be a non-empty list of {{date, note}}",
        )
        return
    for item in history:
        if (
            not isinstance(item, LineDict)
            or iso_date(item.get("date")) is None
            or not item.get("note")
        ):
            line = item.line if isinstance(item, LineDict) else model.line_of("history")
            yield line, f"a history item of {model_id!r} needs an ISO date (YYYY-MM-DD) and a note"
        elif iso_date(item["date"]) > dt.date.today():
            yield (
                item.line_of("date"),
                f"history date of {model_id!r} must not be in the future: {item['date']}",
            )


def rule_row_checked(site: Site, model: LineDict, model_id: str) -> Iterator[Finding]:
    """A row's checked date is the latest of its cells' checked dates, or absent when none has one."""
    latest = max(
        (
            iso_date(c.get("checked"))
            for c in (model.get("openness") or {}).values()
            if isinstance(c, dict) and iso_date(c.get("checked"))
        ),
        default=None,
    )
    if "checked" not in model:
        if latest is not None:
            yield (
                model.line,
                f"model {model_id!r} is missing 'checked': its latest cell checked date is {latest}",
            )
        return
    checked = iso_date(model["checked"])
    if checked is None:
        yield (
            model.line_of("checked"),
            f"checked must be an ISO date (YYYY-MM-DD): {model['checked']!r}",
        )
    elif latest is None:
        yield (
            model.line_of("checked"),
            (f"checked of {model_id!r} must be omitted: none of its cells has a checked date"),
        )
    elif checked != latest:
        yield (
            model.line_of("checked"),
            (f"checked of {model_id!r} must be its latest cell checked date ({latest}): {checked}"),
        )


def rule_osi_source(site: Site, model: LineDict, model_id: str) -> Iterator[Finding]:
    """Whether a licence is OSI-approved is shown by OSI's own licence list, never by a model page."""
    osi = model.get("osi_approved")
    source = str(osi.get("source", "")) if isinstance(osi, dict) else ""
    if source.startswith("https://") and not source.startswith(OSI_LICENCE_LIST):
        yield (
            model.line_of("osi_approved"),
            (
                f"osi_approved of {model_id!r} must cite OSI's licence list (https://opensource.org/licenses "
                f"or https://opensource.org/license/<id>): {source!r}"
            ),
        )


def rule_licence_page(site: Site, model: LineDict, model_id: str) -> Iterator[Finding]:
    """licence.licence_page, where given, is the id of a licence in licences.yml."""
    licence = model.get("licence")
    page = licence.get("licence_page") if isinstance(licence, dict) else None
    if page is not None and str(page) not in site.licences:
        yield (
            model.line_of("licence"),
            (f"licence_page of {model_id!r} is not a licence of docs/_data/licences.yml: {page!r}"),
        )


def rule_eu_index(site: Site, model: LineDict, model_id: str) -> Iterator[Finding]:
    """eu_index has an https url, the index's system name, and disagreements on known dimensions."""
    if "eu_index" not in model:
        return
    index = model["eu_index"]
    if not isinstance(index, LineDict):
        yield (
            model.line_of("eu_index"),
            f"eu_index of {model_id!r} must be a mapping of url, system, disagreements",
        )
        return
    url = index.get("url")
    if not (isinstance(url, str) and url.startswith("https://")):
        yield (
            index.line_of("url"),
            f"eu_index url of {model_id!r} must start with https://: {url!r}",
        )
    if not isinstance(index.get("system"), str) or not index["system"].strip():
        yield (
            index.line_of("system"),
            f"eu_index of {model_id!r} must name the index's system: {index.get('system')!r}",
        )
    disagreements = index.get("disagreements", [])
    if not isinstance(disagreements, list):
        yield (
            index.line_of("disagreements"),
            f"eu_index disagreements of {model_id!r} must be a list",
        )
        return
    for item in disagreements:
        if not isinstance(item, LineDict):
            yield (
                index.line_of("disagreements"),
                f"an eu_index disagreement of {model_id!r} must be a mapping",
            )
            continue
        for field in DISAGREEMENT_FIELDS:
            if not str(item.get(field) or "").strip():
                yield item.line, f"an eu_index disagreement of {model_id!r} is missing {field!r}"
        dimension = item.get("dimension")
        if dimension and dimension not in DIMENSIONS:
            yield (
                item.line_of("dimension"),
                (
                    f"unknown dimension {dimension!r} in the eu_index disagreements "
                    f"of {model_id!r}; known: " + ", ".join(DIMENSIONS)
                ),
            )
        value = item.get("index_value")
        if value and value not in CELL_VALUES:
            yield (
                item.line_of("index_value"),
                (
                    f"index_value of an eu_index disagreement of {model_id!r} must be "
                    "one of " + ", ".join(sorted(CELL_VALUES)) + f": {value!r}"
                ),
            )


# The keys each part of a row may have. In YAML's {…} form an unquoted comma ends a value,
# so "{value: Swiss AI Initiative (EPFL, ETH Zurich and CSCS), …}" silently cut the name
# and made "ETH Zurich and CSCS)" a key: an unknown key is refused with that explanation.
FACT_KEYS = {
    "organisation": ("value", "source"),
    "released": ("value", "source"),
    "licence": ("value", "spdx", "source", "licence_page"),
    "osi_approved": ("value", "source"),
}
CELL_KEYS = ("value", "gated", "dataset", "note", "source", "checked", "basis")
COMMA_HINT = "a comma inside an unquoted {…} value ends the value: put the value in quotes"


def rule_known_keys(site: Site, model: LineDict, model_id: str) -> Iterator[Finding]:
    """The row's facts and cells have only the keys the matrix reads (a stray key is a cut value)."""
    parts = [(field, model.get(field), keys) for field, keys in FACT_KEYS.items()]
    openness = model.get("openness")
    if isinstance(openness, LineDict):
        parts += [
            (f"openness.{dimension}", cell, CELL_KEYS) for dimension, cell in openness.items()
        ]
    for where, part, keys in parts:
        if not isinstance(part, LineDict):
            continue
        for key in part:
            if key not in keys:
                yield (
                    part.line_of(key),
                    (
                        f"{where} of {model_id!r} has an unknown key {key!r} (known: "
                        f"{', '.join(keys)}); {COMMA_HINT}"
                    ),
                )


MODEL_RULES = (
    rule_version,
    rule_history,
    rule_row_checked,
    rule_osi_source,
    rule_licence_page,
    rule_eu_index,
    rule_known_keys,
)


def cell_findings(cell: LineDict, where: str, dimension: str) -> Iterator[Finding]:
    """A cell's evidence was read on a date (checked) or rests on our research notes (basis)."""
    if "checked" in cell and "basis" in cell:
        yield (
            cell.line,
            f"{where} has both 'checked' and 'basis': keep 'checked' if its evidence was read that day",
        )
    elif "checked" in cell:
        checked = iso_date(cell["checked"])
        if checked is None:
            yield (
                cell.line,
                f"checked of {where} must be an ISO date (YYYY-MM-DD): {cell['checked']!r}",
            )
        elif checked > dt.date.today():
            yield cell.line, f"checked of {where} must not be in the future: {checked}"
    elif "basis" in cell:
        if cell["basis"] != RESEARCH_NOTES:
            yield cell.line, f"basis of {where} must be {RESEARCH_NOTES!r}: {cell['basis']!r}"
    else:
        yield (
            cell.line,
            (
                f"{where} needs 'checked' (the ISO date its evidence was read) "
                f"or 'basis: {RESEARCH_NOTES}'"
            ),
        )
    if "gated" in cell and not isinstance(cell["gated"], bool):
        yield cell.line, f"gated of {where} must be true or false: {cell['gated']!r}"
    elif cell.get("gated") is True and dimension != "weights":
        yield cell.line, f"gated applies to weights only, not to {where}"
    elif cell.get("gated") is True and cell.get("value") == "open":
        yield (
            cell.line,
            (
                f"{where} is gated (behind an approval or licence-acceptance step), "
                "so it cannot be 'open': use 'partial'"
            ),
        )
    if cell.get("value") == "unknown" and not str(cell.get("note") or "").strip():
        yield (
            cell.line,
            f"{where} is 'unknown' and needs a note saying what was looked for and not found",
        )


def glossary_name_owners(site: Site) -> dict[str, str]:
    """Every glossary name (lower-case) -> 'glossary term ID'."""
    owners: dict[str, str] = {}
    for entry in site.glossary if isinstance(site.glossary, list) else []:
        if isinstance(entry, dict):
            for name in [entry.get("term", ""), *(entry.get("aliases") or [])]:
                owners.setdefault(
                    str(name).strip().lower(), f"glossary term {str(entry.get('id'))!r}"
                )
    return owners


def model_name_findings(
    model: LineDict, model_id: str, owners: dict[str, str]
) -> Iterator[Finding]:
    """A model's name and aliases link to its page, so none may be another model's or a glossary term's."""
    aliases = model.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        yield (
            model.line_of("aliases"),
            f"aliases of {model_id!r} must be a list of names: {aliases!r}",
        )
        aliases = []
    for name in [model.get("name", ""), *aliases]:
        if PLAIN_TEXT_MARKUP.search(str(name)):  # a name is a page title, a link text and a tooltip
            yield (
                model.line_of("aliases" if name in aliases else "name"),
                (f"name {name!r} of model {model_id!r} must be plain text (no <, >, [ or ])"),
            )
        key = str(name).strip().lower()
        owner = owners.setdefault(key, f"model {model_id!r}")
        if owner != f"model {model_id!r}":
            yield (
                model.line_of("aliases" if name in aliases else "name"),
                (f"name {name!r} of model {model_id!r} is already used by {owner}"),
            )


def _entries(
    site: Site, name: str, key: str, data: object
) -> Generator[Problem, None, tuple[str, list]]:
    """The list under key of a data file (empty when the file is absent), its problem yielded if it has none."""
    if not os.path.exists(site.data_path(name)):
        return "", []
    path = site.display_path(name)
    entries = data.get(key) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        yield Problem(path, 1, f"{name} must have a list under {key!r}")
        return path, []
    return path, entries


# -----------------------------------------------------------------------------
# Licences
# -----------------------------------------------------------------------------

LICENCE_FIELDS = ("name", "holder", "date", "family", "previous", "upstream", "clauses")
CLAUSE_FIELDS = ("key", "name", "section", "summary")
COMMIT = re.compile(r"^[0-9a-f]{40}$")


def licences_problems(site: Site) -> Iterator[Problem]:
    """Licences: unique ids, an https upstream, a known previous version, clauses with unique ids."""
    path, entries = yield from _entries(site, "licences.yml", "licences", site.licences_data)
    seen: set[str] = set()
    for entry in entries:
        if not isinstance(entry, LineDict):
            yield Problem(path, 1, f"a licence must be a mapping: {entry!r}")
            continue
        licence_id = str(entry.get("id", ""))
        if not SLUG.match(licence_id):
            yield Problem(
                path, entry.line_of("id"), f"licence id must be kebab-case: {licence_id!r}"
            )
        elif licence_id in RESERVED_LICENCE_IDS or licence_id.endswith(COMPARE_SUFFIX):
            yield Problem(
                path,
                entry.line_of("id"),
                (
                    f"licence id {licence_id!r} is taken by a generated page "
                    f"(index, <family>{COMPARE_SUFFIX})"
                ),
            )
        if licence_id in seen:
            yield Problem(path, entry.line_of("id"), f"duplicate licence {licence_id!r}")
        seen.add(licence_id)
        for field in LICENCE_FIELDS:
            if field not in entry:
                yield Problem(path, entry.line, f"licence {licence_id!r} is missing {field!r}")
        for line, message in licence_findings(site, entry, licence_id):
            yield Problem(path, line, message)


def licence_findings(site: Site, entry: LineDict, licence_id: str) -> Iterator[Finding]:
    """One licence: its date, upstream, previous version and clauses."""
    if "date" in entry and iso_date(entry["date"]) is None:
        yield (
            entry.line_of("date"),
            f"date of licence {licence_id!r} must be an ISO date (YYYY-MM-DD): {entry['date']!r}",
        )
    upstream = entry.get("upstream")
    if "upstream" in entry and not isinstance(upstream, LineDict):
        yield (
            entry.line_of("upstream"),
            f"upstream of licence {licence_id!r} must be a mapping of url, commit, read",
        )
    elif isinstance(upstream, LineDict):
        url = upstream.get("url")
        if not (isinstance(url, str) and url.startswith("https://")):
            yield (
                upstream.line_of("url"),
                f"upstream url of licence {licence_id!r} must start with https://: {url!r}",
            )
        commit = upstream.get("commit")
        if commit is not None and not COMMIT.match(str(commit)):
            yield (
                upstream.line_of("commit"),
                (
                    f"upstream commit of licence {licence_id!r} must be 40 hex digits "
                    f"or null: {commit!r}"
                ),
            )
        read = iso_date(upstream.get("read"))
        if read is None or read > dt.date.today():
            yield (
                upstream.line_of("read"),
                (
                    f"upstream read of licence {licence_id!r} must be the ISO date "
                    f"(YYYY-MM-DD, not in the future) the text was read: {upstream.get('read')!r}"
                ),
            )
    previous = entry.get("previous")
    if previous is not None:
        other = site.licences.get(str(previous))
        if other is None:
            yield (
                entry.line_of("previous"),
                f"previous of licence {licence_id!r} is not a licence: {previous!r}",
            )
        elif other.get("family") != entry.get("family"):
            yield (
                entry.line_of("previous"),
                (
                    f"previous of licence {licence_id!r} is {previous!r}, of family "
                    f"{other.get('family')!r}, not {entry.get('family')!r}"
                ),
            )
    clauses = entry.get("clauses")
    if "clauses" in entry and (not isinstance(clauses, list) or not clauses):
        yield (
            entry.line_of("clauses"),
            f"clauses of licence {licence_id!r} must be a non-empty list",
        )
        return
    ids: set[str] = set()
    keys: set[str] = set()
    for clause in clauses or []:
        if not isinstance(clause, LineDict):
            yield (
                entry.line_of("clauses"),
                f"a clause of licence {licence_id!r} must be a mapping: {clause!r}",
            )
            continue
        clause_id = str(clause.get("id", ""))
        if not SLUG.match(clause_id):
            yield (
                clause.line_of("id"),
                f"clause id of licence {licence_id!r} must be kebab-case: {clause_id!r}",
            )
        elif clause_id in ids:
            yield clause.line_of("id"), f"duplicate clause {clause_id!r} in licence {licence_id!r}"
        ids.add(clause_id)
        key = clause.get("key")
        if key in keys:
            yield clause.line_of("key"), f"duplicate clause key {key!r} in licence {licence_id!r}"
        keys.add(key)
        yield from clause_findings(clause, f"clause {clause_id!r} of licence {licence_id!r}")


def clause_findings(clause: LineDict, where: str) -> Iterator[Finding]:
    """A clause: its fields, its upstream lines, whether it changed, what it conflicts with."""
    for field in CLAUSE_FIELDS:
        if not str(clause.get(field) or "").strip():
            yield clause.line, f"{where} is missing {field!r}"
    lines = clause.get("lines")
    if lines is not None and not (
        isinstance(lines, list)
        and len(lines) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) for n in lines)
        and 1 <= lines[0] <= lines[1]
    ):
        yield (
            clause.line_of("lines"),
            f"lines of {where} must be [first, last] (1 <= first <= last) or null: {lines!r}",
        )
    changed = clause.get("changed", False)
    if not isinstance(changed, bool):
        yield clause.line_of("changed"), f"changed of {where} must be true or false: {changed!r}"
    elif changed and not str(clause.get("change_note") or "").strip():
        yield (
            clause.line_of("changed"),
            f"{where} is changed and needs a change_note saying what changed",
        )
    conflicts = clause.get("conflicts") or []
    if not isinstance(conflicts, list):
        yield clause.line_of("conflicts"), f"conflicts of {where} must be a list of {{with, why}}"
        return
    for conflict in conflicts:
        target = conflict.get("with") if isinstance(conflict, dict) else None
        line = conflict.line if isinstance(conflict, LineDict) else clause.line_of("conflicts")
        if target not in CONFLICTS:
            yield (
                line,
                (
                    f"a conflict of {where} must be with one of "
                    + ", ".join(CONFLICTS)
                    + f": {target!r}"
                ),
            )
        elif not str(conflict.get("why") or "").strip():
            yield line, f"the conflict of {where} with {target!r} needs a 'why'"


TIMELINE_THEMES = frozenset(THEMES)
EVENT_FIELDS = frozenset(
    {"id", "date", "theme", "title", "text", "source", "terms", "claims", "models"}
)
EVENT_LINKS = (
    ("claims", "claim", "docs/claims/<id>.md"),
    ("models", "model", "docs/_data/models.yml"),
    ("terms", "term", "docs/_data/glossary.yml"),
)
MAX_EVENT_TITLE = 60
PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def timeline_problems(site: Site) -> Iterator[Problem]:
    """Timeline events: unique kebab ids, dates as precise as known, a theme, plain text, a source, links that exist."""
    path, events = yield from _entries(site, "timeline.yml", "events", site.timeline)
    seen: set[str] = set()
    known = {
        "claims": set(site.claims),
        "terms": set(site.terms),
        "models": {
            str(m.get("id")) for m in (site.models.get("models") or []) if isinstance(m, dict)
        }
        if isinstance(site.models, dict)
        else set(),
    }
    for event in events:
        if not isinstance(event, LineDict):
            yield Problem(path, 1, f"an event must be a mapping: {event!r}")
            continue
        event_id = str(event.get("id", ""))
        if event_id in seen:
            yield Problem(path, event.line_of("id"), f"duplicate event id {event_id!r}")
        seen.add(event_id)
        for line, message in sorted(
            [*_event_findings(event, event_id), *_event_link_findings(event, event_id, known)]
        ):
            yield Problem(path, line, message)


def _event_findings(event: LineDict, event_id: str) -> Iterator[tuple[int, str]]:
    """One event's own fields: id, date, theme, plain title and text, source, no unknown field."""
    if not SLUG.match(event_id):
        yield event.line_of("id"), f"event id must be kebab-case: {event_id!r}"
    date = event.get("date")
    if not isinstance(date, str) or not PARTIAL_DATE.match(date):
        yield (
            event.line_of("date"),
            f'date must be a quoted "YYYY", "YYYY-MM" or "YYYY-MM-DD": {date!r}',
        )
    elif len(date) == 10 and iso_date(date) is None:
        yield event.line_of("date"), f"date must be a real date: {date!r}"
    if event.get("theme") not in TIMELINE_THEMES:
        yield (
            event.line_of("theme"),
            (
                "theme must be one of "
                + ", ".join(sorted(TIMELINE_THEMES))
                + f": {event.get('theme')!r}"
            ),
        )
    for field in ("title", "text"):
        value = event.get(field)
        if not isinstance(value, str) or not value.strip():
            yield event.line_of(field), f"{field} of {event_id!r} must be non-empty text"
        elif PLAIN_TEXT_MARKUP.search(value):
            yield (
                event.line_of(field),
                f"{field} of {event_id!r} must be plain text (no <, >, [ or ]): {value!r}",
            )
        elif caret_power(value):
            yield (
                event.line_of(field),
                f"{field} of {event_id!r} writes a power with a caret: {caret_power(value)}",
            )
    title = event.get("title")
    if isinstance(title, str) and len(title) > MAX_EVENT_TITLE:
        yield (
            event.line_of("title"),
            (
                f"title of {event_id!r} must be at most {MAX_EVENT_TITLE} characters "
                f"(it has {len(title)})"
            ),
        )
    yield from source_findings(event.get("source"), event.line_of("source"))
    for field in event:
        if field not in EVENT_FIELDS:
            yield (
                event.line_of(field),
                (
                    f"unknown field {field!r} in event {event_id!r}; allowed: "
                    + ", ".join(sorted(EVENT_FIELDS))
                ),
            )


def _event_link_findings(
    event: LineDict, event_id: str, known: dict[str, set[str]]
) -> Iterator[tuple[int, str]]:
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
                yield (
                    event.line_of(field),
                    f"unknown {kind} {ref!r} in event {event_id!r} (see {where})",
                )
    if not links:
        yield event.line, f"event {event_id!r} must link at least one claim, model or term"


PATH_STEP_FIELDS = frozenset({"page", "why"})


def path_problems(site: Site) -> Iterator[Problem]:
    """Reading path: each step names a page of docs/ once, with a one-line plain-text why."""
    path, steps = yield from _entries(site, "path.yml", "steps", site.path_data)
    seen: set[str] = set()
    for step in steps:
        if not isinstance(step, LineDict):
            yield Problem(
                path, 1, f"a step of the reading path must be a mapping with page and why: {step!r}"
            )
            continue
        for line, message in _path_step_findings(site, step, seen):
            yield Problem(path, line, message)


def _path_step_findings(site: Site, step: LineDict, seen: set[str]) -> Iterator[Finding]:
    page, why = step.get("page"), step.get("why")
    if not isinstance(page, str) or page not in site.pages:
        yield (
            step.line_of("page"),
            (
                f"page of a reading-path step must be the source path of a page under docs/, "
                f"e.g. essays/free-as-in-what.md: {page!r}"
            ),
        )
    elif page in seen:
        yield step.line_of("page"), f"page {page!r} is on the reading path twice"
    seen.add(str(page))
    if not isinstance(why, str) or not why.strip() or "\n" in why.strip():
        yield step.line_of("why"), f"why of reading-path step {page!r} must be one line of text"
    elif PLAIN_TEXT_MARKUP.search(why):
        yield (
            step.line_of("why"),
            f"why of reading-path step {page!r} must be plain text (no <, >, [ or ]): {why!r}",
        )
    for field in step:
        if field not in PATH_STEP_FIELDS:
            yield (
                step.line_of(field),
                (
                    f"unknown field {field!r} in a reading-path step; allowed: "
                    + ", ".join(sorted(PATH_STEP_FIELDS))
                ),
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
    for field in ("text", "approximates"):
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


# -----------------------------------------------------------------------------
# Claim themes
# -----------------------------------------------------------------------------

THEME_FIELDS = ("id", "name", "description")


def themes_problems(site: Site) -> Iterator[Problem]:
    """Claim themes: unique kebab-case ids, a plain-text name and description, no other field."""
    path, entries = yield from _entries(site, "themes.yml", "themes", site.themes_data)
    seen: set[str] = set()
    for entry in entries:
        if not isinstance(entry, LineDict):
            yield Problem(
                path, 1, f"a theme must be a mapping with {', '.join(THEME_FIELDS)}: {entry!r}"
            )
            continue
        theme_id = str(entry.get("id", ""))
        if not SLUG.match(theme_id):
            yield Problem(path, entry.line_of("id"), f"theme id must be kebab-case: {theme_id!r}")
        elif theme_id in seen:
            yield Problem(path, entry.line_of("id"), f"duplicate theme id {theme_id!r}")
        seen.add(theme_id)
        for field in THEME_FIELDS[1:]:
            value = entry.get(field)
            if not isinstance(value, str) or not value.strip():
                yield Problem(
                    path,
                    entry.line_of(field),
                    f"{field} of theme {theme_id!r} must be non-empty text",
                )
            elif PLAIN_TEXT_MARKUP.search(value):
                yield Problem(
                    path,
                    entry.line_of(field),
                    (
                        f"{field} of theme {theme_id!r} must be plain text "
                        f"(no <, >, [ or ]): {value!r}"
                    ),
                )
        for field in entry:
            if field not in THEME_FIELDS:
                yield Problem(
                    path,
                    entry.line_of(field),
                    (
                        f"unknown field {field!r} in theme {theme_id!r}; "
                        "allowed: " + ", ".join(THEME_FIELDS)
                    ),
                )
