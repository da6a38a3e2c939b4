"""Limits a page must keep before Markdown ever runs on it, so that checking any page is bounded.

Python-Markdown's link parsing is quadratic on unclosed brackets, each
comment and raw HTML element costs a pass over the rest of the block, and
deep nesting (raw HTML with ``markdown="1"``, block quotes, lists) recurses
until Python gives up. These rules read only the source text, in linear time,
and refuse a page past any limit with the line where it was passed; the
checker then does not render it (and the build, which runs the same rules
first, never does). Real pages stay far below every limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import Site
from mkdocs_debate.problems import Finding

MAX_PAGE_CHARACTERS = 300_000  # the longest page of the site (the glossary's source) is far smaller
MAX_BRACKETS_PER_BLOCK = (
    400  # '[' in one paragraph or block; a long list of footnoted links holds dozens
)
MAX_COMMENTS = 200  # '<!--' on one page
MAX_TAGS = 5_000  # raw HTML start tags on one page
MAX_DEPTH = 30  # raw HTML elements open inside each other; block quotes; list levels
MAX_LINE = 20_000  # characters on one line

TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "path",
        "rect",
        "circle",
        "line",
        "polyline",
        "polygon",
        "stop",
    }
)
QUOTE_PREFIX = re.compile(r"^(?:\s{0,3}>)+")


def rule_page_limits(site: Site, page: Page) -> Iterator[Finding]:
    """Size, line length, brackets per block, comments, tags and nesting depth are bounded, checked before Markdown."""
    body, first = page.body, page.body_line
    if len(body) > MAX_PAGE_CHARACTERS:
        yield Finding(
            first,
            f"the page is too long: {len(body):,} characters (at most {MAX_PAGE_CHARACTERS:,}); "
            "split it into several pages",
        )
        return
    comments = tags = 0
    brackets, block_line = 0, first
    open_tags: list[str] = []
    reported: set[str] = set()

    def once(kind: str, line: int, message: str) -> Iterator[Finding]:
        if kind not in reported:
            reported.add(kind)
            yield Finding(line, message)

    for number, line in enumerate(body.split("\n"), first):
        if len(line) > MAX_LINE:
            yield from once(
                "line",
                number,
                f"a line of {len(line):,} characters (at most {MAX_LINE:,}): break it up",
            )
        if not line.strip():
            brackets, block_line = 0, number + 1
        brackets += line.count("[")
        if brackets > MAX_BRACKETS_PER_BLOCK:
            yield from once(
                "brackets",
                block_line,
                f"more than {MAX_BRACKETS_PER_BLOCK} '[' in one paragraph: "
                "Markdown's link parsing slows down with each (escape them as \\[ "
                "or put them in code)",
            )
        comments += line.count("<!--")
        if comments > MAX_COMMENTS:
            yield from once(
                "comments", number, f"more than {MAX_COMMENTS} HTML comments on the page"
            )
        quote = QUOTE_PREFIX.match(line)
        if quote and quote.group(0).count(">") > MAX_DEPTH:
            yield from once("quotes", number, f"block quotes nested more than {MAX_DEPTH} deep")
        indent = len(line) - len(line.lstrip(" \t"))
        listed = line.lstrip()[:1] in ("-", "*", "+") or line.lstrip()[:2].rstrip(".").isdigit()
        if listed and indent // 2 > MAX_DEPTH * 2:
            yield from once("lists", number, f"lists nested more than {MAX_DEPTH} deep")
        for match in TAG.finditer(line):
            closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
            if closing:
                if name in open_tags:
                    while open_tags and open_tags.pop() != name:
                        pass
                continue
            tags += 1
            if tags > MAX_TAGS:
                yield from once("tags", number, f"more than {MAX_TAGS:,} HTML tags on the page")
            if name not in VOID and not self_closing:
                open_tags.append(name)
                if len(open_tags) > MAX_DEPTH:
                    yield from once(
                        "depth", number, f"HTML elements nested more than {MAX_DEPTH} deep"
                    )


LIMIT_RULES = (rule_page_limits,)


def passes_limits(site: Site, page: Page) -> bool:
    """Whether the page is within every limit (so that rendering it is bounded)."""
    return not any(True for _ in rule_page_limits(site, page))
