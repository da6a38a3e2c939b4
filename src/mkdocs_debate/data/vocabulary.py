"""The words the data files may use, said once: every rule and every renderer reads them here.

Data (no Markdown, no HTML): the timeline's themes with their labels, and the
two kinds of partial date the sources of truth accept.
"""

from __future__ import annotations

import re

# timeline.yml: an event's theme -> the label its filter and its line show
TIMELINE_THEMES = {
    "licences": "Licences",
    "definitions": "Definitions",
    "law": "Law",
    "releases": "Releases",
}
# A date as precise as the evidence: a year, a month or a day (timeline events, definitions' "when").
PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
# A source's date in front matter: a year or a month (a day is written as a full date instead).
YEAR_OR_MONTH = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
