"""The timeline page, generated from docs/_data/timeline.yml.

Every event keeps its id as a permanent anchor (``timeline/#<id>``), shows its
date at the precision the source gives, its theme, one sentence, its source
and links to the claims, models and terms it bears on. Readers filter by theme
with radio buttons and CSS alone; the year index hides the years a filter
empties. ``timeline.js``, where it runs, keeps the chosen theme in the address
(``?theme=law``), so that a filtered timeline is a link.

How far the timeline reaches is computed from the data, never typed: the page
opens with the date of its newest event, and ``debate-export`` writes the
page's description and heading from ``reach`` (see commands/export.py). Above
the list, a figure draws the events since 2023 on a time axis, a lane per theme.
"""

from __future__ import annotations

import datetime as dt

from mkdocs_debate.blocks.common import esc, link, plain, title_of
from mkdocs_debate.blocks.figures import timeline_figure
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.site import Site
from mkdocs_debate.data.vocabulary import TIMELINE_THEMES

THEMES = TIMELINE_THEMES  # the vocabulary's (data/vocabulary.py)

TIMELINE_PAGE = "timeline.md"  # the timeline's page: its events are anchors on it


def date_label(value: str) -> str:
    """'1983', 'September 1983' or '27 September 1983', as precise as the data."""
    parts = str(value).split("-")
    if len(parts) == 3:
        day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        return f"{day.day} {day:%B %Y}"
    if len(parts) == 2:
        return f"{dt.date(int(parts[0]), int(parts[1]), 1):%B %Y}"
    return parts[0]


def month_label(value: str) -> str:
    """'September 1983' for a month or a day, '1983' for a year alone: how far a span reaches."""
    parts = str(value).split("-")
    return date_label("-".join(parts[:2])) if len(parts) >= 2 else parts[0]


def reach(site: Site) -> tuple[str, str] | None:
    """(year of the oldest event, month of the newest), or None for an empty timeline."""
    found = events(site)
    if not found:
        return None
    return str(found[0]["date"])[:4], month_label(found[-1]["date"])


def events(site: Site) -> list[dict]:
    """The events, oldest first (by the date string, as the data file is kept)."""
    return sorted(site.events, key=lambda e: str(e.get("date", "")))


def timeline_page(site: Site, src: str, settings: Settings) -> str:
    """Every event, grouped by year under a year index, with a theme filter."""
    found = events(site)
    years: dict[str, list[dict]] = {}
    for event in found:
        years.setdefault(str(event["date"])[:4], []).append(event)
    out = [
        '<div class="timeline no-terms" markdown>',
        "",
        newest_line(found),
        "",
        timeline_figure(found, THEMES),
        "",
        year_index(years),
        "",
        theme_filter(found),
        "",
    ]
    for year, group in years.items():
        out += ['<section class="timeline-year" markdown>', "", f"## {year} {{#year-{year}}}", ""]
        for event in group:
            out += [event_block(site, src, settings, event), ""]
        out += ["</section>", ""]
    return "\n".join(out + ["</div>"])


def newest_line(found: list[dict]) -> str:
    """Where the timeline stops: the newest event's date and title, linked to its anchor."""
    if not found:
        return ""
    newest = found[-1]
    return (
        f'<p class="timeline-reach">The newest event we could source is dated '
        f'<time datetime="{esc(newest["date"])}">{date_label(newest["date"])}</time>: '
        f'<a href="#{esc(newest["id"])}">{esc(newest.get("title", ""))}</a>.</p>'
    )


def year_index(years: dict[str, list[dict]]) -> str:
    """Links to the years, each marked with the themes of its events: a theme filter hides the years it empties."""
    links = []
    for year, group in years.items():
        themes = sorted({str(e.get("theme", "")) for e in group} & set(THEMES))
        links.append(
            f'<a href="#year-{year}" class="{" ".join(f"has-{t}" for t in themes)}">{year}</a>'
        )
    return (
        '<nav class="timeline-years" aria-label="Years"><p><strong>Jump to:</strong> '
        + " ".join(links)
        + "</p></nav>"
    )


def theme_filter(found: list[dict]) -> str:
    """Radio buttons that show one theme (CSS :has() does the hiding, see extra.css)."""
    counts = {theme: sum(1 for e in found if e.get("theme") == theme) for theme in THEMES}
    filters = [
        '<input type="radio" name="timeline-theme" id="theme-all" class="timeline-filter" checked>',
        f'<label for="theme-all">All ({len(found)})</label>',
    ]
    for theme, label in THEMES.items():
        filters += [
            f'<input type="radio" name="timeline-theme" id="theme-{theme}" class="timeline-filter">',
            f'<label for="theme-{theme}">{label} ({counts[theme]})</label>',
        ]
    return (
        '<fieldset class="timeline-filters"><legend>Show</legend>'
        + "".join(filters)
        + "</fieldset>"
    )


def event_block(site: Site, src: str, settings: Settings, event: dict) -> str:
    """One event at its permanent anchor: date, theme, title, sentence, source, related pages."""
    models = site.models_by_id
    theme = str(event.get("theme", ""))
    source = event.get("source") or {}
    links = {
        "Claims": [
            f"[{plain(title_of(site.claims[c]))}]({link(src, site.claims[c].src)})"
            for c in event.get("claims") or []
            if c in site.claims
        ],
        "Models": [
            f"[{plain(models[m].name)}]({link(src, settings.models_page, m)})"
            for m in event.get("models") or []
            if m in models
        ],
        "Terms": [
            f"[{plain(site.terms[t].get('term', t))}]({link(src, settings.glossary_page, t)})"
            for t in event.get("terms") or []
            if t in site.terms
        ],
    }
    related = " · ".join(f"*{kind}:* " + ", ".join(items) for kind, items in links.items() if items)
    out = [
        f'<div class="timeline-event timeline-event--{esc(theme)}" id="{esc(event["id"])}" markdown>',
        "",
        f'<p class="timeline-event__head"><time datetime="{esc(event["date"])}">{date_label(event["date"])}</time>'
        f' · <span class="timeline-event__theme">{esc(THEMES.get(theme, theme))}</span></p>',
        "",
        f"**{plain(event.get('title', ''))}.** {plain(event.get('text', ''))} "
        f'Source: <a href="{esc(source.get("url", ""))}">{esc(source.get("title", "source"))}</a>',
        "",
    ]
    if related:
        out += [f'<p class="timeline-event__related" markdown>{related}</p>', ""]
    return "\n".join(out + ["</div>"])
