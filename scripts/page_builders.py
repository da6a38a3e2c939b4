"""Markdown built from the sources of truth, for the debate_markdown extension.

Each generator takes the site, the path of the page it renders on and the
extension's options, and returns Markdown (with ``md_in_html`` blocks where a
wrapper needs a class). Links point at source files relative to the page, so
MkDocs rewrites and validates them like any hand-written link.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import math
import posixpath
import re
from typing import Any, Callable
from urllib.parse import quote

from scripts.site_data import DIMENSIONS, Page, Site, iso_date
from scripts.term_matcher import matcher_for

WORDS_PER_MINUTE = 220
CELL_SYMBOLS = {"open": "●", "partial": "◐", "closed": "○", "unknown": "?"}
DIMENSION_LABELS = {
    "weights": "Weights downloadable",
    "use_restrictions": "Free of use restrictions",
    "training_code": "Training code",
    "training_data": "Training data",
    "data_documentation": "Data documentation",
    "technical_report": "Technical report",
}


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def link(from_src: str, to_src: str, anchor: str = "") -> str:
    """Page-relative link from one source file to another."""
    target = _relative(posixpath.dirname(from_src), to_src) if to_src != from_src else posixpath.basename(to_src)
    return f"{target}#{anchor}" if anchor else target


@functools.lru_cache(maxsize=4096)
def _relative(base: str, to_src: str) -> str:
    return posixpath.relpath(to_src, base)


def human_date(value: Any) -> str:
    day = iso_date(value)
    return f"{day.day} {day:%B %Y}" if day else ""


def reading_minutes(page: Page) -> int:
    words = len(re.findall(r"\w+", re.sub(r"\[\^[^\]]+\]:.*", "", page.body)))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def page_url(page: Page) -> str:
    """The published path of a page ('essays/x/'), as MkDocs' directory URLs make it."""
    stem = page.src[:-3]
    if stem == "index":
        return ""
    return (stem[: -len("index")] if stem.endswith("/index") else stem + "/")


# -----------------------------------------------------------------------------
# Lists of pages
# -----------------------------------------------------------------------------


def _page_list(site: Site, src: str, pages: list[Page]) -> str:
    items = []
    for page in pages:
        items.append(
            f"- **[{page.meta.get('title', page.slug)}]({link(src, page.src)})**  \n"
            f"  {human_date(page.meta.get('date'))} · {reading_minutes(page)} min read  \n"
            f"  {page.meta.get('description', '')}"
        )
    body = "\n".join(items) if items else "*Nothing published here yet.*"
    return f'<div class="page-list no-terms" markdown>\n\n{body}\n\n</div>'


def essays_list(site: Site, src: str, options: dict) -> str:
    return _page_list(site, src, site.content_pages("essays"))


def discussions_list(site: Site, src: str, options: dict) -> str:
    return _page_list(site, src, site.content_pages("discussions"))


def latest_list(site: Site, src: str, options: dict) -> str:
    pages = site.content_pages("essays") + site.content_pages("discussions")
    pages.sort(key=lambda p: (str(p.meta.get("date", "")), p.slug), reverse=True)
    return _page_list(site, src, pages[:6])


def key_claims(site: Site, src: str, options: dict) -> str:
    """The five claims argued in the most places, for the home page."""
    usage = claim_usage(site)
    ranked = sorted(site.claims.items(), key=lambda kv: (-len(usage.get(kv[0], [])), kv[0]))[:5]
    items = [f"- **[{page.meta.get('title', claim_id)}]({link(src, page.src)})**: {page.meta.get('claim', '')}"
             for claim_id, page in ranked]
    return '<div class="claim-list no-terms" markdown>\n\n' + "\n".join(items) + "\n\n</div>"


