"""Anchors and contents: the phone table of contents, permalinks on rows and events, footnotes in
the order a reader meets them."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree  # noqa: N813 - Python-Markdown's own name for it

from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from mkdocs_debate.processors.context import (
    HOME_PAGE,
    HTML_PLACEHOLDER_RE,
    PHONE_TOC_MIN_ENTRIES,
    PageTreeprocessor,
)


class PhoneTocTreeprocessor(PageTreeprocessor):
    """Puts a collapsible "Contents" before a long page's first section, for phones (no script)."""

    def run(self, root: etree.Element) -> None:
        page = self.context.page
        if page is None or page.src == HOME_PAGE or "toc" in page.hidden:
            return
        entries = toc_entries(getattr(self.md, "toc_tokens", None) or [])
        if sum(1 + len(entry.get("children") or []) for entry in entries) < PHONE_TOC_MIN_ENTRIES:
            return
        parents = {child: parent for parent in root.iter() for child in parent}
        first = next(root.iter("h2"), None)
        if first is None:
            return
        parent = parents.get(first, root)
        contents = phone_toc(entries)
        contents.tail = "\n"
        parent.insert(list(parent).index(first), contents)


def toc_entries(tokens: list[dict]) -> list[dict]:
    """The toc extension's headings below the page title: an h1's children take its place."""
    entries: list[dict] = []
    for token in tokens:
        entries.extend(token.get("children") or [] if token.get("level") == 1 else [token])
    return entries


def phone_toc(entries: list[dict]) -> etree.Element:
    """``<details class="phone-toc">`` listing the sections two levels deep (kept out of the search index)."""
    details = etree.Element("details", {"class": "phone-toc", "data-search-exclude": ""})
    etree.SubElement(details, "summary").text = AtomicString("Contents")
    _toc_list(details, entries, depth=2)
    return details


def _toc_list(parent: etree.Element, entries: list[dict], depth: int) -> None:
    items = etree.SubElement(parent, "ul")
    for entry in entries:
        item = etree.SubElement(items, "li")
        anchor = etree.SubElement(item, "a", {"href": "#" + str(entry.get("id", ""))})
        anchor.text = AtomicString(
            html.unescape(str(entry.get("name", "")))
        )  # the toc extension escaped it
        if depth > 1 and entry.get("children"):
            _toc_list(item, entry["children"], depth - 1)


HEADERLINK_CLASS = "headerlink"  # the toc extension's ¶ (permalink: true)
SEARCH_TITLE = "title[data-title]"


class SearchTitleTreeprocessor(Treeprocessor):
    """Names the page for Pagefind from its h1 without the h1's ¶.

    Pagefind titles a result with the text of the page's first h1, and on a page
    written with a ``# Title`` that text ends in the toc extension's permalink
    mark. The h1 keeps its ¶ for readers; ``data-pagefind-meta`` gives the index
    the heading's words alone.
    """

    def run(self, root: etree.Element) -> None:
        heading = next(root.iter("h1"), None)
        if heading is None or not any(
            HEADERLINK_CLASS in (child.get("class") or "").split() for child in heading
        ):
            return
        words = [heading.text or ""]
        for child in heading:
            if HEADERLINK_CLASS not in (child.get("class") or "").split():
                words.append("".join(child.itertext()))
            words.append(child.tail or "")
        heading.set("data-pagefind-meta", SEARCH_TITLE)
        heading.set("data-title", " ".join("".join(words).split()))


PERMALINK_CLASS = "permalink"
EVENT_CLASS = "timeline-event"
NO_PERMALINKS = "no-permalinks"  # a table whose cells link elsewhere and would double in size (the verdict grid)
STASH_MARK = re.compile("\x02[^\x03]*\x03")


