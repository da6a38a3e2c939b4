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
import time

import pytest
from conftest import ROOT
from util import render

from mkdocs_debate.checker import all_problems
from mkdocs_debate.checker.render import Renderer
from mkdocs_debate.data.config import settings_from_config
from mkdocs_debate.data.site import load_site

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


def essay(body: str = "Plain text.", title: str = "A hostile essay", date: str = "2024-03-01", extra: str = "") -> str:
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
    settings = dataclasses.replace(settings_from_config(str(ROOT / "mkdocs.yml")), docs_dir=str(docs))
    renderer = Renderer.from_config(str(ROOT / "mkdocs.yml"), settings)
    return [str(p) for p in all_problems(load_site(str(docs)), renderer=renderer)]


def expect(found: list[str], where: str, message: str) -> None:
    assert any(p.startswith(where) and message in p for p in found), "\n".join(found)


PAGE_CASES = {
    "script in a title": (essay(title="x <script>alert(1)</script>"), "docs/essays/hostile.md:2:",
                          "title must be plain text (no <, >, [ or ]): 'x <script>alert(1)</script>'"),
    "title breaking out of the head": (essay(title="x </title><script>alert(1)</script>"), "docs/essays/hostile.md:2:",
                                       "title must be plain text"),
    "markdown link in a title": (essay(title="[click](javascript:alert(1))"), "docs/essays/hostile.md:2:", "title must be plain text"),
    "markup in a correction note": (essay(extra='corrections:\n  - date: 2024-03-02\n    note: "<img src=x onerror=alert(1)>"\n'),
                                    "docs/essays/hostile.md:13:", "correction note must be plain text"),
    "markup in a revision note": (essay(extra='updated: 2024-03-02\nrevisions:\n  - date: 2024-03-02\n    note: "<b>x</b>"\n'),
                                  "docs/essays/hostile.md:14:", "revision note must be plain text"),
    "date without hyphens": (essay(date="'20260105'"), "docs/essays/hostile.md:4:", "date must be an ISO date (YYYY-MM-DD): '20260105'"),
    "date in the future": (essay(date="2999-01-01"), "docs/essays/hostile.md:4:", "date must not be in the future: 2999-01-01"),
    "unknown generated block": (essay(body="[[generate:nope]]"), "docs/essays/hostile.md:13:", "unknown generated block 'nope'"),
    "social settings that download fonts": (essay(extra="social:\n  cards_layout: default/variant\n"),
                                           "docs/essays/hostile.md:11:", "social may only be {cards: false}"),
    "empty reference": (essay(body="See [[term:]] here."), "docs/essays/hostile.md:13:", "malformed reference '[[term:]]'"),
    "reference with empty text": (essay(body="See [[term:open-weights|]] here."), "docs/essays/hostile.md:13:",
                                  "malformed reference '[[term:open-weights|]]'"),
    "unclosed reference": (essay(body="See [[term:open-weights here."), "docs/essays/hostile.md:13:", "malformed reference"),
    "wiki-style reference": (essay(body="See [[open weights | text]] here."), "docs/essays/hostile.md:13:",
                             "malformed reference '[[open weights | text]]'"),
    "reference inside a reference": (essay(body="See [[term:open-weights|a [[term:copyleft]] b]] here."),
                                     "docs/essays/hostile.md:13:", "malformed reference"),
    "reference inside link text": (essay(body="[see [[term:copyleft]]](https://example.org)"), "docs/essays/hostile.md:13:",
                                   "a link inside a link is not allowed"),
    "heading id colliding with another anchor": (essay(body="## One {#same}\n\nText.\n\n## Two {#same}"),
                                                 "docs/essays/hostile.md:", "id 'same' is used twice on the page"),
    "external image": (essay(body="![a tracker](https://evil.example/pixel.png)"), "docs/essays/hostile.md:13:",
                       "images must be files of the site"),
    "script after escaped backticks": (essay(body="\\`\\`\\` <script>alert(1)</script>"), "docs/essays/hostile.md:13:",
                                       "<script> is not allowed"),
    "indented fence marker": (essay(body="    ```\n<script>alert(1)</script>"), "docs/essays/hostile.md:", "<script> is not allowed"),
    "paragraph starting with triple-backtick code": (essay(body="```code``` <script>alert(1)</script>"),
                                                     "docs/essays/hostile.md:13:", "<script> is not allowed"),
    "script in a raw HTML block": (essay(body="<div>\n<p>x</p>\n<script>alert(1)</script>\n</div>"), "docs/essays/hostile.md:",
                                   "<script> is not allowed"),
    "line separator before a script": (essay(body="Text\u2028<script>alert(1)</script>"), "docs/essays/hostile.md:",
                                       "<script> is not allowed"),
    "vertical tab before a script": (essay(body="Text\x0b<script>alert(1)</script>"), "docs/essays/hostile.md:",
                                     "<script> is not allowed"),
}


