"""A claim as data: where each side is argued, for claims.json and the claim page's JSON-LD.

One record per claim, built from the same index as the backlinks on the claim
page (``usage.claim_usage``), so the export, the JSON-LD and the page agree.
"""

from __future__ import annotations

import json

from mkdocs_debate.blocks.common import title_of
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import Site, iso_date
from mkdocs_debate.usage import claim_usage

SIDES = ("for", "against")
SIDE_LABELS = {"for": "Argues for the claim", "against": "Argues against the claim", None: "Mentions the claim"}


def claim_record(site: Site, page: Page, settings: Settings) -> dict:
    """id, title, statement, URL and the places arguing each side (absolute URLs with the block's anchor)."""
    sides: dict[str, list[dict]] = {side: [] for side in SIDES}
    other: list[dict] = []
    for use in claim_usage(site).get(page.slug, []):
        place = {"page": title_of(use.page),
                 "url": f"{settings.published_url(use.page.src)}#{use.anchor}",
                 "heading": use.heading}
        sides.get(use.side or "", other).append(place)
    return {"id": page.slug, "title": title_of(page), "claim": str(page.meta.get("claim", "")).strip(),
            "url": settings.published_url(page.src), "sides": sides, "other": other}


def claim_json_ld(site: Site, page: Page, settings: Settings) -> str:
    """schema.org Claim for a claim page, each arguing block an appearance (a data block: no CSP hash)."""
    record = claim_record(site, page, settings)
    appearances = [
        {"@type": "CreativeWork", "url": place["url"],
         "name": place["page"] + (f" § {place['heading']}" if place["heading"] else ""),
         "description": SIDE_LABELS[side]}
        for side, places in [*record["sides"].items(), (None, record["other"])] for place in places]
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
