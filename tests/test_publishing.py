"""What a debater relies on: feed, previews, citations, claims, permanent URLs."""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, copy_site, mkdocs_build
from PIL import Image

from mkdocs_debate import urls as url_manifest
from mkdocs_debate.data.site import load_site

MANIFEST = ROOT / url_manifest.MANIFEST

SITE = load_site(str(ROOT / "docs"))
CONTENT = [p for p in SITE.pages.values() if p.is_content]
CLAIMS = list(SITE.claims.values())
SITE_URL = "https://free-as-in-what.github.io/free-as-in-what/"


def html_of(built_site: pathlib.Path, src: str) -> BeautifulSoup:
    stem = src[:-3]
    path = built_site / (
        "index.html"
        if stem == "index"
        else stem.removesuffix("index") + ("" if stem.endswith("index") else "/") + "index.html"
    )
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# -- Feed ---------------------------------------------------------------------


def test_feed_lists_every_essay_and_summary(built_site):
    tree = ET.parse(built_site / "feed_rss_created.xml")
    items = tree.findall("./channel/item")
    links = {item.findtext("link") for item in items}
    expected = {SITE_URL + p.src[:-3] + "/" for p in CONTENT}
    assert expected <= links
    for item in items:
        assert item.findtext("title").strip()
        assert item.findtext("link").startswith("https://")
        assert re.match(r"\w{3}, \d{2} \w{3} \d{4}", item.findtext("pubDate"))
        description = item.findtext("description").strip()
        page = next(p for p in CONTENT if item.findtext("link").endswith(p.src[:-3] + "/"))
        assert description == page.meta["description"].strip()


def test_feed_has_no_empty_or_none_values(built_site):
    for feed in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        for element in ET.parse(built_site / feed).iter():
            if len(element) == 0:
                text = (element.text or "").strip()
                assert text not in ("", "None") or element.attrib, f"{feed}: empty <{element.tag}>"
            for name, value in element.attrib.items():
                assert value.strip() not in ("", "None"), f"{feed}: <{element.tag} {name}> is empty"


# -- Previews and citations ---------------------------------------------------


def test_every_page_has_a_1200x630_social_card(built_site, site_pages):
    for path, html in site_pages.items():
        if path == "404.html":
            continue
        soup = BeautifulSoup(html, "html.parser")
        image = soup.find("meta", property="og:image")
        assert image, f"{path}: no og:image"
        card = built_site / image["content"].removeprefix(SITE_URL)
        assert card.exists(), f"{path}: card {card} missing"
        with Image.open(card) as picture:
            assert picture.size == (1200, 630) and picture.format == "PNG"
        assert soup.find("meta", property="og:description")["content"].strip()
        assert soup.find("meta", property="twitter:card")


def test_claim_cards_come_from_the_claim(built_site):
    cards = set()
    for claim in CLAIMS:
        soup = html_of(built_site, claim.src)
        image = soup.find("meta", property="og:image")["content"]
        assert image == f"{SITE_URL}assets/images/social/claims/{claim.slug}.png"
        assert soup.find("meta", property="og:title")["content"].startswith(claim.meta["title"])
        assert soup.find("meta", property="og:description")["content"] == claim.meta["description"]
        cards.add((built_site / image.removeprefix(SITE_URL)).read_bytes())
    assert len(cards) == len(CLAIMS), "two claims share one card image"


def test_articles_carry_json_ld_and_citation_meta(built_site):
    for page in CONTENT + CLAIMS:
        soup = html_of(built_site, page.src)
        data = json.loads(soup.find("script", type="application/ld+json").string)
        assert data["@type"] == "Article" and data["headline"] == page.meta["title"]
        assert data["author"]["name"] and data["datePublished"] == str(page.meta["date"])
        assert data["url"].startswith(SITE_URL) and data["description"] == page.meta["description"]
        assert data["isBasedOn"] and all(
            s["url"].startswith("https://") for s in data["isBasedOn"] if s["url"]
        )
        assert soup.find("meta", attrs={"name": "citation_title"})["content"] == page.meta["title"]
        cite = soup.find(class_="cite-this")
        assert cite and "@online{" in cite.text and SITE_URL in cite.text
        assert cite.find("a", string=re.compile("Revision history"))


# -- Claims -------------------------------------------------------------------


