"""Lists of pages and claims: section indexes, the home page's latest, what's new and key claims."""

from __future__ import annotations

import datetime as dt

from mkdocs_debate.blocks.common import (
    KIND_LABELS,
    esc,
    human_date,
    link,
    plain,
    reading_minutes,
    title_of,
)
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import KINDS, Site, iso_date
from mkdocs_debate.usage import claim_usage

LATEST_COUNT = 6
KEY_CLAIMS_COUNT = 5
WHATS_NEW_COUNT = 6


def _page_list(settings: Settings, pages: list[Page]) -> str:
    """Pages with date, reading time and description, as one raw HTML block.

    HTML, not Markdown: a year's page grows with the site, and each item's link read as
    Markdown went through every inline pattern. Every value is escaped (plain() is safe
    in HTML too); every URL is a page of the site (Settings.site_path).
    """
    items = [
        f'<li><strong><a href="{esc(settings.site_path(page.src))}">{plain(title_of(page))}</a></strong><br />\n'
        f"  {human_date(page.meta.get('date'))} · {reading_minutes(page)} min read<br />\n"
        f"  {plain(page.meta.get('description', ''))}</li>"
        for page in pages
    ]
    body = (
        "<ul>\n" + "\n".join(items) + "\n</ul>"
        if items
        else "<p><em>Nothing published here yet.</em></p>"
    )
    return f'<div class="page-list no-terms">\n{body}\n</div>'


def essays_list(site: Site, src: str, settings: Settings) -> str:
    """Every essay, newest first."""
    return _page_list(settings, site.content_pages("essays"))


def discussions_list(site: Site, src: str, settings: Settings) -> str:
    """Every discussion summary, newest first."""
    return _page_list(settings, site.content_pages("discussions"))


def latest_list(site: Site, src: str, settings: Settings) -> str:
    """The newest essays and summaries together."""
    pages = site.content_pages("essays") + site.content_pages("discussions")
    pages.sort(key=lambda p: (str(p.meta.get("date", "")), p.slug), reverse=True)
    return _page_list(settings, pages[:LATEST_COUNT])


def last_change(page: Page) -> tuple[dt.date, bool]:
    """When a page last changed, and whether that was a revision (updated after its date)."""
    published = iso_date(page.meta.get("date")) or dt.date.min
    updated = iso_date(page.meta.get("updated"))
    return (updated, True) if updated and updated > published else (published, False)


def whats_new(site: Site, src: str, settings: Settings) -> str:
    """Pages published or revised most recently, latest first, revisions marked "Updated".

    On a section's index page (``essays/index.md``) it lists that section only;
    anywhere else, essays, summaries and claims together.
    """
    section = src.split("/")[0] if src.endswith("/index.md") and src.count("/") == 1 else ""
    pages = [p for p in site.pages.values() if p.is_article and section in ("", p.section)]
    pages.sort(key=lambda p: (last_change(p)[0], p.slug), reverse=True)
    items = []
    for page in pages[:WHATS_NEW_COUNT]:
        day, revised = last_change(page)
        kind = KIND_LABELS[KINDS[page.section]]
        if revised:
            notes = sorted(
                page.revisions,
                key=lambda r: str(r.get("date", "")),
            )
            about = notes[-1].get("note", "") if notes else page.meta.get("description", "")
        else:
            about = page.meta.get("description", "")
        mark = "updated" if revised else "new"
        items.append(
            f'- <span class="news-mark news-mark--{mark}">{"Updated" if revised else "New"}</span> '
            f"**[{plain(title_of(page))}]({link(src, page.src)})**  \n"
            f"  {kind} · {'updated' if revised else 'published'} "
            f'<time datetime="{day.isoformat()}">{human_date(day)}</time>  \n'
            f"  {plain(str(about).strip())}"
        )
    body = "\n".join(items) if items else "*Nothing published yet.*"
    return (
        "## What’s new {#whats-new}\n\n"
        f'<div class="page-list whats-new no-terms" markdown>\n\n{body}\n\n</div>'
    )


def _claim_item(src: str, claim_id: str, page: Page, suffix: str = "") -> str:
    return f"- **[{plain(title_of(page))}]({link(src, page.src)})**: {plain(page.meta.get('claim', ''))}{suffix}"


def key_claims(site: Site, src: str, settings: Settings) -> str:
    """The claims argued in the most places, for the home page."""
    usage = claim_usage(site)
    ranked = sorted(site.claims.items(), key=lambda kv: (-len(usage.get(kv[0], [])), kv[0]))
    items = [_claim_item(src, claim_id, page) for claim_id, page in ranked[:KEY_CLAIMS_COUNT]]
    return '<div class="claim-list no-terms" markdown>\n\n' + "\n".join(items) + "\n\n</div>"
