"""What rendered HTML may hold: the allowlist of elements, attributes, URL schemes and ids.

nh3's (ammonia's) own tables are the base, with the elements Python-Markdown,
pymdown-extensions and our blocks write added and the obsolete ones taken out.
``safety.py`` reads rendered pages against it; the checker reads ``ID`` for
front-matter anchors.
"""

from __future__ import annotations

import re

import nh3

GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "role", "tabindex", "hidden"})
DATA_ATTRIBUTE = re.compile(r"^(data-[a-z0-9-]+|aria-[a-z-]+)$")
# inline SVG: the engine's figures and twemoji icons (no animate, set, script, foreignObject, use);
# <a>: the argument map's boxes link their claims, by xlink:href (checked like any link's URL):
# Material's instant navigation assigns el.href = el.href to every [href] element, which throws
# on an SVG <a> (its href is read-only); a namespaced xlink:href is not [href] to it
SVG_ELEMENTS = frozenset(
    {
        "a",
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
    "a": frozenset(
        {"href", "hreflang", "rel", "name", "xlink:href"}
    ),  # name: pymdownx.highlight line anchors; xlink:href: an SVG link (SVG_ELEMENTS)
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
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "xlink:href"})
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"  # xlink:href as html5lib names it
URL_SCHEMES = frozenset({"https", "http", "mailto"})
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
DATA_BLOCK_TAGS = frozenset(f'<script type="{kind}">' for kind in DATA_SCRIPT_TYPES)
# An element's or a heading's id; footnotes' fn:label and fnref:label; code line anchors (pymdownx.highlight).
# Python-Markdown's toc extension makes a repeated heading's id unique with "_1", "_2" ...
ID = re.compile(
    r"^(?:(?:fn(?:ref\d*)?:)?[a-z0-9][a-z0-9-]*(?:_\d+)?|__(?:codelineno|span)-\d+-\d+)$"
)
MAX_ID = 100
