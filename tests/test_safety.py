"""Hostile contributions: what Markdown actually rendered is checked against the allowlist.

Each case goes through the real extension (tests/util.render), so the check sees
exactly what a reader's browser would get, whatever the source looked like.
"""

from __future__ import annotations

import pathlib
import re

import html5lib
import hypothesis
import pytest
from hypothesis import strategies as st
from util import render

from mkdocs_debate import safety, test_tools
from mkdocs_debate.extension import UnsafeMarkupError
from mkdocs_debate.safety import FigureStash, violations

HOSTILE = {
    # the obsolete and image-map elements nh3 allows (an operator precedence once let them through)
    "center": ("<center>x</center>", "<center> is not allowed"),
    "image map": (
        '<map name="m"><area href="https://example.org/" alt="x"></map>',
        "<map> is not allowed",
    ),
    "raw script": ("<script>alert(1)</script>", "<script> is not allowed (only JSON data blocks)"),
    "script after escaped backticks": (
        "\\`\\`\\` <script>alert(1)</script>",
        "<script> is not allowed",
    ),
    "script inside a raw HTML block": (
        "<div>\n<script>alert(1)</script>\n</div>",
        "<script> is not allowed",
    ),
    "svg onload without a space": (
        "<svg/onload=alert(1)>",
        "attribute 'onload' is not allowed on <svg>",
    ),
    "attributes without spaces": (
        '<p class="x"title="y"onclick="z">hi</p>',
        "attribute 'onclick' is not allowed on <p>",
    ),
    "image onerror": (
        "<img src=x alt=x onerror=alert(1)>",
        "attribute 'onerror' is not allowed on <img>",
    ),
    "javascript link": (
        '<a href="javascript:alert(1)">x</a>',
        "javascript: URLs are not allowed (href of <a>)",
    ),
    "entity-encoded scheme": (
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        "javascript: URLs are not allowed",
    ),
    "svg javascript link": (
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
        "javascript: URLs are not allowed (xlink:href of <a>)",
    ),
    "markdown javascript link": ("[x](javascript:alert(1))", "javascript: URLs are not allowed"),
    "reference definition in a blockquote": (
        "> [x][r]\n>\n> [r]: javascript:alert(1)",
        "javascript: URLs are not allowed",
    ),
    "data URL": (
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        "data: URLs are not allowed",
    ),
    "svg animate rewriting href": (
        "<svg><a><animate attributeName=href to=javascript:alert(1) /></a></svg>",
        "<animate> is not allowed",
    ),
    "svg set": ("<svg><set attributeName=onmouseover to=alert(1) /></svg>", "<set> is not allowed"),
    "iframe": ("<iframe src=https://example.org></iframe>", "<iframe> is not allowed"),
    "object": ("<object data=x></object>", "<object> is not allowed"),
    "embed": ("<embed src=x>", "<embed> is not allowed"),
    "form that submits elsewhere": (
        "<form action=https://evil.example><input type=submit></form>",
        "attribute 'action' is not allowed on <form>",
    ),
    "submit button": (
        "<form><button type=submit>go</button></form>",
        'a <button> needs type="button" or type="reset"',
    ),
    "style attribute": (
        '<div style="position:fixed;inset:0">x</div>',
        "attribute 'style' is not allowed on <div>",
    ),
    "attribute list style": (
        'Text.\n{: style="position:fixed;inset:0" }',
        "attribute 'style' is not allowed on <p>",
    ),
    "attribute list with a brace in its value": (
        'Text.\n{: title="}" onclick="alert(1)" }',
        "is not allowed on <p>",
    ),
    "attribute list event handler": (
        "Text.\n{: onclick=alert(1) }",
        "attribute 'onclick' is not allowed on <p>",
    ),
    "meta refresh": (
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        "<meta> is not allowed",
    ),
    "base element": ('<base href="https://evil.example/">', "<base> is not allowed"),
    "link element": (
        "<link rel=stylesheet href=https://evil.example/x.css>",
        "<link> is not allowed",
    ),
    "style element": ("<style>body{display:none}</style>", "<style> is not allowed"),
    "external image": (
        "![a chart](https://evil.example/x.png)",
        "images must be files of the site",
    ),
    "protocol-relative image": (
        '<img alt="x" src="//evil.example/x.png">',
        "images must be files of the site",
    ),
    "duplicate anchor": ("## One {#same}\n\n## Two {#same}", "id 'same' is used twice on the page"),
    "link inside a link": (
        '<a href="https://a.example">see <a href="https://b.example">b</a></a>',
        "a link inside a link is not allowed",
    ),
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
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (5, "<iframe> is not allowed: <iframe src=x>")
    ]


