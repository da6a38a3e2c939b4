"""Internal links and anchors, checked as the strict build checks them.

MkDocs' strict build fails on a link to a page that does not exist and on an
anchor that the target page does not have, but says so without a line. This
rule finds the same problems before the build, with ``path:line: message``:
each page is rendered with the site's Markdown configuration (the renderer the
safety check uses), its links are read from the HTML, and an anchor must be an
``id`` (or ``name``) in the rendered HTML of the page it points to, so headings,
glossary entries, timeline events and claim paragraphs all count.
"""

from __future__ import annotations

import html.parser
import os
import posixpath
import re
import urllib.parse

from mkdocs_debate.checker.render import Renderer
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import Site
from mkdocs_debate.problems import Finding

SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class _Links(html.parser.HTMLParser):
    """The hrefs of a page's links and every id (or name) its elements carry."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(str(values[key]))
        if tag == "a" and values.get("href"):
            self.hrefs.append(str(values["href"]))


def link_findings(
    site: Site, page: Page, renderer: Renderer, parsed: dict[str, _Links]
) -> list[Finding]:
    """Every link of one page to a missing page, file or anchor, at the line that writes it."""
    links = _parsed(site, page.src, renderer, parsed)
    if links is None:
        return []
    targets = site.all_pages if page.is_draft else site.pages
    found = []
    for href in dict.fromkeys(links.hrefs):
        if SCHEME.match(href) or href.startswith(("/", "//")):
            continue  # external (checked elsewhere) or site-absolute (refused by the build's own rules)
        path, _, fragment = href.partition("#")
        path = urllib.parse.unquote(path.split("?", 1)[0])
        target = (
            posixpath.normpath(posixpath.join(posixpath.dirname(page.src), path))
            if path
            else page.src
        )
        line = _line_of(page, href)
        if line is None:
            continue  # written by a generated block or the cross-linker: the engine's links, not the writer's
        if path.endswith(".md") and target not in targets:
            why = (
                "is a draft (draft: true), which is not published"
                if target in site.drafts
                else "does not exist"
            )
            found.append(Finding(line, f"link to {path!r}: {target!r} {why} in docs/"))
        elif (
            path
            and not path.endswith(".md")
            and not os.path.exists(os.path.join(site.docs_dir, target))
        ):
            found.append(Finding(line, f"link to {path!r}: no file {target!r} in docs/"))
        elif fragment and (target == page.src or path.endswith(".md")):
            anchors = _parsed(site, target, renderer, parsed)
            if anchors is not None and urllib.parse.unquote(fragment) not in anchors.ids:
                where = "this page" if target == page.src else repr(target)
                found.append(
                    Finding(line, f"link to {href!r}: {where} has no anchor '#{fragment}'")
                )
    return found


def _parsed(site: Site, src: str, renderer: Renderer, parsed: dict[str, _Links]) -> _Links | None:
    """One page's links and anchors, rendered once per check and kept in parsed."""
    if src not in parsed:
        page = site.all_pages.get(src)
        if page is None or page.error is not None:
            return None
        links = _Links()
        links.feed(renderer.html(page))
        parsed[src] = links
    return parsed[src]


def _line_of(page: Page, href: str) -> int | None:
    """The first line of the page that writes the link, or None if the page's own text does not.

    The address must stand as a link's target: after ``](``, ``]:`` or ``href=``, not as words
    inside other text (a code span's ``/glossary/#open-weights`` writes no link to ``glossary/``).
    """
    for number, line in enumerate(page.body.splitlines(), page.body_line):
        for written in dict.fromkeys((href, html.escape(href))):
            if re.search(
                r"(\]\(\s*<?|\]:\s*<?|href=[\"']?)" + re.escape(written) + r"(?=[\s)\"'>]|$)", line
            ):
                return number
    return None
