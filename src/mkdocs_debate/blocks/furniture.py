"""What the build adds around a page: claim backlinks, reading-path links, "Cite this page", corrections.

Every page a debater cites gets "Cite this page": plain text and BibTeX, each
with a copy button (``overrides/assets/javascripts/cite.js``; without script
both stay selectable text). An essay, summary or claim is cited at its
``updated`` (else ``date``); a page drawn from the data (the matrix, licences,
definitions, verdicts, glossary, timeline) at the newest date of the data it
shows (``DATA_PAGES``); a model page cites itself (``model_page``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import quote

from mkdocs_debate.blocks.argument import claim_neighbourhood
from mkdocs_debate.blocks.claims import claim_backlinks, claim_json_ld, claim_statement
from mkdocs_debate.blocks.common import KIND_LABELS, esc, human_date, link, plain, title_of
from mkdocs_debate.blocks.path import path_links
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.licences import COMPARE_SUFFIX, family_versions
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import DATA_DIR, Site, iso_date, newest_date
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.source import iter_code_free_lines
from mkdocs_debate.syntax import GENERATE_RE


def corrections_list(site: Site, src: str, settings: Settings) -> str:
    """Every correction of every page, newest first (for the About page)."""
    rows = []
    for page in site.pages.values():
        for item in page.meta.get("corrections") or []:
            rows.append((str(item.get("date", "")), page, str(item.get("note", ""))))
    if not rows:
        return "*No corrections have been needed so far.*"
    rows.sort(key=lambda r: r[0], reverse=True)
    return "\n".join(
        f"- {human_date(d)}, [{esc(title_of(p))}]({link(src, p.src)}): {esc(n)}" for d, p, n in rows
    )


def page_header(site: Site, page: Page, settings: Settings) -> str:
    """What the build puts under a page's title: the metadata line, the latest revision note."""
    parts = [page_meta_line(site, page, settings)] if page.is_content else []
    if page.is_claim:
        parts.append(claim_statement(site, page))
    parts.append(revision_note(page))
    return "\n\n".join(part for part in parts if part)


def page_meta_line(site: Site, page: Page, settings: Settings) -> str:
    """Kind, date, when it was updated, byline and tags of an essay or summary, on one line."""
    meta = page.meta
    items = [
        f'<span class="page-meta__kind">{esc(KIND_LABELS.get(str(meta.get("kind")), meta.get("kind", "")))}</span>'
    ]
    published, updated = iso_date(meta.get("date")), iso_date(meta.get("updated"))
    if published:
        items.append(_time(published))
    if updated and updated != published:
        items.append("updated " + _time(updated))
    authors = [_author(site, page, author, settings) for author in meta.get("authors") or []]
    if authors:
        items.append("by " + ", ".join(text for text, _ in authors))
    tags = [
        f'<span class="page-meta__tag" title="{esc(site.tags.get(tag) or tag)}">{plain(tag)}</span>'
        for tag in meta.get("tags") or []
    ]
    line = " · ".join(items)
    if tags:  # its separator inside, as phones leave the tags out (extra.css)
        line += '<span class="page-meta__tags"> · Tags: ' + ", ".join(tags) + "</span>"
    # Raw HTML, read once by the build, unless a byline is a Markdown link left for MkDocs to check.
    markdown = " markdown" if any(is_markdown for _, is_markdown in authors) else ""
    return f'<p class="page-meta no-terms"{markdown}>' + line + "</p>"


def _time(day: dt.date) -> str:
    return f'<time datetime="{day.isoformat()}">{human_date(day)}</time>'


def _author(site: Site, page: Page, author_id: str, settings: Settings) -> tuple[str, bool]:
    """An author's name from authors.yml, linked to their page when it is one of ours; and
    whether that is a Markdown link (to a page the site lacks, for MkDocs to report)."""
    entry = site.authors.get(author_id) or {}
    name, url = plain(entry.get("name", author_id)), str(entry.get("url") or "")
    if url.endswith(".md") or ".md#" in url:
        target, _, anchor = url.partition("#")
        if target not in site.all_pages:
            return f"[{name}]({link(page.src, target, anchor)})", True
        href = settings.site_path(target) + (f"#{anchor}" if anchor else "")
        preview = ' data-preview=""' if page.is_article else ""  # as PreviewTreeprocessor marks
        return f'<a{preview} href="{esc(href)}">{name}</a>', False
    if url.startswith("https://"):
        return f'<a href="{esc(url)}">{name}</a>', False
    return name, False