def matrix_teaser(site: Site, src: str, options: dict) -> str:
    """One sentence of figures from the openness matrix, for the home page."""
    models = list(site.models.get("models") or [])
    if not models:
        return ""
    weights = sum(1 for m in models if (m.get("openness") or {}).get("weights", {}).get("value") == "open")
    data = sum(1 for m in models if (m.get("openness") or {}).get("training_data", {}).get("value") == "open")
    best = max(models, key=_score)
    return (f'<p class="no-terms" markdown>Of the {len(models)} models in our [openness matrix]({link(src, "models.md")}), '
            f"{weights} let anyone download the weights, but only {data} publish their training data. "
            f'The most open on our six dimensions: [{best["name"]}]({link(src, "models.md", str(best["id"]))}).</p>')


def claims_list(site: Site, src: str, options: dict) -> str:
    usage = claim_usage(site)
    items = []
    for claim_id, page in sorted(site.claims.items(), key=lambda kv: str(kv[1].meta.get("title"))):
        count = len(usage.get(claim_id, []))
        items.append(f"- **[{page.meta.get('title', claim_id)}]({link(src, page.src)})**: "
                     f"{page.meta.get('claim', '')} *({count} place{'s' if count != 1 else ''} in our pages)*")
    return '<div class="claim-list no-terms" markdown>\n\n' + "\n".join(items) + "\n\n</div>"


# -----------------------------------------------------------------------------
# Site-wide usage: which pages mention which term or claim
# -----------------------------------------------------------------------------


def term_usage(site: Site) -> dict[str, list[Page]]:
    """Term id -> pages that mention it outside code, links and headings."""
    cached = getattr(site, "_term_usage", None)
    if cached is not None:
        return cached
    matcher = matcher_for(site.glossary)
    usage: dict[str, list[Page]] = {}
    from scripts.debate_markdown import iter_references  # noqa: PLC0415 - avoids an import cycle
    for page in sorted(site.pages.values(), key=lambda p: str(p.meta.get("title", p.src))):
        if page.src == "glossary.md" or not page.links_terms:
            continue
        found = matcher.mentions(page.body)
        for _, kind, ref, _, _ in iter_references(page):
            term_id = _term_id(site, ref) if kind == "term" else None
            if term_id:
                found.add(term_id)
        for term_id in found:
            usage.setdefault(term_id, []).append(page)
    site._term_usage = usage  # type: ignore[attr-defined]
    return usage


def _term_id(site: Site, ref: str) -> str | None:
    return ref if ref in site.terms else matcher_for(site.glossary).lookup(ref)


def claim_usage(site: Site) -> dict[str, list[tuple[Page, str | None, str, str]]]:
    """Claim id -> (page, side, anchor, section heading) for each reference."""
    cached = getattr(site, "_claim_usage", None)
    if cached is not None:
        return cached
    from scripts.debate_markdown import claim_references  # noqa: PLC0415
    usage: dict[str, list[tuple[Page, str | None, str, str]]] = {}
    for page in sorted(site.pages.values(), key=lambda p: p.src):
        if page.is_claim:
            continue
        lines = page.body.splitlines()
        for claim_id, side, anchor, line in claim_references(page):
            heading = next((re.sub(r"\s*\{[^}]*\}\s*$", "", l.lstrip("#").strip())
                            for l in reversed(lines[: line - page.body_line + 1]) if re.match(r"#{2,3}\s", l)), "")
            usage.setdefault(claim_id, []).append((page, side, anchor, heading))
    site._claim_usage = usage  # type: ignore[attr-defined]
    return usage


# -----------------------------------------------------------------------------
# The glossary page
# -----------------------------------------------------------------------------