class PermalinkTreeprocessor(Treeprocessor):
    """Gives every anchor that is not a heading a visible link to itself, as headings have their ¶.

    A verdict row or cell, a comparison row, a timeline event: each has an id a
    debater links to, and nothing showed it. Each gets ``<a class="permalink"
    href="#ID">#</a>`` (in a row, in its first cell; in an event, at the end of
    its date line), which the stylesheet shows on hover and on focus; it is a
    real link, so the keyboard reaches it. Rows of a sortable table (the
    matrix, whose rows link their model pages), a table marked ``no-permalinks``
    (the "Is it open?" grid: a thousand cells, each linking the model page's
    account of its verdict, which links back to the cell) and anchors that
    already link themselves are left alone.
    """

    def run(self, root: etree.Element) -> None:
        sortable = {
            row
            for table in root.iter("table")
            if {"sortable", NO_PERMALINKS} & set((table.get("class") or "").split())
            for row in table.iter()
        }
        for element in list(root.iter()):
            anchor = element.get("id")
            if not anchor or element in sortable:
                continue
            target = self._target(element)
            if target is None or self._links_itself(element, anchor):
                continue
            label = STASH_MARK.sub("", " ".join("".join(self._label_of(element)).split())).strip()
            link = etree.SubElement(
                target,
                "a",
                {
                    "class": PERMALINK_CLASS,
                    "href": "#" + anchor,
                    "aria-label": f"Link to this {self._what(element)}"
                    + (f": {label}" if label else ""),
                },
            )
            link.text = AtomicString("#")
            link.tail = ""

    def _links_itself(self, element: etree.Element, anchor: str) -> bool:
        """Whether the element already holds a link to its anchor (as an element, or as raw HTML)."""
        if any(a.get("href") == "#" + anchor for a in element.iter("a")):
            return True
        stash = self.md.htmlStash.rawHtmlBlocks
        for index in HTML_PLACEHOLDER_RE.findall("".join(element.itertext())):
            if int(index) < len(stash) and f'href="#{anchor}"' in str(stash[int(index)]):
                return True
        return False

    @staticmethod
    def _target(element: etree.Element) -> etree.Element | None:
        """Where the link goes: a row's first cell, a cell itself, an event's date line; else nowhere."""
        if element.tag == "tr":
            return next(iter(element), None)
        if element.tag in ("td", "th"):
            return element
        if EVENT_CLASS in (element.get("class") or "").split():
            return next((p for p in element.iter("p")), None)
        return None

    @staticmethod
    def _what(element: etree.Element) -> str:
        return {"tr": "row", "td": "cell", "th": "cell"}.get(element.tag, "event")

    @staticmethod
    def _label_of(element: etree.Element) -> list[str]:
        """The text that names the anchor: a row's first cell, an event's title (its first strong)."""
        if element.tag == "tr":
            first = next(iter(element), None)
            return list(first.itertext()) if first is not None else []
        if element.tag in ("td", "th"):
            return []
        title = next(element.iter("strong"), None)
        return [str(title.text or "").rstrip(".")] if title is not None else []


class FootnoteOrderTreeprocessor(Treeprocessor):
    """Numbers footnotes in document order, where the footnotes extension is asked to number by reference.

    With ``USE_DEFINITION_ORDER: false`` Python-Markdown numbers references in
    the order its inline pass meets them, which is not the reading order: it
    reaches the items of a list after the paragraphs that follow the list. This
    walks the tree in document order, renumbers the markers and hands the
    extension the corrected order, which its own reordering of the notes
    (``footnote-reorder``, run next) then follows.
    """

    def run(self, root: etree.Element) -> None:
        footnotes = next(
            (
                ext
                for ext in self.md.registeredExtensions
                if type(ext).__name__ == "FootnoteExtension"
            ),
            None,
        )
        if (
            footnotes is None
            or footnotes.getConfig("USE_DEFINITION_ORDER")
            or not footnotes.footnotes
        ):
            return
        prefix = "#" + footnotes.makeFootnoteId("")
        markers = [
            (a, a.get("href", "")[len(prefix) :])
            for a in root.iter("a")
            if "footnote-ref" in (a.get("class") or "").split()
            and a.get("href", "").startswith(prefix)
        ]
        order = list(dict.fromkeys(footnote_id for _a, footnote_id in markers))
        for anchor, footnote_id in markers:
            anchor.text = footnotes.getConfig("SUPERSCRIPT_TEXT").format(
                order.index(footnote_id) + 1
            )
        footnotes.footnote_order = order + [f for f in footnotes.footnote_order if f not in order]
