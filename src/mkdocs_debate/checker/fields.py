"""What the checker's rules share: allowed values and field validators."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from mkdocs_debate.data.site import iso_date
from mkdocs_debate.data.vocabulary import YEAR_OR_MONTH
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Finding

MAX_DESCRIPTION = 160
CONTENT_FIELDS = frozenset({"title", "description", "date", "authors", "kind", "tags", "sources"})
CLAIM_FIELDS = CONTENT_FIELDS | {"claim", "theme"}
OPTIONAL_FIELDS = frozenset(
    {
        "updated",
        "revisions",
        "based_on",
        "corrections",
        "glossary_links",
        "old_ids",
        "hide",
        "social",
        "search",
        "draft",
    }
)
PAGE_FIELDS = frozenset({"title", "description"})
SOURCE_FIELDS = frozenset({"title", "url", "author", "date"})
CLAIM_SECTIONS = ("## The case for", "## The case against")
URL_IN_TEXT = re.compile(r"\]\(\s*<?(https?://[^)\s>]+)|<(https?://[^>\s]+)>")
SOURCE_LINK = re.compile(r"https://[^\s)>\]]+")


def source_findings(
    source: Any, fallback_line: int, required_url: bool = True
) -> Iterator[Finding]:
    """A source must be a mapping with a title, an https url and an ISO date if any."""
    if not isinstance(source, LineDict):
        yield fallback_line, f"a source must be a mapping with title and url: {source!r}"
        return
    for field in ("title", "url") if required_url else ("title",):
        if not source.get(field):
            yield source.line, f"source is missing its {field!r}"
    url = source.get("url")
    if url and not (isinstance(url, str) and url.startswith("https://")):
        yield source.line_of("url"), f"source url must start with https://: {url!r}"
    if (
        "date" in source
        and iso_date(source["date"]) is None
        and not YEAR_OR_MONTH.match(str(source["date"]))
    ):
        yield (
            source.line_of("date"),
            (
                f"source date must be an ISO date (YYYY-MM-DD, or YYYY-MM "
                f"or YYYY when only that is known): {source['date']!r}"
            ),
        )
    for field in source:
        if field not in SOURCE_FIELDS:
            yield (
                source.line_of(field),
                (f"unknown source field {field!r}; allowed: " + ", ".join(sorted(SOURCE_FIELDS))),
            )
