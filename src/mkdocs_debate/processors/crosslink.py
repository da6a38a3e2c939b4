"""The cross-linker: the first mention of each glossary term and model name linked; titles of works
as ``<cite>``, neighbouring footnote markers separated, claim blocks anchored."""

from __future__ import annotations

import xml.etree.ElementTree as etree  # noqa: N813 - Python-Markdown's own name for it

from markdown.util import AtomicString

from mkdocs_debate.matcher import MODEL_PREFIX, site_matcher
from mkdocs_debate.processors.context import (
    HTML_PLACEHOLDER_RE,
    NEXT_FOOTNOTE_CLASS,
    OPENING_QUOTES,
    QUOTED_WORK_CLASS,
    RAW_SKIPPED_TAG,
    SKIP_CLASSES,
    SKIP_TAGS,
    WORK_CLASS,
    PageTreeprocessor,
)
from mkdocs_debate.processors.references import model_link, term_link
from mkdocs_debate.syntax import claim_anchor
from mkdocs_debate.usage import term_tip


class CrossLinkTreeprocessor(PageTreeprocessor):
    """Anchors claim blocks in document order; links the first mention of each glossary term."""

    def run(self, root: etree.Element) -> None:
        site = self.context.site
        page = self.context.page
        self.raw_depth = 0  # raw inline <a>, <code>, <kbd>, <samp>, <summary>, <cite> open here
        self.entries = site.terms
        self.models = site.models_by_id if page is not None and page.is_article else {}
        self.matcher = site_matcher(site)
        anchor_claims(root)
        cite_titles_of_works(root)
        separate_footnote_refs(root)
        if page is not None and not page.links_terms:
            return
        self._walk(root, frozenset())

    def _walk(self, element: etree.Element, excluded: frozenset[str]) -> None:
        own = element.get("data-term")
        if own and element.tag != "a":
            excluded = excluded | {own}
        if element.text and not isinstance(element.text, AtomicString):
            new = self._link_text(element.text, excluded)
            if new is not None:
                element.text = new[0]
                for index, child in enumerate(new[1]):
                    element.insert(index, child)
        for child in list(element):
            if not self._skipped(child):
                self._walk(child, excluded)
            if child.tail and not isinstance(child.tail, AtomicString):
                new = self._link_text(child.tail, excluded)
                if new is not None:
                    child.tail = new[0]
                    position = list(element).index(child) + 1
                    for offset, item in enumerate(new[1]):
                        element.insert(position + offset, item)

    @staticmethod
    def _skipped(element: etree.Element) -> bool:
        if not isinstance(element.tag, str) or element.tag in SKIP_TAGS:
            return True
        classes = set((element.get("class") or "").split())
        return bool(classes & SKIP_CLASSES)

    def _linkable_spans(self, text: str) -> list[tuple[int, int]]:
        """Parts of text outside raw inline HTML that must not hold links (a, code, kbd, ...).

        Python-Markdown stashes each raw inline tag as a placeholder in the
        text; the depth of such open tags carries over, in document order,
        from one piece of text to the next.
        """
        spans, cursor = [], 0
        for match in HTML_PLACEHOLDER_RE.finditer(text):
            if self.raw_depth == 0 and match.start() > cursor:
                spans.append((cursor, match.start()))
            raw = self._stashed(int(match.group(1)))
            tag = RAW_SKIPPED_TAG.match(raw)
            if tag:
                self.raw_depth = max(0, self.raw_depth + (-1 if tag.group(1) else 1))
            cursor = match.end()
        if self.raw_depth == 0 and cursor < len(text):
            spans.append((cursor, len(text)))
        return spans

    def _stashed(self, index: int) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        return str(blocks[index]) if 0 <= index < len(blocks) else ""

    def _mention_link(self, name_id: str, text: str) -> etree.Element | None:
        """The link for a glossary term or (in essays, summaries and claims) a matrix model, else None."""
        settings = self.context.settings
        if name_id.startswith(MODEL_PREFIX):
            model = self.models.get(name_id[len(MODEL_PREFIX) :])
            return (
                model_link(self.context.src, settings.models_page, model, text) if model else None
            )
        entry = self.entries.get(name_id)
        return (
            term_link(
                self.context.src,
                settings.glossary_page,
                entry,
                text,
                term_tip(self.context.site, entry),
            )
            if entry
            else None
        )

    def _link_text(
        self, text: str, excluded: frozenset[str]
    ) -> tuple[str, list[etree.Element]] | None:
        """Split text around first mentions: (leading text, [link, link, ...])."""
        pieces: list[etree.Element] = []
        head, cursor = "", 0
        spans = self._linkable_spans(text)
        for start, end, term_id in self.matcher.find(text):
            if not any(span_start <= start and end <= span_end for span_start, span_end in spans):
                continue
            if term_id in self.context.linked_terms or term_id in excluded:
                continue
            element = self._mention_link(term_id, text[start:end])
            if element is None:
                continue
            self.context.linked_terms.add(term_id)
            element.tail = ""
            if pieces:
                pieces[-1].tail = text[cursor:start]
            else:
                head = text[:start]
            pieces.append(element)
            cursor = end
        if not pieces:
            return None
        pieces[-1].tail = text[cursor:]
        return head, pieces


def cite_titles_of_works(root: etree.Element) -> None:
    """Turn each ``*Title*{.work}`` (an ``em`` with the class ``work``) into ``<cite>``, which the linker skips.

    Its attributes stay as the contributor wrote them, so the safety allowlist
    judges them on the ``cite`` exactly as it would on the ``em``.
    """
    for element in root.iter("em"):
        classes = (element.get("class") or "").split()
        if WORK_CLASS not in classes:
            continue
        element.tag = "cite"
        if (element.text or "").lstrip().startswith(OPENING_QUOTES):
            element.set("class", " ".join([*classes, QUOTED_WORK_CLASS]))


def separate_footnote_refs(root: etree.Element) -> None:
    """Mark each footnote reference that directly follows another, with no text between them."""
    for parent in root.iter():
        previous: etree.Element | None = None
        for child in parent:
            if _is_footnote_ref(child) and previous is not None:
                classes = (child.get("class") or "").split()
                child.set("class", " ".join([*classes, NEXT_FOOTNOTE_CLASS]))
            previous = child if _is_footnote_ref(child) and not child.tail else None


def _is_footnote_ref(element: etree.Element) -> bool:
    """A footnote reference as the footnotes extension writes it: <sup id="fnref:ID"><a class="footnote-ref">."""
    return element.tag == "sup" and (element.get("id") or "").startswith("fnref")


def anchor_claims(root: etree.Element) -> None:
    """Give the block holding each claim reference its anchor, numbered in document order.

    ``root.iter()`` visits elements in document order, the order in which
    ``syntax.numbered_claim_references`` reads the source, so the claim page's
    backlinks and these anchors agree.
    """
    seen: dict[str, int] = {}
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in root.iter("a"):
        claim_id = element.get("data-claim")
        if not claim_id or "claim-ref" not in (element.get("class") or ""):
            continue
        seen[claim_id] = seen.get(claim_id, 0) + 1
        parent = parents.get(element)
        if parent is not None and not parent.get("id"):
            parent.set("id", claim_anchor(claim_id, seen[claim_id]))
