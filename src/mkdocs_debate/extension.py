"""Python-Markdown extension: glossary cross-links, claim references, generated pages.

Registered as the Markdown extension ``debate`` (entry point
``markdown.extensions``), so ``mkdocs.yml`` lists it by that short name and it
runs under MkDocs and under Zensical alike. What it does on every page:

- **Cross-links glossary terms.** The first mention of each term (its name, an
  alias or a plural written in the glossary; case-insensitive, whole words,
  longest match first) becomes a link to its glossary entry with the short
  definition as tooltip. A treeprocessor does it on the element tree and never
  touches code, links, headings, image alt text, attributes, raw HTML,
  footnotes, or the term's own glossary entry. Front matter
  ``glossary_links: false`` opts a page out.
- **Leaves titles of works alone.** ``*Title*{.work}`` (emphasis with the
  class ``work``, written with ``attr_list``) becomes ``<cite class="work">``:
  neither glossary terms nor model names are linked inside it, and the first
  mention outside it is linked instead. A title written with its quotation
  marks inside (``*“Post title”*{.work}``) is set upright, others in italics.
- **Separates neighbouring footnote markers.** A footnote reference directly
  after another gets the class ``footnote-ref--next`` (the stylesheet draws a
  comma before it), so "¹⁰¹¹" reads as footnotes 10 and 11.
- **A table of contents for phones.** On a page with at least three sections
  (the toc extension's headings, two levels deep), a collapsible "Contents"
  (``<details class="phone-toc">``) is put before the first section heading;
  the stylesheet shows it only where Material hides its own table of
  contents. Not on the home page, nor on a page with ``hide: [toc]``.
- **Links model names.** In essays, summaries and claims, the first mention of
  a matrix model (its ``name`` or one of its ``aliases`` in models.yml) links
  to its page, with the same rules and a tooltip of its openness.
- **Explicit references** (see ``mkdocs_debate.syntax``). ``[[term:ID|text]]``
  forces a link to a term, ``[[term:ID#DEFINITION]]`` to one of its competing
  definitions; ``[[claim:ID|for]]`` links a claim and makes its
  block linkable as ``#claim-ID``, numbered in document order. An unknown id is
  an error naming file and line.
- **Generated blocks.** A line ``[[generate:NAME]]`` is replaced by Markdown
  built from the sources of truth (``mkdocs_debate.blocks``).
- **Hover previews.** In essays, summaries and claims, links to other pages of
  the site are marked for Material's previews (``data-preview``), except links
  that have a tooltip.
- **Footnotes as a reader meets them.** Where the footnotes extension numbers
  by reference (``USE_DEFINITION_ORDER: false``), markers are renumbered in
  document order, and an article's notes come right after its text under a
  "Notes" heading (``#notes``), before the page furniture.
- **Links to anchors that are no headings.** A table row or cell with an id
  (verdicts) and a timeline event get a ``#`` link to themselves, shown on
  hover and focus as a heading's ¶ is.
- **Page furniture.** Claim pages get their backlinks; essays, summaries and
  claims get a "Cite this page" block with their revision history, and so do
  the pages drawn from the data, dated by the newest date they show.

Options: ``docs_dir`` (default ``docs``), ``site_url``, ``repo_url``,
``site_name``, ``glossary_page``, ``models_page``, ``cite_key_prefix`` and
``page``. The page being rendered is read from the Markdown instance itself
(MkDocs' ``relpath`` treeprocessor, Zensical's ``rendering_context``); the
``page`` option names it where neither exists (tests). When none is known, the
extension fails rather than guess.
"""

from __future__ import annotations

import html
import importlib
import importlib.util
import re
import xml.etree.ElementTree as etree  # noqa: N813 - Python-Markdown's own name for it
from typing import Any
from urllib.parse import urlsplit

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER, AtomicString

from mkdocs_debate.blocks import GENERATORS
from mkdocs_debate.blocks.common import link, model_src
from mkdocs_debate.blocks.furniture import furniture, page_header
from mkdocs_debate.blocks.models import model_tip
from mkdocs_debate.blocks.timeline import date_label
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import Site, load_site
from mkdocs_debate.matcher import MODEL_PREFIX, site_matcher
from mkdocs_debate.problems import Problem
from mkdocs_debate.safety import FigureStash, Violation, violations
from mkdocs_debate.source import iter_code_free_lines
from mkdocs_debate.syntax import CLAIM_SIDES, GENERATE_RE, REFERENCE, claim_anchor
from mkdocs_debate.usage import find_definition, find_term, term_tip
from mkdocs_debate.verdicts import definition_anchor

