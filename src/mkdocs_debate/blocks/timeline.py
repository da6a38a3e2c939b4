"""The timeline page, generated from docs/_data/timeline.yml.

Every event keeps its id as a permanent anchor (``timeline/#<id>``), shows its
date at the precision the source gives, its theme, one sentence, its source
and links to the claims, models and terms it bears on. Readers filter by theme
with radio buttons and CSS alone (no script: the CSP allows none of ours).
"""

from __future__ import annotations

import datetime as dt

from mkdocs_debate.blocks.common import esc, link
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.site import Site

THEMES = {"licences": "Licences", "definitions": "Definitions", "law": "Law", "releases": "Releases"}


def date_label(value: str) -> str:
    """'1983', 'September 1983' or '27 September 1983', as precise as the data."""
    parts = str(value).split("-")
    if len(parts) == 3:
        day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        return f"{day.day} {day:%B %Y}"
    if len(parts) == 2:
        return f"{dt.date(int(parts[0]), int(parts[1]), 1):%B %Y}"
    return parts[0]


def events(site: Site) -> list[dict]:
    """The events, oldest first (by the date string, as the data file is kept)."""
    found = [e for e in (site.timeline.get("events") or []) if isinstance(e, dict)]
    return sorted(found, key=lambda e: str(e.get("date", "")))


def timeline_page(site: Site, src: str, settings: Settings) -> str:
    """Every event, grouped by year, with a theme filter."""
    model_ids = {str(m.get("id")) for m in site.models.get("models") or [] if isinstance(m, dict)}
    filters = ['<input type="radio" name="timeline-theme" id="theme-all" class="timeline-filter" checked>',
               '<label for="theme-all">All</label>']
    for theme, label in THEMES.items():
        filters += [f'<input type="radio" name="timeline-theme" id="theme-{theme}" class="timeline-filter">',
                    f'<label for="theme-{theme}">{label}</label>']
    out = ['<div class="timeline no-terms" markdown>', "",
           '<fieldset class="timeline-filters"><legend>Show</legend>' + "".join(filters) + "</fieldset>", ""]
    year = None
    for event in events(site):
        event_year = str(event["date"])[:4]
        if event_year != year:
            year = event_year
            out += [f"## {year} {{#year-{year}}}", ""]
        theme = str(event.get("theme", ""))
        source = event.get("source") or {}
        related = [f"[{esc(site.claims[c].meta.get('title', c))}]({link(src, site.claims[c].src)})"
                   for c in event.get("claims") or [] if c in site.claims]
        related += [f"[{esc(m)}]({link(src, settings.models_page, m)})" for m in event.get("models") or []
                    if m in model_ids]
        related += [f"[{esc(site.terms[t].get('term', t))}]({link(src, settings.glossary_page, t)})"
                    for t in event.get("terms") or [] if t in site.terms]
        out += [f'<div class="timeline-event timeline-event--{esc(theme)}" id="{esc(event["id"])}" markdown>', "",
                f'<p class="timeline-event__head"><time datetime="{esc(event["date"])}">{date_label(event["date"])}</time>'
                f' · <span class="timeline-event__theme">{esc(THEMES.get(theme, theme))}</span></p>', "",
                f"**{esc(event.get('title', ''))}.** {esc(event.get('text', ''))} "
                f"[Source: {esc(source.get('title', 'source'))}]({esc(source.get('url', ''))})", ""]
        if related:
            out += ["*Related:* " + ", ".join(related), ""]
        out += ["</div>", ""]
    return "\n".join(out + ["</div>"])
