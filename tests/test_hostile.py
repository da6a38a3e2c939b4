"""Hostile contributions: each route a contributor could use to break a page, refused with path:line.

Every case is written into a copy of the fixture site and checked the way the
command does (rules plus a render of every page with the site's Markdown
configuration). tests/test_safety.py covers the markup routes one by one; the
browser test in tests/test_browser.py shows that the policy stops script even
when these checks are switched off.
"""

from __future__ import annotations

import dataclasses
import pathlib
import shutil
import subprocess
import sys
import time

import markdown
import pytest
from conftest import ROOT, copy_site, mkdocs_build
from test_safety import executable_as_a_browser_reads_it
from util import render

from mkdocs_debate.checker import all_problems
from mkdocs_debate.checker import render as render_module
from mkdocs_debate.checker.field_rules import data_text_problems
from mkdocs_debate.checker.render import Renderer
from mkdocs_debate.data.config import settings_from_config
from mkdocs_debate.data.site import load_site
from mkdocs_debate.data.yaml_lines import load_yaml

GOOD_DOCS = ROOT / "tests" / "fixtures" / "content" / "docs"
FRONT = """---
title: "{title}"
description: "A hostile fixture."
date: {date}
authors: [editors]
kind: essay
tags: [definitions]
sources:
  - title: "The Open Source Definition"
    url: https://opensource.org/osd
{extra}---

{body}

A sentence citing its source.[^osd]

[^osd]: [The Open Source Definition](https://opensource.org/osd).
"""


def essay(
    body: str = "Plain text.",
    title: str = "A hostile essay",
    date: str = "2024-03-01",
    extra: str = "",
) -> str:
    return FRONT.format(title=title, date=date, extra=extra, body=body)


def problems(tmp_path: pathlib.Path, files: dict[str, str | bytes]) -> list[str]:
    """Every problem of the fixture site with these files added or replaced, as 'path:line: message'."""
    docs = tmp_path / "docs"
    shutil.copytree(GOOD_DOCS, docs)
    for name, content in files.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    settings = dataclasses.replace(
        settings_from_config(str(ROOT / "mkdocs.yml")), docs_dir=str(docs)
    )
    renderer = Renderer.from_config(str(ROOT / "mkdocs.yml"), settings)
    return [str(p) for p in all_problems(load_site(str(docs)), renderer=renderer)]


def expect(found: list[str], where: str, message: str) -> None:
    assert any(p.startswith(where) and message in p for p in found), "\n".join(found)


PAGE_CASES = {
    "script in a title": (
        essay(title="x <script>alert(1)</script>"),
        "docs/essays/hostile.md:2:",
        "title must be plain text (no <, >, [ or ]): 'x <script>alert(1)</script>'",
    ),
    "title breaking out of the head": (
        essay(title="x </title><script>alert(1)</script>"),
        "docs/essays/hostile.md:2:",
        "title must be plain text",
    ),
    "markdown link in a title": (
        essay(title="[click](javascript:alert(1))"),
        "docs/essays/hostile.md:2:",
        "title must be plain text",
    ),
    "markup in a correction note": (
        essay(
            extra='corrections:\n  - date: 2024-03-02\n    note: "<img src=x onerror=alert(1)>"\n'
        ),
        "docs/essays/hostile.md:13:",
        "correction note must be plain text",
    ),
    "markup in a revision note": (
        essay(
            extra='updated: 2024-03-02\nrevisions:\n  - date: 2024-03-02\n    note: "<b>x</b>"\n'
        ),
        "docs/essays/hostile.md:14:",
        "revision note must be plain text",
    ),
    "date without hyphens": (
        essay(date="'20260105'"),
        "docs/essays/hostile.md:4:",
        "date must be an ISO date (YYYY-MM-DD): '20260105'",
    ),
    "date in the future": (
        essay(date="2999-01-01"),
        "docs/essays/hostile.md:4:",
        "date must not be in the future: 2999-01-01",
    ),
    "unknown generated block": (
        essay(body="[[generate:nope]]"),
        "docs/essays/hostile.md:13:",
        "unknown generated block 'nope'",
    ),
    "social settings that download fonts": (
        essay(extra="social:\n  cards_layout: default/variant\n"),
        "docs/essays/hostile.md:11:",
        "social may only be {cards: false}",
    ),
    "empty reference": (
        essay(body="See [[term:]] here."),
        "docs/essays/hostile.md:13:",
        "malformed reference '[[term:]]'",
    ),
    "reference with empty text": (
        essay(body="See [[term:open-weights|]] here."),
        "docs/essays/hostile.md:13:",
        "malformed reference '[[term:open-weights|]]'",
    ),
    "unclosed reference": (
        essay(body="See [[term:open-weights here."),
        "docs/essays/hostile.md:13:",
        "malformed reference",
    ),
    "wiki-style reference": (
        essay(body="See [[open weights | text]] here."),
        "docs/essays/hostile.md:13:",
        "malformed reference '[[open weights | text]]'",
    ),
    "reference inside a reference": (
        essay(body="See [[term:open-weights|a [[term:copyleft]] b]] here."),
        "docs/essays/hostile.md:13:",
        "malformed reference",
    ),
    "reference inside link text": (
        essay(body="[see [[term:copyleft]]](https://example.org)"),
        "docs/essays/hostile.md:13:",
        "a link inside a link is not allowed",
    ),
    "heading id colliding with another anchor": (
        essay(body="## One {#same}\n\nText.\n\n## Two {#same}"),
        "docs/essays/hostile.md:",
        "id 'same' is used twice on the page",
    ),
    "external image": (
        essay(body="![a tracker](https://evil.example/pixel.png)"),
        "docs/essays/hostile.md:13:",
        "images must be files of the site",
    ),
    "script after escaped backticks": (
        essay(body="\\`\\`\\` <script>alert(1)</script>"),
        "docs/essays/hostile.md:13:",
        "<script> is not allowed",
    ),
    "indented fence marker": (
        essay(body="    ```\n<script>alert(1)</script>"),
        "docs/essays/hostile.md:",
        "<script> is not allowed",
    ),
    "paragraph starting with triple-backtick code": (
        essay(body="```code``` <script>alert(1)</script>"),
        "docs/essays/hostile.md:13:",
        "<script> is not allowed",
    ),
    "script in a raw HTML block": (
        essay(body="<div>\n<p>x</p>\n<script>alert(1)</script>\n</div>"),
        "docs/essays/hostile.md:",
        "<script> is not allowed",
    ),
    "line separator before a script": (
        essay(body="Text\u2028<script>alert(1)</script>"),
        "docs/essays/hostile.md:",
        "<script> is not allowed",
    ),
    "vertical tab before a script": (
        essay(body="Text\x0b<script>alert(1)</script>"),
        "docs/essays/hostile.md:",
        "<script> is not allowed",
    ),
}


