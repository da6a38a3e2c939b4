"""The timeline's rules (timeline.yml)."""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_debate.checker.fields import source_findings
from mkdocs_debate.checker.rules.common import _entries
from mkdocs_debate.data.site import SLUG, Site, iso_date
from mkdocs_debate.data.vocabulary import PARTIAL_DATE, TIMELINE_THEMES
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Problem
from mkdocs_debate.source import PLAIN_TEXT_MARKUP, caret_power

EVENT_FIELDS = frozenset(
    {"id", "date", "theme", "title", "text", "source", "terms", "claims", "models"}
)
EVENT_LINKS = (
    ("claims", "claim", "docs/claims/<id>.md"),
    ("models", "model", "docs/_data/models.yml"),
    ("terms", "term", "docs/_data/glossary.yml"),
)
MAX_EVENT_TITLE = 60


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