@pytest.mark.parametrize(
    "source",
    [
        "`<script>alert(1)</script>` is code",
        "```\n<script>alert(1)</script>\n```",
        "<details><summary>More</summary>\n\nText.\n</details>",
        "[a link](https://example.org) and ![alt](local.png)",
        '<span class="no-terms">plain</span>',
        "Footnote.[^a]\n\n[^a]: A note.",
    ],
)
def test_safe_markup_passes(source):
    render(source)


def test_json_data_blocks_are_allowed_but_not_scripts_after_them():
    assert violations('<script type="application/ld+json">{}</script>') == []
    found = violations('<script type="application/ld+json">{}</script><script>alert(1)</script>')
    assert [v.message for v in found] == ["<script> is not allowed (only JSON data blocks)"]


# -----------------------------------------------------------------------------
# The allowlist and a browser's parser agree on what is executable
# -----------------------------------------------------------------------------

DIFFERENTIAL = {
    "a script type given twice": (
        '<script/type=application/json type="text/javascript">alert(1)</script>',
        "an attribute given twice",
    ),
    "a JSON script inside SVG": (
        '<svg><script type="application/json">{}</script></svg>',
        "<script> inside <svg> is not allowed (SVG reads its content as markup)",
    ),
    "a comment that ends at once": (
        "<!--><script>alert(1)</script>-->",
        "<script> is not allowed (only JSON data blocks)",
    ),
    "a JSON block holding code": (
        '<script type="application/json">alert(1)</script>',
        "a JSON data block must hold strict JSON",
    ),
    "MathML with an xlink": (
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
        "<math> is not allowed",
    ),
    "a heading id with a quote": (
        '## Heading {#a"b}',
        "must be lower-case letters, digits and hyphens",
    ),
    "a heading id in capitals": ("## Heading {#Top}", "id 'Top' must be lower-case letters"),
    "a processing instruction": ("<?php echo 1 ?>", "a processing instruction"),
    "a JSON block a browser ends early": (
        '<script type="application/json">{"a": "</script/><img src=x onerror=alert(1)>"}</script>',
        "attribute 'onerror' is not allowed on <img>",
    ),
}


@pytest.mark.parametrize("name", sorted(DIFFERENTIAL))
def test_markup_parsers_read_differently_is_refused(name):
    source, message = DIFFERENTIAL[name]
    with pytest.raises(UnsafeMarkupError) as caught:
        render(f"Intro.\n\n{source}\n")
    assert any(message in problem.message for problem in caught.value.problems), [
        str(p) for p in caught.value.problems
    ]


DATA_TYPES = ("application/json", "application/ld+json")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href", "poster")
DANGEROUS_ELEMENTS = (
    "iframe",
    "object",
    "embed",
    "frame",
    "frameset",
    "base",
    "meta",
    "link",
    "style",
    "animate",
    "set",
    "foreignobject",
    "use",
    "template",
    "noscript",
    "math",
)


