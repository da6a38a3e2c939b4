"""What Markdown produced, checked against an allowlist before it reaches a reader.

Contributed Markdown may carry raw HTML. Instead of guessing from the source
what Markdown will make of it, the extension validates the HTML it actually
rendered (and the checker renders each page the same way): a real HTML parser
(``html.parser``, the standard library's tokenizer, which splits
``<svg/onload=…>`` and unspaced attributes as browsers do) walks the output and
every element, attribute and URL scheme must be on the allowlist below -- the
way ammonia (``nh3``) and bleach decide, with nh3's own tables as the base.
Anything else is a ``Violation`` quoting the element.

Also refused: nested links, duplicate ids (an anchor that would shadow
another), images from other hosts, executable inline scripts.
"""

from __future__ import annotations

import dataclasses
import html.parser
import re
from urllib.parse import urlsplit

import nh3

GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "role", "tabindex", "hidden"})
DATA_ATTRIBUTE = re.compile(r"^(data-[a-z0-9-]+|aria-[a-z-]+)$")
ELEMENTS = frozenset(nh3.ALLOWED_TAGS) | frozenset({
    # Python-Markdown, pymdown-extensions and our own blocks
    "section", "figure", "figcaption", "details", "summary", "nav", "label", "input", "caption", "tfoot",
    "fieldset", "legend", "aside",
    # in-page controls of the matrix (a form without action or method submits nowhere else)
    "form", "select", "option", "button",
    # inline SVG: the matrix chart and twemoji icons (no animate, set, script, foreignObject, use)
    "svg", "path", "g", "title", "desc", "line", "rect", "circle", "text", "polyline", "polygon", "tspan",
    # data blocks: JSON-LD, checked separately (type must be a data type)
    "script",
}) - frozenset({"acronym", "center", "strike", "tt", "map", "area"})
ELEMENT_ATTRIBUTES = {tag: frozenset(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()} | {
    "a": frozenset({"href", "hreflang", "rel", "name"}),  # name: pymdownx.highlight line anchors
    "img": frozenset({"alt", "src", "width", "height", "loading"}),
    "ol": frozenset({"start", "type"}),
    "td": frozenset({"colspan", "rowspan", "headers", "align"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "align", "abbr"}),
    "input": frozenset({"type", "name", "checked", "disabled", "value"}),
    "label": frozenset({"for"}),
    "details": frozenset({"open"}),
    "form": frozenset(),
    "select": frozenset({"name", "multiple"}),
    "option": frozenset({"value", "selected"}),
    "button": frozenset({"type"}),
    "time": frozenset({"datetime"}),
    "script": frozenset({"type"}),
    "svg": frozenset({"xmlns", "viewbox", "width", "height", "fill", "aria-labelledby", "focusable",
                      "preserveaspectratio"}),
    "path": frozenset({"d", "fill", "stroke", "stroke-width", "fill-rule", "clip-rule"}),
    "line": frozenset({"x1", "x2", "y1", "y2", "stroke"}),
    "rect": frozenset({"x", "y", "width", "height", "rx", "ry", "fill"}),
    "circle": frozenset({"cx", "cy", "r", "fill"}),
    "text": frozenset({"x", "y", "text-anchor", "dx", "dy"}),
    "tspan": frozenset({"x", "y", "dx", "dy"}),
    "polyline": frozenset({"points", "fill", "stroke"}),
    "polygon": frozenset({"points", "fill", "stroke"}),
    "g": frozenset({"transform", "fill"}),
}
INPUT_TYPES = frozenset({"checkbox", "radio"})
BUTTON_TYPES = frozenset({"button", "reset"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
URL_SCHEMES = frozenset({"https", "http", "mailto"})
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
VOID = frozenset({"br", "hr", "img", "input", "wbr", "col", "path", "line", "rect", "circle", "polyline", "polygon"})


@dataclasses.dataclass(frozen=True)
class Violation:
    """One thing the rendered HTML must not contain, and the markup that shows it."""

    message: str
    markup: str  # the start tag as written, to find it in the source


class _Validator(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.violations: list[Violation] = []
        self.open_links = 0
        self.ids: set[str] = set()
        self.stack: list[str] = []

    def _bad(self, message: str) -> None:
        self.violations.append(Violation(message, self.get_starttag_text() or ""))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)
            if tag == "a":
                self.open_links += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack:
                closed = self.stack.pop()
                if closed == "a":
                    self.open_links -= 1
                if closed == tag:
                    break

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ELEMENTS:
            self._bad(f"<{tag}> is not allowed")
            return
        if tag == "a" and self.open_links:
            self._bad("a link inside a link is not allowed (is a reference inside link text?)")
        values = dict(attrs)
        allowed = GLOBAL_ATTRIBUTES | ELEMENT_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            if name not in allowed and not DATA_ATTRIBUTE.match(name):
                self._bad(f"attribute {name!r} is not allowed on <{tag}>")
            elif name in URL_ATTRIBUTES and value is not None:
                yield_ = _url_problem(tag, name, value)
                if yield_:
                    self._bad(yield_)
        if "id" in values and values["id"] is not None:
            if values["id"] in self.ids:
                self._bad(f"id {values['id']!r} is used twice on the page (anchors must be unique)")
            self.ids.add(values["id"])
        if tag == "script" and (values.get("type") or "").lower() not in DATA_SCRIPT_TYPES:
            self._bad("<script> is not allowed (only JSON data blocks)")
        if tag == "img" and not (values.get("alt") or "").strip():
            self._bad("images must have alt text: ![what the image shows](path) or <img alt=\"…\">")
        if tag == "button" and (values.get("type") or "").lower() not in BUTTON_TYPES:
            self._bad('a <button> needs type="button" or type="reset" (any other submits a form): '
                      f"{values.get('type')!r}")
        if tag == "input" and (values.get("type") or "").lower() not in INPUT_TYPES:
            self._bad(f"<input type={values.get('type')!r}> is not allowed")


def _url_problem(tag: str, attribute: str, value: str) -> str | None:
    """Why a URL attribute is refused, or None."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", value)
    scheme = urlsplit(cleaned).scheme.lower()
    if scheme and scheme not in URL_SCHEMES:
        return f"{scheme}: URLs are not allowed ({attribute} of <{tag}>)"
    if tag == "img" and (scheme or cleaned.startswith("//")):
        return f"images must be files of the site, not from another host: {value!r}"
    return None


def violations(rendered: str) -> list[Violation]:
    """Every violation in a fragment of rendered HTML, in document order."""
    validator = _Validator()
    validator.feed(rendered)
    validator.close()
    return validator.violations