def test_at_least_ten_claims_with_both_sides_and_backlinks(built_site):
    assert len(CLAIMS) >= 10
    for claim in CLAIMS:
        soup = html_of(built_site, claim.src)
        headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in soup.find_all("h2")]
        assert "The case for" in headings and "The case against" in headings, claim.src
        backlinks = soup.select(".claim-backlinks a[href]")
        assert backlinks, f"{claim.src}: no page refers to this claim"
        for link in backlinks:
            target, _, anchor = link["href"].partition("#")
            page = (built_site / "claims" / claim.slug / target / "index.html").resolve()
            assert f'id="{anchor}"' in page.read_text(encoding="utf-8"), link["href"]


def test_pages_link_the_claims_they_argue(built_site):
    for page in CONTENT:
        soup = html_of(built_site, page.src)
        refs = soup.select("a.claim-ref")
        assert refs, f"{page.src} links no claim"
        for ref in refs:
            assert ref.parent.get("id", "").startswith("claim-"), "claim paragraph has no anchor"


# -- Never 404 ----------------------------------------------------------------


def test_manifest_urls_and_anchors_are_all_served(built_site):
    manifest = url_manifest.normalise(url_manifest.read_manifest(MANIFEST))
    assert len(manifest) > 100
    assert url_manifest.lost(manifest, built_site) == []


def test_manifest_covers_everything_published(built_site):
    """New pages and anchors must be recorded (make manifest), so additions show in review."""
    unrecorded = url_manifest.published(built_site) - url_manifest.normalise(
        url_manifest.read_manifest(MANIFEST)
    )
    assert not unrecorded, "run `make manifest`: " + ", ".join(sorted(unrecorded)[:10])


def test_removing_a_page_without_redirect_is_caught(tmp_path):
    site = copy_site(tmp_path / "repo")
    (site / "docs" / "discussions" / "zuckerberg-on-the-dwarkesh-podcast.md").unlink()
    manifest = url_manifest.normalise(url_manifest.read_manifest(MANIFEST))
    out = tmp_path / "out"
    assert mkdocs_build(site, out).returncode == 0
    lost = url_manifest.lost(manifest, out)
    assert any(e.startswith("discussions/zuckerberg-on-the-dwarkesh-podcast/:") for e in lost)
    # A redirect to a page that keeps no such anchors covers the page, not its anchors.
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "redirect_maps: {}",
            "redirect_maps:\n        "
            "discussions/zuckerberg-on-the-dwarkesh-podcast.md: discussions/index.md",
        )
    )
    out2 = tmp_path / "out2"
    result = mkdocs_build(site, out2)
    assert result.returncode == 0, result.stderr
    lost = url_manifest.lost(manifest, out2)
    assert (
        "discussions/zuckerberg-on-the-dwarkesh-podcast/: page is gone and no redirect covers it"
        not in lost
    )
    assert any("#" in e for e in lost if e.startswith("discussions/zuckerberg"))


def test_the_build_itself_refuses_to_lose_a_published_url(tmp_path):
    """With the manifest beside it, the build (not only pytest) fails and says what to add to redirect_maps."""
    site = copy_site(tmp_path / "repo")
    (site / "tests").mkdir()
    (site / "tests" / "url-manifest.txt").write_text(
        MANIFEST.read_text(encoding="utf-8"), encoding="utf-8"
    )
    (site / "docs" / "discussions" / "zuckerberg-on-the-dwarkesh-podcast.md").unlink()
    result = mkdocs_build(site, tmp_path / "out")
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert (
        "discussions/zuckerberg-on-the-dwarkesh-podcast/: page is gone and no redirect covers it"
        in log
    )
    assert "redirect_maps" in log
    assert "'discussions/zuckerberg-on-the-dwarkesh-podcast.md': 'NEW/PATH.md'" in log


def _ever_recorded() -> set[str]:
    """Every entry any committed version of the manifest held (the manifest only grows)."""
    log = subprocess.run(
        ["git", "log", "-p", "--format=", "--", "tests/url-manifest.txt"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if log.returncode != 0:
        pytest.skip("no git history to compare the manifest with")
    return {
        line[1:].strip().lstrip("/")
        for line in log.stdout.splitlines()
        if line[:1] in "+-" and line[1:2] == "/" and not line.startswith(("+++", "---"))
    }


def test_no_recorded_url_is_ever_dropped_from_the_manifest(built_site):
    """Deleting manifest lines cannot hide a lost URL: every entry ever recorded is still served."""
    ever = _ever_recorded()
    assert ever, "the manifest has no history"
    missing = url_manifest.lost(ever, built_site)
    assert not missing, url_manifest.redirect_advice(missing)
