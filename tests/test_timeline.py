"""The timeline: every event sourced, linked and anchored; bad data fails with path:line."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, copy_site

from mkdocs_debate.checker.data_rules import timeline_problems
from mkdocs_debate.data.site import load_site

SITE = load_site(str(ROOT / "docs"))
EVENTS = SITE.timeline["events"]


def test_the_timeline_reaches_today():
    years = [str(event["date"])[:4] for event in EVENTS]
    assert len(EVENTS) >= 60 and sum(year in ("2025", "2026") for year in years) >= 20
    assert min(years) == "1983"


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e["id"])
def test_every_event_has_a_source_and_a_link(event):
    assert event["source"]["url"].startswith("https://")
    assert (event.get("claims") or []) + (event.get("models") or []) + (event.get("terms") or [])


def test_the_page_has_every_event_at_its_anchor(site_pages):
    soup = BeautifulSoup(site_pages["timeline/index.html"], "html.parser")
    for event in EVENTS:
        block = soup.find(id=event["id"])
        assert block is not None and event["title"] in block.get_text(), event["id"]
        assert block.find("a", href=event["source"]["url"]), event["id"]


def test_bad_timeline_data_is_reported_with_its_line(tmp_path):
    site = copy_site(tmp_path / "repo")
    path = site / "docs" / "_data" / "timeline.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('date: "1983-09-27"', 'date: "27 Sep 1983"', 1).replace("theme: definitions", "theme: gossip", 1)
    text = text.replace("claims: []\n    models: []", "claims: [no-such-claim]\n    models: []", 1)
    path.write_text(text, encoding="utf-8")
    problems = [(p.line, p.message) for p in timeline_problems(load_site(str(site / "docs")))]
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "27 Sep 1983" in row)
    assert problems[:3] == [
        (line, "date must be a quoted \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\": '27 Sep 1983'"),
        (line + 1, "theme must be one of definitions, law, licences, releases: 'gossip'"),
        (line + 6, "unknown claim 'no-such-claim' in event 'gnu-announced'"),
    ]
    assert all(re.match(r"^[a-z]", message) for _, message in problems)
