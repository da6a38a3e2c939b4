"""A page per glossary term, and bounded lists: what keeps pages light as essays multiply.

The glossary index (blocks/glossary.py) lists every term with its short
definition; the whole entry is on the term's own page, ``glossary/<term>.md``, a
stub that ``debate-export`` writes: the full definition, the dispute, the
competing definitions, related terms, the timeline's events and the pages that
use it. "Used in" shows the USED_IN_SHOWN newest pages; past that, a count and a
link to the complete list, ``glossary/used-in/<term>.md`` (another stub). No
page but the complete lists grows with the number of essays.
"""

from __future__ import annotations

import datetime as dt
import posixpath

from mkdocs_debate.blocks.common import esc, human_date, link, plain, title_of
from mkdocs_debate.blocks.definitions import glossary_definitions
from mkdocs_debate.blocks.glossary import GLOSSARY_DIR, curly, other_spellings, term_src
from mkdocs_debate.blocks.timeline import date_label
from mkdocs_debate.blocks.timeline import events as timeline_events
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import Site, iso_date
from mkdocs_debate.usage import term_usage

USED_IN_SHOWN = 20  # pages listed under "Used in" on a term's page before "and N more"
USED_IN_DIR = f"{GLOSSARY_DIR}/used-in"


class UnknownGlossaryTermError(ValueError):
    """A page of docs/glossary/ names no term of glossary.yml."""


def used_in_src(term_id: str) -> str:
    """Source path of the complete list of the pages that use a term."""
    return f"{USED_IN_DIR}/{term_id}.md"


def newest_first(pages: list[Page]) -> list[Page]:
    """Pages by date, newest first, then by title (undated pages last)."""
    return sorted(
        pages,
        key=lambda p: (iso_date(p.meta.get("date")) or dt.date.min, title_of(p).lower()),
        reverse=True,
    )


def _entry(site: Site, src: str) -> dict:
    term_id = posixpath.splitext(posixpath.basename(src))[0]
    entry = site.terms.get(term_id)
    if entry is None:
        raise UnknownGlossaryTermError(
            f"docs/{src}:1: no term '{term_id}' in docs/_data/glossary.yml "
            "(run `make exports` to remove pages of deleted terms)"
        )
    return entry


def _item(src: str, page: Page) -> str:
    day = human_date(page.meta.get("date"))
    return f"- [{plain(title_of(page))}]({link(src, page.src)})" + (f" · {day}" if day else "")


def term_page(site: Site, src: str, settings: Settings) -> str:
    """The whole entry of one term (its file name is the term's id)."""
    entry = _entry(site, src)
    term_id = str(entry["id"])
    glossary = settings.glossary_page
    out = [
        f'<div class="glossary-term-page" data-term="{esc(term_id)}" markdown>',
        "",
        f'<p class="glossary-term-page__short no-terms" markdown>{plain(str(entry.get("short", "")).strip())}</p>',
        "",
        str(entry.get("definition", "")).strip(),
        "",
    ]
    out += other_spellings(entry.get("aliases") or [])
    if entry.get("contested"):
        out += ['!!! question contested "Contested"', ""]
        out += ["    " + line for line in str(entry["contested"]).strip().splitlines()] + [""]
    out += glossary_definitions(site, src, settings, term_id)
    related = [r for r in entry.get("related") or [] if r in site.terms]
    if related:
        out += [
            '<p class="no-terms" markdown>**Related:** '
            + ", ".join(
                f"[{plain(site.terms[r]['term'])}]({link(src, term_src(r))})" for r in related
            )
            + "</p>",
            "",
        ]
    found = [e for e in timeline_events(site) if term_id in (e.get("terms") or [])]
    if found:
        out += ["## On the timeline {#on-the-timeline}", "", '<div class="no-terms" markdown>', ""]
        out += [
            f"- {esc(date_label(str(e.get('date', ''))))}: "
            f"[{plain(e.get('title', e.get('id')))}]({link(src, 'timeline.md', str(e['id']))})"
            for e in reversed(found)
        ] + ["", "</div>", ""]
    sources = "; ".join(
        f"[{curly(plain(s.get('title', s.get('url'))))}](<{s.get('url')}>)"
        for s in entry.get("sources") or []
    )
    if sources:
        out += [f'<p class="no-terms" markdown>**Sources:** {sources}</p>', ""]
    out += used_in(site, src, settings, term_id)
    out += [
        f'<p class="no-terms" markdown>[All terms of the glossary]({link(src, glossary, term_id)})</p>',
        "",
        "</div>",
    ]
    return "\n".join(out)


def used_in(site: Site, src: str, settings: Settings, term_id: str) -> list[str]:
    """'Used in': the newest USED_IN_SHOWN pages, and past that a count and the complete list's link."""
    pages = newest_first(term_usage(site, settings.glossary_page).get(term_id, []))
    if not pages:
        return []
    out = ["## Used in {#used-in}", "", '<div class="used-in no-terms" markdown>', ""]
    out += [_item(src, page) for page in pages[:USED_IN_SHOWN]] + [""]
    rest = len(pages) - USED_IN_SHOWN
    if rest > 0:
        out += [
            f"[… and {rest} more: all {len(pages)} pages]({link(src, used_in_src(term_id))})",
            "",
        ]
    return out + ["</div>", ""]


def used_in_page(site: Site, src: str, settings: Settings) -> str:
    """The complete list of the pages that use one term, newest first.

    Written as HTML, one raw block: the list grows with the site, and read as Markdown each
    item's link went through every inline pattern (at 1,000 essays these pages cost the build
    3.7 s). Every title is escaped; every URL is a page of the site (Settings.site_path).
    """
    entry = _entry(site, src)
    term_id = str(entry["id"])
    pages = newest_first(term_usage(site, settings.glossary_page).get(term_id, []))
    noun = "page uses" if len(pages) == 1 else "pages use"
    term = f'<a href="{esc(settings.site_path(term_src(term_id)))}">{esc(entry.get("term", term_id))}</a>'
    items = "\n".join(_item_html(settings, page) for page in pages)
    return (
        f'<div class="used-in no-terms">\n<p>{len(pages)} {noun} {term}, newest first.</p>\n'
        + (f"<ul>\n{items}\n</ul>" if items else "<p><em>No page uses it yet.</em></p>")
        + "\n</div>"
    )


def _item_html(settings: Settings, page: Page) -> str:
    day = human_date(page.meta.get("date"))
    return (
        f'<li><a href="{esc(settings.site_path(page.src))}">{esc(title_of(page))}</a>'
        + (f" · {day}" if day else "")
        + "</li>"
    )