def executable_as_a_browser_reads_it(fragment: str) -> list[str]:
    """What a browser built from the fragment that could run script or load foreign content (html5lib)."""
    found = []
    for element in html5lib.parseFragment(
        fragment, treebuilder="etree", namespaceHTMLElements=True
    ).iter():
        if not isinstance(element.tag, str) or not element.tag.startswith("{"):
            continue
        namespace, _, name = element.tag[1:].partition("}")
        name = name.lower()
        if name == "script" and (
            "svg" in namespace
            or "src" in element.attrib
            or (element.get("type") or "").strip().lower() not in DATA_TYPES
        ):
            found.append(f"script in {namespace}")
        if name in DANGEROUS_ELEMENTS:
            found.append(name)
        for key, value in element.attrib.items():
            local = str(key).rpartition("}")[2].lower()
            if local.startswith("on"):
                found.append(f"{local} on {name}")
            scheme = (
                re.sub(r"[\x00-\x20]", "", value).split(":", 1)[0].lower() if ":" in value else ""
            )
            if local in {u.split(":")[-1] for u in URL_ATTRIBUTES} and scheme in (
                "javascript",
                "vbscript",
                "data",
            ):
                found.append(f"{scheme}: in {local} of {name}")
    return found


PIECES = [
    "<script>",
    "</script>",
    "<script type=application/json>",
    '<script type="application/ld+json">',
    "<script/",
    "type=",
    "application/json",
    "text/javascript",
    " type=x",
    "<svg>",
    "</svg>",
    "<math>",
    "<p",
    "<a",
    "<img",
    "<div",
    "<span",
    ">",
    "/>",
    " ",
    '"',
    "'",
    "=",
    "/",
    "<!--",
    "-->",
    "<!-->",
    "<!---->",
    "--!>",
    "<!x>",
    "<?x?>",
    " onload=alert(1)",
    " onerror=a",
    " href=javascript:a",
    " href=",
    " src=x",
    " alt=y",
    "javascript:a",
    "jav&#x09;ascript:a",
    "<iframe>",
    "<style>",
    "</style>",
    "<textarea>",
    "</textarea>",
    "<title>",
    "</title>",
    "<![CDATA[",
    "]]>",
    "<noscript>",
    "<template>",
    "<select>",
    "<table>",
    "<td>",
    "<foreignObject>",
    "<desc>",
    "<xmp>",
    "</xmp>",
    "{}",
    "alert(1)",
    "x",
    "&lt;",
    "&",
    "<b>",
    "</b>",
    "<",
    "</",
    "<br>",
    "</script/>",
    "</script x>",
    "</SCRIPT >",
    '"}',
    '{"a": "',
    "\n",
    "\x00",
    "`",
]


OPENERS = [
    "<!-->",
    "<!--->",
    "<!-- --!>",
    "<svg>",
    "<svg><desc>",
    "<math>",
    "<script/type=application/json ",
    "<script type=application/json>",
    '<script type="application/json"',
    "<textarea>",
    "<title>",
    "<noscript>",
    "<style>",
    "<![CDATA[",
    "<p title='",
    '<p title="',
    "<a href=x",
    "<img alt=x",
    "<table>",
    "",
]
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x alt=y onerror=alert(1)>",
    ' type="text/javascript">alert(1)</script>',
    "<a href=javascript:alert(1)>x</a>",
    " onmouseover=alert(1)>",
    "<svg onload=alert(1)>",
    "{}</script>",
    "<iframe src=x></iframe>",
    "<script type=application/json>{}</script>",
]
CLOSERS = [
    "-->",
    "</svg>",
    "</textarea>",
    "</title>",
    "]]>",
    "'>",
    '">',
    "</style>",
    "</noscript>",
    "",
]
FRAGMENTS = st.one_of(
    st.tuples(
        st.sampled_from(OPENERS),
        st.lists(st.sampled_from(PIECES), max_size=3).map("".join),
        st.sampled_from(PAYLOADS),
        st.sampled_from(CLOSERS),
    ).map("".join),
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join),
)


@hypothesis.settings(
    max_examples=500, deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)
@hypothesis.given(FRAGMENTS)
def test_the_allowlist_passes_nothing_a_browser_would_run(fragment):
    """Random fragments: whenever the allowlist finds nothing, html5lib (a browser's parser) finds nothing executable."""
    if not violations(fragment):
        assert executable_as_a_browser_reads_it(fragment) == [], fragment


@hypothesis.settings(
    max_examples=500, deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)