SKIP_TAGS = frozenset(
    {
        "a",
        "cite",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "abbr",
        "button",
        "svg",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "sup",
        "img",
        "textarea",
    }
)
SKIP_CLASSES = frozenset({"footnote", "no-terms", "admonition-title", "claim-ref", "headerlink"})
WORK_CLASS = "work"  # *Title*{.work}: a title of a work, rendered as <cite>, never cross-linked
QUOTED_WORK_CLASS = (
    "work--quoted"  # its text opens with a quotation mark: set upright, not in italics
)
OPENING_QUOTES = ("“", "‘", '"', "'")
NEXT_FOOTNOTE_CLASS = (
    "footnote-ref--next"  # a footnote marker right after another: drawn with a comma before it
)
PHONE_TOC_MIN_ENTRIES = 3  # fewer sections than this: a page short enough to scroll
HOME_PAGE = "index.md"
NOTES_TITLE, NOTES_ANCHOR = "Notes", "notes"  # the heading an article's footnotes come under
FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^[^\]]+\]:")
SIDE_LABELS = {"for": "Argues for", "against": "Argues against"}
HTML_PLACEHOLDER_RE = re.compile(HTML_PLACEHOLDER.replace("%s", r"(\d+)"))
RAW_SKIPPED_TAG = re.compile(
    r"<\s*(/)?\s*(?:a|code|kbd|samp|summary|cite|pre|script|style|button|textarea)\b", re.IGNORECASE
)


# Under MkDocs a refused page fails the build with its message alone, as a BuildError does (no
# traceback); under Zensical, or Markdown alone, it is a plain exception.
_BUILD_ERRORS: tuple[type[Exception], ...] = (
    (importlib.import_module("mkdocs.exceptions").PluginError, ValueError)
    if importlib.util.find_spec("mkdocs")
    else (ValueError,)
)


class MarkupReferenceError(*_BUILD_ERRORS):
    """A bad explicit reference or generated block: the message names the file and line."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


class UnknownPageError(RuntimeError):
    """The extension cannot tell which page it renders."""


class UnsafeMarkupError(*_BUILD_ERRORS):
    """The rendered page holds bad references or markup outside the allowlist; every problem names file and line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


# -----------------------------------------------------------------------------
# Which page is rendered
# -----------------------------------------------------------------------------


def page_source_path(md: Markdown, configured: str = "") -> str:
    """Path (inside docs_dir) of the page this Markdown instance converts."""
    if configured:
        return configured
    if "relpath" in md.treeprocessors:  # MkDocs registers it with the page's File before converting
        file = getattr(md.treeprocessors["relpath"], "file", None)
        if getattr(file, "src_uri", None):
            return str(file.src_uri)
    zensical = _zensical_page(md)
    if zensical:
        return zensical
    raise UnknownPageError(
        "the debate extension cannot tell which page it renders: not under MkDocs or Zensical, "
        "and no 'page' option was given"
    )


def _zensical_page(md: Markdown) -> str | None:
    """The page's source path from Zensical's rendering context, when it has one.

    Zensical (checked on 0.0.73) registers a preprocessor named
    ``rendering_context`` whose ``page`` has ``path``: the source path relative
    to docs_dir, e.g. ``essays/free-as-in-what.md``.
    """
    if "rendering_context" not in md.preprocessors:
        return None
    page = getattr(md.preprocessors["rendering_context"], "page", None)
    src = page.get("path") if isinstance(page, dict) else getattr(page, "path", None)
    return str(src).replace("\\", "/") if src else None


# -----------------------------------------------------------------------------
# The processors
# -----------------------------------------------------------------------------