def glossary_page(site: Site, src: str, options: dict) -> str:
    entries = sorted(site.glossary, key=lambda e: str(e.get("term", "")).lower())
    usage = term_usage(site)
    by_id = {str(e.get("id")): e for e in entries}
    letters: dict[str, list[dict]] = {}
    for entry in entries:
        first = str(entry.get("term", "?"))[:1].upper()
        letters.setdefault(first if first.isalpha() else "#", []).append(entry)
    index = " · ".join(f"[{letter}](#letter-{letter.lower()})" for letter in letters)
    out = [f'<nav class="glossary-letters no-terms" aria-label="Letters" markdown>{index}</nav>', "",
           defined_term_set(entries, options), ""]
    for letter, group in letters.items():
        out += [f"## {letter} {{#letter-{letter.lower()}}}", ""]
        for entry in group:
            term_id = str(entry["id"])
            for old in entry.get("old_ids") or []:
                out.append(f'<span id="{esc(old)}"></span>')
            out += [f"### {entry['term']} {{#{term_id}}}", "",
                    f'<div class="glossary-entry" data-term="{esc(term_id)}" markdown>', "",
                    f"**{str(entry.get('short', '')).strip()}**", "",
                    str(entry.get("definition", "")).strip(), ""]
            aliases = [a for a in entry.get("aliases") or []]
            if aliases:
                out += ["*Also:* " + ", ".join(aliases), ""]
            if entry.get("contested"):
                out += ['!!! question "Contested"', ""]
                out += ["    " + l for l in str(entry["contested"]).strip().splitlines()] + [""]
            related = [r for r in entry.get("related") or [] if r in by_id]
            if related:
                out += ['<p class="no-terms" markdown>**Related:** ' + ", ".join(
                    f"[{by_id[r]['term']}](#{r})" for r in related) + "</p>", ""]
            sources = "; ".join(f"[{s.get('title', s.get('url'))}]({s.get('url')})"
                                for s in entry.get("sources") or [])
            out += [f'<p class="no-terms" markdown>**Sources:** {sources}</p>', ""]
            pages = usage.get(term_id, [])
            used = ", ".join(f"[{p.meta.get('title', p.slug)}]({link(src, p.src)})" for p in pages)
            out += [f'<p class="used-in no-terms" markdown>**Used in:** {used or "no page yet"}</p>', ""]
            out += ["</div>", ""]
    return "\n".join(out)


def defined_term_set(entries: list[dict], options: dict) -> str:
    """schema.org DefinedTermSet JSON-LD for the glossary (a data block: no CSP hash needed)."""
    url = (options.get("site_url") or "").rstrip("/") + "/glossary/"
    data = {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": url,
        "name": "Free as in What? glossary",
        "url": url,
        "hasDefinedTerm": [{
            "@type": "DefinedTerm",
            "@id": f"{url}#{e['id']}",
            "termCode": str(e["id"]),
            "name": str(e["term"]),
            "alternateName": [str(a) for a in e.get("aliases") or []],
            "description": str(e.get("short", "")).strip(),
            "url": f"{url}#{e['id']}",
            "inDefinedTermSet": url,
        } for e in entries],
    }
    # "</" must not appear inside a script element.
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{payload}</script>'


# -----------------------------------------------------------------------------
# The model openness matrix
# -----------------------------------------------------------------------------


