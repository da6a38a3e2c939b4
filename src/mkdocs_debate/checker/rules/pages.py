"""Rules across pages: slugs and titles unique across essays, summaries and claims."""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_debate.checker.field_rules import title_key
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import Site
from mkdocs_debate.problems import Problem


def site_problems(site: Site) -> Iterator[Problem]:
    """Slugs and titles are unique across essays, summaries and claims (drafts included: they will be published)."""
    seen_slugs: dict[str, Page] = {}
    seen_titles: dict[str, Page] = {}
    for page in sorted(site.all_pages.values(), key=lambda p: p.src):
        if not page.is_article:
            continue
        other = seen_slugs.setdefault(page.slug, page)
        if other is not page and page.section != other.section and not page.is_claim:
            yield Problem(page.path, 1, f"slug {page.slug!r} is already used by {other.path}")
        title = title_key(
            str(page.meta.get("title", ""))
        )  # NFKC, invisible characters removed, case-folded
        if title:
            other = seen_titles.setdefault(title, page)
            if other is not page:
                yield Problem(
                    page.path,
                    page.meta.line_of("title"),
                    (f"title {page.meta['title']!r} is already used by {other.path}"),
                )