def revision_note(page: Page) -> str:
    """The latest revision's date, with what changed folded under it, older revisions after it.

    Folded, it is one line under the title: on a phone the first screen of a
    revised essay used to hold the metadata and the whole note, and no
    sentence of the essay.
    """
    revisions = page.revisions
    if not revisions:
        return ""
    revisions = sorted(revisions, key=lambda r: str(r.get("date", "")), reverse=True)
    latest, older = revisions[0], revisions[1:]
    out = [
        '<aside class="revision-note no-terms" markdown>',
        "",
        '<details class="revision-note__details" markdown>',
        f"<summary><strong>Revised {human_date(latest.get('date'))}</strong>: "
        '<span class="revision-note__open">what changed</span></summary>',
        "",
        plain(str(latest.get("note", "")).strip()),
        "",
    ]
    if older:
        out += ['<p class="revision-note__older">Earlier revisions:</p>', ""]
        out += [
            f"- {human_date(r.get('date'))}: {plain(str(r.get('note', '')).strip())}" for r in older
        ]
        out += [""]
    return "\n".join(out + ["</details>", "", "</aside>"])


def furniture(site: Site, page: Page, settings: Settings) -> str:
    """What the build appends to a page: claim backlinks, reading-path links, citation, history."""
    out = []
    if page.is_claim:
        out += [
            claim_neighbourhood(site, page, settings),
            claim_backlinks(site, page),
            claim_json_ld(site, page, settings),
        ]
    out.append(path_links(site, page))
    if page.is_article:
        out.append(citation_block(site, page, settings))
    else:
        data_page = data_page_citation(site, page, settings)
        if data_page:
            out.append(data_page)
    return "\n\n".join(part for part in out if part)


# -----------------------------------------------------------------------------
# Pages drawn from the data: cited at the newest date of what they show
# -----------------------------------------------------------------------------


def _slug(page: Page) -> str:
    return posixpath.splitext(posixpath.basename(page.src))[0]


def _models(site: Site, page: Page) -> Any:
    return site.models.get("models")


def _definitions(site: Site, page: Page) -> Any:
    return site.definitions


def _articles(site: Site, page: Page) -> Any:
    return [p.meta for p in site.pages.values() if p.is_article]


# [[generate:NAME]] -> (the data file its history lives in, what of the data the page shows).
# model-page is absent: a model page cites itself (blocks.model_page).
DATA_PAGES: dict[str, tuple[str, list[Callable[[Site, Page], Any]]]] = {
    "models": ("models.yml", [_models]),
    "is-it-open": ("models.yml", [_models, _definitions]),
    "definitions-index": ("definitions.yml", [_definitions, _models]),
    "term-definitions": (
        "definitions.yml",
        [
            lambda site, page: [d.written for d in site.term_definitions.get(_slug(page), [])],
            _models,
        ],
    ),
    "licences": ("licences.yml", [lambda site, page: [e.written for e in site.licences.values()]]),
    "licence-page": (
        "licences.yml",
        [lambda site, page: [e.written for e in site.licences.values() if e.id == _slug(page)]],
    ),
    "licence-compare": (
        "licences.yml",
        [
            lambda site, page: [
                e.written for e in family_versions(site, _slug(page).removesuffix(COMPARE_SUFFIX))
            ]
        ],
    ),
    # The glossary's entries carry no dates: it shows the dated competing definitions and,
    # under "Used in", the pages that use each term.
    "glossary": ("glossary.yml", [_definitions, _articles]),
    "timeline": ("timeline.yml", [lambda site, page: site.timeline]),
}


def generated_blocks(page: Page) -> list[str]:
    """The names of the blocks a page generates (``[[generate:NAME]]`` outside code), in order."""
    return [
        match.group(1)
        for _n, line in iter_code_free_lines(page.body)
        if (match := GENERATE_RE.match(line))
    ]


