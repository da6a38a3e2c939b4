"""Python-Markdown extension: glossary cross-links, claim references, generated pages.

Listed under ``markdown_extensions`` in mkdocs.yml as ``scripts.debate_markdown``,
so it runs under MkDocs and under Zensical alike. What it does on every page:

- **Cross-links glossary terms.** The first mention of each term (its name, an
  alias or a plural written in ``docs/_data/glossary.yml``; case-insensitive,
  whole words, longest match first) becomes a link to its glossary entry with
  the short definition as tooltip. A treeprocessor does it on the element tree
  and never touches code, links, headings, image alt text, attributes, raw
  HTML, footnotes, or the term's own glossary entry. Front matter
  ``glossary_links: false`` opts a page out.
- **Explicit references.** ``[[term:ID]]`` or ``[[term:ID|text]]`` forces a link
  to a term; ``[[claim:ID]]``, ``[[claim:ID|for]]`` or ``[[claim:ID|against]]``
  links a claim and makes the paragraph linkable as ``#claim-ID``. An unknown
  id is an error naming file and line.
- **Generated blocks.** A line ``[[generate:NAME]]`` is replaced by Markdown
  built from the sources of truth: ``glossary``, ``essays``, ``discussions``,
  ``claims``, ``latest``, ``models``, ``corrections``.
- **Page furniture.** Claim pages get their backlinks; essays, summaries and
  claims get a "Cite this page" block with their revision history.

Options: ``docs_dir`` (default ``docs``), ``repo_url``, ``site_url``, and
``page`` (the page's path inside docs_dir, for tests; MkDocs passes it through
``scripts/mkdocs_glue.py``, Zensical through its rendering context).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any, Iterator

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from scripts import page_builders
from scripts.site_data import Page, Site, iter_code_free_lines, load_site
from scripts.term_matcher import matcher_for

REFERENCE = r"\[\[(term|claim):([^\]|]+?)(?:\|([^\]]+))?\]\]"
REFERENCE_RE = re.compile(REFERENCE)
GENERATE_RE = re.compile(r"^\s*\[\[generate:([a-z-]+)\]\]\s*$")
CLAIM_SIDES = frozenset({"for", "against"})
SKIP_TAGS = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "abbr", "button",
                       "svg", "h1", "h2", "h3", "h4", "h5", "h6", "sup", "img", "textarea"})
SKIP_CLASSES = frozenset({"footnote", "no-terms", "admonition-title", "claim-ref", "headerlink"})

# Set by the MkDocs glue before each page renders; Zensical has its own context.
_CURRENT_PAGE: dict[str, str | None] = {"src": None}


class ReferenceError_(ValueError):
    """A bad explicit reference: the message names the file and line."""


def set_current_page(src: str | None) -> None:
    """Tell the extension which page renders next (called by the MkDocs glue)."""
    _CURRENT_PAGE["src"] = src


# -----------------------------------------------------------------------------
# Checks shared with the content checker and the MkDocs glue
# -----------------------------------------------------------------------------


def iter_references(page: Page) -> Iterator[tuple[int, str, str, str | None, str]]:
    """(file line, kind, id, extra, text) of every [[term:…]] or [[claim:…]] outside code."""
    for number, line in iter_code_free_lines(page.body):
        for match in REFERENCE_RE.finditer(_without_code_spans(line)):
            extra = match.group(3)
            yield (number + page.body_line - 1, match.group(1), match.group(2).strip(),
                   extra.strip() if extra is not None else None, match.group(0))


def reference_problems(site: Site, page: Page) -> list[tuple[int, str]]:
    """(line, message) for every explicit reference to an unknown term or claim."""
    matcher = matcher_for(site.glossary)
    problems = []
    for line, kind, ref, extra, text in iter_references(page):
        if kind == "term" and ref not in site.terms and not matcher.lookup(ref):
            problems.append((line, f"unknown glossary term {ref!r} in {text}: "
                                   "add it to docs/_data/glossary.yml or use a known id"))
        if kind == "claim" and ref not in site.claims:
            problems.append((line, f"unknown claim {ref!r} in {text}: "
                                   "claims are the files of docs/claims/ (without .md)"))
        if kind == "claim" and extra is not None and extra not in CLAIM_SIDES:
            problems.append((line, f"claim side must be 'for' or 'against': {extra!r}"))
    return problems


def _without_code_spans(line: str) -> str:
    return re.sub(r"`+[^`]*`+", lambda m: " " * len(m.group(0)), line)


def claim_references(page: Page) -> list[tuple[str, str | None, str, int]]:
    """(claim id, side, anchor, file line) of each claim reference of a page, in order."""
    seen: dict[str, int] = {}
    found = []
    for line, kind, claim_id, side, _ in iter_references(page):
        if kind == "claim":
            seen[claim_id] = seen.get(claim_id, 0) + 1
            found.append((claim_id, side or None, claim_anchor(claim_id, seen[claim_id]), line))
    return found


def claim_anchor(claim_id: str, occurrence: int) -> str:
    """The id of the paragraph holding the n-th reference to a claim on a page."""
    return f"claim-{claim_id}" if occurrence == 1 else f"claim-{claim_id}-{occurrence}"


relative_link = page_builders.link


# -----------------------------------------------------------------------------
# The extension
# -----------------------------------------------------------------------------


class DebateContext:
    """What the processors of one Markdown instance share for the current page."""

    def __init__(self, md: Markdown, config: dict[str, Any]):
        self.md = md
        self.config = config
        self.reset()

    def reset(self) -> None:
        self.linked_terms: set[str] = set()
        self.claim_counts: dict[str, int] = {}

    @property
    def site(self) -> Site:
        return load_site(self.config["docs_dir"])

    @property
    def src(self) -> str:
        """Path of the page being rendered, relative to docs_dir."""
        if self.config.get("page"):
            return self.config["page"]
        zensical = _zensical_page(self.md)
        if zensical is not None:
            return zensical
        return _CURRENT_PAGE["src"] or "index.md"

    @property
    def page(self) -> Page | None:
        return self.site.pages.get(self.src)

    def error(self, message: str, needle: str) -> ReferenceError_:
        """An error naming the page and the line where needle first stands."""
        page = self.page
        line = 1
        if page is not None:
            for number, text in iter_code_free_lines(page.body):
                if needle in text:
                    line = number + page.body_line - 1
                    break
        path = page.path if page else self.src
        return ReferenceError_(f"{path}:{line}: {message}")


def _zensical_page(md: Markdown) -> str | None:
    """The page's source path from Zensical's rendering context, when it has one.

    Zensical (checked on 0.0.73) registers a preprocessor named
    ``rendering_context`` whose ``page`` is a ``zensical.extensions.context.Page``
    with ``path`` (the source path relative to docs_dir, e.g.
    ``essays/free-as-in-what.md``), ``url`` and ``meta`` (front matter).
    It has no ``src_uri`` or ``file``: those are MkDocs' names, kept as fallbacks.
    """
    if "rendering_context" not in md.preprocessors:
        return None
    page = getattr(md.preprocessors["rendering_context"], "page", None)
    if page is None:
        return None
    if isinstance(page, dict):
        src = page.get("path") or page.get("src_uri")
    else:
        src = (getattr(page, "path", None) or getattr(page, "src_uri", None)
               or getattr(getattr(page, "file", None), "src_uri", None))
    return str(src).replace("\\", "/") if src else None


class GeneratePreprocessor(Preprocessor):
    """Replaces ``[[generate:NAME]]`` lines and appends page furniture."""

    def __init__(self, md: Markdown, context: DebateContext):
        super().__init__(md)
        self.context = context

    def run(self, lines: list[str]) -> list[str]:
        self.context.reset()
        site, src = self.context.site, self.context.src
        output: list[str] = []
        outside_code = dict(iter_code_free_lines("\n".join(lines)))
        for number, line in enumerate(lines, 1):
            match = GENERATE_RE.match(line) if number in outside_code else None
            if not match:
                output.append(line)
                continue
            builder = page_builders.GENERATORS.get(match.group(1))
            if builder is None:
                raise self.context.error(
                    f"unknown generated block {match.group(1)!r}; known: "
                    + ", ".join(sorted(page_builders.GENERATORS)), line.strip())
            output.extend(["", *builder(site, src, self.context.config).splitlines(), ""])
        page = site.pages.get(src)
        if page is not None:
            output.extend(["", *page_builders.furniture(site, page, self.context.config).splitlines()])
        return output


class ReferenceInlineProcessor(InlineProcessor):
    """Turns ``[[term:ID|text]]`` and ``[[claim:ID|side]]`` into links."""

    def __init__(self, md: Markdown, context: DebateContext):
        super().__init__(REFERENCE, md)
        self.context = context

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 - Python-Markdown API
        kind, ref, extra = m.group(1), m.group(2).strip(), m.group(3)
        site = self.context.site
        if kind == "term":
            entry = _find_term(site, ref)
            if entry is None:
                raise self.context.error(f"unknown glossary term {ref!r} in {m.group(0)}", m.group(0))
            self.context.linked_terms.add(entry["id"])
            return term_link(self.context.src, entry, (extra or "").strip() or ref), m.start(0), m.end(0)
        claim = site.claims.get(ref)
        if claim is None:
            raise self.context.error(f"unknown claim {ref!r} in {m.group(0)}", m.group(0))
        side = (extra or "").strip() or None
        if side is not None and side not in CLAIM_SIDES:
            raise self.context.error(f"claim side must be 'for' or 'against': {side!r}", m.group(0))
        self.context.claim_counts[ref] = self.context.claim_counts.get(ref, 0) + 1
        link = etree.Element("a", {
            "href": relative_link(self.context.src, claim.src),
            "class": f"claim-ref claim-ref--{side or 'neutral'}",
            "data-tip": f"Claim: {claim.meta.get('claim', '')}",
            "data-claim": ref,
            "data-anchor": claim_anchor(ref, self.context.claim_counts[ref]),
        })
        label = {"for": "Argues for", "against": "Argues against"}.get(side or "", "Claim")
        badge = etree.SubElement(link, "span", {"class": "claim-ref__side"})
        badge.text = AtomicString(label)
        badge.tail = AtomicString(" " + str(claim.meta.get("title", ref)))
        return link, m.start(0), m.end(0)


def _find_term(site: Site, ref: str) -> dict | None:
    by_id = site.terms
    if ref in by_id:
        return by_id[ref]
    term_id = matcher_for(site.glossary).lookup(ref)
    return by_id.get(term_id) if term_id else None


def term_link(src: str, entry: dict, text: str) -> etree.Element:
    """The link element for one glossary term."""
    link = etree.Element("a", {
        "href": relative_link(src, "glossary.md", str(entry["id"])),
        "class": "glossary-term",
        "data-tip": str(entry.get("short", "")).strip(),
        "data-term": str(entry["id"]),
    })
    link.text = AtomicString(text)
    return link


class CrossLinkTreeprocessor(Treeprocessor):
    """Links the first mention of each glossary term; anchors claim paragraphs."""

    def __init__(self, md: Markdown, context: DebateContext):
        super().__init__(md)
        self.context = context

    def run(self, root: etree.Element) -> None:
        site = self.context.site
        page = self.context.page
        self.entries = site.terms
        self.matcher = matcher_for(site.glossary)
        self._anchor_claims(root)
        if page is not None and not page.links_terms:
            return
        self._walk(root, frozenset())

    def _anchor_claims(self, root: etree.Element) -> None:
        """Give the block holding a claim reference the id ``claim-ID``."""
        for parent in root.iter():
            for child in parent:
                if child.get("data-anchor") and "claim-ref" in child.get("class", ""):
                    if not parent.get("id"):
                        parent.set("id", child.get("data-anchor"))
                    del child.attrib["data-anchor"]

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

    def _link_text(self, text: str, excluded: frozenset[str]):
        """Split text around first mentions: (leading text, [link, link, ...])."""
        pieces: list[etree.Element] = []
        head, cursor = None, 0
        for start, end, term_id in self.matcher.find(text):
            if term_id in self.context.linked_terms or term_id in excluded:
                continue
            entry = self.entries.get(term_id)
            if entry is None:
                continue
            self.context.linked_terms.add(term_id)
            link = term_link(self.context.src, entry, text[start:end])
            link.tail = ""
            if pieces:
                pieces[-1].tail = text[cursor:start]
            else:
                head = text[:start]
            pieces.append(link)
            cursor = end
        if not pieces:
            return None
        pieces[-1].tail = text[cursor:]
        return head, pieces


class DebateExtension(Extension):
    """Registers the processors; one instance per Markdown instance."""

    def __init__(self, **kwargs: Any):
        self.config = {
            "docs_dir": ["docs", "Folder of the Markdown sources"],
            "repo_url": ["", "Repository URL, for history and edit links"],
            "site_url": ["", "Published site URL, for citations"],
            "page": ["", "Path of the page inside docs_dir (tests; else from the build)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown API
        md.registerExtension(self)
        self.context = DebateContext(md, self.getConfigs())
        # Before html_block (20) so generated <div markdown> blocks are parsed.
        md.preprocessors.register(GeneratePreprocessor(md, self.context), "debate_generate", 25)
        # Before links (160), so [[...]] is never read as a reference link.
        md.inlinePatterns.register(ReferenceInlineProcessor(md, self.context), "debate_refs", 175)
        # After inline (20) and attr_list (8); before toc (5) and MkDocs' relpath (0).
        md.treeprocessors.register(CrossLinkTreeprocessor(md, self.context), "debate_crosslink", 7)

    def reset(self) -> None:
        self.context.reset()


def makeExtension(**kwargs: Any) -> DebateExtension:  # noqa: N802 - Python-Markdown API
    return DebateExtension(**kwargs)
