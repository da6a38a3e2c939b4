"""The matrix's rules (models.yml): what each key holds, then the rules across fields and files.

What a key of a row, a fact, a cell, a history item or an EU index record must
hold is declared on the field it fills (``data/matrix.py``, read by
``data/schema.findings``). Here are the rules no single field can state: a
row's checked date is its cells' latest, a cell rests on evidence read on a
date or on the research notes, gating applies to weights, a name belongs to one
model, an organisation is spelled one way, an EU index disagreement names a dimension
once and a value other than ours.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from mkdocs_debate.checker.rules.model_rows import MODEL_RULES, rubric_findings
from mkdocs_debate.data.matrix import UNKNOWN, WEIGHT_CONDITIONS, Cell, Model, Pending
from mkdocs_debate.data.schema import build, findings
from mkdocs_debate.data.site import Site
from mkdocs_debate.data.vocabulary import RESEARCH_NOTES
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Finding, Problem
from mkdocs_debate.source import PLAIN_TEXT_MARKUP


def models_problems(site: Site) -> Iterator[Problem]:
    """Every problem of models.yml, each at the line of the key it is about."""
    if not os.path.exists(site.data_path("models.yml")):
        return  # a site without an openness matrix
    path = site.display_path("models.yml")
    models = site.models.get("models") if isinstance(site.models, dict) else None
    if not isinstance(models, list):
        yield Problem(path, 1, "models.yml must have a list under 'models'")
        return
    yield from (Problem(path, line, message) for line, message in rubric_findings(site.models))
    names = glossary_name_owners(site)
    refs = {"licences": frozenset(site.licences)}
    seen: set[str] = set()
    spellings: dict[str, str] = {}  # organisation, case-folded -> its first spelling
    for model in models:
        if not isinstance(model, LineDict):
            yield Problem(path, 1, f"a model must be a mapping: {model!r}")
            continue
        model_id = str(model.get("id", ""))
        declared = findings(
            Model, model, f"model {model_id!r}", owner=repr(model_id), ident=model_id, refs=refs
        )
        yield from (Problem(path, line or model.line, message) for line, message in declared)
        if model_id in seen:
            yield Problem(path, model.line_of("id"), f"duplicate model {model_id!r}")
        seen.add(model_id)
        yield from (
            Problem(path, line, message)
            for line, message in organisation_findings(model, model_id, spellings)
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
        for dimension, cell in openness.items() if isinstance(openness, LineDict) else ():
            if isinstance(cell, LineDict):
                yield from (
                    Problem(path, line, message)
                    for line, message in cell_rules(cell, f"{model_id}.{dimension}", dimension)
                )
    yield from pending_problems(site, path)


def pending_problems(site: Site, path: str) -> Iterator[Problem]:
    """``pending``: the models announced and not yet rated, each with a reason and a source."""
    pending = site.models.get("pending", [])
    if not isinstance(pending, list):
        yield Problem(path, site.models.line_of("pending"), "pending must be a list of models")
        return
    rated = {
        str(name).strip().casefold(): str(model.get("id"))
        for model in site.models.get("models") or []
        if isinstance(model, LineDict)
        for name in [model.get("name", ""), *(model.get("aliases") or [])]
        if isinstance(name, str)
    }
    for item in pending:
        name = item.get("name", "") if isinstance(item, LineDict) else ""
        declared = findings(Pending, item, f"pending model {name!r}")
        yield from (
            Problem(path, line or site.models.line_of("pending"), message)
            for line, message in declared
        )
        if isinstance(name, str) and name.strip().casefold() in rated:
            yield Problem(
                path,
                item.line,
                f"pending model {name!r} is rated (model {rated[name.strip().casefold()]!r}): "
                "take it out of pending",
            )


def cell_findings(cell: LineDict, where: str, dimension: str) -> Iterator[Finding]:
    """Everything wrong with one cell: its keys as declared (matrix.Cell), then its rules."""
    yield from findings(Cell, cell, where)
    yield from cell_rules(cell, where, dimension)


def cell_rules(cell: LineDict, where: str, dimension: str) -> Iterator[Finding]:
    """A cell's evidence was read on a date (checked) or rests on our research notes (basis);
    gating and conditions are weights' alone and keep them short of open; an unknown says why."""
    if "checked" in cell and "basis" in cell:
        yield (
            cell.line,
            f"{where} has both 'checked' and 'basis': keep 'checked' if its evidence was read that day",
        )
    elif "checked" not in cell and "basis" not in cell:
        yield (
            cell.line,
            (
                f"{where} needs 'checked' (the ISO date its evidence was read) "
                f"or 'basis: {RESEARCH_NOTES}'"
            ),
        )
    conditions = build(Cell, cell, dimension=dimension).conditions  # gated: true counts as gated
    if conditions and dimension != "weights":
        yield cell.line, f"{', '.join(sorted(conditions))} applies to weights only, not to {where}"
    elif cell.get("gated") is True and cell.get("value") == "open":
        yield (
            cell.line,
            (
                f"{where} is gated (behind an approval or licence-acceptance step), "
                "so it cannot be 'open': use 'partial'"
            ),
        )
    elif conditions and cell.get("value") == "open":
        yield (
            cell.line,
            (
                f"{where} names conditions that keep weights short of open "
                f"({', '.join(sorted(conditions))}), so it cannot be 'open': use 'partial'"
            ),
        )
    value = cell.get("value")
    if dimension == "weights" and value == "partial" and not conditions:
        yield (
            cell.line,
            (
                f"{where} is 'partial' and must name why, as conditions: ["
                + ", ".join(WEIGHT_CONDITIONS)
                + "] (gated: true counts as gated)"
            ),
        )
    if value == UNKNOWN and not str(cell.get("note") or "").strip():
        yield (
            cell.line,
            f"{where} is 'unknown' and needs a note saying what was looked for and not found",
        )
    elif value not in (None, UNKNOWN) and "source" not in cell:
        yield (
            cell.line,
            f"{where} is {value!r} and needs an https source (or the value 'unknown')",
        )


def organisation_findings(
    model: LineDict, model_id: str, spellings: dict[str, str]
) -> Iterator[Finding]:
    """An organisation is written one way across the matrix (its filter lists every spelling)."""
    organisation = model.get("organisation")
    if isinstance(organisation, LineDict) and organisation.get("value"):
        spelled = str(organisation["value"])
        first = spellings.setdefault(spelled.casefold(), spelled)
        if first != spelled:
            yield (
                model.line_of("organisation"),
                (
                    f"organisation of {model_id!r} is spelled {spelled!r} but {first!r} elsewhere: "
                    "write it one way (the matrix's filter lists every spelling)"
                ),
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
    if not isinstance(aliases, list):
        aliases = []  # said by the declaration (matrix.Model.aliases)
    for name in [model.get("name", ""), *(a for a in aliases if isinstance(a, str))]:
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