@pytest.mark.parametrize("name", sorted(PAGE_CASES))
def test_hostile_page_is_refused(tmp_path, name):
    text, where, message = PAGE_CASES[name]
    expect(problems(tmp_path, {"essays/hostile.md": text}), where, message)


FILE_CASES = {
    "byte-order mark": (
        {"essays/hostile.md": "\ufeff" + essay()},
        "docs/essays/hostile.md:1:",
        "the file starts with a byte-order mark: save it as UTF-8 without BOM",
    ),
    "Latin-1 text": (
        {"essays/hostile.md": essay(body="Caf\u00e9 au lait.").encode("latin-1")},
        "docs/essays/hostile.md:13:",
        "the file must be UTF-8 text: byte 0xe9 cannot be decoded",
    ),
    "binary file": (
        {"essays/hostile.md": b"\x89PNG\r\n\x1a\n\x00\x00"},
        "docs/essays/hostile.md:",
        "the file must be",
    ),
    "unclosed front matter": (
        {"essays/hostile.md": "---\ntitle: x\n\nNo closing line.\n"},
        "docs/essays/hostile.md:1:",
        "front matter opened with '---' is never closed",
    ),
    "front matter closed with dots": (
        {"essays/hostile.md": "---\ntitle: x\n...\n\nBody.\n"},
        "docs/essays/hostile.md:1:",
        "front matter opened with '---' is never closed",
    ),
    "YAML alias in front matter": (
        {"essays/hostile.md": essay(extra="x: &a [1]\ny: *a\n")},
        "docs/essays/hostile.md:11:",
        "YAML anchors and aliases (&name, *name) are not allowed",
    ),
    "page in a subfolder replacing an essay": (
        {"essays/good-essay/index.md": essay()},
        "docs/essays/good-essay/index.md:1:",
        "pages of essays/ must be files directly in it",
    ),
    "SVG with script": (
        {
            "essays/chart.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        },
        "docs/essays/chart.svg:1:",
        "<script> is not allowed",
    ),
    "SVG with an event handler": (
        {"essays/chart.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'},
        "docs/essays/chart.svg:1:",
        "attribute 'onload' is not allowed on <svg>",
    ),
    "SVG animation rewriting a link": (
        {
            "essays/chart.svg": '<svg xmlns="http://www.w3.org/2000/svg"><a><animate '
            'attributeName="href" to="javascript:x"/></a></svg>'
        },
        "docs/essays/chart.svg:1:",
        "<animate> is not allowed",
    ),
    "HTML page next to an essay": (
        {"essays/page.html": "<p>x</p>"},
        "docs/essays/page.html:1:",
        ".html files are not accepted",
    ),
    "script next to an essay": (
        {"essays/x.js": "alert(1)"},
        "docs/essays/x.js:1:",
        ".js files are not accepted",
    ),
    "XML with a script": (
        {"feed.xml": '<?xml version="1.0"?><script>alert(1)</script>'},
        "docs/feed.xml:1:",
        ".xml files are not accepted under docs/",
    ),
}


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'
NOT_ACCEPTED = "files are not accepted under docs/"
STATIC_CASES = {
    "XHTML page with a short extension": (
        {
            "essays/x.xht": "<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>"
        },
        "docs/essays/x.xht:1:",
        f".xht {NOT_ACCEPTED}",
    ),
    "server-side include page": (
        {"x.shtml": "<script>alert(1)</script>"},
        "docs/x.shtml:1:",
        f".shtml {NOT_ACCEPTED}",
    ),
    "XML with a stylesheet instruction": (
        {"data.xml": '<?xml version="1.0"?><?xml-stylesheet href="x.xsl" type="text/xsl"?><x/>'},
        "docs/data.xml:1:",
        f".xml {NOT_ACCEPTED}",
    ),
    "XSL stylesheet": ({"x.xsl": "<xsl:stylesheet/>"}, "docs/x.xsl:1:", f".xsl {NOT_ACCEPTED}"),
    "HTM page": ({"x.htm": "<p>x</p>"}, "docs/x.htm:1:", f".htm {NOT_ACCEPTED}"),
    "JavaScript module": (
        {"assets/x.mjs": "alert(1)"},
        "docs/assets/x.mjs:1:",
        f".mjs {NOT_ACCEPTED}",
    ),
    "WebAssembly": (
        {"assets/x.wasm": b"\x00asm"},
        "docs/assets/x.wasm:1:",
        f".wasm {NOT_ACCEPTED}",
    ),
    "file without an extension": (
        {"assets/payload": "<script>alert(1)</script>"},
        "docs/assets/payload:1:",
        f"files without an extension {NOT_ACCEPTED}",
    ),
    "stylesheet from a contributor": (
        {"assets/x.css": "body{display:none}"},
        "docs/assets/x.css:1:",
        f".css {NOT_ACCEPTED}",
    ),
    "HTML in a folder starting with an underscore": (
        {"_site/x.html": "<script>alert(1)</script>"},
        "docs/_site/x.html:1:",
        f".html {NOT_ACCEPTED}",
    ),
    "HTML listed in the old trusted list": (
        {"_data/trusted.yml": "scripts: [x.html]\n", "x.html": "<script>1</script>"},
        "docs/x.html:1:",
        f".html {NOT_ACCEPTED}",
    ),
    "PNG that is HTML": (
        {"assets/x.png": "<html><script>alert(1)</script>"},
        "docs/assets/x.png:1:",
        "the file is not a PNG file",
    ),
    "PDF that is not a PDF": (
        {"assets/x.pdf": "<script>alert(1)</script>"},
        "docs/assets/x.pdf:1:",
        "the file is not a PDF file",
    ),
    "SVG whose JSON script hides an XHTML script": (
        {
            "x.svg": SVG.format(
                '<script type="application/json"><h:script xmlns:h="http://www.w3.org/1999/xhtml">'
                "alert(1)</h:script></script>"
            )
        },
        "docs/x.svg:1:",
        "<script> is not allowed in an SVG",
    ),
    "SVG with foreignObject": (
        {"x.svg": SVG.format("<foreignObject><p>x</p></foreignObject>")},
        "docs/x.svg:1:",
        "<foreignObject> is not allowed in an SVG",
    ),
    "SVG with use pointing elsewhere": (
        {"x.svg": SVG.format('<use href="https://evil.example/x.svg#a"/>')},
        "docs/x.svg:1:",
        "<use> is not allowed in an SVG",
    ),
    "SVG with an xlink javascript link": (
        {
            "x.svg": SVG.format(
                '<a xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="javascript:alert(1)"><rect/></a>'
            )
        },
        "docs/x.svg:1:",
        "<a> is not allowed in an SVG",
    ),
    "SVG with an entity": (
        {"x.svg": '<!DOCTYPE svg [<!ENTITY x "y">]>' + SVG.format("<text>&x;</text>")},
        "docs/x.svg:1:",
        "an SVG must be well-formed XML without a DTD or entities",
    ),
    "SVG with a stylesheet instruction": (
        {"x.svg": '<?xml-stylesheet href="x.css"?>\n' + SVG.format("")},
        "docs/x.svg:1:",
        "an SVG must not hold processing instructions",
    ),
    "SVG that is not XML": (
        {"x.svg": "<svg><p>unclosed"},
        "docs/x.svg:1:",
        "an SVG must be well-formed XML",
    ),
    "SVG with a style attribute": (
        {"x.svg": SVG.format('<rect style="fill:url(https://evil.example/t)"/>')},
        "docs/x.svg:1:",
        "attribute 'style' is not allowed on <rect> in an SVG",
    ),
    "SVG fill from another host": (
        {"x.svg": SVG.format('<rect fill="url(https://evil.example/t#a)"/>')},
        "docs/x.svg:1:",
        "attribute 'fill' of <rect> may only point inside the SVG",
    ),
    "SVG without its namespace": (
        {"x.svg": "<svg><rect/></svg>"},
        "docs/x.svg:1:",
        "<svg> is not allowed in an SVG",
    ),
    "image among the search index's files": (
        {"pagefind/pagefind-entry.png": b"\x89PNG\r\n\x1a\n" + bytes(8)},
        "docs/pagefind/pagefind-entry.png:1:",
        "nothing under docs/ may publish to /pagefind/",
    ),
    "page among the search index's files": (
        {"pagefind/index.md": "# Search\n"},
        "docs/pagefind/index.md:1:",
        "nothing under docs/ may publish to /pagefind/",
    ),
    "page published as the search index's folder": (
        {"PageFind.md": "# Search\n"},
        "docs/PageFind.md:1:",
        "nothing under docs/ may publish to /pagefind/",
    ),
    "SVG with an event handler on a shape": (
        {"x.svg": SVG.format('\n<circle r="1" onclick="alert(1)"/>')},
        "docs/x.svg:2:",
        "attribute 'onclick' is not allowed on <circle> in an SVG",
    ),
}


@pytest.mark.parametrize("name", sorted(STATIC_CASES))
def test_hostile_static_file_is_refused(tmp_path, name):
    files, where, message = STATIC_CASES[name]
    expect(problems(tmp_path, files), where, message)


@pytest.mark.parametrize(
    "name, content",
    [
        ("chart.png", b"\x89PNG\r\n\x1a\n" + bytes(8)),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(8)),
        ("paper.pdf", b"%PDF-1.7\n"),
        (
            "chart.svg",
            SVG.format('<g fill="url(#grad)"><title>A chart</title><path d="M0 0h1"/></g>'),
        ),
    ],
)
def test_allowed_static_files_pass(tmp_path, name, content):
    assert not [p for p in problems(tmp_path, {f"assets/{name}": content}) if name in p]


@pytest.mark.parametrize("name", sorted(FILE_CASES))
def test_hostile_file_is_refused(tmp_path, name):
    files, where, message = FILE_CASES[name]
    expect(problems(tmp_path, files), where, message)


# -----------------------------------------------------------------------------
# Root cause 1: every front-matter key known, every value typed, data plain text
# -----------------------------------------------------------------------------


def index(extra: str = "", title: str = "Essays", where: str = "essays/index.md") -> dict[str, str]:
    return {where: f"---\ntitle: {title}\ndescription: Every essay.\n{extra}---\n\nThe essays.\n"}


def edited(name: str, old: str, new: str) -> dict[str, str]:
    text = (GOOD_DOCS / "_data" / name).read_text(encoding="utf-8")
    assert old in text
    return {f"_data/{name}": text.replace(old, new, 1)}


ZWSP = "\u200b"
FIELD_CASES = {
    "status on an index page": (
        index("status: 'x\" onmouseover=alert(1)'\n"),
        "docs/essays/index.md:4:",
        "front matter field 'status' is not allowed",
    ),
    "subtitle on an index page": (
        index("subtitle: <img src=x onerror=alert(1)>\n"),
        "docs/essays/index.md:4:",
        "front matter field 'subtitle' is not allowed",
    ),
    "template outside the theme": (
        index("template: ../../../etc/passwd\n"),
        "docs/essays/index.md:4:",
        "front matter field 'template' is not allowed",
    ),
    "icon on an index page": (
        index("icon: ../../x\n"),
        "docs/essays/index.md:4:",
        "front matter field 'icon' is not allowed",
    ),
    "unknown key on the about page": (
        index("extra_head: <script>alert(1)</script>\n", where="about.md"),
        "docs/about.md:4:",
        "unknown front matter field 'extra_head'; allowed on this page",
    ),
    "template on an essay": (
        {"essays/hostile.md": essay(extra="template: main.html\n")},
        "docs/essays/hostile.md:11:",
        "unknown front matter field 'template'",
    ),
    "status on an essay": (
        {"essays/hostile.md": essay(extra="status: new\n")},
        "docs/essays/hostile.md:11:",
        "unknown front matter field 'status'",
    ),
    "hide with an unknown value": (
        index("hide: [navigation, '<script>']\n"),
        "docs/essays/index.md:4:",
        "hide must be a list of",
    ),
    "search with a value": (
        index("search: {exclude: '<b>'}\n"),
        "docs/essays/index.md:4:",
        "search may only be",
    ),
    "search boost, which nothing honours": (
        index("search: {boost: 2}\n"),
        "docs/essays/index.md:4:",
        "the site's search has no boost",
    ),
    "markup in an index title": (
        index(title="'<img src=x onerror=alert(1)>'"),
        "docs/essays/index.md:2:",
        "title must be plain text",
    ),
    "old ids that are not ids": (
        {"essays/hostile.md": essay(extra="old_ids: ['x onclick=a']\n")},
        "docs/essays/hostile.md:11:",
        "old_ids must be a list of ids",
    ),
    "title of 20,000 characters": (
        {"essays/hostile.md": essay(title="x" * 20_000)},
        "docs/essays/hostile.md:2:",
        "title must be at most 120 characters (it has 20000)",
    ),
    "zero-width space making a duplicate title": (
        {"essays/hostile.md": essay(title="A good" + ZWSP + " essay")},
        "docs/essays/hostile.md:2:",
        "title must not hold invisible",
    ),
    "right-to-left override in a title": (
        {"essays/hostile.md": essay(title="A \u202eyassE")},
        "docs/essays/hostile.md:2:",
        "title must not hold invisible or control characters: U+202E",
    ),
    "zero-width joiner in a description": (
        {"essays/hostile.md": essay().replace("A hostile fixture.", "A hostile\u200d fixture.")},
        "docs/essays/hostile.md:3:",
        "description must not hold invisible",
    ),
    "full-width letters duplicating a title": (
        {"essays/hostile.md": essay(title="Ａ ｇｏｏｄ ｅｓｓａｙ")},
        "docs/essays/hostile.md:2:",
        "is already used by docs/essays/good-essay.md",
    ),
    "heading id breaking out of its attribute": (
        {"essays/hostile.md": essay(body='## Heading {#a"onmouseover="alert(1)}')},
        "docs/essays/hostile.md:13:",
        "attribute '_a_onmouseover' is not allowed on <h2>",
    ),
    "heading id with markup": (
        {"essays/hostile.md": essay(body="## Heading {#x<script>}")},
        "docs/essays/hostile.md:13:",
        "id 'x<script>' must be lower-case letters",
    ),
    "heading id with capitals and underscores": (
        {"essays/hostile.md": essay(body="## Heading {#Top_Of}")},
        "docs/essays/hostile.md:13:",
        "id 'Top_Of' must be lower-case",
    ),
    "footnote label with a space": (
        {"essays/hostile.md": essay(body="Text.[^a b]\n\n[^a b]: Note.")},
        "docs/essays/hostile.md:",
        "must be lower-case letters, digits and hyphens",
    ),
    "author name with markup": (
        edited("authors.yml", "name: The editors", 'name: "<img src=x onerror=alert(1)>"'),
        "docs/_data/authors.yml:",
        "data must be plain text (no < or >)",
    ),
    "author name with an ampersand": (
        edited("authors.yml", "name: The editors", "name: Editors &amp; friends"),
        "docs/_data/authors.yml:",
        "name of 'editors' must be plain text",
    ),
    "author url with javascript": (
        edited("authors.yml", "url: about.md", "url: javascript:alert(1)"),
        "docs/_data/authors.yml:",
        "url of 'editors' must be https:// or a page",
    ),
    "author with an unknown field": (
        edited("authors.yml", "url: about.md", "url: about.md\n  avatar: x.svg"),
        "docs/_data/authors.yml:",
        "author 'editors' has an unknown key 'avatar'",
    ),
    "tag description with markup": (
        edited(
            "tags.yml",
            "definitions: What the words mean.",
            "definitions: What the <b>words</b> mean.",
        ),
        "docs/_data/tags.yml:2:",
        "data must be plain text (no < or >)",
    ),
    "tag name with a bracket": (
        edited("tags.yml", "definitions: What the words mean.", "definitions: What [words] mean."),
        "docs/_data/tags.yml:",
        "text of 'definitions' must be plain text",
    ),
    "glossary definition with a script": (
        edited(
            "glossary.yml",
            "  definition: >-\n",
            "  definition: >-\n    <script>alert(1)</script>\n",
        ),
        "docs/_data/glossary.yml:",
        "data must be plain text (no < or >)",
    ),
    "timeline text with an image": (
        edited(
            "timeline.yml",
            "adapted from Debian's guidelines.",
            "adapted <img src=x onerror=alert(1)>",
        ),
        "docs/_data/timeline.yml:",
        "text of 'osd-published' must be plain text (no <, >, [ or ])",
    ),
    "zero-width space in a data value": (
        edited(
            "timeline.yml",
            "Open Source Definition published",
            "Open Source" + ZWSP + " Definition published",
        ),
        "docs/_data/timeline.yml:",
        "data must not hold invisible or control characters: U+200B",
    ),
}


@pytest.mark.parametrize("name", sorted(FIELD_CASES))
def test_hostile_field_is_refused(tmp_path, name):
    files, where, message = FIELD_CASES[name]
    expect(problems(tmp_path, files), where, message)


# Every problem of tests/fixtures/content/bad-data/authors.yml, each at its line: what each key
# of an author holds is declared (data/entries.Author); an id and a byline as text are checked
# by field_rules.py. A number (name: 2024) is text, as everywhere else the data is declared.
BAD_AUTHORS = [
    (6, "an id must be lower-case letters, digits and hyphens: 'Bad_Id'"),
    (
        10,
        "author 'Bad_Id' has an unknown key 'avatar' (known: name, url, description); a comma inside an unquoted {…} value ends the value: put the value in quotes",
    ),
    (
        7,
        "name of 'Bad_Id' must be plain text of at most 200 characters (no <, >, [, ] or &): 'Editors & friends'",
    ),
    (8, "url of 'Bad_Id' must be https:// or a page (about.md): 'javascript:alert(1)'"),
    (
        9,
        "description of 'Bad_Id' must be plain text of at most 200 characters (no <, >, [, ] or &): 'A [link] in a description.'",
    ),
    (
        11,
        "text of 'by-line' must be plain text of at most 200 characters (no <, >, [, ] or &): 'A byline written as a string, with an & in it.'",
    ),
    (
        13,
        "name of 'long' must be plain text of at most 200 characters (no <, >, [, ] or &): 'Editors Editors Editors Editors Editors Editors Editors Editors Editors Editors Editors Editors Editors Editors Editors Editors Editors Editors Editors Editors Editors Editors Editors Editors Editors Editors Editors'",
    ),
    (17, "url of 'numbered' must be https:// or a page (about.md): 'essays/'"),
]


def test_broken_authors_file_has_exactly_its_problems():
    bad = ROOT / "tests" / "fixtures" / "content" / "bad-data" / "authors.yml"
    site = dataclasses.replace(
        load_site(str(GOOD_DOCS)),
        authors=load_yaml(bad.read_text(encoding="utf-8"), "docs/_data/authors.yml"),
    )
    found = [p for p in data_text_problems(site) if p.path == "docs/_data/authors.yml"]
    assert [(p.line, p.message) for p in found] == BAD_AUTHORS


# -----------------------------------------------------------------------------
# Root cause 3: markup a browser reads differently from the checker
# -----------------------------------------------------------------------------

DIFFERENTIAL_CASES = {
    "script type given twice": (
        '<script/type=application/json type="text/javascript">alert(1)</script>',
        "an attribute given twice",
    ),
    "JSON script inside SVG": (
        '<svg><script type="application/json"><a>{}</a></script></svg>',
        "<script> inside <svg> is not allowed",
    ),
    "comment that ends at once": (
        "<div><!--><script>alert(1)</script>--></div>",
        "<script> is not allowed",
    ),
    "JSON block that is code": (
        '<script type="application/json">alert(1)</script>',
        "a JSON data block must hold strict JSON",
    ),
    "title element ending early": (
        '<title><a title="</title><script>alert(1)</script>">x</a></title>',
        "<script> is not allowed",
    ),
    "MathML": ("<math><mi>x</mi></math>", "<math> is not allowed"),
    "JSON block with another attribute": (
        '<script id="x" type="application/json">{}</script>',
        'a JSON data block is written <script type="application/json">',
    ),
    "unquoted value with a quote": (
        '<p><a href=x"onclick="alert(1)>x</a></p>',
        "parsers read differently",
    ),
    "no space between attributes": (
        '<p><a title="x"onclick="alert(1)">x</a></p>',
        "is not allowed",
    ),
    "CDATA in HTML": ("<p><![CDATA[x]]></p>", "a bogus comment or declaration"),
    "script inside SVG description": (
        "<svg><desc><script>alert(1)</script></desc></svg>",
        "<script> is not allowed",
    ),
}


@pytest.mark.parametrize("name", sorted(DIFFERENTIAL_CASES))
def test_hostile_differential_markup_is_refused(tmp_path, name):
    markup, message = DIFFERENTIAL_CASES[name]
    expect(
        problems(tmp_path, {"essays/hostile.md": essay(body=markup)}),
        "docs/essays/hostile.md:",
        message,
    )


# -----------------------------------------------------------------------------
# Root cause 4: bounded work, no traceback
# -----------------------------------------------------------------------------

LIMIT_CASES = {
    "60 KB of brackets": (
        "[" * 60_000,
        "docs/essays/hostile.md:13:",
        "more than 400 '[' in one paragraph",
    ),
    "brackets over many lines": (
        "\n".join(["[x"] * 500),
        "docs/essays/hostile.md:13:",
        "more than 400 '[' in one paragraph",
    ),
    "100,000 comment openers": (
        "<!--" * 100_000,
        "docs/essays/hostile.md:12:",
        "the page is too long",
    ),
    "300 comments": (
        "<!-- x -->\n" * 300,
        "docs/essays/hostile.md:213:",
        "more than 200 HTML comments",
    ),
    "1,500 nested markdown divs": (
        '<div markdown="1">\n' * 1500,
        "docs/essays/hostile.md:43:",
        "HTML elements nested more than 30 deep",
    ),
    "1,500 nested block quotes": (
        "> " * 1500 + "x",
        "docs/essays/hostile.md:13:",
        "block quotes nested more than 30 deep",
    ),
    "deeply nested lists": (
        "\n".join("  " * i + "- x" for i in range(200)),
        "docs/essays/hostile.md:",
        "lists nested more than 30 deep",
    ),
    "6,000 tags": ("<b>x</b>" * 6000, "docs/essays/hostile.md:13:", "more than 5,000 HTML tags"),
    "a very long line": ("x" * 25_000, "docs/essays/hostile.md:13:", "a line of 25,000 characters"),
}


def test_cdata_inside_svg_passes_only_as_text():
    """Inside <svg> a CDATA section is text to a browser (html5lib agrees): the image in it never exists."""
    markup = "<svg><![CDATA[</svg><img src=x onerror=alert(1)>]]></svg>"
    assert executable_as_a_browser_reads_it(markup) == []
    assert render(f"Intro.\n\n{markup}\n").count("<img") == 1  # kept, as text inside CDATA


@pytest.mark.parametrize("name", sorted(LIMIT_CASES))
def test_hostile_page_is_refused_in_bounded_time(tmp_path, name):
    body, where, message = LIMIT_CASES[name]
    start = time.perf_counter()
    found = problems(tmp_path, {"essays/hostile.md": essay(body=body)})
    assert time.perf_counter() - start < 30
    expect(found, where, message)
    assert not any("Traceback" in p for p in found)


def test_a_page_that_fails_its_rules_is_not_rendered(tmp_path, monkeypatch):
    rendered = []
    monkeypatch.setattr(Renderer, "findings", lambda self, page: rendered.append(page.src) or [])
    problems(
        tmp_path, {"essays/hostile.md": essay(date="2999-01-01", body="<script>alert(1)</script>")}
    )
    assert "essays/hostile.md" not in rendered and "essays/good-essay.md" in rendered


@pytest.mark.parametrize(
    "crash, message",
    [
        (
            RecursionError("maximum recursion depth exceeded"),
            "the page is nested too deeply to render",
        ),
        (KeyError("x"), "the page cannot be rendered: KeyError: 'x'"),
        (render_module.RenderTimeoutError(), "rendering the page took more than 20 s"),
    ],
)
def test_a_crash_while_rendering_is_a_problem_at_a_line(tmp_path, monkeypatch, crash, message):
    def convert(self, source):
        raise crash

    monkeypatch.setattr(markdown.Markdown, "convert", convert)
    found = problems(tmp_path, {"essays/hostile.md": essay()})
    expect(found, "docs/essays/hostile.md:12:", message)


def test_rendering_has_a_time_budget(monkeypatch):
    with pytest.raises(render_module.RenderTimeoutError), render_module.time_budget(0.2):
        time.sleep(2)


def _glossary_with(edit: tuple[str, str]) -> dict[str, str]:
    text = (GOOD_DOCS / "_data" / "glossary.yml").read_text(encoding="utf-8")
    assert edit[0] in text
    return {"_data/glossary.yml": text.replace(*edit, 1)}


GLOSSARY_CASES = {
    "aliases written as a string": (
        ("aliases: [open-weight model, open-weight models]", "aliases: A, I"),
        "aliases of 'open-weights' must be a list of names",
    ),
    "term related to itself": (
        ("related: [training-data]", "related: [open-weights]"),
        "term 'open-weights' must not be related to itself",
    ),
    "blank definition": (
        ("  definition: >-\n", "  definition: '   '\n  draft: >-\n"),
        "glossary entry 'open-weights' is missing 'definition'",
    ),
    "markup in a term": (
        ("term: open weights\n", "term: open <b>weights</b>\n"),
        "term of 'open-weights' must be plain text",
    ),
    "YAML alias in a data file": (
        ("term: open weights\n", "term: &t open weights\n"),
        "YAML anchors and aliases",
    ),
}


@pytest.mark.parametrize("name", sorted(GLOSSARY_CASES))
def test_hostile_glossary_is_refused(tmp_path, name):
    edit, message = GLOSSARY_CASES[name]
    text = (GOOD_DOCS / "_data" / "glossary.yml").read_text(encoding="utf-8")
    if "duplicate" in name:
        return
    try:
        found = problems(tmp_path, _glossary_with(edit))
    except Exception as error:  # a data file that cannot be read at all names itself
        found = [str(p) for p in getattr(error, "problems", [error])]
    expect(found, "docs/_data/glossary.yml:", message)
    assert text  # the fixture itself is untouched


def test_alias_bomb_is_refused_quickly(tmp_path):
    levels = "\n".join(
        f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}]"
        for i in range(1, 10)
    )
    start = time.perf_counter()
    found = problems(tmp_path, {"essays/hostile.md": essay(extra=f"l0: &l0 [lol]\n{levels}\n")})
    assert time.perf_counter() - start < 20
    expect(found, "docs/essays/hostile.md:11:", "YAML anchors and aliases")


