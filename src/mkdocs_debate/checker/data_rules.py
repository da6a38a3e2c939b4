"""Rules across pages and on the data files: each yields Problems naming their file."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator

from mkdocs_debate.checker.fields import MAX_SHORT_DEFINITION, source_findings
from mkdocs_debate.data.licences import COMPARE_SUFFIX, CONFLICTS, RESEARCH_NOTES, RESERVED_LICENCE_IDS
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import CELL_VALUES, DIMENSIONS, SLUG, Site, iso_date
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Finding, Problem


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
            if not entry.get(field):
                yield Problem(path, entry.line, f"glossary entry is missing {field!r}")
        term_id = str(entry.get("id", ""))
        if term_id and not SLUG.match(term_id):
            yield Problem(path, entry.line_of("id"), f"term id must be kebab-case: {term_id!r}")
        if len(str(entry.get("short", ""))) > MAX_SHORT_DEFINITION:
            yield Problem(path, entry.line_of("short"), (
                f"short definition of {term_id!r} must be at most {MAX_SHORT_DEFINITION} characters "
                f"(it has {len(str(entry['short']))})"))
        for name in [entry.get("term", ""), *(entry.get("aliases") or [])]:
            key = str(name).strip().lower()
            if key in names and names[key] != term_id:
                yield Problem(path, entry.line_of("aliases"), (
                    f"name {name!r} of {term_id!r} is already used by {names[key]!r}"))
            names[key] = term_id
        for related in entry.get("related") or []:
            if related not in ids:
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
    yield from (Problem(path, line, message) for line, message in rubric_findings(site.models))
    names = glossary_name_owners(site)
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
        for field in MODEL_FIELDS:
            if field not in model:
                yield Problem(path, model.line, f"model {model_id!r} is missing {field!r}")
        for field in ("organisation", "released", "licence", "osi_approved"):
            fact = model.get(field)
            if field in model and not (isinstance(fact, LineDict) and "value" in fact
                                       and str(fact.get("source", "")).startswith("https://")):
                yield Problem(path, model.line_of(field), (
                    f"{field} of {model_id!r} needs a value and an https source"))
        for rule in MODEL_RULES:
            yield from (Problem(path, line, message) for line, message in rule(site, model, model_id))
        yield from (Problem(path, line, message) for line, message in model_name_findings(model, model_id, names))
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
            for line, message in cell_findings(cell, f"{model_id}.{dimension}", dimension):
                yield Problem(path, line, message)


# -----------------------------------------------------------------------------
# The matrix's rules, one small generator of (line, message) each
# -----------------------------------------------------------------------------

MODEL_FIELDS = ("name", "version", "organisation", "released", "licence", "osi_approved", "history", "openness")
RUBRIC_LEVELS = ("open", "partial", "closed")
DISAGREEMENT_FIELDS = ("dimension", "parameter", "index_value", "index_reason", "our_reason")
OSI_LICENCE_LIST = ("https://opensource.org/licenses", "https://opensource.org/license/")


def rubric_findings(data: LineDict) -> Iterator[Finding]:
    """The rubric states, for every dimension, the rule for open, partial and closed."""
    rubric = data.get("rubric")
    if not isinstance(rubric, LineDict):
        yield data.line_of("rubric"), ("models.yml needs a 'rubric': for each dimension, "
                                        "the rule for open, partial and closed")
        return
    for dimension in rubric:
        if dimension not in DIMENSIONS:
            yield rubric.line_of(dimension), (f"unknown dimension {dimension!r} in the rubric; known: "
                                              + ", ".join(DIMENSIONS))
    for dimension in DIMENSIONS:
        levels = rubric.get(dimension)
        if not isinstance(levels, LineDict):
            yield rubric.line, f"the rubric is missing dimension {dimension!r}"
            continue
        for level in RUBRIC_LEVELS:
            if not isinstance(levels.get(level), str) or not levels[level].strip():
                yield levels.line_of(level), f"the rubric for {dimension!r} needs the rule for {level!r}"


def rule_version(site: Site, model: LineDict, model_id: str) -> Iterator[Finding]:
    """version names the exact version or checkpoint assessed."""
    if "version" in model and (not isinstance(model["version"], str) or not model["version"].strip()):
        yield model.line_of("version"), (f"version of {model_id!r} must name the version or checkpoint "
                                         f"assessed: {model['version']!r}")


def rule_history(site: Site, model: LineDict, model_id: str) -> Iterator[Finding]:
    """history lists the changes to the row, each {date, note}, dated no later than today."""
    if "history" not in model:
        return
    history = model["history"]
    if not isinstance(history, list) or not history:
        yield model.line_of("history"), f"history of {model_id!r} must be a non-empty list of {{date, note}}"
        return
    for item in history:
        if not isinstance(item, LineDict) or iso_date(item.get("date")) is None or not item.get("note"):
            line = item.line if isinstance(item, LineDict) else model.line_of("history")
            yield line, f"a history item of {model_id!r} needs an ISO date (YYYY-MM-DD) and a note"
        elif iso_date(item["date"]) > dt.date.today():
            yield item.line_of("date"), f"history date of {model_id!r} must not be in the future: {item['date']}"


def rule_row_checked(site: Site, model: LineDict, model_id: str) -> Iterator[Finding]:
    """A row's checked date is the latest of its cells' checked dates, or absent when none has one."""
    latest = max((iso_date(c.get("checked")) for c in (model.get("openness") or {}).values()
                  if isinstance(c, dict) and iso_date(c.get("checked"))), default=None)
    if "checked" not in model:
        if latest is not None:
            yield model.line, f"model {model_id!r} is missing 'checked': its latest cell checked date is {latest}"
        return
    checked = iso_date(model["checked"])
    if checked is None:
        yield model.line_of("checked"), f"checked must be an ISO date (YYYY-MM-DD): {model['checked']!r}"
    elif latest is None:
        yield model.line_of("checked"), (f"checked of {model_id!r} must be omitted: "
                                         "none of its cells has a checked date")
    elif checked != latest:
        yield model.line_of("checked"), (f"checked of {model_id!r} must be its latest cell checked date "
                                         f"({latest}): {checked}")


def rule_osi_source(site: Site, model: LineDict, model_id: str) -> Iterator[Finding]:
    """Whether a licence is OSI-approved is shown by OSI's own licence list, never by a model page."""
    osi = model.get("osi_approved")
    source = str(osi.get("source", "")) if isinstance(osi, dict) else ""
    if source.startswith("https://") and not source.startswith(OSI_LICENCE_LIST):
        yield model.line_of("osi_approved"), (
            f"osi_approved of {model_id!r} must cite OSI's licence list (https://opensource.org/licenses "
            f"or https://opensource.org/license/<id>): {source!r}")


