"""Site-wide indexes: which pages use which glossary term and which claim.

Computed once per loaded site (one scan of docs/ with the same matcher and the
same skip rules as the extension) and cached on the Site object.
"""

from __future__ import annotations

import dataclasses
import re

from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import Site
from mkdocs_debate.matcher import matcher_for
from mkdocs_debate.syntax import iter_references, numbered_claim_references

SECTION_HEADING = re.compile(r"#{2,3}\s")
ATTRIBUTE_LIST_END = re.compile(r"\s*\{[^}]*\}\s*$")


@dataclasses.dataclass(frozen=True)
class ClaimUse:
    """One reference to a claim: where it stands and which side it argues."""

    page: Page
    side: str | None
    anchor: str
    heading: str


def find_term(site: Site, ref: str) -> dict | None:
    """The glossary entry named by an id, a term or an alias, or None."""
    if ref in site.terms:
        return site.terms[ref]
    term_id = matcher_for(site.glossary).lookup(ref)
    return site.terms.get(term_id) if term_id else None


def term_usage(site: Site, glossary_page: str = "glossary.md") -> dict[str, list[Page]]:
    """Term id -> pages that mention it outside code, links and headings."""
    cached = site.cache.get(("term_usage", glossary_page))
    if cached is not None:
        return cached
    matcher = matcher_for(site.glossary, site.models.get("models"))  # as the extension does: model names too
    usage: dict[str, list[Page]] = {}
    for page in sorted(site.pages.values(), key=lambda p: str(p.meta.get("title", p.src))):
        if page.src == glossary_page or not page.links_terms:
            continue
        found = matcher.mentions(page.body)
        for reference in iter_references(page.body, page.body_line):
            entry = find_term(site, reference.target) if reference.kind == "term" else None
            if entry is not None:
                found.add(str(entry["id"]))
        for term_id in found:
            usage.setdefault(term_id, []).append(page)
    site.cache[("term_usage", glossary_page)] = usage
    return usage


def claim_usage(site: Site) -> dict[str, list[ClaimUse]]:
    """Claim id -> every reference to it, with the anchor the extension gives its block."""
    cached = site.cache.get("claim_usage")
    if cached is not None:
        return cached
    usage: dict[str, list[ClaimUse]] = {}
    for page in sorted(site.pages.values(), key=lambda p: p.src):
        if page.is_claim:
            continue
        lines = page.body.splitlines()
        for reference, anchor in numbered_claim_references(page.body, page.body_line):
            before = lines[: reference.line - page.body_line + 1]
            heading = next((ATTRIBUTE_LIST_END.sub("", line.lstrip("#").strip())
                            for line in reversed(before) if SECTION_HEADING.match(line)), "")
            usage.setdefault(reference.target, []).append(
                ClaimUse(page, reference.extra or None, anchor, heading))
    site.cache["claim_usage"] = usage
    return usage


def term_tip(site: Site, entry: dict) -> str:
    """A term's tooltip: its short definition, and how many definitions compete where several do."""
    short = str(entry.get("short", "")).strip()
    count = len(site.term_definitions.get(str(entry.get("id")), []))
    return f"{short} ({count} competing definitions)" if count > 1 else short


def find_definition(site: Site, term_id: str, definition_id: str) -> dict | None:
    """One of a term's competing definitions by its id, or None."""
    return next((d for d in site.term_definitions.get(term_id, []) if str(d.get("id")) == definition_id), None)