def test_a_megabyte_page_checks_in_seconds(tmp_path):
    start = time.perf_counter()
    found = problems(tmp_path, {"essays/hostile.md": essay(body="<a " * 150_000)})
    assert time.perf_counter() - start < 30
    assert found  # unclosed start tags are refused or escaped; either way the checker finishes


LINKER_CASES = {
    "raw link": (
        '<a href="https://example.org">gratis</a> then gratis',
        '<a href="https://example.org">gratis</a> then <a class',
    ),
    "raw code": ("<code>gratis</code> then gratis", "<code>gratis</code> then <a class"),
    "raw kbd": ("<kbd>gratis</kbd> then gratis", "<kbd>gratis</kbd> then <a class"),
    "raw samp": ("<samp>gratis</samp> then gratis", "<samp>gratis</samp> then <a class"),
    "raw cite": ("<cite>Gratis</cite> then gratis", "<cite>Gratis</cite> then <a class"),
    "bare URL": (
        "see https://example.org/gratis and gratis",
        "see https://example.org/gratis and <a class",
    ),
    "hyphenated compound": ("non-gratis and gratis", "non-gratis and <a class"),
}


@pytest.mark.parametrize("name", sorted(LINKER_CASES))
def test_cross_linker_leaves_code_links_urls_and_compounds_alone(name):
    source, expected = LINKER_CASES[name]
    assert expected in render(source)


