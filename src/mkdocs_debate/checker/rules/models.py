"""The matrix's rules (models.yml): each row, its cells, its names against the glossary's."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

from mkdocs_debate.checker.rules.model_rows import MODEL_FIELDS, MODEL_RULES, rubric_findings
from mkdocs_debate.data.licences import (
    RESEARCH_NOTES,
)
from mkdocs_debate.data.site import CELL_VALUES, DIMENSIONS, SLUG, Site, iso_date
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Finding, Problem
from mkdocs_debate.source import PLAIN_TEXT_MARKUP


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