def rule_licence_page(site: Site, model: LineDict, model_id: str) -> Iterator[Finding]:
    """licence.licence_page, where given, is the id of a licence in licences.yml."""
    licence = model.get("licence")
    page = licence.get("licence_page") if isinstance(licence, dict) else None
    if page is not None and str(page) not in site.licences:
        yield model.line_of("licence"), (f"licence_page of {model_id!r} is not a licence of "
                                         f"docs/_data/licences.yml: {page!r}")


def rule_eu_index(site: Site, model: LineDict, model_id: str) -> Iterator[Finding]:
    """eu_index has an https url, the index's system name, and disagreements on known dimensions."""
    if "eu_index" not in model:
        return
    index = model["eu_index"]
    if not isinstance(index, LineDict):
        yield model.line_of("eu_index"), f"eu_index of {model_id!r} must be a mapping of url, system, disagreements"
        return
    url = index.get("url")
    if not (isinstance(url, str) and url.startswith("https://")):
        yield index.line_of("url"), f"eu_index url of {model_id!r} must start with https://: {url!r}"
    if not isinstance(index.get("system"), str) or not index["system"].strip():
        yield index.line_of("system"), f"eu_index of {model_id!r} must name the index's system: {index.get('system')!r}"
    disagreements = index.get("disagreements", [])
    if not isinstance(disagreements, list):
        yield index.line_of("disagreements"), f"eu_index disagreements of {model_id!r} must be a list"
        return
    for item in disagreements:
        if not isinstance(item, LineDict):
            yield index.line_of("disagreements"), f"an eu_index disagreement of {model_id!r} must be a mapping"
            continue
        for field in DISAGREEMENT_FIELDS:
            if not str(item.get(field) or "").strip():
                yield item.line, f"an eu_index disagreement of {model_id!r} is missing {field!r}"
        dimension = item.get("dimension")
        if dimension and dimension not in DIMENSIONS:
            yield item.line_of("dimension"), (f"unknown dimension {dimension!r} in the eu_index disagreements "
                                              f"of {model_id!r}; known: " + ", ".join(DIMENSIONS))
        value = item.get("index_value")
        if value and value not in CELL_VALUES:
            yield item.line_of("index_value"), (f"index_value of an eu_index disagreement of {model_id!r} must be "
                                                "one of " + ", ".join(sorted(CELL_VALUES)) + f": {value!r}")


