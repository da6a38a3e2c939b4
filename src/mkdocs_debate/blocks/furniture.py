"""What the build adds around a page: claim backlinks, reading-path links, "Cite this page", corrections."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from mkdocs_debate.blocks.claims import claim_backlinks, claim_json_ld, claim_statement
from mkdocs_debate.blocks.common import KIND_LABELS, esc, human_date, link, plain, title_of
from mkdocs_debate.blocks.path import path_links
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import Site, iso_date


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


def page_header(site: Site, page: Page, settings: Settings) -> str:
    """What the build puts under a page's title: the metadata line, the latest revision note."""
    parts = [page_meta_line(site, page)] if page.is_content else []
    if page.is_claim:
        parts.append(claim_statement(site, page))
    parts.append(revision_note(page))
    return "\n\n".join(part for part in parts if part)


def page_meta_line(site: Site, page: Page) -> str:
    """Kind, date, when it was updated, byline and tags of an essay or summary, on one line."""
    meta = page.meta
    items = [f'<span class="page-meta__kind">{esc(KIND_LABELS.get(str(meta.get("kind")), meta.get("kind", "")))}</span>']
    published, updated = iso_date(meta.get("date")), iso_date(meta.get("updated"))
    if published:
        items.append(_time(published))
    if updated and updated != published:
        items.append("updated " + _time(updated))
    authors = [_author(site, page, author) for author in meta.get("authors") or []]
    if authors:
        items.append("by " + ", ".join(authors))
    tags = [f'<span class="page-meta__tag" title="{esc(site.tags.get(tag) or tag)}">{plain(tag)}</span>'
            for tag in meta.get("tags") or []]
    if tags:
        items.append('<span class="page-meta__tags">Tags: ' + ", ".join(tags) + "</span>")
    return '<p class="page-meta no-terms" markdown>' + " · ".join(items) + "</p>"


def _time(day: dt.date) -> str:
    return f'<time datetime="{day.isoformat()}">{human_date(day)}</time>'


def _author(site: Site, page: Page, author_id: str) -> str:
    """An author's name from authors.yml, linked to their page when it is one of ours."""
    entry = site.authors.get(author_id) or {}
    name, url = plain(entry.get("name", author_id)), str(entry.get("url") or "")
    if url.endswith(".md") or ".md#" in url:
        target, _, anchor = url.partition("#")
        return f"[{name}]({link(page.src, target, anchor)})"
    if url.startswith("https://"):
        return f'<a href="{esc(url)}">{name}</a>'
    return name


def revision_note(page: Page) -> str:
    """The latest revision's date and note, older revisions folded below it."""
    revisions = [r for r in page.meta.get("revisions") or [] if isinstance(r, dict)]
    if not revisions:
        return ""
    revisions = sorted(revisions, key=lambda r: str(r.get("date", "")), reverse=True)
    latest, older = revisions[0], revisions[1:]
    out = ['<aside class="revision-note no-terms" markdown>', "",
           f"**Revised {human_date(latest.get('date'))}:** {plain(str(latest.get('note', '')).strip())}", ""]
    if older:
        out += ["<details markdown>", "<summary>Earlier revisions</summary>", ""]
        out += [f"- {human_date(r.get('date'))}: {plain(str(r.get('note', '')).strip())}" for r in older]
        out += ["", "</details>", ""]
    return "\n".join(out + ["</aside>"])


def furniture(site: Site, page: Page, settings: Settings) -> str:
    """What the build appends to a page: claim backlinks, reading-path links, citation, history."""
    out = []
    if page.is_claim:
        out += [claim_backlinks(site, page), claim_json_ld(site, page, settings)]
    out.append(path_links(site, page))
    if page.is_article:
        out.append(citation_block(site, page, settings))
    return "\n\n".join(part for part in out if part)


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
        f"last revised {human_date(revised)}. [{esc(url)}]({url})", "",
        f'<pre class="bibtex"><code>{esc(bibtex)}</code></pre>', "",
    ]
    if history:
        lines += [f"[Revision history of this page]({history}) · "
                  f"[Request a correction]({repo}/issues/new?template=correction.yml&page={quote(url, safe='')})", ""]
    if corrections:
        lines += ["**Corrections:**", ""] + [
            f"- {human_date(c.get('date'))}: {esc(c.get('note', ''))}" for c in corrections] + [""]
    return "\n".join(lines + ["</section>"])
