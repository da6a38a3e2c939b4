"""Under the title: the metadata line and revision notes; what's new; the claim map as data.

Real builds of the site (and of altered copies), read with BeautifulSoup.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pathlib
import subprocess
import sys
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, copy_site, mkdocs_build

from mkdocs_debate import test_tools
from mkdocs_debate.blocks.claims import claim_json_ld
from mkdocs_debate.blocks.common import KIND_LABELS, human_date
from mkdocs_debate.blocks.lists import WHATS_NEW_COUNT
from mkdocs_debate.data.config import settings_from_config
from mkdocs_debate.data.site import iso_date, load_site
from mkdocs_debate.data.yaml_lines import LineDict

SITE = load_site(str(ROOT / "docs"))
CONTENT = sorted((p for p in SITE.pages.values() if p.is_content), key=lambda p: p.src)
CLAIMS = sorted(SITE.claims.values(), key=lambda p: p.src)
REVISED = [p for p in CONTENT + CLAIMS if p.meta.get("revisions")]
SITE_URL = "https://free-as-in-what.github.io/free-as-in-what/"
GOOD_DOCS = ROOT / "tests" / "fixtures" / "content" / "docs"

REVISED_ESSAY = """\
---
title: "A twice revised essay"
description: "A test essay with two revisions whose notes look like Markdown."
date: 2026-01-10
updated: 2026-03-02
revisions:
  - date: 2026-02-01
    note: "First fix: *not emphasis* & no_underscores_either."
  - date: 2026-03-02
    note: "Second fix: {#not-an-id} stays text, as does `this`."
authors: [editors]
kind: essay
tags: [definitions, history]
sources:
  - title: "The Open Source Definition"
    url: https://opensource.org/osd
---

A test paragraph that cites its source.[^osd]