def test_raw_summary_is_not_linked():
    assert (
        render("<details><summary>gratis</summary>\n\ngratis\n</details>").count(
            'class="glossary-term"'
        )
        <= 1
    )
    assert "<summary>gratis</summary>" in render(
        "<details><summary>gratis</summary>\n\ngratis\n</details>"
    )


# -----------------------------------------------------------------------------
# Root cause 5: the checker is the build's first half
# -----------------------------------------------------------------------------

REAL_ESSAY = essay(
    title="A page the build refuses",
    body="Text.\n\n<div>\n<p>x</p>\n<script>alert(1)</script>\n</div>",
)
AGREEMENT_CASES = {
    "script in raw HTML, refused while rendering": ("essays/hostile-agreement.md", REAL_ESSAY),
    "heading id breaking out, refused while rendering": (
        "essays/hostile-agreement.md",
        essay(title="A page the build refuses", body='Text.\n\n## Heading {#a"onclick="x}'),
    ),
    "status on an index page, refused by the rules": ("essays/index.md", None),
}


@pytest.mark.build
@pytest.mark.parametrize("name", sorted(AGREEMENT_CASES))
def test_the_checker_refuses_first_what_the_build_refuses_at_the_same_line(tmp_path, name):
    """A real strict build of the site with the hostile page fails naming the checker's own path:line: message."""
    src, text = AGREEMENT_CASES[name]
    site = copy_site(tmp_path / "repo")
    page = site / "docs" / src
    if text is None:
        text = page.read_text(encoding="utf-8").replace("---\n", "---\nstatus: new\n", 1)
    page.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_debate.checker", "--docs-dir", "docs"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout
    first = next(line for line in result.stdout.splitlines() if line.startswith(f"docs/{src}:"))
    built = mkdocs_build(site, tmp_path / "out")
    assert built.returncode != 0
    assert first in built.stdout + built.stderr, (first, built.stderr[-2000:])
    assert "Traceback" not in built.stdout + built.stderr
