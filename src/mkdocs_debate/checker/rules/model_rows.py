"""The matrix's rules on one row (models.yml), one small generator of (line, message) each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from mkdocs_debate.data.site import CELL_VALUES, DIMENSIONS, Site, iso_date
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Finding

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
