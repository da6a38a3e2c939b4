"""What the build adds around a page: claim backlinks, "Cite this page", corrections."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from mkdocs_debate.blocks.common import esc, human_date, link, title_of
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import Site, iso_date
from mkdocs_debate.usage import claim_usage

BACKLINK_GROUPS = (("for", "The case for, in our pages"),
                   ("against", "The case against, in our pages"),
                   (None, "Other mentions"))


def corrections_list(site: Site, src: str, settings: Settings) -> str:
    """Every correction of every page, newest first (for the About page)."""
    rows = []
    for page in site.pages.values():
        for item in page.meta.get("corrections") or []:
            rows.append((str(item.get("date", "")), page, str(item.get("note", ""))))
    if not rows:
        return "*No corrections have been needed so far.*"
    rows.sort(key=lambda r: r[0], reverse=True)
    return "\n".join(f"- {human_date(d)}, [{esc(title_of(p))}]({link(src, p.src)}): {esc(n)}"
                     for d, p, n in rows)


def furniture(site: Site, page: Page, settings: Settings) -> str:
    """What the build appends to a page: claim backlinks, citation, history."""
    out = []
    if page.is_claim:
        out.append(claim_backlinks(site, page))
    if page.is_content or page.is_claim:
        out.append(citation_block(site, page, settings))
    return "\n\n".join(out)


def claim_backlinks(site: Site, page: Page) -> str:
    """Where a claim is argued, grouped by side, each linking the arguing block."""
    uses = claim_usage(site).get(page.slug, [])
    groups: dict[str | None, list[str]] = {side: [] for side, _ in BACKLINK_GROUPS}
    for use in uses:
        where = f" § {use.heading}" if use.heading else ""
        groups[use.side if use.side in groups else None].append(
            f"- [{esc(title_of(use.page))}{esc(where)}]({link(page.src, use.page.src, use.anchor)})")
    out = ['<div class="claim-backlinks no-terms" markdown>', "", "## Where this claim appears", ""]
    for side, heading in BACKLINK_GROUPS:
        if groups[side]:
            out += [f"### {heading}", "", *groups[side], ""]
    if not uses:
        out += ["*No page refers to this claim yet.*", ""]
    return "\n".join(out + ["</div>"])


def citation_block(site: Site, page: Page, settings: Settings, history_of: str = "") -> str:
    """The 'Cite this page' block: plain text, BibTeX, revision history (of history_of, else of the page)."""
    meta = page.meta
    title = title_of(page)
    authors = " and ".join(
        str((site.authors.get(a) or {}).get("name", a)) for a in meta.get("authors") or ["editors"])
    published = iso_date(meta.get("date")) or dt.date.today()
    revised = iso_date(meta.get("updated")) or published
    url = settings.published_url(page.src)
    key = f"{settings.cite_key_prefix}-{page.slug}"
    bibtex = (f"@online{{{key},\n  title  = {{{title}}},\n  author = {{{{{authors}}}}},\n"
              f"  date   = {{{published.isoformat()}}},\n  urldate = {{{revised.isoformat()}}},\n"
              f"  organization = {{{settings.site_name}}},\n  url    = {{{url}}}\n}}")
    repo = settings.repo_url.rstrip("/")
    history = f"{repo}/commits/main/docs/{history_of or page.src}" if repo else ""
    corrections = meta.get("corrections") or []
    lines = [
        '<section class="cite-this no-terms" markdown>', "",
        "## Cite this page", "",
        f"{esc(authors)}. “{esc(title)}”. *{esc(settings.site_name)}*, {human_date(published)}; "
        f"last revised {human_date(revised)}. <{url}>", "",
        f'<pre class="bibtex"><code>{esc(bibtex)}</code></pre>', "",
    ]
    if history:
        lines += [f"[Revision history of this page]({history}) · "
                  f"[Request a correction]({repo}/issues/new?template=correction.yml&page={quote(url, safe='')})", ""]
    if corrections:
        lines += ["**Corrections:**", ""] + [
            f"- {human_date(c.get('date'))}: {esc(c.get('note', ''))}" for c in corrections] + [""]
    return "\n".join(lines + ["</section>"])
