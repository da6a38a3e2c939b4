"""Claims: the statement that opens a claim page, its backlinks, the index by theme, the claim as data.

Everything here reads one index (``usage.claim_usage``): the count under the
statement, the backlinks with their excerpts, the counts on the claims index,
claims.json and the JSON-LD, so the page, the index and the export agree.
"""

from __future__ import annotations

import json

from mkdocs_debate.blocks.common import esc, link, plain, title_of
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import Site, iso_date
from mkdocs_debate.usage import ClaimUse, claim_usage

SIDES = ("for", "against")
SIDE_LABELS = {
    "for": "Argues for the claim",
    "against": "Argues against the claim",
    None: "Mentions the claim",
}
BACKLINKS_ANCHOR = "where-this-claim-appears"
BACKLINKS_SHOWN = (
    10  # places listed per side on a claim's page; past that, a link to the complete list
)
BACKLINK_GROUPS = (
    ("for", "The case for, in our pages"),
    ("against", "The case against, in our pages"),
    (None, "Other mentions"),
)
CLAIMS_INDEX = "claims/index.md"


def claim_uses_src(claim_id: str) -> str:
    """Source path of the complete list of the places that refer to a claim (a stub debate-export writes)."""
    return f"archive/claims/{claim_id}.md"


# -----------------------------------------------------------------------------
# On the claim page: the statement, the count, the backlinks
# -----------------------------------------------------------------------------


def side_counts(uses: list[ClaimUse]) -> tuple[int, int, int]:
    """How many references argue for, against, and take no side."""
    sides = [use.side for use in uses]
    return (
        sides.count("for"),
        sides.count("against"),
        len(sides) - sides.count("for") - sides.count("against"),
    )


def places(count: int) -> str:
    """'1 place', '3 places'."""
    return f"{count} place{'' if count == 1 else 's'}"


def count_sentence(for_count: int, against_count: int, neutral: int = 0) -> str:
    """'Argued for in 3 places, against in 1', with readable zero cases."""
    if for_count and against_count:
        text = f"Argued for in {places(for_count)}, against in {against_count}"
    elif for_count:
        text = f"Argued for in {places(for_count)}; not yet argued against in our pages"
    elif against_count:
        text = f"Argued against in {places(against_count)}; not yet argued for in our pages"
    else:
        text = "Not yet argued for or against in our pages"
    if neutral:
        text += f" (also mentioned in {places(neutral)} without taking a side)"
    return text


def claim_statement(site: Site, page: Page) -> str:
    """The claim itself, set apart under the title, with how often each side is argued and its theme."""
    counts = count_sentence(*side_counts(claim_usage(site).get(page.slug, [])))
    theme = site.themes.get(str(page.meta.get("theme")))
    caption = f"[{counts}](#{BACKLINKS_ANCHOR})"
    if theme is not None and CLAIMS_INDEX in site.pages:
        caption += f" · Theme: [{plain(theme.get('name', ''))}]({link(page.src, CLAIMS_INDEX, str(theme['id']))})"
    elif theme is not None:  # a site without a claims index: the theme, unlinked
        caption += f" · Theme: {plain(theme.get('name', ''))}"
    return "\n".join(
        [
            '<figure class="claim-statement no-terms" markdown>',
            f'<blockquote class="claim-statement__text"><p>{plain(str(page.meta.get("claim", "")).strip())}</p></blockquote>',
            f'<figcaption class="claim-statement__count" markdown>{caption}</figcaption>',
            "</figure>",
        ]
    )


def claim_uses_page(site: Site, src: str, settings: Settings) -> str:
    """Every place that refers to one claim (the page's name is the claim's id), grouped by side."""
    slug = src.rsplit("/", 1)[-1].removesuffix(".md")
    page = site.claims.get(slug)
    if page is None:
        return "*No such claim.*"
    return claim_backlinks(site, page, src, shown=None)


def claim_backlinks(site: Site, page: Page, src: str = "", shown: int | None = -1) -> str:
    """Where a claim is argued, grouped by side: each place links its block and quotes the sentence it marks.

    On the claim's page, BACKLINKS_SHOWN places per side and a link to the complete list;
    on the complete list (``shown=None``) every place.
    """
    uses = claim_usage(site).get(page.slug, [])
    src = src or page.src
    limit = BACKLINKS_SHOWN if shown == -1 else (shown or len(uses))
    groups: dict[str | None, list[str]] = {side: [] for side, _ in BACKLINK_GROUPS}
    for use in uses:
        where = f" § {use.heading}" if use.heading else ""
        item = f"- [{esc(title_of(use.page))}{esc(where)}]({link(src, use.page.src, use.anchor)})"
        if use.excerpt:
            item += f'  \n  <q class="claim-backlinks__excerpt">{plain(use.excerpt)}</q>'
        groups[use.side if use.side in groups else None].append(item)
    out = [
        '<div class="claim-backlinks no-terms" markdown>',
        "",
        f"## Where this claim appears {{#{BACKLINKS_ANCHOR}}}"
        if shown == -1
        else f"[{plain(title_of(page))}]({link(src, page.src)}): {len(uses)} places refer to this claim.",
        "",
    ]
    for side, heading in BACKLINK_GROUPS:
        if groups[side]:
            out += [f"### {heading}", "", *groups[side][:limit], ""]
    if any(len(items) > limit for items in groups.values()):
        out += [
            f"[All {len(uses)} places that refer to this claim]({link(page.src, claim_uses_src(page.slug))})",
            "",
        ]
    if not uses:
        out += ["*No page refers to this claim yet.*", ""]
    return "\n".join(out + ["</div>"])