def models_page(site: Site, src: str, options: dict) -> str:
    models = list(site.models.get("models") or [])
    legend = " ".join(
        f'<span class="cell cell--{value}"><span aria-hidden="true">{symbol}</span> {value}</span>'
        for value, symbol in CELL_SYMBOLS.items())
    head = "".join(f'<th scope="col">{esc(DIMENSION_LABELS[d])}</th>' for d in DIMENSIONS)
    rows = []
    for model in models:
        cells = []
        for dimension in DIMENSIONS:
            cell = (model.get("openness") or {}).get(dimension) or {}
            value = cell.get("value", "unknown")
            label = f'<span aria-hidden="true">{CELL_SYMBOLS.get(value, "?")}</span> {esc(value)}'
            extra = f"<small>{esc(cell['dataset'])}</small>" if cell.get("dataset") else ""
            if cell.get("source"):
                label = f'<a href="{esc(cell["source"])}">{label}</a>'
            cells.append(f'<td class="cell cell--{esc(value)}" data-sort="{_rank(value)}" '
                         f'data-tip="{esc(cell.get("note", ""))}">{label}{extra}</td>')
        licence = model.get("licence") or {}
        osi = model.get("osi_approved") or {}
        released = model.get("released") or {}
        org = model.get("organisation") or {}
        rows.append(
            f'<tr id="{esc(model["id"])}">'
            f'<th scope="row"><a href="#{esc(model["id"])}">{esc(model["name"])}</a><br>'
            f'<small><a href="{esc(org.get("source", ""))}">{esc(org.get("value", ""))}</a></small></th>'
            f'<td data-sort="{esc(released.get("value", ""))}"><a href="{esc(released.get("source", ""))}">'
            f'{esc(released.get("value", ""))}</a></td>'
            f'<td><a href="{esc(licence.get("source", ""))}">{esc(licence.get("value", ""))}</a>'
            f'{"<small>SPDX: " + esc(licence["spdx"]) + "</small>" if licence.get("spdx") else ""}</td>'
            f'<td class="cell cell--{"open" if osi.get("value") else "closed"}">'
            f'<a href="{esc(osi.get("source", ""))}">{"✔ yes" if osi.get("value") else "✘ no"}</a></td>'
            + "".join(cells)
            + f'<td data-sort="{_score(model)}">{_score(model):g}</td></tr>'
        )
    table = (
        '<div class="models-matrix no-terms">\n'
        f'<p class="legend">Legend: {legend}. Every cell links its evidence; '
        'hover a cell for the note behind it.</p>\n'
        '<div class="table-scroll"><table class="sortable" id="matrix" data-descending>'
        '<caption>Models against openness dimensions (click a column heading to sort)</caption>'
        '<thead><tr><th scope="col">Model</th><th scope="col">Released</th>'
        '<th scope="col">Weights licence</th><th scope="col">Licence OSI-approved</th>'
        f'{head}<th scope="col" data-sort-default>Open dimensions</th></tr></thead>'
        "<tbody>" + "".join(rows) + "</tbody></table></div>\n</div>"
    )
    return table + "\n\n" + openness_chart(models)


def _rank(value: str) -> int:
    return {"open": 3, "partial": 2, "closed": 1}.get(value, 0)


def _score(model: dict) -> float:
    """Open dimensions count 1, partial ones a half."""
    cells = model.get("openness") or {}
    return sum({"open": 1.0, "partial": 0.5}.get((cells.get(d) or {}).get("value"), 0.0)
               for d in DIMENSIONS)


def openness_chart(models: list[dict]) -> str:
    """An SVG bar chart of models ranked by openness score, with a text alternative."""
    ranked = sorted(models, key=lambda m: (-_score(m), str(m.get("name"))))
    bar_height, gap, label_width, scale = 22, 6, 170, 70
    height = len(ranked) * (bar_height + gap) + 40
    width = label_width + scale * len(DIMENSIONS) + 60
    parts = [
        f'<svg class="openness-chart" role="img" aria-labelledby="chart-title chart-desc" '
        f'viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Models ranked by how many openness dimensions are open</title>',
        '<desc id="chart-desc">' + esc("; ".join(
            f"{m.get('name')}: {_score(m):g} of {len(DIMENSIONS)}" for m in ranked)) + "</desc>",
    ]
    for tick in range(len(DIMENSIONS) + 1):
        x = label_width + tick * scale
        parts.append(f'<line class="grid" x1="{x}" y1="20" x2="{x}" y2="{height - 10}"/>'
                     f'<text class="tick" x="{x}" y="14" text-anchor="middle">{tick}</text>')
    for index, model in enumerate(ranked):
        y = 24 + index * (bar_height + gap)
        score = _score(model)
        parts.append(
            f'<text class="label" x="{label_width - 8}" y="{y + 15}" text-anchor="end">{esc(model.get("name"))}</text>'
            f'<rect class="bar" x="{label_width}" y="{y}" width="{score * scale:.0f}" height="{bar_height}" rx="3"/>'
            f'<text class="value" x="{label_width + score * scale + 6:.0f}" y="{y + 15}">{score:g}</text>')
    parts.append("</svg>")
    return '<figure class="chart no-terms">\n' + "".join(parts) + (
        "\n<figcaption>Openness score: open dimensions count 1, partial ones ½, "
        "out of six. Generated from the same data as the table.</figcaption>\n</figure>")


