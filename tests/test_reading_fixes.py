"""Reading and citing, checked in the built HTML (issue 25): footnotes numbered as
they are met and placed under a "Notes" heading, one previous/next pair, model
names that are not part of a longer version, a home page that names a tie,
"Cite this page" on every page a debater cites, and essays as Open Graph articles.

What a reader sees in a browser is in test_browser_citing.py.
"""

from __future__ import annotations

import pathlib
import re

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from util import raw_score as score

from mkdocs_debate.blocks.common import human_date
from mkdocs_debate.blocks.models import NUMBER_WORDS
from mkdocs_debate.data.site import load_site
from mkdocs_debate.matcher import TermMatcher

SITE = load_site(str(ROOT / "docs"))
ARTICLES = sorted((p for p in SITE.pages.values() if p.is_article), key=lambda p: p.src)
ESSAYS = [p for p in ARTICLES if p.meta.get("kind") == "essay"]


def soup_of(built_site: pathlib.Path, src: str) -> BeautifulSoup:
    """The built page of a source path."""
    path = src.removesuffix(".md")
    path = path.removesuffix("index") if path.endswith("index") else path + "/"
    return BeautifulSoup(
        (built_site / path / "index.html").read_text(encoding="utf-8"), "html.parser"
    )


def has_footnotes(page) -> bool:
    return bool(re.search(r"^\[\^[^\]]+\]:", page.body, re.MULTILINE))


# -----------------------------------------------------------------------------
# Footnotes
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("page", [p for p in ARTICLES if has_footnotes(p)], ids=lambda p: p.src)
def test_footnotes_are_numbered_in_the_order_a_reader_meets_them(built_site, page):
    article = soup_of(built_site, page.src).select_one("article")
    markers = [int(a.get_text()) for a in article.select("sup a.footnote-ref")]
    assert markers and markers[0] == 1, f"{page.src}: the first marker reads {markers[:1]}"
    first_uses = list(dict.fromkeys(markers))
    assert first_uses == list(range(1, len(first_uses) + 1)), (
        f"{page.src}: markers first met as {first_uses}"
    )
    numbered = {
        a.get_text(): a["href"].removeprefix("#") for a in article.select("sup a.footnote-ref")
    }
    notes = [li["id"] for li in article.select("div.footnote > ol > li")]
    assert [numbered[str(n)] for n in first_uses] == notes[: len(first_uses)], (
        "note n is not the one marker n opens"
    )


def test_every_essay_has_footnotes_to_number():
    assert ESSAYS and all(has_footnotes(p) for p in ESSAYS)


@pytest.mark.parametrize("page", [p for p in ARTICLES if has_footnotes(p)], ids=lambda p: p.src)
def test_notes_come_under_a_heading_after_the_text_and_before_the_furniture(built_site, page):
    article = soup_of(built_site, page.src).select_one("article")
    heading = article.find("h2", id="notes")
    assert heading is not None and heading.get_text(strip=True).rstrip("¶") == "Notes"
    notes = heading.find_next_sibling()
    assert notes.name == "div" and "footnote" in notes["class"]
    assert article.select_one("div.footnote") is notes  # the only notes, right under their heading
    for later in article.select(".cite-this, nav.reading-path, .claim-backlinks"):
        assert notes in later.find_all_previous("div"), (
            f"{page.src}: notes after {later.get('class')}"
        )


# -----------------------------------------------------------------------------
# Cite this page, everywhere; essays as Open Graph articles
# -----------------------------------------------------------------------------

DATA_PAGES = {  # source -> the newest date of the data it shows, read here from the YAML text itself
    "models.md": ["models.yml"],
    "is-it-open.md": ["models.yml", "definitions.yml"],
    "definitions/index.md": ["definitions.yml", "models.yml"],
    "licences/index.md": ["licences.yml"],
    "timeline.md": ["timeline.yml"],
}
DATED = re.compile(
    r"^\s*-?\s*(?:date|checked|read|when|updated):\s*[\"']?(\d{4}-\d{2}-\d{2})", re.MULTILINE
)
INLINE_DATED = re.compile(r"\b(?:date|checked|read|when):\s*[\"']?(\d{4}-\d{2}-\d{2})")


def newest_in(files: list[str]) -> str:
    text = "".join((ROOT / "docs" / "_data" / name).read_text(encoding="utf-8") for name in files)
    return max(DATED.findall(text) + INLINE_DATED.findall(text))


def cited(built_site, src: str) -> BeautifulSoup:
    block = soup_of(built_site, src).select_one("article section.cite-this")
    assert block is not None, f"{src}: no 'Cite this page'"
    assert block.select_one("pre.bibtex").get_text().startswith("@online{"), src
    return block


