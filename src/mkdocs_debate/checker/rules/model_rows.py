"""The matrix's rules across a row's fields (models.yml), one small generator of (line, message) each."""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_debate.data.site import DIMENSIONS, Site, iso_date
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Finding

# -----------------------------------------------------------------------------
# The matrix's rules, one small generator of (line, message) each
# -----------------------------------------------------------------------------

RUBRIC_LEVELS = ("open", "partial", "closed")
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
        return  # not a date: said by the declaration (matrix.Model.checked)
    if latest is None:
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


def rule_eu_index_disagreements(site: Site, model: LineDict, model_id: str) -> Iterator[Finding]:
    """An EU index disagreement names each dimension once (its anchor on /disagreements/ is
    d-<model>--<dimension>) and differs from our cell: an equal value is no disagreement."""
    index = model.get("eu_index")
    items = index.get("disagreements") if isinstance(index, dict) else None
    openness = model.get("openness") if isinstance(model.get("openness"), dict) else {}
    seen: set[str] = set()
    for item in items if isinstance(items, list) else ():
        if not isinstance(item, LineDict) or not isinstance(item.get("dimension"), str):
            continue  # said by the declaration (matrix.Disagreement)
        dimension = item["dimension"]
        if dimension in seen:
            yield (
                item.line,
                f"eu_index of {model_id!r} lists a disagreement on {dimension!r} twice: "
                "one per dimension (write both parameters in one entry)",
            )
        seen.add(dimension)
        cell = openness.get(dimension)
        ours = cell.get("value") if isinstance(cell, dict) else None
        if ours is not None and item.get("index_value") == ours:
            yield (
                item.line,
                f"eu_index disagreement of {model_id!r} on {dimension!r} gives the index our own "
                f"value {ours!r}: an equal value is no disagreement",
            )


MODEL_RULES = (rule_row_checked, rule_osi_source, rule_eu_index_disagreements)