def data_version(site: Site, page: Page) -> tuple[str, dt.date] | None:
    """(data file, newest date of the data the page shows) for a page drawn from the data, else None."""
    for name in generated_blocks(page):
        if name in DATA_PAGES:
            data_file, parts = DATA_PAGES[name]
            dates: Iterable[dt.date | None] = [newest_date(part(site, page)) for part in parts]
            dates = [*dates, iso_date(page.meta.get("date")), iso_date(page.meta.get("updated"))]
            newest = max((d for d in dates if d), default=None)
            return (data_file, newest) if newest else None
    return None


def data_page_citation(site: Site, page: Page, settings: Settings) -> str:
    """ "Cite this page" for a page drawn from the data, dated by the newest date of what it shows."""
    found = data_version(site, page)
    if found is None:
        return ""
    data_file, version = found
    meta = LineDict(page.meta)
    meta["date"] = meta["updated"] = version
    return citation_block(
        site,
        dataclasses.replace(page, meta=meta),
        settings,
        history_of=f"{DATA_DIR}/{data_file}",
        version=True,
    )


def citation_block(
    site: Site, page: Page, settings: Settings, history_of: str = "", version: bool = False
) -> str:
    """The 'Cite this page' block: plain text, BibTeX, revision history (of history_of, else of the page).

    version: the page is drawn from the data and cited as the version of its
    date ("version of 24 November 2026") rather than as published and revised.
    """
    meta = page.meta
    title = title_of(page)
    authors = " and ".join(
        str((site.authors.get(a) or {}).get("name", a)) for a in meta.get("authors") or ["editors"]
    )
    published = iso_date(meta.get("date")) or dt.date.today()
    revised = iso_date(meta.get("updated")) or published
    url = settings.published_url(page.src)
    key = f"{settings.cite_key_prefix}-{_path_key(page) if version else page.slug}"
    bibtex = (
        f"@online{{{key},\n  title  = {{{title}}},\n  author = {{{{{authors}}}}},\n"
        f"  date   = {{{published.isoformat()}}},\n  urldate = {{{revised.isoformat()}}},\n"
        + (f"  version = {{{revised.isoformat()}}},\n" if version else "")
        + f"  organization = {{{settings.site_name}}},\n  url    = {{{url}}}\n}}"
    )
    dated = (
        f"version of {human_date(revised)}"
        if version
        else f"{human_date(published)}; last revised {human_date(revised)}"
    )
    repo = settings.repo_url.rstrip("/")
    history = f"{repo}/commits/main/docs/{history_of or page.src}" if repo else ""
    corrections = meta.get("corrections") or []
    # On every page: all but the heading is raw HTML, so the build reads it once instead of
    # running every inline pattern over it (each value escaped here; the URLs are the site's).
    lines = [
        '<section class="cite-this no-terms" markdown>',
        "",
        "## Cite this page",
        "",
        f'<p class="cite-this__text">{esc(authors)}. “{esc(title)}”. <em>{esc(settings.site_name)}</em>, '
        f'{dated}. <a href="{esc(url)}">{esc(url)}</a></p>',
        "",
        f'<pre class="bibtex"><code>{esc(bibtex)}</code></pre>',
        "",
    ]
    if history:
        request = f"{repo}/issues/new?template=correction.yml&page={quote(url, safe='')}"
        lines += [
            f'<p><a href="{esc(history)}">Revision history of this {"data" if version else "page"}</a> · '
            f'<a href="{esc(request)}">Request a correction</a></p>',
            "",
        ]
    if corrections:
        lines += (
            ["**Corrections:**", ""]
            + [f"- {human_date(c.get('date'))}: {esc(c.get('note', ''))}" for c in corrections]
            + [""]
        )
    return "\n".join(lines + ["</section>"])


def _path_key(page: Page) -> str:
    """A data page's BibTeX key from its path ('licences-llama-3', 'licences' for licences/index.md):
    apart from the slug alone, which a licence and a model may share."""
    return posixpath.splitext(page.src)[0].removesuffix("/index").replace("/", "-")
