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

from mkdocs_debate.data.site import load_site

SITE = load_site(str(ROOT / "docs"))
ARTICLES = sorted((p for p in SITE.pages.values() if p.is_article), key=lambda p: p.src)
ESSAYS = [p for p in ARTICLES if p.meta.get("kind") == "essay"]


def soup_of(built_site: pathlib.Path, src: str) -> BeautifulSoup:
    """The built page of a source path."""
    path = src.removesuffix(".md")
    path = path.removesuffix("index") if path.endswith("index") else path + "/"
    return BeautifulSoup((built_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


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
    assert first_uses == list(range(1, len(first_uses) + 1)), f"{page.src}: markers first met as {first_uses}"
    numbered = {a.get_text(): a["href"].removeprefix("#") for a in article.select("sup a.footnote-ref")}
    notes = [li["id"] for li in article.select("div.footnote > ol > li")]
    assert [numbered[str(n)] for n in first_uses] == notes[:len(first_uses)], "note n is not the one marker n opens"


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
        assert notes in later.find_all_previous("div"), f"{page.src}: notes after {later.get('class')}"
