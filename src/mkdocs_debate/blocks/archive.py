"""Section indexes that stay the same size: the newest pages, then a year index.

The essays and discussions indexes list the INDEX_SHOWN newest pages and link a
page per year (``archive/<section>/<year>.md``, stubs that ``debate-export``
writes), each listing that year's pages, newest first. However many essays the
site gathers, the index does not grow; a year page grows only with that year.
"""

from __future__ import annotations

import posixpath

from mkdocs_debate.blocks.common import link
from mkdocs_debate.blocks.lists import _page_list
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import Site, iso_date

INDEX_SHOWN = 30  # pages on a section's index before the year index takes over
ARCHIVE_DIR = "archive"
ARCHIVED_SECTIONS = ("essays", "discussions")


def year_of(page: Page) -> str:
    """The page's year of publication ('undated' when it has no date)."""
    day = iso_date(page.meta.get("date"))
    return str(day.year) if day else "undated"


def archive_src(section: str, year: str) -> str:
    """Source path of a section's page for one year."""
    return f"{ARCHIVE_DIR}/{section}/{year}.md"


def years(site: Site, section: str) -> dict[str, list[Page]]:
    """Year -> the section's pages of that year, newest year first, each newest first."""
    found: dict[str, list[Page]] = {}
    for page in site.content_pages(section):
        found.setdefault(year_of(page), []).append(page)
    return dict(sorted(found.items(), reverse=True))


def year_index(site: Site, src: str, section: str) -> str:
    """'By year: 2026 (12) · 2025 (40)', each year linked to its page."""
    items = [
        f"[{year}]({link(src, archive_src(section, year))}) ({len(pages)})"
        for year, pages in years(site, section).items()
    ]
    if not items:
        return ""
    return f'<p class="year-index no-terms" markdown>**By year:** {" · ".join(items)}</p>'


def section_list(site: Site, src: str, section: str, settings: Settings) -> str:
    pages = site.content_pages(section)
    out = [_page_list(settings, pages[:INDEX_SHOWN])]
    if len(pages) > INDEX_SHOWN:
        out.insert(
            0,
            f'<p class="no-terms">The {INDEX_SHOWN} newest of {len(pages)}; every one is listed '
            "on its year’s page.</p>",
        )
    index = year_index(site, src, section)
    return "\n\n".join(out + ([index] if index else []))


def essays_list(site: Site, src: str, settings: Settings) -> str:
    """The newest essays, then the year index."""
    return section_list(site, src, "essays", settings)


def discussions_list(site: Site, src: str, settings: Settings) -> str:
    """The newest discussion summaries, then the year index."""
    return section_list(site, src, "discussions", settings)


def archive_page(site: Site, src: str, settings: Settings) -> str:
    """One year of a section (the page's folder is the section, its name the year), newest first."""
    section = posixpath.basename(posixpath.dirname(src))
    year = posixpath.splitext(posixpath.basename(src))[0]
    pages = years(site, section).get(year, [])
    return "\n\n".join([_page_list(settings, pages), year_index(site, src, section)])
