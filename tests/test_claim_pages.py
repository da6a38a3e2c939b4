"""Claim pages state their claim and count each side; backlinks quote the marked sentence; the index groups by theme.

Golden pairs for the count sentence and the excerpts (Markdown in, plain text
out), a rendered claim page of the fixture site, the real built site, and the
checker's rules for themes.yml.
"""

from __future__ import annotations

import dataclasses
import json
import pathlib
import shutil
import textwrap
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from mkdocs_debate import test_tools
from mkdocs_debate.blocks.claims import count_sentence, side_counts
from mkdocs_debate.checker.rules import themes_problems
from mkdocs_debate.data.site import load_site
from mkdocs_debate.data.yaml_lines import load_yaml
from mkdocs_debate.problems import Problem
from mkdocs_debate.usage import EXCERPT_LENGTH, claim_excerpt, claim_usage, curl_quotes

GOOD_DOCS = ROOT / "tests" / "fixtures" / "content" / "docs"
FIXTURE = load_site(str(GOOD_DOCS))
SITE = load_site(str(ROOT / "docs"))
SITE_URL = "https://free-as-in-what.github.io/free-as-in-what/"


# -----------------------------------------------------------------------------
# The count under the claim
# -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((3, 1, 0), "Argued for in 3 places, against in 1"),
        ((1, 2, 0), "Argued for in 1 place, against in 2"),
        ((1, 0, 0), "Argued for in 1 place; not yet argued against in our pages"),
        ((0, 2, 0), "Argued against in 2 places; not yet argued for in our pages"),
        ((0, 0, 0), "Not yet argued for or against in our pages"),
        (
            (0, 0, 1),
            "Not yet argued for or against in our pages (also mentioned in 1 place without taking a side)",
        ),
        (
            (2, 1, 3),
            "Argued for in 2 places, against in 1 (also mentioned in 3 places without taking a side)",
        ),
    ],
)
def test_count_sentence(counts, expected):
    assert count_sentence(*counts) == expected


# -----------------------------------------------------------------------------
# Excerpts: the marked sentence as plain text, read from the source
# -----------------------------------------------------------------------------

LONG = "Word" + " word" * 59  # 299 characters

EXCERPTS = [
    # A marker after the paragraph's last sentence marks that sentence.
    (
        "First point here, made at length to set the scene. The argued sentence, long enough to stand on its own "
        "as the excerpt. [[claim:weights-are-source|for]]",
        "The argued sentence, long enough to stand on its own as the excerpt.",
    ),
    # A short last sentence takes the one before it too.
    (
        "Unrelated opening sentence that is quite long indeed. A label binds only those who want it, which is "
        "its weakness. A duty binds everyone. [[claim:weights-are-source|against]]",
        "A label binds only those who want it, which is its weakness. A duty binds everyone.",
    ),
    # A marker inside a sentence marks that sentence.
    (
        "An opening sentence, long enough to be left out of the excerpt entirely. Some say [[claim:weights-are-source|for]] "
        "that weights are source, and they say it loudly. A closing sentence.",
        "Some say that weights are source, and they say it loudly.",
    ),
    # Footnotes, links, a parenthesis of links only, emphasis, code and term references become text.
    (
        "The **licence** is *generous* in `practice`, say [the commenters](https://example.org/a) "
        "([00:01:02](https://example.org/t1), [00:02:03](https://example.org/t2)), about [[term:open-weights]] "
        "and [[term:training-data|the corpus]].[^note] [[claim:weights-are-source|for]]",
        "The licence is generous in practice, say the commenters, about open weights and the corpus.",
    ),
    # Abbreviations and initials do not end a sentence; entities are decoded (and escaped again on output).
    (
        "Context first, in a sentence of its own that is long. Tools, e.g. LoRA, let J. Smith change a model "
        "&amp; keep &lt;it&gt; small. [[claim:weights-are-source|for]]",
        "Tools, e.g. LoRA, let J. Smith change a model & keep <it> small.",
    ),
    # A paragraph over several lines, in a list item: only that item.
    (
        "- Another item that is not part of it.\n- The item that argues the point across two lines,\n"
        "  ending here with enough words to count. [[claim:weights-are-source|for]]",
        "The item that argues the point across two lines, ending here with enough words to count.",
    ),
    # Over 200 characters: cut at a word, with an ellipsis.
    ("Start. " + LONG + ". [[claim:weights-are-source|for]]", "Word" + " word" * 39 + "…"),
]


@pytest.mark.parametrize(("markdown", "expected"), EXCERPTS)
def test_excerpt_is_the_marked_sentence_as_plain_text(markdown, expected):
    lines = [
        "Some other paragraph. [[claim:weights-are-source|against]]",
        "",
        *markdown.splitlines(),
        "",
        "A later paragraph.",
    ]
    index = next(
        n for n, line in enumerate(lines) if "[[claim:weights-are-source" in line and n > 0
    )
    excerpt = claim_excerpt(FIXTURE, lines, index)
    assert excerpt == expected
    assert len(excerpt) <= EXCERPT_LENGTH + 1


