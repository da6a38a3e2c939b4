"""Explicit references: ``[[term:…]]``, ``[[term:ID#DEFINITION]]`` and ``[[claim:…]]`` as links."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree  # noqa: N813 - Python-Markdown's own name for it
from urllib.parse import urlsplit

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from mkdocs_debate.blocks.claims import count_sentence, side_counts
from mkdocs_debate.blocks.common import link, model_src
from mkdocs_debate.blocks.models import model_tip
from mkdocs_debate.blocks.timeline import date_label
from mkdocs_debate.data.definitions import Definition
from mkdocs_debate.data.matrix import Model
from mkdocs_debate.data.pages import CLAIM_SECTION, Page
from mkdocs_debate.data.site import Site
from mkdocs_debate.processors.context import SIDE_LABELS, DebateContext
from mkdocs_debate.syntax import (
    CLAIM_SIDES,
    REFERENCE,
    bad_claim_side,
    claim_takes_no_definition,
    unknown_claim,
    unknown_definition,
    unknown_term,
)
from mkdocs_debate.usage import claim_usage, find_definition, find_term, term_tip
from mkdocs_debate.verdicts import MEETS, definition_anchor, term_page, term_verdicts


def term_link(
    src: str, glossary_page: str, entry: dict, text: str, tip: str | None = None
) -> etree.Element:
    """The link element for one glossary term (tip: the tooltip, by default its short definition)."""
    element = etree.Element(
        "a",
        {
            "href": link(src, glossary_page, str(entry["id"])),
            "class": "glossary-term",
            "data-tip": str(entry.get("short", "")).strip() if tip is None else tip,
            "data-term": str(entry["id"]),
        },
    )
    element.text = AtomicString(text)
    return element


def definition_tip(site: Site, term_id: str, definition: Definition) -> str:
    """A definition's preview: who defined it when, and how many models of the matrix meet it."""
    tip = f"{definition.name} ({definition.who}, {date_label(definition.when)})"
    verdicts = next((v for d, v in term_verdicts(site, term_id) if d.id == definition.id), None)
    if verdicts:
        met = sum(v.outcome == MEETS for v in verdicts)
        tip += f". {met} of {len(verdicts)} models of our matrix meet it"
    return tip + "."


def claim_tip(site: Site, claim: Page) -> str:
    """A claim's preview: the statement and how often each side is argued in our pages."""
    counts = count_sentence(*side_counts(claim_usage(site).get(claim.slug, [])))
    return f"Claim: {str(claim.meta.get('claim', '')).strip()} {counts}."


def definition_link(
    site: Site, src: str, glossary_page: str, entry: dict, definition: Definition, text: str
) -> etree.Element:
    """The link element for one competing definition of a term (``[[term:ID#DEFINITION]]``)."""
    term_id, definition_id = str(entry["id"]), definition.id
    element = etree.Element(
        "a",
        {
            "href": link(src, glossary_page, definition_anchor(term_id, definition_id)),
            "class": "glossary-term glossary-term--definition",
            "data-tip": definition_tip(site, term_id, definition),
            "data-term": term_id,
            "data-definition": definition_id,
        },
    )
    element.text = AtomicString(text or definition.name or definition_id)
    return element


def model_link(src: str, models_page: str, model: Model, text: str) -> etree.Element:
    """The link element for a matrix model's name: to its page, with its openness as tooltip."""
    element = etree.Element(
        "a",
        {
            "href": link(src, model_src(models_page, model.id)),
            "class": "model-ref",
            "data-tip": model_tip(model),
            "data-model": model.id,
        },
    )
    element.text = AtomicString(text)
    return element


def link_tip(site: Site, models_page: str, src: str, href: str) -> str:
    """The data preview of a plain Markdown link to a claim, a model or a definition ('' else).

    So that a link written by hand (``[the claim](../claims/x.md)``) previews the same data
    as a reference, from the page itself, with no request."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
        return ""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src), parts.path))
    folder, _, name = target.rpartition("/")
    slug = name.removesuffix(".md")
    if folder == CLAIM_SECTION and slug in site.claims:
        return claim_tip(site, site.claims[slug])
    if folder == posixpath.splitext(models_page)[0] and slug in site.models_by_id:
        return model_tip(site.models_by_id[slug])
    if target == term_page(slug) and parts.fragment:
        found = find_definition(site, slug, parts.fragment)
        return definition_tip(site, slug, found) if found is not None else ""
    return ""


class ReferenceInlineProcessor(InlineProcessor):
    """Turns ``[[term:ID|text]]`` and ``[[claim:ID|side]]`` into links."""

    def __init__(self, md: Markdown, context: DebateContext):
        super().__init__(REFERENCE, md)
        self.context = context

    def handleMatch(self, m: re.Match, data: str) -> tuple[etree.Element, int, int]:  # noqa: N802 - Python-Markdown's name
        kind, ref, extra = m.group("kind"), m.group("target").strip(), m.group("extra")
        site, src = self.context.site, self.context.src
        if kind == "term":
            entry = find_term(site, ref)
            if entry is None:
                return self.context.refuse(
                    unknown_term(ref, m.group(0)),
                    m,
                )
            self.context.linked_terms.add(str(entry["id"]))
            glossary_page = self.context.settings.glossary_page
            if m.group("definition") is not None:
                wanted = m.group("definition").strip()
                found = find_definition(site, str(entry["id"]), wanted)
                if found is None:
                    known = [d.id for d in site.term_definitions.get(str(entry["id"]), [])]
                    return self.context.refuse(
                        unknown_definition(str(entry["id"]), wanted, m.group(0), known), m
                    )
                return (
                    definition_link(site, src, glossary_page, entry, found, (extra or "").strip()),
                    m.start(0),
                    m.end(0),
                )
            return (
                term_link(
                    src, glossary_page, entry, (extra or "").strip() or ref, term_tip(site, entry)
                ),
                m.start(0),
                m.end(0),
            )
        if m.group("definition") is not None:
            raise self.context.error(claim_takes_no_definition(m.group(0)), m.group(0))
        claim = site.claims.get(ref)
        if claim is None:
            return self.context.refuse(
                unknown_claim(ref, m.group(0)),
                m,
            )
        side = (extra or "").strip() or None
        if side is not None and side not in CLAIM_SIDES:
            return self.context.refuse(bad_claim_side(side), m)
        element = etree.Element(
            "a",
            {
                "href": link(src, claim.src),
                "class": f"claim-ref claim-ref--{side or 'neutral'}",
                "data-tip": claim_tip(site, claim),
                "data-claim": ref,
            },
        )
        badge = etree.SubElement(element, "span", {"class": "claim-ref__side"})
        badge.text = AtomicString(SIDE_LABELS.get(side or "", "Claim"))
        badge.tail = AtomicString(" " + str(claim.meta.get("title", ref)))
        return element, m.start(0), m.end(0)
