"""What Markdown produced, checked against an allowlist before it reaches a reader.

Contributed Markdown may carry raw HTML. Instead of guessing from the source
what Markdown will make of it, the extension validates the HTML it actually
rendered (and the checker renders each page the same way), read by two
parsers:

- ``html.parser``, the standard library's tokenizer, which keeps each start
  tag as written (so a problem is found at its source line);
- html5lib, which follows the WHATWG parsing algorithm as Chromium does: a
  ``<script>`` inside ``<svg>`` is an SVG element whose content is markup, of
  two ``type`` attributes the first counts, ``<!-->`` is a whole comment.

Every element, attribute and URL scheme either parser sees must be on the
allowlist below -- the way ammonia (``nh3``) and bleach decide, with nh3's own
tables as the base -- and markup the two would read differently (html5lib's
parse errors for duplicate attributes, malformed comments and tags) is refused
outright. Anything else is a ``Violation`` quoting the element.

Also refused: nested links, duplicate ids (an anchor that would shadow
another), ids that are not ``[a-z0-9][a-z0-9-]*`` (the theme prints ids into
its table of contents), images from other hosts, executable inline scripts,
and JSON data blocks that do not hold strict JSON.
"""

from __future__ import annotations

import dataclasses
import functools
import html.parser
import json
import re
import secrets
from urllib.parse import urlsplit

import html5lib
import nh3

GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "role", "tabindex", "hidden"})
DATA_ATTRIBUTE = re.compile(r"^(data-[a-z0-9-]+|aria-[a-z-]+)$")
# inline SVG: the engine's figures and twemoji icons (no animate, set, script, foreignObject, use)
SVG_ELEMENTS = frozenset(
    {
        "svg",
        "path",
        "g",
        "title",
        "desc",
        "line",
        "rect",
        "circle",
        "text",
        "polyline",
        "polygon",
        "tspan",
    }
)
OUR_ELEMENTS = frozenset(
    {
        # Python-Markdown, pymdown-extensions and our own blocks
        "section",
        "figure",
        "figcaption",
        "details",
        "summary",
        "nav",
        "label",
        "input",
        "caption",
        "tfoot",
        "fieldset",
        "legend",
        "aside",
        # in-page controls of the matrix (a form without action or method submits nowhere else)
        "form",
        "select",
        "option",
        "button",
        # data blocks: JSON-LD, checked separately (type must be a data type)
        "script",
    }
)
# Obsolete and image-map elements that nh3 allows: refused.
OBSOLETE = frozenset({"acronym", "center", "strike", "tt", "map", "area"})
ELEMENTS = ((frozenset(nh3.ALLOWED_TAGS) | OUR_ELEMENTS) - OBSOLETE) | SVG_ELEMENTS
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
    "svg": frozenset(
        {
            "xmlns",
            "viewbox",
            "width",
            "height",
            "fill",
            "aria-labelledby",
            "focusable",
            "preserveaspectratio",
        }
    ),
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
ALLOWED_ATTRIBUTES = {
    tag: GLOBAL_ATTRIBUTES | ELEMENT_ATTRIBUTES.get(tag, frozenset()) for tag in ELEMENTS
}
INPUT_TYPES = frozenset({"checkbox", "radio"})
BUTTON_TYPES = frozenset({"button", "reset"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
URL_SCHEMES = frozenset({"https", "http", "mailto"})
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
DATA_BLOCK_TAGS = frozenset(f'<script type="{kind}">' for kind in DATA_SCRIPT_TYPES)
# An element's or a heading's id; footnotes' fn:label and fnref:label; code line anchors (pymdownx.highlight).
# Python-Markdown's toc extension makes a repeated heading's id unique with "_1", "_2" ...
ID = re.compile(
    r"^(?:(?:fn(?:ref\d*)?:)?[a-z0-9][a-z0-9-]*(?:_\d+)?|__(?:codelineno|span)-\d+-\d+)$"
)
MAX_ID = 100
XHTML_NS, SVG_NS = "http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg"
XMLNS = "{http://www.w3.org/2000/xmlns/}xmlns"
# html5lib's parse errors where another parser (and the checker's own first one) may see other
# elements, attributes or comments than the browser does: such markup is refused, whatever it holds.
DIFFERENTIAL_ERRORS = {
    "duplicate-attribute": "an attribute given twice (a browser keeps the first)",
    "incorrect-comment": "a malformed comment such as <!--> (a browser ends it at once)",
    "unexpected-dash-after-double-dash-in-comment": "a malformed comment end",
    "unexpected-bang-after-double-dash-in-comment": "a comment ended by --!>",
    "unexpected-char-in-comment": "a malformed comment",
    "unexpected-space-after-double-dash-in-comment": "a malformed comment end",
    "eof-in-comment": "an unclosed comment",
    "eof-in-comment-double-dash": "an unclosed comment",
    "eof-in-comment-end-dash": "an unclosed comment",
    "eof-in-comment-end-bang-state": "an unclosed comment",
    "eof-in-comment-end-space-state": "an unclosed comment",
    "expected-dashes-or-doctype": "a bogus comment or declaration (<!x>)",
    "expected-tag-name-but-got-question-mark": "a processing instruction (<?x>)",
    "expected-closing-tag-but-got-char": "a malformed end tag",
    "attributes-in-end-tag": "attributes on an end tag",
    "self-closing-flag-on-end-tag": "a self-closing end tag",
    "invalid-character-in-attribute-name": "a quote or < in an attribute name",
    "invalid-character-after-attribute-name": "a quote or < after an attribute name",
    "unexpected-character-in-unquoted-attribute-value": "a quote, < or ` in an unquoted attribute value",
    "equals-in-unquoted-attribute-value": "= in an unquoted attribute value",
    "unexpected-character-after-attribute-value": "no space after a quoted attribute value",
    "unexpected-character-after-solidus-in-tag": "a / inside a tag",
    "eof-in-tag-name": "an unclosed tag",
    "eof-in-attribute-name": "an unclosed tag",
    "eof-in-attribute-value-double-quote": "an unclosed attribute value",
    "eof-in-attribute-value-single-quote": "an unclosed attribute value",
    "eof-in-attribute-value-no-quotes": "an unclosed tag",
    "expected-attribute-name-but-got-eof": "an unclosed tag",
    "expected-attribute-value-but-got-eof": "an unclosed tag",
    "expected-end-of-tag-name-but-got-eof": "an unclosed tag",
    "unexpected-EOF-after-solidus-in-tag": "an unclosed tag",
    "eof-in-script-in-script": "an unclosed script",
    "null-character": "a NUL character",
    "invalid-codepoint": "an invalid character",
}
# Where html.parser and a browser may part: comments, declarations and processing instructions,
# odd end tags, foreign content, raw-text and RCDATA elements, NUL and CR. A page with none of these
# whose every start tag is plain (PLAIN_TAG) reads alike to both, and html5lib (slow: pure Python) is
# spared; on any other page it reads everything (tests/test_safety.py holds the two to one verdict).
DIFFERENTIAL_RISK = re.compile(
    r"<(?:[!?]|/[^a-zA-Z]|(?:svg|math|style|textarea|title|xmp|iframe|noembed|noframes"
    r"|noscript|plaintext|template|frameset)(?![a-zA-Z0-9-]))|[\x00\r]",
    re.IGNORECASE,
)
PLAIN_TAG = re.compile(
    r"""<[a-zA-Z][a-zA-Z0-9-]*(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*"""
    r"""(?:=(?:"[^"<>]*"|'[^'<>]*'|[^\s"'=<>`]+))?)*\s*/?>\Z"""
)
VOID = frozenset(
    {
        "br",
        "hr",
        "img",
        "input",
        "wbr",
        "col",
        "path",
        "line",
        "rect",
        "circle",
        "polyline",
        "polygon",
    }
)


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
        self.plain = True  # every start tag written in the strict form both parsers read alike
        self.data_block: tuple[str, list[str]] | None = None  # an open JSON block: its tag and text

    def handle_data(self, data: str) -> None:
        if self.data_block is not None:
            self.data_block[1].append(data)

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
        if tag == "script" and self.data_block is not None:
            markup, text = self.data_block
            self.data_block = None
            if not _is_json("".join(text)):
                self.violations.append(
                    Violation("a JSON data block must hold strict JSON and nothing else", markup)
                )
        if tag in self.stack:
            while self.stack:
                closed = self.stack.pop()
                if closed == "a":
                    self.open_links -= 1
                if closed == tag:
                    break

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.plain and not PLAIN_TAG.match(self.get_starttag_text() or ""):
            self.plain = False
        if tag not in ELEMENTS:
            self._bad(f"<{tag}> is not allowed")
            return
        if tag == "a" and self.open_links:
            self._bad("a link inside a link is not allowed (is a reference inside link text?)")
        values = dict(attrs)
        if len(values) != len(attrs):
            self._bad(
                "an attribute given twice is not allowed (a browser keeps the first, this check the last)"
            )
        allowed = ALLOWED_ATTRIBUTES[tag]
        for name, value in attrs:
            if name not in allowed and not DATA_ATTRIBUTE.match(name):
                self._bad(f"attribute {name!r} is not allowed on <{tag}>")
            elif name in URL_ATTRIBUTES and value is not None:
                yield_ = _url_problem(tag, name, value)
                if yield_:
                    self._bad(yield_)
        if "id" in values and values["id"] is not None:
            if not ID.match(values["id"]) or len(values["id"]) > MAX_ID:
                self._bad(
                    f"id {values['id'][:MAX_ID]!r} must be lower-case letters, digits and hyphens "
                    f"([a-z0-9][a-z0-9-]*, at most {MAX_ID} characters; footnote labels too)"
                )
            elif values["id"] in self.ids:
                self._bad(f"id {values['id']!r} is used twice on the page (anchors must be unique)")
            self.ids.add(values["id"])
        if tag == "script" and (values.get("type") or "").strip().lower() not in DATA_SCRIPT_TYPES:
            self._bad("<script> is not allowed (only JSON data blocks)")
        elif tag == "script":
            self.data_block = (self.get_starttag_text() or "", [])
            if (
                self.get_starttag_text() not in DATA_BLOCK_TAGS
            ):  # the build lifts exactly these into the head
                self._bad(
                    'a JSON data block is written <script type="application/json"> or '
                    '<script type="application/ld+json">, exactly'
                )
        if tag == "img" and not (values.get("alt") or "").strip():
            self._bad('images must have alt text: ![what the image shows](path) or <img alt="…">')
        if tag == "button" and (values.get("type") or "").lower() not in BUTTON_TYPES:
            self._bad(
                'a <button> needs type="button" or type="reset" (any other submits a form): '
                f"{values.get('type')!r}"
            )
        if tag == "input" and (values.get("type") or "").lower() not in INPUT_TYPES:
            self._bad(f"<input type={values.get('type')!r}> is not allowed")


@functools.lru_cache(maxsize=8192)  # a page links the same few hundred addresses again and again
def _url_problem(tag: str, attribute: str, value: str) -> str | None:
    """Why a URL attribute is refused, or None."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", value)
    scheme = urlsplit(cleaned).scheme.lower()
    if scheme and scheme not in URL_SCHEMES:
        return f"{scheme}: URLs are not allowed ({attribute} of <{tag}>)"
    if tag == "img" and (scheme or cleaned.startswith("//")):
        return f"images must be files of the site, not from another host: {value!r}"
    return None


def _markup(name: str, attrs: dict) -> str:
    """A start tag rebuilt from a parsed element, to quote it and find its line."""
    return "<" + " ".join([name, *(f'{_local(k)}="{v}"' for k, v in attrs.items())]) + ">"


def _local(name: object) -> str:
    """An attribute's name as written (html5lib names foreign attributes '{namespace}local')."""
    text = str(name)
    return text.rpartition("}")[2] if text.startswith("{") else text


def _markup_at(rendered: str, line: int, column: int) -> str:
    """The tag around a parse error's position in the rendered text."""
    text = rendered.splitlines()[line - 1] if 0 < line <= len(rendered.splitlines()) else ""
    start = text.rfind("<", 0, max(column, 1))
    start = start if start >= 0 else max(column - 20, 0)
    end = text.find(">", start)
    return text[start : end + 1 if end >= 0 else start + 80][:80]


def browser_violations(rendered: str) -> list[Violation]:
    """What the allowlist refuses in the fragment as a browser parses it (html5lib, the WHATWG algorithm)."""
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=True)
    fragment = parser.parseFragment(rendered)
    found = [
        Violation(
            f"markup that parsers read differently is not allowed: {DIFFERENTIAL_ERRORS[code]}",
            _markup_at(rendered, line, column),
        )
        for (line, column), code, _ in parser.errors
        if code in DIFFERENTIAL_ERRORS
    ]
    for element in fragment.iter():
        if not isinstance(element.tag, str) or not element.tag.startswith("{"):
            continue  # the fragment itself, comments
        namespace, _, name = element.tag[1:].partition("}")
        markup = _markup(name, element.attrib)
        if namespace == SVG_NS and name.lower() == "script":
            found.append(
                Violation(
                    "<script> inside <svg> is not allowed (SVG reads its content as markup)", markup
                )
            )
            continue
        if not (
            (namespace == XHTML_NS and name in ELEMENTS)
            or (namespace == SVG_NS and name.lower() in SVG_ELEMENTS)
        ):
            found.append(Violation(f"<{name}> is not allowed", markup))
            continue
        allowed = GLOBAL_ATTRIBUTES | ELEMENT_ATTRIBUTES.get(name.lower(), frozenset())
        for key, value in element.attrib.items():
            attribute = str(key).lower()
            if attribute == XMLNS and value == SVG_NS:
                continue  # <svg xmlns="http://www.w3.org/2000/svg">, as written in HTML
            if attribute.startswith("{") or (
                attribute not in allowed and not DATA_ATTRIBUTE.match(attribute)
            ):
                found.append(
                    Violation(f"attribute {_local(key)!r} is not allowed on <{name}>", markup)
                )
            elif attribute in URL_ATTRIBUTES and (problem := _url_problem(name, attribute, value)):
                found.append(Violation(problem, markup))
        if name == "script":
            if (element.get("type") or "").strip().lower() not in DATA_SCRIPT_TYPES:
                found.append(Violation("<script> is not allowed (only JSON data blocks)", markup))
            elif len(element) or not _is_json(element.text or ""):
                found.append(
                    Violation("a JSON data block must hold strict JSON and nothing else", markup)
                )
    return found


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def violations(rendered: str) -> list[Violation]:
    """Every violation in a fragment of rendered HTML, in document order: either parser's, each once."""
    validator = _Validator()
    validator.feed(rendered)
    validator.close()
    found = list(validator.violations)
    if validator.plain and not DIFFERENTIAL_RISK.search(rendered):
        return found
    seen = {v.message for v in found}
    for violation in browser_violations(rendered):
        if violation.message not in seen:
            seen.add(violation.message)
            found.append(violation)
    return found


# The engine's own drawings: a whole <svg> element as figures.py writes it (never nested).
ENGINE_SVG = re.compile(r"<svg\b[^>]*>.*?</svg>", re.DOTALL)
SVG_ID = re.compile(r'\sid="([^"]*)"')


class FigureStash:
    """The engine's SVG figures, set aside while a page is checked and put back after.

    An ``<svg>`` on a page sends the whole page through html5lib, which is
    slow (pure Python): the grid page, the matrix and the timeline are a few
    hundred kilobytes each. The figures are the engine's, drawn from typed data
    with every field escaped, so each is checked on its own -- by both
    parsers, with the same allowlist -- and the page is checked with a
    placeholder that keeps the figure's ids (a contributed id still may not
    shadow one). The placeholder's token is drawn per build, so contributed
    markup cannot name a figure; a placeholder Markdown changed is an error,
    not a silent loss.
    """

    def __init__(self) -> None:
        self.token = secrets.token_hex(8)
        self.figures: list[tuple[str, str]] = []  # (placeholder, svg)

    def reset(self) -> None:
        self.figures = []

    def lift(self, generated: str) -> str:
        """The generated HTML with each of its SVG figures replaced by a placeholder."""
        return ENGINE_SVG.sub(self._placeholder, generated) if "<svg" in generated else generated

    def _placeholder(self, match: re.Match[str]) -> str:
        svg = match.group(0)
        if svg.count("<svg") != 1:
            raise ValueError("a generated figure holds another <svg> (figures are never nested)")
        ids = "".join(f'<span id="{found}"></span>' for found in SVG_ID.findall(svg))
        placeholder = f'<span data-figure="{self.token}-{len(self.figures)}">{ids}</span>'
        self.figures.append((placeholder, svg))
        return placeholder

    def violations(self) -> list[Violation]:
        """What the allowlist refuses in the figures, each read on its own."""
        return [found for _placeholder, svg in self.figures for found in violations(svg)]

    def restore(self, text: str) -> str:
        """The page with every figure back in its place."""
        for placeholder, svg in self.figures:
            if placeholder not in text:
                raise ValueError(f"a generated figure's placeholder was lost: {placeholder[:40]}")
            text = text.replace(placeholder, svg, 1)
        return text