def test_the_second_marker_on_a_line_marks_its_own_sentence():
    lines = [
        "The first point is made in this sentence, at length. [[claim:weights-are-source|for]] "
        "The second point is made in this other sentence, at length. [[claim:weights-are-source|against]]"
    ]
    assert (
        claim_excerpt(FIXTURE, lines, 0, 0)
        == "The first point is made in this sentence, at length."
    )
    assert (
        claim_excerpt(FIXTURE, lines, 0, 1)
        == "The second point is made in this other sentence, at length."
    )
    both = [
        "One sentence that two claims share, long enough to stand alone. [[claim:weights-are-source|for]] "
        "[[claim:no-such-claim|against]]"
    ]
    assert (
        claim_excerpt(FIXTURE, both, 0, 1)
        == claim_excerpt(FIXTURE, both, 0, 0)
        == both[0].split(" [[")[0]
    )


def test_every_real_backlink_has_a_plain_one_sentence_excerpt():
    uses = [use for found in claim_usage(SITE).values() for use in found]
    assert len(uses) > 40
    for use in uses:
        assert 20 <= len(use.excerpt) <= EXCERPT_LENGTH + 1, (use.page.src, use.excerpt)
        assert not any(mark in use.excerpt for mark in ("[[", "[^", "](", "**", "<", "`")), (
            use.excerpt
        )


# -----------------------------------------------------------------------------
# A claim page of the fixture site, rendered
# -----------------------------------------------------------------------------


def _render_claim(docs: pathlib.Path = GOOD_DOCS) -> BeautifulSoup:
    page = load_site(str(docs)).pages["claims/weights-are-source.md"]
    return BeautifulSoup(test_tools.render(page.body, docs, page.src), "html.parser")


def test_claim_page_opens_with_the_claim_and_the_count():
    html = _render_claim()
    first = next(child for child in html.children if getattr(child, "name", None))
    assert first.name == "figure" and "claim-statement" in first["class"]
    assert (
        first.blockquote.get_text(strip=True) == FIXTURE.claims["weights-are-source"].meta["claim"]
    )
    caption = first.figcaption
    assert caption.get_text(" ", strip=True) == (
        "Argued for in 1 place, against in 1 (also mentioned in 1 place "
        "without taking a side) · Theme: Definitions"
    )
    assert caption.a["href"] == "#where-this-claim-appears"
    assert len(caption.find_all("a")) == 1  # the fixture has no claims index to link the theme to
    assert html.find(id="where-this-claim-appears") is not None


