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

A page written plainly (no comment, no foreign content, no raw text but JSON
blocks, every tag in one strict form) reads alike to all three, and is read in
one pass of regular expressions instead (``_plain_violations``), with the same
rules; the tests hold that pass to html.parser's reading.

Every element, attribute and URL scheme either parser sees must be on the
allowlist (``allowlist.py``) -- the way ammonia (``nh3``) and bleach decide, with nh3's own
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
import html
import html.parser
import json
import re
import secrets
from urllib.parse import urlsplit

import html5lib

from mkdocs_debate.allowlist import (
    ALLOWED_ATTRIBUTES,
    BUTTON_TYPES,
    DATA_ATTRIBUTE,
    DATA_BLOCK_TAGS,
    DATA_SCRIPT_TYPES,
    ELEMENT_ATTRIBUTES,
    ELEMENTS,
    GLOBAL_ATTRIBUTES,
    ID,
    INPUT_TYPES,
    MAX_ID,
    SVG_ELEMENTS,
    URL_ATTRIBUTES,
    URL_SCHEMES,
    XLINK_HREF,
)

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
# odd end tags, foreign content, raw-text and RCDATA elements, NUL and CR, a script's end written
# other than '</script>'. A page with none of these whose every start tag is plain (PLAIN_TAG) reads
# alike to both, and html5lib (slow: pure Python) is spared; on any other page it reads everything
# (tests/test_safety.py holds the two to one verdict).
DIFFERENTIAL_RISK = re.compile(
    r"<(?:[!?]|/[^a-zA-Z]|(?:svg|math|style|textarea|title|xmp|iframe|noembed|noframes"
    r"|noscript|plaintext|template|frameset)(?![a-zA-Z0-9-]))|[\x00\r]"
    r"|</script(?![\t\n\f ]*>)",  # html.parser ends a block only at '</script>'; a browser earlier
    re.IGNORECASE,
)
PLAIN_TAG = re.compile(
    r"""<[a-zA-Z][a-zA-Z0-9-]*(?:[\t\n\f ]+[a-zA-Z_:][-a-zA-Z0-9_:.]*"""
    r"""(?:=(?:"[^"<>]*"|'[^'<>]*'|[^\t\n\f "'=<>`]+))?)*[\t\n\f ]*/?>\Z"""
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
            if attribute == XLINK_HREF and namespace == SVG_NS and name == "a":
                if problem := _url_problem(name, "xlink:href", value):
                    found.append(Violation(problem, markup))
                continue  # an SVG link (allowlist.SVG_ELEMENTS)
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


# The plain page's tokens, for the fast reading (_plain_violations): a start tag in PLAIN_TAG's form
# (name, attributes, self-closing slash), one attribute of it, an end tag, a JSON block's end.
PLAIN_START = re.compile(
    r"""<([a-zA-Z][a-zA-Z0-9-]*)((?:[\t\n\f ]+[a-zA-Z_:][-a-zA-Z0-9_:.]*"""
    r"""(?:=(?:"[^"<>]*"|'[^'<>]*'|[^\t\n\f "'=<>`]+))?)*)[\t\n\f ]*(/?)>"""
)
PLAIN_ATTRIBUTE = re.compile(
    r"""[\t\n\f ]+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:=("[^"<>]*"|'[^'<>]*'|[^\t\n\f "'=<>`]+))?"""
)
PLAIN_END = re.compile(r"</([a-zA-Z][a-zA-Z0-9-]*)[\t\n\f ]*>")
SCRIPT_END = re.compile(r"</script[\t\n\f ]*>", re.IGNORECASE)


class _PlainValidator(_Validator):
    """The same rules as _Validator, fed by _plain_violations' tokens instead of html.parser's."""

    def __init__(self) -> None:
        super().__init__()
        self.tag_text = ""

    def get_starttag_text(self) -> str:
        return self.tag_text


def _plain_violations(rendered: str) -> list[Violation] | None:
    """The violations of a page written plainly, read in one pass of regular expressions; else None.

    On a page with no DIFFERENTIAL_RISK, every '<' followed by a letter must open a PLAIN_TAG and
    every '</' followed by a letter must be a plain end tag; the only raw text is a JSON block,
    which must end with '</script>'. Such a page is tokenized alike by html.parser, html5lib and
    a browser, and this reading hands the validator the same tags, attributes (names lower-cased,
    values unescaped) and block text as html.parser would (tests/test_safety.py holds them to it).
    Anything else returns None, and the page is read by html.parser and, if need be, html5lib.
    """
    return None if DIFFERENTIAL_RISK.search(rendered) else _read_plain(rendered)


def _read_plain(rendered: str) -> list[Violation] | None:
    """_plain_violations on a page already known to hold no DIFFERENTIAL_RISK."""
    validator = _PlainValidator()
    find, position = rendered.find, 0
    while (position := find("<", position)) != -1:
        following = rendered[position + 1 : position + 2]
        if following.isascii() and following.isalpha():
            match = PLAIN_START.match(rendered, position)
            if match is None:
                return None
            validator.tag_text = match.group(0)
            tag = match.group(1).lower()
            attrs = [
                (name.lower(), _attribute_value(value))
                for name, value in PLAIN_ATTRIBUTE.findall(match.group(2))
            ]
            if match.group(3):
                validator.handle_startendtag(tag, attrs)
            else:
                validator.handle_starttag(tag, attrs)
            position = match.end()
            if tag == "script" and not match.group(3):
                end = SCRIPT_END.search(rendered, position)
                if end is None:
                    return None
                validator.handle_data(rendered[position : end.start()])
                validator.handle_endtag("script")
                position = end.end()
        elif (
            following == "/"
            and rendered[position + 2 : position + 3].isascii()
            and (rendered[position + 2 : position + 3].isalpha())
        ):
            match = PLAIN_END.match(rendered, position)
            if match is None:
                return None
            validator.handle_endtag(match.group(1).lower())
            position = match.end()
        else:
            position += 1
    return validator.violations


def _attribute_value(written: str) -> str | None:
    """An attribute's value as html.parser gives it: None when absent, unquoted, unescaped."""
    if not written:
        return None
    if written[0] in "\"'":
        written = written[1:-1]
    return html.unescape(written) if written else written


def violations(rendered: str) -> list[Violation]:
    """Every violation in a fragment of rendered HTML, in document order: either parser's, each once."""
    risky = DIFFERENTIAL_RISK.search(rendered) is not None  # searched once per page
    plain = None if risky else _read_plain(rendered)
    if plain is not None:
        return list(plain)
    validator = _Validator()
    validator.feed(rendered)
    validator.close()
    found = list(validator.violations)
    if validator.plain and not risky:
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
