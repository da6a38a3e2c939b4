"""Files under docs/ that MkDocs publishes as they are: an allowlist, never a denylist.

A contribution is Markdown pages and what they show: raster images (PNG,
JPEG, GIF, WebP, AVIF, each starting with its format's signature), PDF
documents, and SVG drawings that parse as XML (defusedxml: no DTD, no
entities) and hold only the drawing elements and attributes listed below.
Every other file is refused with its path, whatever its name says (.html,
.xht, .shtml, .xml, .xsl, .js, a file without extension ...). The site's own
files under docs/ (its stylesheet, the exports the engine writes) are listed
in ``reviewed-files.yml`` beside mkdocs.yml, outside docs/: a maintainer
reviews that list (.github/CODEOWNERS), a content-only pull request cannot
extend it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import yaml
from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException

from mkdocs_debate.data.site import Site
from mkdocs_debate.problems import Problem

REVIEWED_FILES = "reviewed-files.yml"  # beside mkdocs.yml: files under docs/ a maintainer reviewed
# Where the build writes what no contributor writes: Pagefind's search index (search_index.py) fills
# site/pagefind/ after the build, so nothing under docs/ may land there, not even a page
# (docs/pagefind.md would be site/pagefind/index.html): a file among the index's would pass for it.
BUILD_OUTPUT = "pagefind"
EXCLUDED_DIRS = frozenset({"_data", "_templates"})  # exclude_docs in mkdocs.yml: never published
SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".avif": (b"",),
    ".pdf": (b"%PDF-",),
}
SVG_NS = "{http://www.w3.org/2000/svg}"
SVG_ELEMENTS = frozenset(
    {
        "svg",
        "g",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "title",
        "desc",
        "defs",
        "lineargradient",
        "radialgradient",
        "stop",
        "clippath",
    }
)
SVG_ATTRIBUTES = frozenset(
    {
        "id",
        "class",
        "viewbox",
        "width",
        "height",
        "x",
        "y",
        "x1",
        "x2",
        "y1",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "ry",
        "d",
        "points",
        "transform",
        "fill",
        "fill-rule",
        "fill-opacity",
        "clip-rule",
        "clip-path",
        "stroke",
        "stroke-width",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-opacity",
        "stroke-dasharray",
        "opacity",
        "font-size",
        "font-family",
        "font-weight",
        "text-anchor",
        "dominant-baseline",
        "dx",
        "dy",
        "offset",
        "stop-color",
        "stop-opacity",
        "gradientunits",
        "gradienttransform",
        "version",
        "preserveaspectratio",
        "role",
        "aria-label",
        "aria-hidden",
        "aria-labelledby",
        "focusable",
        "xml:space",
    }
)
LOCAL_URL = re.compile(r"^url\(#[A-Za-z0-9_-]+\)$")
PROCESSING_INSTRUCTION = re.compile(
    r"<\?(?!xml\s)", re.IGNORECASE
)  # <?xml-stylesheet ...?> and the like
MAX_STATIC_BYTES = 5_000_000


def reviewed_files(site: Site) -> frozenset[str]:
    """Paths (relative to docs/) that reviewed-files.yml, beside mkdocs.yml, lists."""
    path = os.path.join(os.path.dirname(site.docs_dir), REVIEWED_FILES)
    if not os.path.exists(path):
        return frozenset()
    with open(path, encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle) or {}
    return frozenset(str(f) for f in (loaded.get("files") or []) if isinstance(loaded, dict))


def published_files(docs_dir: str) -> Iterator[tuple[str, str]]:
    """(absolute path, path relative to docs/) of every file MkDocs would publish or render."""
    for folder, dirs, files in os.walk(docs_dir):
        top = os.path.relpath(folder, docs_dir) == "."
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not (top and d in EXCLUDED_DIRS)
        )
        for name in sorted(files):
            if not name.startswith("."):
                path = os.path.join(folder, name)
                yield path, os.path.relpath(path, docs_dir).replace(os.sep, "/")


def static_problems(site: Site) -> Iterator[Problem]:
    """Every file under docs/ but pages is a raster image, a PDF or a checked SVG, or listed in reviewed-files.yml."""
    root = os.path.dirname(site.docs_dir)
    reviewed = reviewed_files(site)
    for path, rel in published_files(site.docs_dir):
        shown = os.path.relpath(path, root)
        extension = os.path.splitext(rel)[1].lower()
        top = rel.split("/", 1)[0].lower()
        if top in (BUILD_OUTPUT, f"{BUILD_OUTPUT}.md"):
            yield Problem(
                shown,
                1,
                f"nothing under docs/ may publish to /{BUILD_OUTPUT}/: the build writes the search "
                "index there (choose another name or folder)",
            )
            continue
        if extension == ".md" or rel in reviewed:
            continue
        if os.path.getsize(path) > MAX_STATIC_BYTES:
            yield Problem(
                shown, 1, f"files under docs/ must be at most {MAX_STATIC_BYTES // 1_000_000} MB"
            )
        elif extension == ".svg":
            yield from (Problem(shown, line, message) for line, message in svg_findings(path))
        elif extension in SIGNATURES:
            with open(path, "rb") as handle:
                head = handle.read(16)
            if (
                not any(head.startswith(s) for s in SIGNATURES[extension])
                or (extension == ".webp" and head[8:12] != b"WEBP")
                or (extension == ".avif" and head[4:8] != b"ftyp")
            ):
                yield Problem(
                    shown,
                    1,
                    f"the file is not a {extension[1:].upper()} file (its first bytes say otherwise)",
                )
        else:
            yield Problem(
                shown,
                1,
                f"{extension or 'files without an extension'} files are not accepted under docs/: "
                "a contribution is Markdown pages, raster images (PNG, JPEG, GIF, WebP, AVIF), "
                f"PDF and plain SVG (a maintainer lists the site's own files in {REVIEWED_FILES})",
            )


def svg_findings(path: str) -> Iterator[tuple[int, str]]:
    """An SVG must parse as XML and hold only the listed drawing elements and attributes."""
    with open(path, "rb") as handle:
        raw = handle.read()
    text = raw.decode("utf-8", "replace")

    def line_of(needle: str) -> int:
        found = text.find(needle)
        return text.count("\n", 0, found) + 1 if found >= 0 else 1

    pi = PROCESSING_INSTRUCTION.search(text)
    if pi:
        yield (
            line_of(pi.group(0)),
            "an SVG must not hold processing instructions (<?xml-stylesheet?> and the like)",
        )
        return
    try:
        root = SafeElementTree.fromstring(
            raw, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except (DefusedXmlException, SafeElementTree.ParseError, ValueError) as error:
        position = getattr(error, "position", (1, 0))
        yield (
            (position[0] if position else 1),
            f"an SVG must be well-formed XML without a DTD or entities: {error}",
        )
        return
    for element in root.iter():
        tag = str(element.tag)
        name = tag[len(SVG_NS) :] if tag.startswith(SVG_NS) else tag
        if not tag.startswith(SVG_NS) or name.lower() not in SVG_ELEMENTS:
            yield (
                line_of(f"<{name.rpartition('}')[2]}"),
                (
                    f"<{name}> is not allowed in an SVG (drawing elements only, "
                    "in the SVG namespace: no script, foreignObject, use, "
                    "animation or XHTML)"
                ),
            )
            continue
        for key, value in element.attrib.items():
            attribute = key.rpartition("}")[2] if key.startswith("{") else key
            if key.startswith("{") and key != "{http://www.w3.org/XML/1998/namespace}space":
                yield (
                    line_of(f"{attribute}="),
                    f"attribute {key!r} is not allowed on <{name}> in an SVG",
                )
            elif not key.startswith("{") and attribute.lower() not in SVG_ATTRIBUTES:
                yield (
                    line_of(f"{attribute}="),
                    f"attribute {attribute!r} is not allowed on <{name}> in an SVG",
                )
            elif "url(" in value.lower() and not LOCAL_URL.match(value.strip()):
                yield (
                    line_of(value[:40]),
                    f"attribute {attribute!r} of <{name}> may only point inside the SVG: {value!r}",
                )