class DebateContext:
    """What the processors of one Markdown instance share for the current page."""

    def __init__(self, md: Markdown, settings: Settings, page: str):
        self.md = md
        self.settings = settings
        self.configured_page = page
        self.figures = FigureStash()
        self.reset()

    def reset(self) -> None:
        """Forget the previous page (called before each conversion)."""
        self.linked_terms: set[str] = set()
        self._src: str | None = None
        self.source_lines: list[str] = []
        self.problems: list[
            Problem
        ] = []  # bad references, reported with the rendered page's problems
        self.tree_done = False
        self.figures.reset()
        self._site: Site | None = None

    @property
    def site(self) -> Site:
        """The site of this document: its key (the build, else docs/'s newest change) read once."""
        if self._site is None:
            self._site = load_site(self.settings.docs_dir)
        return self._site

    @property
    def src(self) -> str:
        """Path of the page being rendered, relative to docs_dir."""
        if self._src is None:
            self._src = page_source_path(self.md, self.configured_page)
        return self._src

    @property
    def page(self) -> Page | None:
        return self.site.all_pages.get(self.src)  # a draft renders too (checker, `mkdocs serve`)

    @property
    def shown_path(self) -> str:
        page = self.page
        return page.path if page else self.src

    def line_of(self, *needles: str) -> int:
        """The first line of the page's file holding one of the needles (tried in order), else 1.

        Searches the Markdown being converted (front matter already removed by
        the build), so the line is right even for text the page file lacks.
        """
        page = self.page
        offset = page.body_line - 1 if page is not None else 0
        if page is not None:
            # MkDocs (and Zensical) strip the blank lines after the front matter before converting:
            # count them back, so the build names the same line as the checker (which keeps them).
            blank = len(page.body) - len(page.body.lstrip("\n"))
            kept = next(
                (n for n, line in enumerate(self.source_lines) if line.strip()),
                len(self.source_lines),
            )
            offset += max(blank - kept, 0)
        code_free = list(iter_code_free_lines("\n".join(self.source_lines)))
        every = list(enumerate(self.source_lines, 1))
        for lines in (code_free, every):  # a fence the source only seems to open still renders
            for needle in filter(None, needles):
                for number, text in lines:
                    if needle in text:
                        return number + offset
        return 1

    def error(self, message: str, needle: str) -> MarkupReferenceError:
        """An error naming the page and the line where needle first stands."""
        return MarkupReferenceError(Problem(self.shown_path, self.line_of(needle), message))

    def refuse(self, message: str, match: re.Match) -> tuple[etree.Element, int, int]:
        """Record a bad reference (the page fails once it is rendered) and keep its text in place."""
        self.problems.append(Problem(self.shown_path, self.line_of(match.group(0)), message))
        element = etree.Element("span", {"class": "reference-error"})
        element.text = AtomicString(match.group(0))
        return element, match.start(0), match.end(0)

    def unsafe(self, found: list[Violation]) -> UnsafeMarkupError:
        """Every problem of the page: bad references, then each violation at its element's source line."""
        problems = list(self.problems)
        for violation in found:
            tag = re.match(r"<[a-zA-Z][^\s/>]*", violation.markup)
            values = re.findall(r"""=\s*["']?([^"'\s>]+)""", violation.markup)
            # Values as written (attr_list and the toc escape them) and names' words (attr_list mangles names).
            words = [
                w
                for n in re.findall(r"""\s([^\s=>]+)=""", violation.markup)
                for w in re.split(r"[^A-Za-z0-9]+", n)
            ]
            needles = sorted(
                {*values, *map(html.unescape, values), *(w for w in words if len(w) > 3)},
                key=len,
                reverse=True,
            )
            line = self.line_of(violation.markup, *needles, tag.group(0) if tag else "")
            quoted = (
                violation.markup if len(violation.markup) <= 80 else violation.markup[:77] + "..."
            )
            problems.append(Problem(self.shown_path, line, f"{violation.message}: {quoted}"))
        return UnsafeMarkupError(problems)


class GeneratePreprocessor(Preprocessor):
    """Replaces ``[[generate:NAME]]`` lines and appends page furniture."""

    def __init__(self, md: Markdown, context: DebateContext):
        super().__init__(md)
        self.context = context

    def run(self, lines: list[str]) -> list[str]:
        self.context.reset()
        self.context.source_lines = list(lines)
        site, src, settings = self.context.site, self.context.src, self.context.settings
        output: list[str] = []
        outside_code = dict(iter_code_free_lines("\n".join(lines)))
        for number, line in enumerate(lines, 1):
            match = GENERATE_RE.match(line) if number in outside_code else None
            if not match:
                output.append(line)
                continue
            builder = GENERATORS.get(match.group(1))
            if builder is None:
                raise self.context.error(
                    f"unknown generated block {match.group(1)!r}; known: "
                    + ", ".join(sorted(GENERATORS)),
                    line.strip(),
                )
            lift = self.context.figures.lift
            output.extend(["", *lift(builder(site, src, settings)).splitlines(), ""])
        page = site.all_pages.get(src)
        if page is not None:
            header = self.context.figures.lift(page_header(site, page, settings))
            output = [*header.splitlines(), "", *output] if header else output
            if page.is_article:
                output.extend(notes_heading(self.md, lines, outside_code))
            output.extend(
                ["", *self.context.figures.lift(furniture(site, page, settings)).splitlines()]
            )
        return output


