"""What every generated block needs: escaping, page-relative links, dates."""

from __future__ import annotations

import functools
import html
import math
import posixpath
import re
from typing import Any

from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import iso_date

WORDS_PER_MINUTE = 220
KIND_LABELS = {
    "essay": "Essay",
    "summary": "Discussion summary",
    "claim": "Claim",
}  # front matter kind -> label
FOOTNOTE_DEFINITION = re.compile(r"\[\^[^\]]+\]:.*")
# HTML's special characters and those Markdown would read as markup: as character references they stay text.
PLAIN_TEXT = {ord(c): f"&#{ord(c)};" for c in "&<>\"'\\`*_[]{}#!|~^"}


def esc(value: Any) -> str:
    """Text made safe for HTML content and quoted attribute values."""
    return html.escape(str(value), quote=True)


def plain(value: Any) -> str:
    """Text from data made safe for Markdown as well as HTML: it can form neither markup."""
    return str(value).translate(PLAIN_TEXT)


def link(from_src: str, to_src: str, anchor: str = "") -> str:
    """Page-relative link from one source file to another (MkDocs rewrites and validates it)."""
    target = (
        _relative(posixpath.dirname(from_src), to_src)
        if to_src != from_src
        else posixpath.basename(to_src)
    )
    return f"{target}#{anchor}" if anchor else target


def page_url(from_src: str, to_src: str) -> str:
    """The URL of one page relative to another, final, as a browser resolves it (directory URLs).

    For links inside a figure (an SVG's xlink:href), which neither MkDocs nor Zensical rewrites.
    Not for an <a href> in raw HTML: Zensical re-bases a relative href from the source file's
    folder (use Settings.site_path). Unchecked by MkDocs, so only for pages the site has.
    """
    target = _relative(_directory(from_src) or ".", _directory(to_src) or ".")
    return "./" if target == "." else target + "/"


def _directory(src: str) -> str:
    """'essays/x.md' -> 'essays/x'; 'essays/index.md' -> 'essays'; 'index.md' -> ''."""
    stem = posixpath.splitext(src)[0]
    return posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem


@functools.lru_cache(maxsize=4096)
def _relative(base: str, to_src: str) -> str:
    return posixpath.relpath(to_src, base)


def human_date(value: Any) -> str:
    """'5 April 2025' from a date or an ISO string; '' when there is none."""
    day = iso_date(value)
    return f"{day.day} {day:%B %Y}" if day else ""


def reading_minutes(page: Page) -> int:
    """Minutes to read a page's body, footnote definitions aside."""
    words = len(re.findall(r"\w+", FOOTNOTE_DEFINITION.sub("", page.body)))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def title_of(page: Page) -> str:
    """The page's title from its front matter, else its slug."""
    return str(page.meta["title"]) if "title" in page.meta else page.slug


# Characters that could start Markdown markup inside a line of generated Markdown
# (< and > need none: escaping for HTML turns them into entities).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#!|])")


def md_text(value: Any) -> str:
    """Data text for a line of generated Markdown: escaped for HTML, and unable to form markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", esc(value))


def model_src(models_page: str, model_id: str) -> str:
    """Source path of a model's page: models.md -> models/<id>.md."""
    return posixpath.join(posixpath.splitext(models_page)[0], f"{model_id}.md")


LICENCES_DIR = "licences"


def licence_src(licence_id: str) -> str:
    """Source path of a licence's page (or of a family's comparison, '<family>-compare')."""
    return f"{LICENCES_DIR}/{licence_id}.md"
