"""Markdown source text: front matter, fenced code, code spans and titles of works.

The one place that decides what of a Markdown source is code. The checker,
the reference scanner, the term scan and the generated-block preprocessor all
walk a page's lines through ``iter_code_free_lines`` and blank code spans with
``mask_code_spans``, so they agree on what they skip.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
FRONT_MATTER_START = re.compile(r"\A---[ \t]*\n")
FENCE = re.compile(r"(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)*?\1")
# A title of a work, *Title*{.work} or _Title_{.work} (attr_list on emphasis): the engine
# renders it as <cite> and links no term or model name inside it, so the scans skip it too.
WORK_TITLE = re.compile(
    r"(?P<work_mark>[*_])(?=\S)(?:(?!(?P=work_mark)).)+?(?P=work_mark)"
    r"\{:?[^}]*?(?<![\w-])\.work(?![\w-])[^}]*\}"
)
PLAIN_TEXT_MARKUP = re.compile(
    r"[<>\[\]]"
)  # what plain-text fields may not hold: HTML or Markdown links
# A power written with a caret ("10^25"): plain text shows the caret as it is. Superscript digits read right.
CARET_POWER = re.compile(r"\d\^[-−]?\d+")
SUPERSCRIPT_DIGITS = str.maketrans("-−0123456789", "⁻⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def caret_power(value: str) -> str:
    """The first power written with a caret in value, with how to write it ('10^25 (write 10²⁵)'), or ''."""
    match = CARET_POWER.search(value)
    if not match:
        return ""
    base, exponent = match.group(0).split("^")
    start = match.start()
    while start > 0 and value[start - 1].isdigit():
        start -= 1
    base = value[start : match.start()] + base
    return f"{base}^{exponent} (write {base}{exponent.translate(SUPERSCRIPT_DIGITS)})"


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter text or None, body, line on which the body starts)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    return match.group(1) or "", text[match.end() :], text[: match.end()].count("\n") + 1


def iter_code_free_lines(text: str) -> Iterator[tuple[int, str]]:
    """Yield (1-based line, line) of Markdown text, skipping fenced code blocks."""
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip()
        marker = FENCE.match(stripped)
        if fence:
            if marker and stripped.startswith(fence):
                fence = None
            continue
        if marker:
            fence = marker.group(1)
            continue
        yield number, line


def mask_code_spans(line: str) -> str:
    """The line with every code span replaced by spaces (offsets stay valid)."""
    return CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def code_free_text(body: str) -> str:
    """The body with fenced code and code spans blanked, every line kept in place."""
    kept = dict(iter_code_free_lines(body))
    return "\n".join(
        mask_code_spans(kept.get(number, "")) for number in range(1, len(body.splitlines()) + 1)
    )
