"""Lists of pages and claims: section indexes, the home page's latest and key claims."""

from __future__ import annotations

from mkdocs_debate.blocks.common import human_date, link, reading_minutes, title_of
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import Site
from mkdocs_debate.usage import claim_usage

LATEST_COUNT = 6
KEY_CLAIMS_COUNT = 5


def _page_list(src: str, pages: list[Page]) -> str:
    items = []
    for page in pages:
        items.append(
            f"- **[{title_of(page)}]({link(src, page.src)})**  \n"
            f"  {human_date(page.meta.get('date'))} · {reading_minutes(page)} min read  \n"
            f"  {page.meta.get('description', '')}"
        )
    body = "\n".join(items) if items else "*Nothing published here yet.*"
    return f'<div class="page-list no-terms" markdown>\n\n{body}\n\n</div>'


def essays_list(site: Site, src: str, settings: Settings) -> str:
    """Every essay, newest first."""
    return _page_list(src, site.content_pages("essays"))


def discussions_list(site: Site, src: str, settings: Settings) -> str:
    """Every discussion summary, newest first."""
    return _page_list(src, site.content_pages("discussions"))


def latest_list(site: Site, src: str, settings: Settings) -> str:
    """The newest essays and summaries together."""
    pages = site.content_pages("essays") + site.content_pages("discussions")
    pages.sort(key=lambda p: (str(p.meta.get("date", "")), p.slug), reverse=True)
    return _page_list(src, pages[:LATEST_COUNT])


def _claim_item(src: str, claim_id: str, page: Page, suffix: str = "") -> str:
    return f"- **[{title_of(page)}]({link(src, page.src)})**: {page.meta.get('claim', '')}{suffix}"


def key_claims(site: Site, src: str, settings: Settings) -> str:
    """The claims argued in the most places, for the home page."""
    usage = claim_usage(site)
    ranked = sorted(site.claims.items(), key=lambda kv: (-len(usage.get(kv[0], [])), kv[0]))
    items = [_claim_item(src, claim_id, page) for claim_id, page in ranked[:KEY_CLAIMS_COUNT]]
    return '<div class="claim-list no-terms" markdown>\n\n' + "\n".join(items) + "\n\n</div>"


def claims_list(site: Site, src: str, settings: Settings) -> str:
    """Every claim with its statement and how often our pages argue it."""
    usage = claim_usage(site)
    items = []
    for claim_id, page in sorted(site.claims.items(), key=lambda kv: title_of(kv[1])):
        count = len(usage.get(claim_id, []))
        items.append(_claim_item(src, claim_id, page,
                                 f" *({count} place{'s' if count != 1 else ''} in our pages)*"))
    return '<div class="claim-list no-terms" markdown>\n\n' + "\n".join(items) + "\n\n</div>"
