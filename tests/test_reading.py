"""What a careful reader meets (issue 17): separated footnote markers, titles of works
left alone by the linkers, the phone table of contents and the reading path.

Browser checks of the same are in test_browser_reading.py.
"""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, copy_site, mkdocs_build
from util import checker_lines_with
from util import render as golden_render

from mkdocs_debate.blocks.path import path_links, reading_path
from mkdocs_debate.checker.rules import path_problems
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.site import load_site
from mkdocs_debate.extension import UnsafeMarkupError
from mkdocs_debate.matcher import matcher_for
from mkdocs_debate.test_tools import render

FIXTURES = ROOT / "tests" / "fixtures"
GOOD_DOCS = FIXTURES / "content" / "docs"
BROKEN_PATH = FIXTURES / "reading" / "broken-path.yml"
SITE = load_site(str(ROOT / "docs"))

OSAI = '<a class="glossary-term" data-term="open-source-ai"'


# -----------------------------------------------------------------------------
# Footnote markers
# -----------------------------------------------------------------------------


def _sups(html: str) -> list[tuple[str, list[str]]]:
    return [
        (sup["id"], sup.get("class") or [])
        for sup in BeautifulSoup(html, "html.parser").select("p > sup")
    ]


def test_a_footnote_marker_right_after_another_is_marked():
    html = golden_render("One.[^a][^b][^c] Two.\n\n[^a]: A.\n[^b]: B.\n[^c]: C.")
    assert _sups(html) == [
        ("fnref:a", []),
        ("fnref:b", ["footnote-ref--next"]),
        ("fnref:c", ["footnote-ref--next"]),
    ]


def test_footnote_markers_apart_are_not_marked():
    html = golden_render("One.[^a] [^b] and[^c], text.[^a]\n\n[^a]: A.\n[^b]: B.\n[^c]: C.")
    assert all(classes == [] for _, classes in _sups(html))


def test_the_real_essays_have_separated_markers(site_pages):
    html = site_pages["essays/free-as-in-what/index.html"]
    soup = BeautifulSoup(html, "html.parser")
    for sup in soup.select("sup.footnote-ref--next"):
        previous = sup.previous_sibling
        assert (
            previous is not None and previous.name == "sup" and previous["id"].startswith("fnref")
        )
    assert soup.select("sup.footnote-ref--next"), "the essay cites two sources at once somewhere"


# -----------------------------------------------------------------------------
# Titles of works: *Title*{.work}
# -----------------------------------------------------------------------------


def test_no_term_is_linked_inside_a_title_and_the_next_mention_is():
    html = golden_render(
        "The letter *“Open source AI is the path forward”*{.work} says open source AI wins."
    )
    assert html == (
        '<p>The letter <cite class="work work--quoted">“Open source AI is the path forward”</cite> says '
        f'{OSAI} data-tip="An AI system released under terms meeting the OSAID." '
        'href="glossary.md#open-source-ai">open source AI</a> wins.</p>'
    )


def test_an_unquoted_title_is_a_plain_cite():
    html = golden_render("See _Gratis Software Today_{.work}, then gratis.")
    assert '<cite class="work">Gratis Software Today</cite>' in html
    assert html.count("glossary-term") == 1 and html.index("<cite") < html.index("glossary-term")


def test_emphasis_without_the_class_is_still_linked():
    html = golden_render("*Open source AI*{.other} and *gratis*.")
    assert "<cite" not in html and html.count("glossary-term") == 2


def test_no_model_name_is_linked_inside_a_title():
    html = render(
        "The *Pythia Scaling Suite Notes*{.work} describe Pythia.",
        GOOD_DOCS,
        page="essays/good-essay.md",
    )
    soup = BeautifulSoup(html, "html.parser")
    assert soup.cite.get_text() == "Pythia Scaling Suite Notes" and not soup.cite.find("a")
    assert [a.get_text() for a in soup.select("a.model-ref")] == ["Pythia"]