MODEL_RULES = (rule_version, rule_history, rule_row_checked, rule_osi_source, rule_licence_page, rule_eu_index)


def cell_findings(cell: LineDict, where: str, dimension: str) -> Iterator[Finding]:
    """A cell's evidence was read on a date (checked) or rests on our research notes (basis)."""
    if "checked" in cell and "basis" in cell:
        yield cell.line, f"{where} has both 'checked' and 'basis': keep 'checked' if its evidence was read that day"
    elif "checked" in cell:
        checked = iso_date(cell["checked"])
        if checked is None:
            yield cell.line, f"checked of {where} must be an ISO date (YYYY-MM-DD): {cell['checked']!r}"
        elif checked > dt.date.today():
            yield cell.line, f"checked of {where} must not be in the future: {checked}"
    elif "basis" in cell:
        if cell["basis"] != RESEARCH_NOTES:
            yield cell.line, f"basis of {where} must be {RESEARCH_NOTES!r}: {cell['basis']!r}"
    else:
        yield cell.line, (f"{where} needs 'checked' (the ISO date its evidence was read) "
                          f"or 'basis: {RESEARCH_NOTES}'")
    if "gated" in cell and not isinstance(cell["gated"], bool):
        yield cell.line, f"gated of {where} must be true or false: {cell['gated']!r}"
    elif cell.get("gated") is True and dimension != "weights":
        yield cell.line, f"gated applies to weights only, not to {where}"
    elif cell.get("gated") is True and cell.get("value") == "open":
        yield cell.line, (f"{where} is gated (behind an approval or licence-acceptance step), "
                          "so it cannot be 'open': use 'partial'")
    if cell.get("value") == "unknown" and not str(cell.get("note") or "").strip():
        yield cell.line, f"{where} is 'unknown' and needs a note saying what was looked for and not found"


def glossary_name_owners(site: Site) -> dict[str, str]:
    """Every glossary name (lower-case) -> 'glossary term ID'."""
    owners: dict[str, str] = {}
    for entry in site.glossary if isinstance(site.glossary, list) else []:
        if isinstance(entry, dict):
            for name in [entry.get("term", ""), *(entry.get("aliases") or [])]:
                owners.setdefault(str(name).strip().lower(), f"glossary term {str(entry.get('id'))!r}")
    return owners


def model_name_findings(model: LineDict, model_id: str, owners: dict[str, str]) -> Iterator[Finding]:
    """A model's name and aliases link to its page, so none may be another model's or a glossary term's."""
    aliases = model.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        yield model.line_of("aliases"), f"aliases of {model_id!r} must be a list of names: {aliases!r}"
        aliases = []
    for name in [model.get("name", ""), *aliases]:
        key = str(name).strip().lower()
        owner = owners.setdefault(key, f"model {model_id!r}")
        if owner != f"model {model_id!r}":
            yield model.line_of("aliases" if name in aliases else "name"), (
                f"name {name!r} of model {model_id!r} is already used by {owner}")


# -----------------------------------------------------------------------------
# Licences
# -----------------------------------------------------------------------------

LICENCE_FIELDS = ("name", "holder", "date", "family", "previous", "upstream", "clauses")
CLAUSE_FIELDS = ("key", "name", "section", "summary")
COMMIT = re.compile(r"^[0-9a-f]{40}$")