@pytest.mark.parametrize("name", sorted(PAGE_CASES))
def test_hostile_page_is_refused(tmp_path, name):
    text, where, message = PAGE_CASES[name]
    expect(problems(tmp_path, {"essays/hostile.md": text}), where, message)


FILE_CASES = {
    "byte-order mark": ({"essays/hostile.md": "\ufeff" + essay()}, "docs/essays/hostile.md:1:",
                        "the file starts with a byte-order mark: save it as UTF-8 without BOM"),
    "Latin-1 text": ({"essays/hostile.md": essay(body="Caf\u00e9 au lait.").encode("latin-1")}, "docs/essays/hostile.md:13:",
                     "the file must be UTF-8 text: byte 0xe9 cannot be decoded"),
    "binary file": ({"essays/hostile.md": b"\x89PNG\r\n\x1a\n\x00\x00"}, "docs/essays/hostile.md:", "the file must be"),
    "unclosed front matter": ({"essays/hostile.md": "---\ntitle: x\n\nNo closing line.\n"}, "docs/essays/hostile.md:1:",
                              "front matter opened with '---' is never closed"),
    "front matter closed with dots": ({"essays/hostile.md": "---\ntitle: x\n...\n\nBody.\n"}, "docs/essays/hostile.md:1:",
                                      "front matter opened with '---' is never closed"),
    "YAML alias in front matter": ({"essays/hostile.md": essay(extra="x: &a [1]\ny: *a\n")}, "docs/essays/hostile.md:11:",
                                   "YAML anchors and aliases (&name, *name) are not allowed"),
    "page in a subfolder replacing an essay": ({"essays/good-essay/index.md": essay()}, "docs/essays/good-essay/index.md:1:",
                                               "pages of essays/ must be files directly in it"),
    "SVG with script": ({"essays/chart.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'},
                        "docs/essays/chart.svg:1:", "<script> is not allowed"),
    "SVG with an event handler": ({"essays/chart.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'},
                                  "docs/essays/chart.svg:1:", "attribute 'onload' is not allowed on <svg>"),
    "SVG animation rewriting a link": ({"essays/chart.svg": '<svg xmlns="http://www.w3.org/2000/svg"><a><animate '
                                                           'attributeName="href" to="javascript:x"/></a></svg>'},
                                       "docs/essays/chart.svg:1:", "<animate> is not allowed"),
    "HTML page next to an essay": ({"essays/page.html": "<p>x</p>"}, "docs/essays/page.html:1:", ".html files are not accepted"),
    "script next to an essay": ({"essays/x.js": "alert(1)"}, "docs/essays/x.js:1:", ".js files are not accepted"),
    "XML with a script": ({"feed.xml": '<?xml version="1.0"?><script>alert(1)</script>'}, "docs/feed.xml:1:",
                          ".xml files are not accepted under docs/"),
}


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'
NOT_ACCEPTED = "files are not accepted under docs/"
STATIC_CASES = {
    "XHTML page with a short extension": ({"essays/x.xht": "<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>"},
                                          "docs/essays/x.xht:1:", f".xht {NOT_ACCEPTED}"),
    "server-side include page": ({"x.shtml": "<script>alert(1)</script>"}, "docs/x.shtml:1:", f".shtml {NOT_ACCEPTED}"),
    "XML with a stylesheet instruction": ({"data.xml": '<?xml version="1.0"?><?xml-stylesheet href="x.xsl" type="text/xsl"?><x/>'},
                                          "docs/data.xml:1:", f".xml {NOT_ACCEPTED}"),
    "XSL stylesheet": ({"x.xsl": "<xsl:stylesheet/>"}, "docs/x.xsl:1:", f".xsl {NOT_ACCEPTED}"),
    "HTM page": ({"x.htm": "<p>x</p>"}, "docs/x.htm:1:", f".htm {NOT_ACCEPTED}"),
    "JavaScript module": ({"assets/x.mjs": "alert(1)"}, "docs/assets/x.mjs:1:", f".mjs {NOT_ACCEPTED}"),
    "WebAssembly": ({"assets/x.wasm": b"\x00asm"}, "docs/assets/x.wasm:1:", f".wasm {NOT_ACCEPTED}"),
    "file without an extension": ({"assets/payload": "<script>alert(1)</script>"}, "docs/assets/payload:1:",
                                  f"files without an extension {NOT_ACCEPTED}"),
    "stylesheet from a contributor": ({"assets/x.css": "body{display:none}"}, "docs/assets/x.css:1:", f".css {NOT_ACCEPTED}"),
    "HTML in a folder starting with an underscore": ({"_site/x.html": "<script>alert(1)</script>"}, "docs/_site/x.html:1:",
                                                     f".html {NOT_ACCEPTED}"),
    "HTML listed in the old trusted list": ({"_data/trusted.yml": "scripts: [x.html]\n", "x.html": "<script>1</script>"},
                                            "docs/x.html:1:", f".html {NOT_ACCEPTED}"),
    "PNG that is HTML": ({"assets/x.png": "<html><script>alert(1)</script>"}, "docs/assets/x.png:1:",
                         "the file is not a PNG file"),
    "PDF that is not a PDF": ({"assets/x.pdf": "<script>alert(1)</script>"}, "docs/assets/x.pdf:1:", "the file is not a PDF file"),
    "SVG whose JSON script hides an XHTML script": (
        {"x.svg": SVG.format('<script type="application/json"><h:script xmlns:h="http://www.w3.org/1999/xhtml">'
                             "alert(1)</h:script></script>")}, "docs/x.svg:1:", "<script> is not allowed in an SVG"),
    "SVG with foreignObject": ({"x.svg": SVG.format("<foreignObject><p>x</p></foreignObject>")}, "docs/x.svg:1:",
                               "<foreignObject> is not allowed in an SVG"),
    "SVG with use pointing elsewhere": ({"x.svg": SVG.format('<use href="https://evil.example/x.svg#a"/>')},
                                       "docs/x.svg:1:", "<use> is not allowed in an SVG"),
    "SVG with an xlink javascript link": ({"x.svg": SVG.format(
        '<a xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="javascript:alert(1)"><rect/></a>')},
        "docs/x.svg:1:", "<a> is not allowed in an SVG"),
    "SVG with an entity": ({"x.svg": '<!DOCTYPE svg [<!ENTITY x "y">]>' + SVG.format("<text>&x;</text>")},
                           "docs/x.svg:1:", "an SVG must be well-formed XML without a DTD or entities"),
    "SVG with a stylesheet instruction": ({"x.svg": '<?xml-stylesheet href="x.css"?>\n' + SVG.format("")}, "docs/x.svg:1:",
                                          "an SVG must not hold processing instructions"),
    "SVG that is not XML": ({"x.svg": "<svg><p>unclosed"}, "docs/x.svg:1:", "an SVG must be well-formed XML"),
    "SVG with a style attribute": ({"x.svg": SVG.format('<rect style="fill:url(https://evil.example/t)"/>')},
                                   "docs/x.svg:1:", "attribute 'style' is not allowed on <rect> in an SVG"),
    "SVG fill from another host": ({"x.svg": SVG.format('<rect fill="url(https://evil.example/t#a)"/>')},
                                   "docs/x.svg:1:", "attribute 'fill' of <rect> may only point inside the SVG"),
    "SVG without its namespace": ({"x.svg": "<svg><rect/></svg>"}, "docs/x.svg:1:", "<svg> is not allowed in an SVG"),
    "SVG with an event handler on a shape": ({"x.svg": SVG.format('\n<circle r="1" onclick="alert(1)"/>')}, "docs/x.svg:2:",
                                             "attribute 'onclick' is not allowed on <circle> in an SVG"),
}


@pytest.mark.parametrize("name", sorted(STATIC_CASES))
def test_hostile_static_file_is_refused(tmp_path, name):
    files, where, message = STATIC_CASES[name]
    expect(problems(tmp_path, files), where, message)


@pytest.mark.parametrize("name, content", [
    ("chart.png", b"\x89PNG\r\n\x1a\n" + bytes(8)), ("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(8)),
    ("paper.pdf", b"%PDF-1.7\n"), ("chart.svg", SVG.format('<g fill="url(#grad)"><title>A chart</title><path d="M0 0h1"/></g>')),
])
def test_allowed_static_files_pass(tmp_path, name, content):
    assert not [p for p in problems(tmp_path, {f"assets/{name}": content}) if name in p]


@pytest.mark.parametrize("name", sorted(FILE_CASES))
def test_hostile_file_is_refused(tmp_path, name):
    files, where, message = FILE_CASES[name]
    expect(problems(tmp_path, files), where, message)


def _glossary_with(edit: tuple[str, str]) -> dict[str, str]:
    text = (GOOD_DOCS / "_data" / "glossary.yml").read_text(encoding="utf-8")
    assert edit[0] in text
    return {"_data/glossary.yml": text.replace(*edit, 1)}


GLOSSARY_CASES = {
    "aliases written as a string": (("aliases: [open-weight model, open-weight models]", "aliases: A, I"),
                                    "aliases of 'open-weights' must be a list of names"),
    "term related to itself": (("related: [training-data]", "related: [open-weights]"),
                               "term 'open-weights' must not be related to itself"),
    "blank definition": (("  definition: >-\n", "  definition: '   '\n  draft: >-\n"), "glossary entry is missing 'definition'"),
    "markup in a term": (("term: open weights\n", "term: open <b>weights</b>\n"), "term of 'open-weights' must be plain text"),
    "YAML alias in a data file": (("term: open weights\n", "term: &t open weights\n"), "YAML anchors and aliases"),
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
    levels = "\n".join(f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}]"
                       for i in range(1, 10))
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
    "raw link": ('<a href="https://example.org">gratis</a> then gratis', '<a href="https://example.org">gratis</a> then <a class'),
    "raw code": ("<code>gratis</code> then gratis", "<code>gratis</code> then <a class"),
    "raw kbd": ("<kbd>gratis</kbd> then gratis", "<kbd>gratis</kbd> then <a class"),
    "raw samp": ("<samp>gratis</samp> then gratis", "<samp>gratis</samp> then <a class"),
    "raw cite": ("<cite>Gratis</cite> then gratis", "<cite>Gratis</cite> then <a class"),
    "bare URL": ("see https://example.org/gratis and gratis", "see https://example.org/gratis and <a class"),
    "hyphenated compound": ("non-gratis and gratis", "non-gratis and <a class"),
}


@pytest.mark.parametrize("name", sorted(LINKER_CASES))
def test_cross_linker_leaves_code_links_urls_and_compounds_alone(name):
    source, expected = LINKER_CASES[name]
    assert expected in render(source)


def test_raw_summary_is_not_linked():
    assert render("<details><summary>gratis</summary>\n\ngratis\n</details>").count('class="glossary-term"') <= 1
    assert "<summary>gratis</summary>" in render("<details><summary>gratis</summary>\n\ngratis\n</details>")
