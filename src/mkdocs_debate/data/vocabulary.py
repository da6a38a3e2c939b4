"""The words the data files may use, said once: every rule and every renderer reads them here.

Data (no Markdown, no HTML): the timeline's themes with their labels, a day
and the two kinds of partial date the sources of truth accept.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# An id in a data file or a URL: lower-case words joined by hyphens.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The one allowed `basis` of a matrix cell not re-read at its source.
RESEARCH_NOTES = "research-notes"

# timeline.yml: an event's theme -> the label its filter and its line show
TIMELINE_THEMES = {
    "licences": "Licences",
    "definitions": "Definitions",
    "law": "Law",
    "releases": "Releases",
}
# A date as precise as the evidence: a year, a month or a day (timeline events, definitions' "when").
PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
# A day, as the data files write it: 2026-01-05 (Python 3.11 would also take '20260105'; readers not).
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A source's date in front matter: a year or a month (a day is written as a full date instead).
YEAR_OR_MONTH = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")


def iso_date(value: Any) -> dt.date | None:
    """A date from YAML (already a date, or an ISO string), else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


# Whose data the exports carry besides ours: credited in models.json, models.csv and verdicts.json.
EU_INDEX_CREDIT = {
    "name": "European Open Source AI Index",
    "url": "https://doi.org/10.5281/zenodo.15386042",
    "doi": "10.5281/zenodo.15386042",
    "license": "CC-BY-4.0",
    "used_for": (
        "values and notes of cells whose source is an index record, and every eu_index block "
        "(the record compared and where the index rates a dimension otherwise)"
    ),
}
DATA_LICENCE = "CC-BY-SA-4.0"