# -----------------------------------------------------------------------------
# Corrections and page furniture
# -----------------------------------------------------------------------------


def corrections_list(site: Site, src: str, options: dict) -> str:
    rows = []
    for page in site.pages.values():
        for item in page.meta.get("corrections") or []:
            rows.append((str(item.get("date", "")), page, str(item.get("note", ""))))
    if not rows:
        return "*No corrections have been needed so far.*"
    rows.sort(key=lambda r: r[0], reverse=True)
    return "\n".join(f"- {human_date(d)}, [{p.meta.get('title')}]({link(src, p.src)}): {n}"
                     for d, p, n in rows)


def furniture(site: Site, page: Page, options: dict) -> str:
    """What the build appends to a page: claim backlinks, citation, history."""
    out = []
    if page.is_claim:
        out.append(claim_backlinks(site, page))
    if page.is_content or page.is_claim:
        out.append(citation_block(site, page, options))
    return "\n\n".join(out)


def claim_backlinks(site: Site, page: Page) -> str:
    refs = claim_usage(site).get(page.slug, [])
    groups = {"for": [], "against": [], None: []}
    for source, side, anchor, heading in refs:
        title = source.meta.get("title", source.slug)
        where = f" § {heading}" if heading else ""
        groups[side].append(f"- [{title}{where}]({link(page.src, source.src, anchor)})")
    out = ['<div class="claim-backlinks no-terms" markdown>', "", "## Where this claim appears", ""]
    for side, heading in (("for", "The case for, in our pages"),
                          ("against", "The case against, in our pages"),
                          (None, "Other mentions")):
        if groups[side]:
            out += [f"### {heading}", "", *groups[side], ""]
    if not refs:
        out += ["*No page refers to this claim yet.*", ""]
    return "\n".join(out + ["</div>"])


def citation_block(site: Site, page: Page, options: dict) -> str:
    """The 'Cite this page' block: plain text, BibTeX, revision history."""
    meta = page.meta
    title = str(meta.get("title", page.slug))
    authors = " and ".join(
        str((site.authors.get(a) or {}).get("name", a)) for a in meta.get("authors") or ["editors"])
    published = iso_date(meta.get("date")) or dt.date.today()
    revised = iso_date(meta.get("updated")) or published
    url = (options.get("site_url") or "").rstrip("/") + "/" + page_url(page)
    key = "faiw-" + page.slug
    bibtex = (f"@online{{{key},\n  title  = {{{title}}},\n  author = {{{{{authors}}}}},\n"
              f"  date   = {{{published.isoformat()}}},\n  urldate = {{{revised.isoformat()}}},\n"
              f"  organization = {{Free as in What?}},\n  url    = {{{url}}}\n}}")
    repo = (options.get("repo_url") or "").rstrip("/")
    history = f"{repo}/commits/main/docs/{page.src}" if repo else ""
    corrections = meta.get("corrections") or []
    lines = [
        '<section class="cite-this no-terms" markdown>', "",
        "## Cite this page", "",
        f"{esc(authors)}. “{esc(title)}”. *Free as in What?*, {human_date(published)}; "
        f"last revised {human_date(revised)}. <{url}>", "",
        f'<pre class="bibtex"><code>{esc(bibtex)}</code></pre>', "",
    ]
    if history:
        lines += [f"[Revision history of this page]({history}) · "
                  f"[Request a correction]({repo}/issues/new?template=correction.yml&page={quote(url, safe='')})", ""]
    if corrections:
        lines += ["**Corrections:**", ""] + [
            f"- {human_date(c.get('date'))}: {c.get('note', '')}" for c in corrections] + [""]
    return "\n".join(lines + ["</section>"])


GENERATORS: dict[str, Callable[[Site, str, dict], str]] = {
    "glossary": glossary_page,
    "essays": essays_list,
    "discussions": discussions_list,
    "latest": latest_list,
    "claims": claims_list,
    "key-claims": key_claims,
    "matrix-teaser": matrix_teaser,
    "models": models_page,
    "corrections": corrections_list,
}