@hypothesis.given(
    st.one_of(
        FRAGMENTS, st.sampled_from(sorted(source for source, _message in DIFFERENTIAL.values()))
    )
)
def test_the_fast_reading_sees_what_html_parser_sees(fragment):
    """Where the one-pass reading of a plain page answers, it answers as html.parser's reading does."""
    fast = safety._plain_violations(fragment)
    if fast is not None:
        assert fast == _parser_violations(fragment), fragment


def _parser_violations(fragment: str) -> list:
    validator = safety._Validator()
    validator.feed(fragment)
    validator.close()
    return validator.violations


GOLDEN_HTML = sorted((pathlib.Path(__file__).parent / "golden").glob("*.html"))


@pytest.mark.parametrize("path", GOLDEN_HTML, ids=lambda p: p.stem)
def test_the_fast_reading_takes_plain_pages(path):
    """The engine's own output is plain: the one-pass reading takes it, and agrees with html.parser."""
    text = path.read_text(encoding="utf-8")
    assert safety._plain_violations(text) == _parser_violations(text)


@pytest.mark.parametrize(
    "page",
    [
        '<p>a <a href="x">b</a> <script type="application/json">{"a": "</p>"}</script> c</p>',
        "<p title='a &amp; b' data-x=1 hidden>x</p><br/><img alt=\"\" src=a.png>",
        "<p>1 < 2 and </p>",
    ],
)
def test_the_fast_reading_answers_plain_pages_as_html_parser(page):
    fast = safety._plain_violations(page)
    assert fast is not None and fast == _parser_violations(page)


def test_a_bogus_comment_is_refused_where_markdown_leaves_it():
    assert [v.message for v in violations("<p><!x>y</p>")] == [
        "markup that parsers read differently is not allowed: a bogus comment or declaration (<!x>)"
    ]


def test_the_browser_side_of_the_property_sees_script():
    """The property's oracle is not blind: it finds what the old single-parser check missed."""
    assert executable_as_a_browser_reads_it("<!--><script>alert(1)</script>-->") == [
        "script in http://www.w3.org/1999/xhtml"
    ]
    assert executable_as_a_browser_reads_it(
        '<svg><script type="application/json">{}</script></svg>'
    )
    assert executable_as_a_browser_reads_it(
        '<script/type=module type="application/json">a()</script>'
    )


# The engine's figures are checked on their own and put back (safety.FigureStash).


def _real_render(source: str, page: str) -> str:
    return test_tools.render(source, pathlib.Path(__file__).parent.parent / "docs", page)


def test_a_generated_figure_is_put_back_whole_after_the_check():
    out = _real_render("# Models\n\n[[generate:models]]\n", "models.md")
    assert out.count('<svg class="plot"') == 1
    assert '<title id="over-time-title">' in out
    assert "data-figure" not in out


def test_a_contributed_id_may_not_shadow_a_generated_figures_id():
    with pytest.raises(UnsafeMarkupError, match="over-time-title.*used twice"):
        _real_render(
            '# Models\n\n[[generate:models]]\n\n<p id="over-time-title">x</p>\n', "models.md"
        )


def test_a_contributed_placeholder_names_no_figure():
    out = _real_render(
        '# Models\n\n<span data-figure="0000000000000000-0"></span>\n\n[[generate:models]]\n',
        "models.md",
    )
    assert out.count("<svg") == 1
    assert '<span data-figure="0000000000000000-0"></span>' in out


def test_a_figure_is_read_by_both_parsers_on_its_own():
    stash = FigureStash()
    lifted = stash.lift('<figure><svg><a href="javascript:alert(1)">x</a></svg></figure>')
    assert "<svg" not in lifted and "data-figure" in lifted
    assert any("javascript" in v.message for v in stash.violations())
    stash = FigureStash()
    stash.lift("<svg><style><img src=x onerror=alert(1)></style></svg>")
    assert stash.violations()  # <style> and what SVG reads inside it


def test_a_lost_placeholder_is_an_error_not_a_missing_figure():
    stash = FigureStash()
    stash.lift('<svg class="count-bar"></svg>')
    with pytest.raises(ValueError, match="placeholder was lost"):
        stash.restore("<p>nothing here</p>")