def test_claim_theme_links_its_heading_on_the_claims_index(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(GOOD_DOCS, docs)
    (docs / "claims" / "index.md").write_text("# Claims\n\n[[generate:claims]]\n", encoding="utf-8")
    caption = _render_claim(docs).find("figcaption")
    assert [a["href"] for a in caption.find_all("a")] == [
        "#where-this-claim-appears",
        "index.md#definitions",
    ]


def test_backlinks_quote_the_marked_sentence_escaped(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(GOOD_DOCS, docs)
    summary = docs / "discussions" / "good-summary.md"
    hostile = "A fixture position with &lt;script&gt;alert(1)&lt;/script&gt; and *x* &amp; [y](javascript:z) in it."
    summary.write_text(
        summary.read_text(encoding="utf-8").replace(
            "A fixture position, reported fairly.", hostile
        ),
        encoding="utf-8",
    )
    html = _render_claim(docs)
    quotes = {
        q.find_parent("ul").find_previous_sibling("h3").get_text(strip=True): q.get_text()
        for q in html.select(".claim-backlinks q.claim-backlinks__excerpt")
    }
    assert quotes == {
        "The case for, in our pages": "A fixture position with <script>alert(1)</script> and x & y in it.",
        "The case against, in our pages": (
            "A fixture paragraph about open weights and the data, citing a "
            "definition. It refers to a claim from the side against it."
        ),
        "Other mentions": "A fixture reply, reported just as fairly.",
    }
    backlinks = html.select_one(".claim-backlinks")
    assert backlinks.find("script") is None and not backlinks.select("a[href^=javascript]")


# -----------------------------------------------------------------------------
# The real site: every claim page, the index, claims.json
# -----------------------------------------------------------------------------


def _article(built_site: pathlib.Path, path: str) -> BeautifulSoup:
    return BeautifulSoup(
        (built_site / path / "index.html").read_text(encoding="utf-8"), "html.parser"
    ).select_one("article")


@pytest.mark.parametrize(
    "page", sorted(SITE.claims.values(), key=lambda p: p.src), ids=lambda p: p.slug
)
def test_every_claim_page_states_its_claim_under_the_title(built_site, page):
    article = _article(built_site, f"claims/{page.slug}")
    statement = article.h1.find_next_sibling()
    assert statement.name == "figure" and "claim-statement" in statement["class"]
    assert statement.blockquote.get_text(strip=True) == page.meta["claim"].strip()
    uses = claim_usage(SITE).get(page.slug, [])
    assert statement.figcaption.a.get_text() == count_sentence(*side_counts(uses))
    theme = SITE.themes[page.meta["theme"]]
    assert f"Theme: {theme['name']}" in statement.figcaption.get_text(" ", strip=True)
    shown = [q.get_text() for q in article.select(".claim-backlinks q")]
    assert shown == sorted((u.excerpt for u in uses), key=shown.index) and len(shown) == len(uses)


def test_claims_index_groups_claims_under_theme_headings(built_site):
    article = _article(built_site, "claims")
    headings = article.select(".claim-themes h2")
    assert [h["id"] for h in headings] == list(SITE.themes)
    assert [h.get_text(strip=True).rstrip("¶") for h in headings] == [
        t["name"] for t in SITE.themes.values()
    ]
    listed = {}
    for heading in headings:
        for item in heading.find_next_sibling("ul").find_all("li", recursive=False):
            slug = item.a["href"].strip("/")
            listed[slug] = heading["id"]
            claim = SITE.claims[slug].meta
            assert item.strong.get_text() == claim["title"]
            description = (
                item.strong.next_sibling.next_sibling
            )  # after the title and its line break
            assert description.strip() == claim["claim"].strip()
            assert item.select_one(".claim-list__count").get_text() == count_sentence(
                *side_counts(claim_usage(SITE).get(slug, []))
            )
    assert listed == {slug: page.meta["theme"] for slug, page in SITE.claims.items()}


def test_claims_json_carries_theme_and_excerpts(built_site):
    data = json.loads((built_site / "claims.json").read_text(encoding="utf-8"))
    assert [t["id"] for t in data["themes"]] == list(SITE.themes)
    assert all(t["url"] == f"{SITE_URL}claims/#{t['id']}" for t in data["themes"])
    for record in data["claims"]:
        assert record["theme"] == SITE.claims[record["id"]].meta["theme"]
        article = _article(built_site, f"claims/{record['id']}")
        for place in [*record["sides"]["for"], *record["sides"]["against"], *record["other"]]:
            link = article.find(
                "a", href=lambda h, u=place["url"], r=record: h and urljoin(r["url"], h) == u
            )
            assert link.find_next_sibling("q").get_text() == place["excerpt"]


# -----------------------------------------------------------------------------
# themes.yml, checked like the other data files
# -----------------------------------------------------------------------------

BAD_THEMES = """\
themes:
  - id: safety
    name: Safety
    description: Misuse and guardrails.
  - id: safety
    name: Safety again
    description: A duplicate id.
  - id: Power_Economics
    name: ""
    description: "<b>bold</b>"
    colour: red
  - just a string
"""


def test_themes_file_problems_are_exact(tmp_path):
    site = dataclasses.replace(
        FIXTURE,
        docs_dir=str(tmp_path / "docs"),
        themes_data=load_yaml(BAD_THEMES, "docs/_data/themes.yml"),
    )
    (tmp_path / "docs" / "_data").mkdir(parents=True)
    (tmp_path / "docs" / "_data" / "themes.yml").write_text(BAD_THEMES, encoding="utf-8")
    path = "docs/_data/themes.yml"
    assert list(themes_problems(site)) == [
        Problem(path, 5, "duplicate theme id 'safety'"),
        Problem(path, 8, "theme id must be kebab-case: 'Power_Economics'"),
        Problem(path, 9, "name of theme 'Power_Economics' must be non-empty text"),
        Problem(
            path,
            10,
            "description of theme 'Power_Economics' must be plain text (no <, >, [ or ]): "
            "'<b>bold</b>'",
        ),
        Problem(
            path,
            11,
            "theme 'Power_Economics' has an unknown key 'colour' (known: id, name, description); "
            "a comma inside an unquoted {…} value ends the value: put the value in quotes",
        ),
        Problem(path, 1, "a theme must be a mapping with id, name, description: 'just a string'"),
    ]


def test_the_real_themes_file_is_clean_and_every_theme_is_used():
    assert list(themes_problems(SITE)) == []
    assert {page.meta["theme"] for page in SITE.claims.values()} == set(SITE.themes)


def test_excerpt_source_is_never_run():
    """The excerpt comes from the source text: a generate line or raw HTML in a paragraph is only text."""
    lines = textwrap.dedent("""\
        A sentence that holds <span class="x">raw</span> HTML and is long enough. [[claim:weights-are-source|for]]
        """).splitlines()
    assert claim_excerpt(FIXTURE, lines, 0) == "A sentence that holds raw HTML and is long enough."


@pytest.mark.parametrize(
    ("straight", "curled"),
    [
        ('Meta\'s "Heavy Press" plan', "Meta’s “Heavy Press” plan"),
        ("\"Open\" is ('not') one thing", "“Open” is (‘not’) one thing"),
    ],
)
def test_excerpts_curl_quotes_as_the_prose_does(straight, curled):
    assert curl_quotes(straight) == curled