def test_the_site_scan_skips_titles_as_the_linker_does():
    matcher = matcher_for(SITE.glossary, SITE.matrix)
    assert "open-source-ai" not in matcher.mentions(
        "The letter *“Open Source AI Is the Path Forward”*{.work}."
    )
    assert "open-source-ai" not in matcher.mentions(
        "A post, _“Open Source AI isn’t Open Source”_{: .work}."
    )
    assert "open-source-ai" in matcher.mentions("*Open Source AI*{.other} is linked.")


@pytest.mark.parametrize(
    "source",
    [
        '*Title*{.work onclick="alert(1)"}',
        '*Title*{.work style="color: red"}',
        '*<img src=x onerror="alert(1)">*{.work}',
        '*Title*{.work href="javascript:alert(1)"}',
    ],
)
def test_the_marker_cannot_smuggle_attributes_or_markup(source):
    with pytest.raises(UnsafeMarkupError) as error:
        golden_render(f"Intro.\n\nA title: {source}.")
    assert re.match(r"docs/sample\.md:\d+: ", str(error.value))


def test_titles_are_marked_in_the_real_pages(site_pages):
    html = site_pages["essays/model-available-is-not-open-source/index.html"]
    cite = BeautifulSoup(html, "html.parser").find(
        "cite", string="“Open Source AI Is the Path Forward”"
    )
    assert cite is not None and "work--quoted" in cite["class"]
    for path, page in site_pages.items():
        article = BeautifulSoup(page, "html.parser").select_one("article")
        for cite in article.select("cite.work") if article else []:
            assert not cite.select("a"), f"{path}: a link inside {cite}"


# -----------------------------------------------------------------------------
# The phone table of contents
# -----------------------------------------------------------------------------


def test_contents_are_added_before_the_first_section_of_a_long_page():
    html = golden_render("Lead.\n\n## One & two\n\n### One.a\n\n## Three\n\nText.")
    assert html.startswith(
        '<p>Lead.</p>\n<details class="phone-toc" data-search-exclude=""><summary>Contents</summary><ul>'
        '<li><a href="#one-two">One &amp; two</a><ul><li><a href="#onea">One.a</a></li></ul></li>'
        '<li><a href="#three">Three</a></li></ul></details>\n<h2 id="one-two">'
    )


def test_no_contents_on_a_page_with_fewer_than_three_sections():
    assert "phone-toc" not in golden_render("Lead.\n\n## One\n\n## Two\n\nText.")


def test_long_pages_have_a_contents_block_before_their_first_section(site_pages):
    soup = BeautifulSoup(
        site_pages["essays/what-the-ai-act-counts-as-open/index.html"], "html.parser"
    )
    contents = soup.select_one("article details.phone-toc")
    assert contents is not None and contents.find_previous_sibling("h1") is not None
    assert contents.find_next_sibling().name == "h2" and not contents.find_previous_sibling("h2")
    links = [a["href"] for a in contents.select("a")]
    assert links[:2] == ["#the-rule-and-its-calendar", "#what-counts-as-open"]
    assert all(soup.find(id=href[1:]) is not None for href in links)


def test_short_pages_and_the_home_page_have_none(site_pages):
    assert "phone-toc" not in site_pages["index.html"]
    assert (
        site_pages["essays/index.html"].count("<h2") < 3
        and "phone-toc" not in site_pages["essays/index.html"]
    )


# -----------------------------------------------------------------------------
# The reading path
# -----------------------------------------------------------------------------


def test_the_real_path_passes_the_checker_and_has_six_to_ten_steps():
    assert not list(path_problems(SITE))
    assert 6 <= len(SITE.reading_path) <= 10