def licences_problems(site: Site) -> Iterator[Problem]:
    """Licences: unique ids, an https upstream, a known previous version, clauses with unique ids."""
    if not os.path.exists(site.data_path("licences.yml")):
        return
    path = site.display_path("licences.yml")
    entries = site.licences_data.get("licences") if isinstance(site.licences_data, dict) else None
    if not isinstance(entries, list):
        yield Problem(path, 1, "licences.yml must have a list under 'licences'")
        return
    seen: set[str] = set()
    for entry in entries:
        if not isinstance(entry, LineDict):
            yield Problem(path, 1, f"a licence must be a mapping: {entry!r}")
            continue
        licence_id = str(entry.get("id", ""))
        if not SLUG.match(licence_id):
            yield Problem(path, entry.line_of("id"), f"licence id must be kebab-case: {licence_id!r}")
        elif licence_id in RESERVED_LICENCE_IDS or licence_id.endswith(COMPARE_SUFFIX):
            yield Problem(path, entry.line_of("id"), (f"licence id {licence_id!r} is taken by a generated page "
                                                      f"(index, <family>{COMPARE_SUFFIX})"))
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
        yield entry.line_of("date"), f"date of licence {licence_id!r} must be an ISO date (YYYY-MM-DD): {entry['date']!r}"
    upstream = entry.get("upstream")
    if "upstream" in entry and not isinstance(upstream, LineDict):
        yield entry.line_of("upstream"), f"upstream of licence {licence_id!r} must be a mapping of url, commit, read"
    elif isinstance(upstream, LineDict):
        url = upstream.get("url")
        if not (isinstance(url, str) and url.startswith("https://")):
            yield upstream.line_of("url"), f"upstream url of licence {licence_id!r} must start with https://: {url!r}"
        commit = upstream.get("commit")
        if commit is not None and not COMMIT.match(str(commit)):
            yield upstream.line_of("commit"), (f"upstream commit of licence {licence_id!r} must be 40 hex digits "
                                               f"or null: {commit!r}")
        read = iso_date(upstream.get("read"))
        if read is None or read > dt.date.today():
            yield upstream.line_of("read"), (f"upstream read of licence {licence_id!r} must be the ISO date "
                                             f"(YYYY-MM-DD, not in the future) the text was read: {upstream.get('read')!r}")
    previous = entry.get("previous")
    if previous is not None:
        other = site.licences.get(str(previous))
        if other is None:
            yield entry.line_of("previous"), f"previous of licence {licence_id!r} is not a licence: {previous!r}"
        elif other.get("family") != entry.get("family"):
            yield entry.line_of("previous"), (f"previous of licence {licence_id!r} is {previous!r}, of family "
                                              f"{other.get('family')!r}, not {entry.get('family')!r}")
    clauses = entry.get("clauses")
    if "clauses" in entry and (not isinstance(clauses, list) or not clauses):
        yield entry.line_of("clauses"), f"clauses of licence {licence_id!r} must be a non-empty list"
        return
    ids: set[str] = set()
    keys: set[str] = set()
    for clause in clauses or []:
        if not isinstance(clause, LineDict):
            yield entry.line_of("clauses"), f"a clause of licence {licence_id!r} must be a mapping: {clause!r}"
            continue
        clause_id = str(clause.get("id", ""))
        if not SLUG.match(clause_id):
            yield clause.line_of("id"), f"clause id of licence {licence_id!r} must be kebab-case: {clause_id!r}"
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
    if lines is not None and not (isinstance(lines, list) and len(lines) == 2
                                  and all(isinstance(n, int) and not isinstance(n, bool) for n in lines)
                                  and 1 <= lines[0] <= lines[1]):
        yield clause.line_of("lines"), f"lines of {where} must be [first, last] (1 <= first <= last) or null: {lines!r}"
    changed = clause.get("changed", False)
    if not isinstance(changed, bool):
        yield clause.line_of("changed"), f"changed of {where} must be true or false: {changed!r}"
    elif changed and not str(clause.get("change_note") or "").strip():
        yield clause.line_of("changed"), f"{where} is changed and needs a change_note saying what changed"
    conflicts = clause.get("conflicts") or []
    if not isinstance(conflicts, list):
        yield clause.line_of("conflicts"), f"conflicts of {where} must be a list of {{with, why}}"
        return
    for conflict in conflicts:
        target = conflict.get("with") if isinstance(conflict, dict) else None
        line = conflict.line if isinstance(conflict, LineDict) else clause.line_of("conflicts")
        if target not in CONFLICTS:
            yield line, (f"a conflict of {where} must be with one of " + ", ".join(CONFLICTS) + f": {target!r}")
        elif not str(conflict.get("why") or "").strip():
            yield line, f"the conflict of {where} with {target!r} needs a 'why'"
