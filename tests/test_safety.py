"""Hostile contributions: what Markdown actually rendered is checked against the allowlist.

Each case goes through the real extension (tests/util.render), so the check sees
exactly what a reader's browser would get, whatever the source looked like.
"""

from __future__ import annotations

import pytest
from util import render

from mkdocs_debate.extension import UnsafeMarkupError
from mkdocs_debate.safety import violations

HOSTILE = {
    "raw script": ("<script>alert(1)</script>", "<script> is not allowed (only JSON data blocks)"),
    "script after escaped backticks": ("\\`\\`\\` <script>alert(1)</script>", "<script> is not allowed"),
    "script inside a raw HTML block": ("<div>\n<script>alert(1)</script>\n</div>", "<script> is not allowed"),
    "svg onload without a space": ("<svg/onload=alert(1)>", "attribute 'onload' is not allowed on <svg>"),
    "attributes without spaces": ('<p class="x"title="y"onclick="z">hi</p>', "attribute 'onclick' is not allowed on <p>"),
    "image onerror": ("<img src=x alt=x onerror=alert(1)>", "attribute 'onerror' is not allowed on <img>"),
    "javascript link": ('<a href="javascript:alert(1)">x</a>', "javascript: URLs are not allowed (href of <a>)"),
    "entity-encoded scheme": ('<a href="jav&#x09;ascript:alert(1)">x</a>', "javascript: URLs are not allowed"),
    "markdown javascript link": ("[x](javascript:alert(1))", "javascript: URLs are not allowed"),
    "reference definition in a blockquote": ("> [x][r]\n>\n> [r]: javascript:alert(1)", "javascript: URLs are not allowed"),
    "data URL": ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data: URLs are not allowed"),
    "svg animate rewriting href": ("<svg><a><animate attributeName=href to=javascript:alert(1) /></a></svg>",
                                   "<animate> is not allowed"),
    "svg set": ("<svg><set attributeName=onmouseover to=alert(1) /></svg>", "<set> is not allowed"),
    "iframe": ("<iframe src=https://example.org></iframe>", "<iframe> is not allowed"),
    "object": ("<object data=x></object>", "<object> is not allowed"),
    "embed": ("<embed src=x>", "<embed> is not allowed"),
    "form that submits elsewhere": ("<form action=https://evil.example><input type=submit></form>",
                                    "attribute 'action' is not allowed on <form>"),
    "submit button": ("<form><button type=submit>go</button></form>", "a <button> needs type=\"button\" or type=\"reset\""),
    "style attribute": ('<div style="position:fixed;inset:0">x</div>', "attribute 'style' is not allowed on <div>"),
    "attribute list style": ('Text.\n{: style="position:fixed;inset:0" }', "attribute 'style' is not allowed on <p>"),
    "attribute list with a brace in its value": ('Text.\n{: title="}" onclick="alert(1)" }', "is not allowed on <p>"),
    "attribute list event handler": ("Text.\n{: onclick=alert(1) }", "attribute 'onclick' is not allowed on <p>"),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta> is not allowed"),
    "base element": ('<base href="https://evil.example/">', "<base> is not allowed"),
    "link element": ('<link rel=stylesheet href=https://evil.example/x.css>', "<link> is not allowed"),
    "style element": ("<style>body{display:none}</style>", "<style> is not allowed"),
    "external image": ("![a chart](https://evil.example/x.png)", "images must be files of the site"),
    "protocol-relative image": ('<img alt="x" src="//evil.example/x.png">', "images must be files of the site"),
    "duplicate anchor": ("## One {#same}\n\n## Two {#same}", "id 'same' is used twice on the page"),
    "link inside a link": ('<a href="https://a.example">see <a href="https://b.example">b</a></a>',
                           "a link inside a link is not allowed"),
    "text input": ("<input type=text>", "<input type='text'> is not allowed"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_markup_is_refused_with_its_line(name):
    source, message = HOSTILE[name]
    with pytest.raises(UnsafeMarkupError) as caught:
        render(f"Intro.\n\n{source}\n")
    problems = caught.value.problems
    assert any(message in problem.message for problem in problems), [str(p) for p in problems]
    assert all(problem.path.endswith("sample.md") and problem.line >= 1 for problem in problems)


def test_the_line_is_the_source_line_of_the_element():
    with pytest.raises(UnsafeMarkupError) as caught:
        render("One.\n\nTwo.\n\n<iframe src=x></iframe>\n", page="new-page.md")
    assert [(p.line, p.message) for p in caught.value.problems] == [(5, "<iframe> is not allowed: <iframe src=x>")]


@pytest.mark.parametrize("source", [
    "`<script>alert(1)</script>` is code", "```\n<script>alert(1)</script>\n```",
    "<details><summary>More</summary>\n\nText.\n</details>", "[a link](https://example.org) and ![alt](local.png)",
    '<span class="no-terms">plain</span>', "Footnote.[^a]\n\n[^a]: A note.",
])
def test_safe_markup_passes(source):
    render(source)


def test_json_data_blocks_are_allowed_but_not_scripts_after_them():
    assert violations('<script type="application/ld+json">{}</script>') == []
    found = violations('<script type="application/ld+json">{}</script><script>alert(1)</script>')
    assert [v.message for v in found] == ["<script> is not allowed (only JSON data blocks)"]