def notes_heading(md: Markdown, lines: list[str], outside_code: dict[int, str]) -> list[str]:
    """A "Notes" heading and the footnotes extension's place marker, for a page with footnotes.

    Without the marker the footnotes extension puts the notes at the very end,
    after the page furniture (citation, reading path); with it they come right
    after the text, under a heading of their own (``#notes``, in the contents).
    """
    marker = next(
        (
            str(ext.getConfig("PLACE_MARKER"))
            for ext in md.registeredExtensions
            if type(ext).__name__ == "FootnoteExtension"
        ),
        "",
    )
    if not marker or any(marker in line for line in lines):
        return []
    if not any(FOOTNOTE_DEFINITION.match(outside_code[number]) for number in outside_code):
        return []
    return ["", f"## {NOTES_TITLE} {{#{NOTES_ANCHOR}}}", "", marker, ""]


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


def definition_link(
    src: str, glossary_page: str, entry: dict, definition: dict, text: str
) -> etree.Element:
    """The link element for one competing definition of a term (``[[term:ID#DEFINITION]]``)."""
    term_id, definition_id = str(entry["id"]), str(definition["id"])
    element = etree.Element(
        "a",
        {
            "href": link(src, glossary_page, definition_anchor(term_id, definition_id)),
            "class": "glossary-term glossary-term--definition",
            "data-tip": f"{definition.get('name', '')} ({definition.get('who', '')}, {date_label(definition.get('when', ''))})",
            "data-term": term_id,
            "data-definition": definition_id,
        },
    )
    element.text = AtomicString(text or str(definition.get("name", definition_id)))
    return element


