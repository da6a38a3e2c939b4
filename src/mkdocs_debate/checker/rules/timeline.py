"""The timeline's rules (timeline.yml): what each key holds, then the rules across events.

What a key of an event must hold (a kebab id, a date as precise as known, a
theme, plain text, ids that exist) is declared on the field it fills
(``data/entries.Event``, read by ``data/schema.findings``); its source goes
through the rule every source of the site goes through. Here are the rules no
single key can state: an id belongs to one event, an event links somewhere.
"""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_debate.checker.fields import source_findings
from mkdocs_debate.checker.rules.common import _entries
from mkdocs_debate.data.entries import Event
from mkdocs_debate.data.schema import findings
from mkdocs_debate.data.site import Site
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Finding, Problem

EVENT_LINKS = ("claims", "models", "terms")


def timeline_problems(site: Site) -> Iterator[Problem]:
    """Timeline events: unique kebab ids, dates as precise as known, a theme, plain text, a source, links that exist."""
    path, events = yield from _entries(site, "timeline.yml", "events", site.timeline)
    seen: set[str] = set()
    refs = {
        "claims": frozenset(site.claims),
        "terms": frozenset(site.terms),
        "models": frozenset(site.models_by_id),
    }
    for event in events:
        if not isinstance(event, LineDict):
            yield Problem(path, 1, f"an event must be a mapping: {event!r}")
            continue
        event_id = str(event.get("id", ""))
        if event_id in seen:
            yield Problem(path, event.line_of("id"), f"duplicate event id {event_id!r}")
        seen.add(event_id)
        declared = findings(
            Event, event, f"event {event_id!r}", owner=repr(event_id), ident=event_id, refs=refs
        )
        for line, message in sorted([*declared, *_event_rules(event, event_id)]):
            yield Problem(path, line or event.line, message)


def _event_rules(event: LineDict, event_id: str) -> Iterator[Finding]:
    """An event's source, as every source is checked; its claims, models and terms link at least once."""
    if "source" in event:
        yield from source_findings(event.get("source"), event.line_of("source"))
    links = sum(len(ids) for ids in (event.get(f) for f in EVENT_LINKS) if isinstance(ids, list))
    if not links:
        yield event.line, f"event {event_id!r} must link at least one claim, model or term"