# -----------------------------------------------------------------------------
# The claims index: every claim under its theme
# -----------------------------------------------------------------------------


def claims_list(site: Site, src: str, settings: Settings) -> str:
    """Every claim under its theme's heading (anchored by the theme's id), its statement and its count."""
    usage = claim_usage(site)
    by_theme: dict[str, list[Page]] = {theme_id: [] for theme_id in site.themes}
    for page in sorted(site.claims.values(), key=title_of):
        by_theme.setdefault(str(page.meta.get("theme", "")), []).append(page)
    out = ['<div class="claim-list claim-themes no-terms" markdown>', ""]
    for theme_id, pages in by_theme.items():
        theme = site.themes.get(theme_id)
        if theme is None and not pages:
            continue
        name = theme.get("name", theme_id) if theme is not None else "Other claims"
        anchor = theme_id if theme is not None else "other-claims"
        out += [f"## {plain(name)} {{#{anchor}}}", ""]
        if theme is not None and theme.get("description"):
            out += [
                f'<p class="claim-themes__description">{esc(str(theme["description"]).strip())}</p>',
                "",
            ]
        items = [
            f"- **[{plain(title_of(page))}]({link(src, page.src)})**  \n"
            f"  {plain(str(page.meta.get('claim', '')).strip())}  \n"
            f'  <span class="claim-list__count">{count_sentence(*side_counts(usage.get(page.slug, [])))}</span>'
            for page in pages
        ]
        out += [*(items or ["*No claim under this theme yet.*"]), ""]
    return "\n".join(out + ["</div>"])


# -----------------------------------------------------------------------------
# The claim as data: claims.json and JSON-LD
# -----------------------------------------------------------------------------


def claim_record(site: Site, page: Page, settings: Settings) -> dict:
    """id, title, statement, URL and the places arguing each side (absolute URLs with the block's anchor)."""
    sides: dict[str, list[dict]] = {side: [] for side in SIDES}
    other: list[dict] = []
    for use in claim_usage(site).get(page.slug, []):
        place = {
            "page": title_of(use.page),
            "url": f"{settings.published_url(use.page.src)}#{use.anchor}",
            "heading": use.heading,
            "excerpt": use.excerpt,
        }
        sides.get(use.side or "", other).append(place)
    return {
        "id": page.slug,
        "title": title_of(page),
        "claim": str(page.meta.get("claim", "")).strip(),
        "theme": str(page.meta.get("theme", "")),
        "url": settings.published_url(page.src),
        "sides": sides,
        "other": other,
    }


def themes_record(site: Site, settings: Settings) -> list[dict]:
    """The claim themes for claims.json: id, name, description and the index heading's URL."""
    index = settings.published_url(CLAIMS_INDEX)
    return [
        {
            "id": theme_id,
            "name": str(theme.get("name", "")),
            "description": str(theme.get("description", "")),
            "url": f"{index}#{theme_id}",
        }
        for theme_id, theme in site.themes.items()
    ]


def claim_json_ld(site: Site, page: Page, settings: Settings) -> str:
    """schema.org Claim for a claim page, each arguing block an appearance (a data block: no CSP hash)."""
    record = claim_record(site, page, settings)
    appearances = [
        {
            "@type": "CreativeWork",
            "url": place["url"],
            "name": place["page"] + (f" § {place['heading']}" if place["heading"] else ""),
            "description": SIDE_LABELS[side],
        }
        for side, places in [*record["sides"].items(), (None, record["other"])]
        for place in places
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "Claim",
        "@id": f"{record['url']}#claim",
        "url": record["url"],
        "name": record["title"],
        "text": record["claim"],
        "datePublished": _iso(page.meta.get("date")),
        "dateModified": _iso(page.meta.get("updated") or page.meta.get("date")),
        "inLanguage": "en",
        "isPartOf": {"@type": "WebSite", "name": settings.site_name, "url": settings.root_url},
        "appearance": appearances,
    }
    # Neither "</" nor "<!--" may appear inside a script element: every "<" (only ever inside
    # a JSON string) is written as its JSON escape, a stricter form of blocks/glossary.py's "<\\/".
    payload = json.dumps({k: v for k, v in data.items() if v not in (None, "")}, ensure_ascii=False)
    return '<script type="application/ld+json">' + payload.replace("<", "\\u003c") + "</script>"


def _iso(value: object) -> str | None:
    day = iso_date(value)
    return day.isoformat() if day else None