[^osd]: Open Source Initiative, [The Open Source Definition](https://opensource.org/osd).
"""


def article_of(built_site: pathlib.Path, src: str) -> BeautifulSoup:
    html = built_site / src.removesuffix(".md") / "index.html"
    if src.endswith("index.md"):
        html = built_site / src.removesuffix("index.md") / "index.html"
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one("article")


def after_title(article: BeautifulSoup) -> list:
    """The elements that follow the page's h1, in order."""
    return article.find("h1").find_next_siblings()


# -----------------------------------------------------------------------------
# Under the title
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("page", REVISED, ids=lambda p: p.src)
def test_a_revised_page_shows_its_latest_note_under_the_title(built_site, page):
    latest = max(page.meta["revisions"], key=lambda r: iso_date(r["date"]))
    following = after_title(article_of(built_site, page.src))
    note = (
        following[1] if page.is_content or page.is_claim else following[0]
    )  # after the metadata line or the claim
    assert note.name == "aside" and "revision-note" in note["class"]
    # One line under the title (issue 25: a phone's first screen shows the text), what changed folded under it.
    assert (
        note.details.summary.get_text(" ", strip=True)
        == f"Revised {human_date(latest['date'])} : what changed"
    )
    assert note.details.p.get_text(" ", strip=True) == latest["note"].strip()
    assert "open" not in note.details.attrs


def test_older_revisions_fold_and_notes_stay_plain_text(tmp_path):
    site = copy_site(tmp_path / "repo")
    (site / "docs" / "essays" / "a-twice-revised-essay.md").write_text(
        REVISED_ESSAY, encoding="utf-8"
    )
    result = mkdocs_build(site, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    article = article_of(tmp_path / "out", "essays/a-twice-revised-essay.md")
    note = article.select_one("aside.revision-note")
    assert note.details.summary.get_text() == "Revised 2 March 2026: what changed"
    assert (
        note.details.p.get_text(" ", strip=True)
        == "Second fix: {#not-an-id} stays text, as does `this`."
    )
    assert note.select_one("p.revision-note__older").get_text() == "Earlier revisions:"
    assert [li.get_text() for li in note.details.select("li")] == [
        "1 February 2026: First fix: *not emphasis* & no_underscores_either."
    ]
    assert (
        not note.select("em, code, strong:not(:first-child)")
        and article.find(id="not-an-id") is None
    )
    meta = article.select_one("p.page-meta").get_text(" ", strip=True)
    assert (
        "10 January 2026 · updated 2 March 2026" in meta and "Tags: definitions , history" in meta
    )


@pytest.mark.parametrize("page", CONTENT, ids=lambda p: p.src)
def test_essays_and_summaries_have_a_metadata_line(built_site, page):
    line = after_title(article_of(built_site, page.src))[0]
    assert line.name == "p" and "page-meta" in line["class"]
    text = line.get_text(" ", strip=True)
    published, updated = iso_date(page.meta["date"]), iso_date(page.meta.get("updated"))
    assert text.startswith(f"{KIND_LABELS[page.meta['kind']]} · {human_date(published)}")
    assert (f"updated {human_date(updated)}" in text) == bool(updated and updated != published)
    names = [SITE.authors[a]["name"] for a in page.meta["authors"]]
    assert "by " + ", ".join(names) in text
    assert line.find("a", string=names[0])["href"].endswith("about/")
    assert [t.get_text() for t in line.select(".page-meta__tag")] == list(page.meta["tags"])
    assert [t["title"] for t in line.select(".page-meta__tag")] == [
        SITE.tags[t] for t in page.meta["tags"]
    ]


@pytest.mark.parametrize("page", CLAIMS, ids=lambda p: p.src)
def test_claims_have_no_metadata_line(built_site, page):
    assert article_of(built_site, page.src).select_one(".page-meta") is None


# -----------------------------------------------------------------------------
# What's new
# -----------------------------------------------------------------------------


def _last_change(page) -> tuple[dt.date, bool]:
    published, updated = iso_date(page.meta["date"]), iso_date(page.meta.get("updated"))
    return (updated, True) if updated and updated > published else (published, False)


@pytest.mark.parametrize(
    ("src", "pages"),
    [
        ("index.md", CONTENT + CLAIMS),
        ("essays/index.md", [p for p in CONTENT if p.section == "essays"]),
    ],
)
def test_whats_new_lists_the_latest_changes_first(built_site, src, pages):
    article = article_of(built_site, src)
    items = article.find(id="whats-new").find_next_sibling("div", class_="whats-new").select("li")
    assert len(items) == min(WHATS_NEW_COUNT, len(pages))
    by_url = {p.src.removesuffix(".md") + "/": p for p in pages}
    base = SITE_URL + src.removesuffix("index.md")
    listed = [by_url[urljoin(base, li.a["href"]).removeprefix(SITE_URL)] for li in items]
    changes = [_last_change(p) for p in listed]
    assert [day for day, _ in changes] == sorted((day for day, _ in changes), reverse=True)
    unlisted = [p for p in pages if p not in listed]
    assert all(_last_change(p)[0] <= changes[-1][0] for p in unlisted)
    for item, page, (day, revised) in zip(items, listed, changes):
        assert item.select_one(".news-mark").get_text() == ("Updated" if revised else "New")
        assert item.find("time")["datetime"] == day.isoformat()
        expected = (
            max(page.meta["revisions"], key=lambda r: iso_date(r["date"]))["note"]
            if revised
            else page.meta["description"]
        )
        assert expected.strip() in item.get_text(" ", strip=True)


def test_whats_new_orders_by_the_latest_change_not_the_first_date():
    """The fixture essay (2024-01-15, updated 2024-02-01) outranks the summary published 2024-01-20."""
    html = BeautifulSoup(
        test_tools.render("[[generate:whats-new]]", GOOD_DOCS, "index.md"), "html.parser"
    )
    items = [
        (li.a["href"], li.select_one(".news-mark").get_text(), li.time["datetime"])
        for li in html.select("li")
    ]
    assert items == [
        ("essays/good-essay.md", "Updated", "2024-02-01"),
        ("discussions/good-summary.md", "New", "2024-01-20"),
        ("claims/weights-are-source.md", "New", "2024-01-10"),
    ]
    in_essays = BeautifulSoup(
        test_tools.render("[[generate:whats-new]]", GOOD_DOCS, "essays/index.md"), "html.parser"
    )
    assert [li.a["href"] for li in in_essays.select("li")] == ["good-essay.md"]


# -----------------------------------------------------------------------------
# The claim map as data: claims.json and each claim page's JSON-LD
# -----------------------------------------------------------------------------


def _claims_json(built_site) -> dict[str, dict]:
    return {
        c["id"]: c
        for c in json.loads((built_site / "claims.json").read_text(encoding="utf-8"))["claims"]
    }


@pytest.mark.parametrize("page", CLAIMS, ids=lambda p: p.slug)
def test_claims_json_matches_the_backlinks(built_site, page):
    record = _claims_json(built_site)[page.slug]
    assert (record["title"], record["claim"]) == (page.meta["title"], page.meta["claim"].strip())
    assert record["url"] == f"{SITE_URL}claims/{page.slug}/"
    backlinks = article_of(built_site, page.src).select_one(".claim-backlinks")
    shown: dict[str, list[str]] = {}
    for heading in backlinks.find_all("h3"):
        side = {
            "The case for, in our pages": "for",
            "The case against, in our pages": "against",
        }.get(heading.get_text(strip=True).rstrip("¶"), "other")
        shown[side] = [
            urljoin(record["url"], a["href"]) for a in heading.find_next_sibling("ul").find_all("a")
        ]
    exported = {
        **{side: [p["url"] for p in places] for side, places in record["sides"].items()},
        "other": [p["url"] for p in record["other"]],
    }
    assert {side: urls for side, urls in exported.items() if urls} == shown
    for place in [*record["sides"]["for"], *record["sides"]["against"], *record["other"]]:
        link = backlinks.find("a", href=lambda h, u=place["url"]: urljoin(record["url"], h) == u)
        assert link.get_text().startswith(place["page"])
        assert (" § " + place["heading"] in link.get_text()) == bool(place["heading"])


def test_some_claims_are_argued_on_both_sides(built_site):
    records = _claims_json(built_site).values()
    assert sum(1 for r in records if r["sides"]["for"] and r["sides"]["against"]) >= 3


@pytest.mark.parametrize("page", CLAIMS, ids=lambda p: p.slug)
def test_claim_pages_carry_a_schema_org_claim(built_site, page):
    soup = BeautifulSoup(
        (built_site / "claims" / page.slug / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    data = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    claim = next(d for d in data if d["@type"] == "Claim")
    record = _claims_json(built_site)[page.slug]
    assert (claim["name"], claim["text"], claim["url"]) == (
        record["title"],
        record["claim"],
        record["url"],
    )
    places = [*record["sides"]["for"], *record["sides"]["against"], *record["other"]]
    assert [a["url"] for a in claim["appearance"]] == [p["url"] for p in places]
    sides = (
        ["Argues for the claim"] * len(record["sides"]["for"])
        + ["Argues against the claim"] * len(record["sides"]["against"])
        + ["Mentions the claim"] * len(record["other"])
    )
    assert [a["description"] for a in claim["appearance"]] == sides
    for url in claim["appearance"]:
        path, _, anchor = url["url"].removeprefix(SITE_URL).partition("#")
        assert f'id="{anchor}"' in (built_site / path / "index.html").read_text(encoding="utf-8"), (
            url
        )


def test_a_script_end_tag_in_a_claim_cannot_close_the_json_ld():
    page = SITE.claims["weights-are-compiled-binary"]
    hostile = "Not </script><script>alert(1)</script> closed <!-- either"
    meta = LineDict({**page.meta, "claim": hostile})
    block = claim_json_ld(
        SITE, dataclasses.replace(page, meta=meta), settings_from_config(str(ROOT / "mkdocs.yml"))
    )
    assert block.startswith('<script type="application/ld+json">') and block.endswith("</script>")
    payload = block.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in payload
    assert json.loads(payload)["text"] == hostile


def test_claims_json_goes_stale_when_a_side_changes(tmp_path):
    site = copy_site(tmp_path / "repo")
    essay = site / "docs" / "essays" / "free-as-in-what.md"
    text = essay.read_text(encoding="utf-8")
    assert "[[claim:licence-restrictions-disqualify-llama|for]]" in text
    essay.write_text(
        text.replace(
            "[[claim:licence-restrictions-disqualify-llama|for]]",
            "[[claim:licence-restrictions-disqualify-llama|against]]",
            1,
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_debate.commands.export", "--check"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "docs/claims.json" in result.stdout