def model_link(src: str, models_page: str, model: dict, text: str) -> etree.Element:
    """The link element for a matrix model's name: to its page, with its openness as tooltip."""
    element = etree.Element(
        "a",
        {
            "href": link(src, model_src(models_page, str(model["id"]))),
            "class": "model-ref",
            "data-tip": model_tip(model),
            "data-model": str(model["id"]),
        },
    )
    element.text = AtomicString(text)
    return element


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
                    f"unknown glossary term {ref!r} in {m.group(0)}: "
                    "add it to docs/_data/glossary.yml or use a known id",
                    m,
                )
            self.context.linked_terms.add(str(entry["id"]))
            glossary_page = self.context.settings.glossary_page
            if m.group("definition") is not None:
                wanted = m.group("definition").strip()
                found = find_definition(site, str(entry["id"]), wanted)
                if found is None:
                    raise self.context.error(
                        f"unknown definition {wanted!r} of {entry['id']!r} in {m.group(0)}",
                        m.group(0),
                    )
                return (
                    definition_link(src, glossary_page, entry, found, (extra or "").strip()),
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
            raise self.context.error(f"a claim reference takes no '#': {m.group(0)}", m.group(0))
        claim = site.claims.get(ref)
        if claim is None:
            return self.context.refuse(
                f"unknown claim {ref!r} in {m.group(0)}: "
                "claims are the files of docs/claims/ (without .md)",
                m,
            )
        side = (extra or "").strip() or None
        if side is not None and side not in CLAIM_SIDES:
            return self.context.refuse(f"claim side must be 'for' or 'against': {side!r}", m)
        element = etree.Element(
            "a",
            {
                "href": link(src, claim.src),
                "class": f"claim-ref claim-ref--{side or 'neutral'}",
                "data-tip": f"Claim: {claim.meta.get('claim', '')}",
                "data-claim": ref,
            },
        )
        badge = etree.SubElement(element, "span", {"class": "claim-ref__side"})
        badge.text = AtomicString(SIDE_LABELS.get(side or "", "Claim"))
        badge.tail = AtomicString(" " + str(claim.meta.get("title", ref)))
        return element, m.start(0), m.end(0)


class PageTreeprocessor(Treeprocessor):
    """A treeprocessor that reads the page being rendered from the shared context."""

    def __init__(self, md: Markdown, context: DebateContext):
        super().__init__(md)
        self.context = context


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


class PhoneTocTreeprocessor(PageTreeprocessor):
    """Puts a collapsible "Contents" before a long page's first section, for phones (no script)."""

    def run(self, root: etree.Element) -> None:
        page = self.context.page
        hidden = page.meta.get("hide") if page is not None else None
        if page is None or page.src == HOME_PAGE or (isinstance(hidden, list) and "toc" in hidden):
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
    shows two popups.
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
            anchor.set("data-preview", "")


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


class TreeDoneTreeprocessor(PageTreeprocessor):
    """Marks the end of tree processing, so that the safety check runs once, on the whole page."""

    def run(self, root: etree.Element) -> None:
        self.context.tree_done = True


class DebateExtension(Extension):
    """Registers the processors; one instance per Markdown instance."""

    def __init__(self, **kwargs: Any):
        defaults = Settings()
        self.config = {
            "docs_dir": [defaults.docs_dir, "Folder of the Markdown sources"],
            "site_url": ["", "Published site URL, for citations and JSON-LD"],
            "repo_url": ["", "Repository URL, for history and correction links"],
            "site_name": ["", "The site's name, for citations"],
            "glossary_page": [defaults.glossary_page, "Source path of the glossary page"],
            "models_page": [defaults.models_page, "Source path of the openness matrix page"],
            "cite_key_prefix": [defaults.cite_key_prefix, "Prefix of BibTeX keys"],
            "page": ["", "Path of the page inside docs_dir, where no build tells it (tests)"],
            "validate": [
                True,
                "Check the rendered HTML (switch off only to test the CSP on its own)",
            ],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.registerExtension(self)
        options = self.getConfigs()
        page = str(options.pop("page") or "")
        validate = bool(options.pop("validate"))
        settings = Settings(**{key: str(value) for key, value in options.items()})
        self.context = DebateContext(md, settings, page)
        # md_in_html wraps a <caption> of a markdown="1" table in <p>: as a block it stays raw and valid.
        if "caption" not in md.block_level_elements:
            md.block_level_elements.append("caption")
        # Before html_block (20) so generated <div markdown> blocks are parsed.
        md.preprocessors.register(GeneratePreprocessor(md, self.context), "debate_generate", 25)
        # Before links (160), so [[...]] is never read as a reference link.
        md.inlinePatterns.register(ReferenceInlineProcessor(md, self.context), "debate_refs", 175)
        # After inline (20) and attr_list (8); before toc (5) and MkDocs' relpath (0).
        md.treeprocessors.register(CrossLinkTreeprocessor(md, self.context), "debate_crosslink", 7)
        # After toc (5), which names and numbers the headings; before MkDocs' relpath (0).
        md.treeprocessors.register(PhoneTocTreeprocessor(md, self.context), "debate_phone_toc", 4)
        # After the cross-links and toc (5), before MkDocs rewrites .md links (relpath, 0).
        md.treeprocessors.register(PreviewTreeprocessor(md, self.context), "debate_preview", 2)
        # After inline (20), which fills the rows and events with their text.
        md.treeprocessors.register(PermalinkTreeprocessor(md), "debate_permalinks", 19.8)
        # After inline (20), which makes the footnote markers; before the footnotes extension
        # reorders its notes (footnote-reorder, 19) by the order this corrects.
        md.treeprocessors.register(FootnoteOrderTreeprocessor(md), "debate_footnote_order", 19.5)
        # After raw HTML is restored (30) and footnotes (25): what the reader would get.
        md.treeprocessors.register(
            TreeDoneTreeprocessor(md, self.context), "debate_tree_done", -100
        )
        if validate:
            md.postprocessors.register(SafetyPostprocessor(md, self.context), "debate_safety", 5)
        # After the check (5): the figures were checked on their own (safety.FigureStash).
        md.postprocessors.register(FigurePostprocessor(md, self.context), "debate_figures", 4)

    def reset(self) -> None:
        self.context.reset()


def makeExtension(**kwargs: Any) -> DebateExtension:  # noqa: N802 - Python-Markdown's name
    return DebateExtension(**kwargs)