def test_the_home_page_lists_the_path_in_order(site_pages):
    soup = BeautifulSoup(site_pages["index.html"], "html.parser")
    heading = soup.find(id="start-here")
    listed = [
        a["href"]
        for a in heading.find_next("div", class_="reading-path-list").select("li > strong > a")
    ]
    expected = [
        page.src.removesuffix("index.md").removesuffix(".md") for page, _ in SITE.reading_path
    ]
    assert listed == [src if src.endswith("/") or not src else src + "/" for src in expected]


def test_each_page_on_the_path_links_its_neighbours(site_pages):
    steps = [page.src for page, _ in SITE.reading_path]
    for index, src in enumerate(steps):
        html_path = src.removesuffix(".md").removesuffix("index") + (
            "/" if not src.endswith("index.md") else ""
        )
        soup = BeautifulSoup(site_pages[html_path + "index.html"], "html.parser")
        nav = soup.select_one("nav.reading-path")
        assert nav is not None, src
        assert f"step {index + 1} of {len(steps)}" in nav.get_text()
        assert bool(nav.select_one(".reading-path__previous")) == (index > 0)
        assert bool(nav.select_one(".reading-path__next")) == (index < len(steps) - 1)


def test_pages_off_the_path_have_no_path_links():
    page = SITE.pages["essays/permissive-weights-are-not-enough.md"]
    assert page.src not in {p.src for p, _ in SITE.reading_path}
    assert path_links(SITE, page) == ""


def test_the_path_block_escapes_what_it_prints(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(GOOD_DOCS, docs)
    (docs / "_data" / "path.yml").write_text(
        'steps:\n  - page: essays/good-essay.md\n    why: "Read *this* & `that` first"\n',
        encoding="utf-8",
    )
    block = reading_path(load_site(str(docs)), "index.md", Settings())
    assert "Read &#42;this&#42; &#38; &#96;that&#96; first" in block


# Every problem of tests/fixtures/reading/broken-path.yml, exactly as debate-check prints it.
BROKEN_PATH_PROBLEMS = [
    "docs/_data/path.yml:5: page of a reading-path step must be the source path of a page under docs/, "
    "e.g. essays/free-as-in-what.md: 'essays/no-such-essay.md'",
    "docs/_data/path.yml:7: page 'essays/good-essay.md' is on the reading path twice",
    "docs/_data/path.yml:10: why of reading-path step 'discussions/good-summary.md' must be plain text "
    "(no <, >, [ or ]): 'Markup <b>is</b> refused.'",
    "docs/_data/path.yml:11: why of reading-path step 'claims/weights-are-source.md' must be one line of text",
    "docs/_data/path.yml:12: page of a reading-path step must be the source path of a page under docs/, "
    "e.g. essays/free-as-in-what.md: 'claims/weights-are-source'",
    "docs/_data/path.yml:14: reading-path step 'claims/weights-are-source' has an unknown key 'next' "
    "(known: page, why); a comma inside an unquoted {…} value ends the value: put the value in quotes",
    "docs/_data/path.yml:1: a step of the reading path must be a mapping with page and why: 'just a string'",
]


def test_a_broken_path_fails_the_checker_with_every_problem(tmp_path):
    code, lines = checker_lines_with(BROKEN_PATH, "path.yml", GOOD_DOCS, tmp_path)
    assert code == 1
    assert lines == [*BROKEN_PATH_PROBLEMS, f"{len(BROKEN_PATH_PROBLEMS)} problems found"]


@pytest.mark.build
def test_a_path_step_that_is_not_a_page_fails_the_build(tmp_path):
    site = copy_site(tmp_path / "repo")
    path = site / "docs" / "_data" / "path.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("page: glossary.md", "page: glossary/index.md", 1), encoding="utf-8"
    )
    line = next(
        n
        for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "glossary/index.md" in row
    )
    result = mkdocs_build(site, tmp_path / "out")
    assert result.returncode != 0
    assert (
        f"docs/_data/path.yml:{line}: page of a reading-path step must be the source path of a page under "
        "docs/, e.g. essays/free-as-in-what.md: 'glossary/index.md'"
    ) in result.stdout + result.stderr
