"""Page furniture on the built site: the correction link on every page, the feed's
author names, the social card's kind."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlparse

import yaml
from bs4 import BeautifulSoup
from conftest import ROOT
from PIL import Image

from mkdocs_debate.blocks.common import KIND_LABELS
from mkdocs_debate.data.site import load_site

SITE = load_site(str(ROOT / "docs"))
REPO = "https://github.com/free-as-in-what/free-as-in-what"
SITE_URL = "https://free-as-in-what.github.io/free-as-in-what/"


def _canonical(soup: BeautifulSoup) -> str:
    link = soup.find("link", rel="canonical")
    return link["href"] if link else ""


def test_every_page_has_a_correction_link_for_itself(site_pages):
    """About promises a 'Request a correction' link at the foot of every page: exactly one, for that page."""
    checked, missing = 0, []
    for path, html in site_pages.items():
        if path == "404.html" or 'http-equiv="refresh"' in html[:2000]:
            continue
        soup = BeautifulSoup(html, "html.parser")
        links = [
            a
            for a in soup.select(
                "article a[href]"
            )  # About also links the bare form: not this page's
            if "template=correction.yml" in a["href"]
            and "page" in parse_qs(urlparse(a["href"]).query)
        ]
        if len(links) != 1:
            missing.append(f"{path}: {len(links)} correction links")
            continue
        href = urlparse(links[0]["href"])
        assert f"{href.scheme}://{href.netloc}{href.path}" == REPO + "/issues/new", path
        assert parse_qs(href.query)["page"] == [_canonical(soup)], path
        checked += 1
    assert not missing, missing
    assert checked >= 40


def test_feed_names_authors_not_their_ids(built_site):
    names = {str(entry["name"]) for entry in SITE.authors.values()}
    for feed in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        authors = [a.text for a in ET.parse(built_site / feed).iter("author")]
        assert authors and set(authors) <= names, (feed, set(authors))
    items = json.loads((built_site / "feed_json_created.json").read_text(encoding="utf-8"))["items"]
    assert {a["name"] for item in items for a in item.get("authors", [])} <= names


# The strip of the card (.social/layouts/card.yml) where the page's kind is printed.
KIND_STRIP = (64, 128, 896, 164)


def _kind_strip(built_site, card: str) -> Image.Image:
    with Image.open(built_site / "assets/images/social" / card) as picture:
        return picture.convert("RGB").crop(KIND_STRIP)


def _blank(strip: Image.Image) -> bool:
    return len(strip.getcolors(maxcolors=1 << 16) or [0, 0]) == 1


def test_card_kinds_say_what_the_metadata_line_says():
    """The card's labels (mkdocs.yml, where Zensical reads them too) agree with the engine's KIND_LABELS."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)  # noqa: S506 (a SafeLoader)
    social = next(p["social"] for p in config["plugins"] if isinstance(p, dict) and "social" in p)
    kinds = social["cards_layout_options"]["kinds"]
    assert {k: kinds.get(k) for k in KIND_LABELS} == KIND_LABELS


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml without its !!python tags resolved."""


_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def test_social_card_says_what_kind_of_page_it_is(built_site):
    """Two essays share the kind strip; an essay, a summary, a claim and a model differ; About has none."""
    essays = [
        _kind_strip(built_site, f"essays/{name}.png")
        for name in ("free-as-in-what", "model-available-is-not-open-source")
    ]
    summary = _kind_strip(
        built_site,
        "discussions/"
        + next(p.slug for p in SITE.pages.values() if p.meta.get("kind") == "summary")
        + ".png",
    )
    claim = _kind_strip(built_site, f"claims/{next(iter(SITE.claims))}.png")
    model = _kind_strip(built_site, "models/llama-3-1.png")
    about = _kind_strip(built_site, "about.png")
    assert essays[0].tobytes() == essays[1].tobytes(), "two essays should carry the same kind"
    strips = [essays[0], summary, claim, model]
    assert not any(map(_blank, strips)), "a kind strip is empty"
    assert len({s.tobytes() for s in strips}) == 4, (
        "essay, summary, claim and model cards should differ"
    )
    assert _blank(about), "a page of no kind should have an empty strip"


def test_prose_has_curly_quotes_only(site_pages):
    """Straight quotes and apostrophes appear nowhere in the text a reader sees (code aside)."""
    straight = []
    for path, html in site_pages.items():
        body = BeautifulSoup(html, "html.parser").find("body")
        for text in body.find_all(string=True) if body else []:
            if text.find_parent(["code", "pre", "script", "style", "kbd", "samp"]):
                continue
            if '"' in text or "'" in text:
                straight.append(f"{path}: {text.strip()[:80]!r}")
    assert not straight, f"{len(straight)} straight quotes, e.g. " + "; ".join(straight[:5])
