"""The page as a reader gets it: hover previews marked, the safety check on the whole page, the
figures put back."""

from __future__ import annotations

import xml.etree.ElementTree as etree  # noqa: N813 - Python-Markdown's own name for it
from urllib.parse import urlsplit

from markdown import Markdown
from markdown.postprocessors import Postprocessor

from mkdocs_debate.processors.context import DebateContext, PageTreeprocessor
from mkdocs_debate.processors.references import link_tip
from mkdocs_debate.safety import violations


class SafetyPostprocessor(Postprocessor):
    """Validates the page's rendered HTML (raw HTML restored) against the allowlist."""

    def __init__(self, md: Markdown, context: DebateContext):
        super().__init__(md)
        self.context = context

    def run(self, text: str) -> str:
        if not self.context.tree_done:
            return text  # the toc extension runs postprocessors on heading text: check the whole page only
        found = [*violations(text), *self.context.figures.violations()]
        if found or self.context.problems:
            raise self.context.unsafe(found)
        return text


class FigurePostprocessor(Postprocessor):
    """Puts the engine's SVG figures back, after the page was checked without them."""

    def __init__(self, md: Markdown, context: DebateContext):
        super().__init__(md)
        self.context = context

    def run(self, text: str) -> str:
        if not self.context.tree_done:
            return text  # the toc extension runs postprocessors on heading text
        return self.context.figures.restore(text)


NO_PREVIEW_CLASSES = frozenset({"footnote-ref", "footnote-backref", "headerlink"})


class PreviewTreeprocessor(PageTreeprocessor):
    """Marks links to other pages of the site for Material's hover previews.

    Material previews a link marked ``data-preview`` when the reader points at it:
    the linked section, fetched from the page it names (only pages in the
    sitemap, so external links get nothing). Only in the prose of essays,
    summaries and claims: each marked link costs Material some set-up work on
    every load, and reference pages (the glossary, definitions, "Is it open?")
    hold hundreds of links. Not marked: links within the page (footnotes,
    headings: Material's footnote tooltips cover those) and links that carry
    their own tooltip (``data-tip``: terms, models, claims), so that no link
    shows two popups. A hand-written link to a claim, a model or a definition gets
    the data preview a reference would (``references.link_tip``) instead of
    Material's, which would fetch the page.
    """

    def run(self, root: etree.Element) -> None:
        page = self.context.page
        if page is None or not page.is_article:
            return
        for anchor in root.iter("a"):
            href = anchor.get("href", "")
            parts = urlsplit(href)
            if (
                not href
                or href.startswith("#")
                or parts.scheme
                or parts.netloc
                or "data-tip" in anchor.attrib
                or NO_PREVIEW_CLASSES & set(anchor.get("class", "").split())
            ):
                continue
            tip = link_tip(self.context.site, self.context.settings.models_page, page.src, href)
            if tip:
                anchor.set("data-tip", tip)
            else:
                anchor.set("data-preview", "")


class TreeDoneTreeprocessor(PageTreeprocessor):
    """Marks the end of tree processing, so that the safety check runs once, on the whole page."""

    def run(self, root: etree.Element) -> None:
        self.context.tree_done = True