@pytest.mark.parametrize("src", sorted(DATA_PAGES))
def test_a_page_drawn_from_the_data_is_cited_at_the_newest_date_it_shows(built_site, src):
    block = cited(built_site, src)
    # the newest of the data and of the page's own text (a revised introduction is a new version too)
    revised = str(SITE.pages[src].meta.get("updated") or "")
    newest = max(newest_in(DATA_PAGES[src]), revised)
    assert f"version of {human_date(newest)}." in block.select_one(".cite-this__text").get_text(), (
        src
    )
    assert f"version = {{{newest}}}" in block.select_one("pre.bibtex").get_text()
    assert block.find("a", string=re.compile("Revision history of this data"))["href"].endswith(
        "docs/_data/" + DATA_PAGES[src][0]
    )


def every_cited_source() -> list[str]:
    """Every page a debater cites: articles, the reference pages and each licence, definition and model page."""
    fixed = [
        "models.md",
        "is-it-open.md",
        "glossary.md",
        "timeline.md",
        "licences/index.md",
        "definitions/index.md",
    ]
    generated = [
        p.src
        for p in SITE.pages.values()
        if p.src.startswith(("models/", "licences/", "definitions/"))
    ]
    return sorted({*fixed, *generated, *(p.src for p in ARTICLES)})


def test_every_page_a_debater_cites_has_bibtex_and_plain_text(built_site):
    sources = every_cited_source()
    assert len(sources) > 40
    keys = {}
    for src in sources:
        block = cited(built_site, src)
        text = block.select_one(".cite-this__text").get_text(" ", strip=True)
        assert text.startswith("The editors. “") and re.search(
            r"\d{1,2} [A-Z][a-z]+ \d{4}", text
        ), (src, text)
        key = re.match(r"@online\{([^,]+),", block.select_one("pre.bibtex").get_text()).group(1)
        assert key not in keys, f"{src} and {keys.get(key)} share the BibTeX key {key}"
        keys[key] = src


@pytest.mark.parametrize("page", ARTICLES, ids=lambda p: p.src)
def test_articles_are_open_graph_articles_with_their_dates(built_site, page):
    head = soup_of(built_site, page.src).head
    meta = {m["property"]: m["content"] for m in head.find_all("meta", attrs={"property": True})}
    assert meta["og:type"] == "article"
    assert meta["article:published_time"] == str(page.meta["date"])
    assert meta["article:modified_time"] == str(page.meta.get("updated") or page.meta["date"])


def test_other_pages_stay_open_graph_websites(built_site):
    for src in ["index.md", "models.md", "glossary.md", "essays/index.md"]:
        head = soup_of(built_site, src).head
        assert head.find("meta", attrs={"property": "og:type"})["content"] == "website", src
        assert head.find("meta", attrs={"property": "article:published_time"}) is None, src


# -----------------------------------------------------------------------------
# Model names
# -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("OSI said the Llama 3.x licences fail.", []),
        ("the Llama 3.1 licence", []),
        ("Meta released Llama 3. Then it", ["Llama 3"]),
        ("Llama 3, Llama 3.2b and (Llama 3)", ["Llama 3", "Llama 3"]),
    ],
)
def test_a_model_name_is_not_found_inside_a_longer_version(text, found):
    matcher = TermMatcher([("Llama 3", "model:llama-3")])
    assert [text[start:end] for start, end, _id in matcher.find(text)] == found


def test_llama_3_x_in_the_essays_does_not_link_the_llama_3_page(built_site):
    pages = [p for p in ARTICLES if "Llama 3.x" in p.body]
    assert pages
    for page in pages:
        for link in soup_of(built_site, page.src).select("article a.model-ref"):
            after = link.next_sibling if isinstance(link.next_sibling, str) else ""
            assert not re.match(r"\.\w", after), (
                f"{page.src}: {link.get_text()}{after[:3]} links {link['href']}"
            )


# -----------------------------------------------------------------------------
# The home page
# -----------------------------------------------------------------------------


def test_the_home_page_names_every_model_tied_as_the_most_open(built_site):
    models = SITE.models["models"]
    best = max(score(m) for m in models)
    tied = [m["name"] for m in models if score(m) == best]
    teaser = next(
        p
        for p in soup_of(built_site, "index.md").select("article p")
        if "publish their training data" in p.get_text()
    )
    named = [a.get_text() for a in teaser.select("a") if re.match(r"models/[^/]+/", a["href"])]
    assert len(tied) > 1, "the site's data has a tie at the top today; this test is about naming it"
    assert named == tied
    count = NUMBER_WORDS[len(tied)].capitalize() if len(tied) < len(NUMBER_WORDS) else len(tied)
    assert f"{count} models " in teaser.get_text() and "tie as the most open" in teaser.get_text()
