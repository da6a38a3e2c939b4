"""What the extension's processors share: the skip rules, the errors a refused page raises,
which page is rendered, and the context of the current page."""

from __future__ import annotations

import html
import importlib
import importlib.util
import re
import xml.etree.ElementTree as etree  # noqa: N813 - Python-Markdown's own name for it

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER, AtomicString

from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import Site, load_site
from mkdocs_debate.problems import Problem
from mkdocs_debate.safety import FigureStash, Violation
from mkdocs_debate.source import iter_code_free_lines

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


class PageTreeprocessor(Treeprocessor):
    """A treeprocessor that reads the page being rendered from the shared context."""

    def __init__(self, md: Markdown, context: DebateContext):
        super().__init__(md)
        self.context = context
