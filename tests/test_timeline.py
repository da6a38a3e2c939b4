"""The timeline: every event sourced, linked and anchored; bad data fails with path:line."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, copy_site, mkdocs_build
from util import checker_lines_with

from mkdocs_debate.blocks.timeline import THEMES, date_label
from mkdocs_debate.checker.rules import timeline_problems
from mkdocs_debate.commands import manifest as url_manifest
from mkdocs_debate.data.entries import Event
from mkdocs_debate.data.schema import findings
from mkdocs_debate.data.site import load_site
from mkdocs_debate.data.yaml_lines import load_yaml

SITE = load_site(str(ROOT / "docs"))
EVENTS = SITE.timeline["events"]
FIXTURES = ROOT / "tests" / "fixtures"
GOOD_DOCS = FIXTURES / "content" / "docs"
BROKEN_TIMELINE = FIXTURES / "timeline" / "broken-timeline.yml"
SITE_URL = "https://free-as-in-what.github.io/free-as-in-what/"
MONTH_YEAR = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b"
)

# Every problem of tests/fixtures/timeline/broken-timeline.yml, exactly as debate-check prints it.
BROKEN_TIMELINE_PROBLEMS = [
    "docs/_data/timeline.yml:12: event id must be kebab-case: 'Bad_Id'",
    "docs/_data/timeline.yml:13: date of 'Bad_Id' must be a real date: '2024-02-30'",
    "docs/_data/timeline.yml:14: theme of 'Bad_Id' must be one of definitions, law, licences, releases: 'gossip'",
    "docs/_data/timeline.yml:15: title of 'Bad_Id' must be at most 60 characters (it has 77)",
    "docs/_data/timeline.yml:16: text of 'Bad_Id' must be plain text (no <, >, [ or ]): 'Text with <b>markup</b>.'",
    "docs/_data/timeline.yml:17: source url must start with https://: 'http://example.org/'",
    "docs/_data/timeline.yml:18: unknown term 'no-such-term' in event 'Bad_Id' (see docs/_data/glossary.yml)",
    "docs/_data/timeline.yml:19: claims of 'Bad_Id' must be a list of names: 'no-such-claim'",
    "docs/_data/timeline.yml:20: unknown model 'no-such-model' in event 'Bad_Id' (see docs/_data/models.yml)",
    "docs/_data/timeline.yml:21: event 'Bad_Id' has an unknown key 'tags' "
    "(known: id, date, theme, title, text, source, terms, claims, models); "
    "a comma inside an unquoted {…} value ends the value: put the value in quotes",
    "docs/_data/timeline.yml:22: duplicate event id 'good-event'",
    "docs/_data/timeline.yml:22: event 'good-event' must link at least one claim, model or term",
    'docs/_data/timeline.yml:23: date of \'good-event\' must be a quoted "YYYY", "YYYY-MM" or "YYYY-MM-DD": 2024',
]


def soup_of(built_site, path: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser")


# -----------------------------------------------------------------------------
# The data
# -----------------------------------------------------------------------------


def test_the_timeline_reaches_today():
    years = [str(event["date"])[:4] for event in EVENTS]
    assert len(EVENTS) >= 60 and sum(year in ("2025", "2026") for year in years) >= 20
    assert min(years) == "1983"


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e["id"])
def test_every_event_has_a_source_and_a_link(event):
    assert event["source"]["url"].startswith("https://") and event["source"]["title"]
    assert (event.get("claims") or []) + (event.get("models") or []) + (event.get("terms") or [])


def test_the_real_timeline_passes_the_checker():
    problems = list(timeline_problems(SITE))
    assert not problems, "\n".join(map(str, problems))


def test_a_broken_timeline_fails_the_checker_with_every_problem(tmp_path):
    code, lines = checker_lines_with(BROKEN_TIMELINE, "timeline.yml", GOOD_DOCS, tmp_path)
    assert code == 1
    assert lines == [*BROKEN_TIMELINE_PROBLEMS, f"{len(BROKEN_TIMELINE_PROBLEMS)} problems found"]


@pytest.mark.build
def test_a_broken_timeline_fails_the_build_with_path_and_line(tmp_path):
    site = copy_site(tmp_path / "repo")
    path = site / "docs" / "_data" / "timeline.yml"
    text = path.read_text(encoding="utf-8")
    first = EVENTS[0]
    path.write_text(
        text.replace(f'date: "{first["date"]}"', 'date: "27 Sep 1983"', 1), encoding="utf-8"
    )
    line = next(
        n
        for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "27 Sep 1983" in row
    )
    result = mkdocs_build(site, tmp_path / "out")
    assert result.returncode != 0
    assert (
        f"docs/_data/timeline.yml:{line}: date of {first['id']!r} must be a quoted "
        '"YYYY", "YYYY-MM" or "YYYY-MM-DD": '
        "'27 Sep 1983'"
    ) in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("1983", "1983"),
        ("1983-09", "September 1983"),
        ("1983-09-27", "27 September 1983"),
        ("2026-01-05", "5 January 2026"),
    ],
)
def test_dates_are_shown_at_their_precision(value, label):
    assert date_label(value) == label


EVENT = (
    'id: e\ndate: "2024-01"\ntheme: law\ntitle: A title\ntext: A sentence.\n'
    "source: {title: T, url: 'https://example.org/'}\nterms: [t]\n"
)


@pytest.mark.parametrize(
    ("edit", "found"),
    [
        (("", ""), []),
        (
            (
                "title: A title",
                "title: A [title] with a power 10^25 and far, far too many words in it, sadly",
            ),
            [
                (4, "title of 'e' must be at most 60 characters (it has 69)"),
                (
                    4,
                    "title of 'e' must be plain text (no <, >, [ or ]): "
                    "'A [title] with a power 10^25 and far, far too many words in it, sadly'",
                ),
                (4, "title of 'e' writes a power with a caret: 10^25 (write 10²⁵)"),
            ],
        ),
        (("title: A title", 'title: "  "'), [(4, "title of 'e' must be non-empty text")]),
        (("title: A title\n", ""), [(1, "title of 'e' must be non-empty text")]),
        (("text: A sentence.", "text: [a, b]"), [(5, "text of 'e' must be non-empty text")]),
        (
            ('date: "2024-01"', "date: 2024-01-05"),
            [
                (
                    2,
                    'date of \'e\' must be a quoted "YYYY", "YYYY-MM" or "YYYY-MM-DD": '
                    "datetime.date(2024, 1, 5)",
                )
            ],
        ),
        (
            ("terms: [t]", "terms: [t, u, v]"),
            [
                (7, "unknown term 'u' in event 'e' (see docs/_data/glossary.yml)"),
                (7, "unknown term 'v' in event 'e' (see docs/_data/glossary.yml)"),
            ],
        ),
    ],
)
def test_an_event_is_checked_key_by_key(edit, found):
    """What each key of an event holds is declared (data/entries.Event): each problem at its key."""
    event = load_yaml(EVENT.replace(*edit), "x")
    assert (
        sorted(findings(Event, event, "event 'e'", owner="'e'", ident="e", refs={"terms": {"t"}}))
        == found
    )


# -----------------------------------------------------------------------------
# The page
# -----------------------------------------------------------------------------


def test_the_page_has_every_event_at_its_anchor(built_site):
    soup = soup_of(built_site, "timeline/index.html")
    models = {m["id"]: m for m in SITE.models["models"]}
    for event in EVENTS:
        block = soup.find(id=event["id"])
        assert block is not None and "timeline-event" in block["class"], event["id"]
        text = block.get_text(" ", strip=True)
        assert event["title"] in text and event["text"] in text, event["id"]
        time = block.find("time")
        assert time["datetime"] == event["date"] and time.get_text() == date_label(event["date"])
        assert THEMES[event["theme"]] in block.select_one(".timeline-event__theme").get_text()
        assert f"timeline-event--{event['theme']}" in block["class"]
        assert block.find("a", href=event["source"]["url"]).get_text() == event["source"]["title"]
        hrefs = {a["href"] for a in block.select(".timeline-event__related a")}
        expected = (
            {f"../claims/{c}/" for c in event.get("claims") or []}
            | {f"../models/#{m}" for m in event.get("models") or []}
            | {f"../glossary/#{t}" for t in event.get("terms") or []}
        )
        assert hrefs == expected, event["id"]
        for model in event.get("models") or []:
            assert block.find("a", href=f"../models/#{model}").get_text() == models[model]["name"]


def test_events_are_grouped_by_year_and_every_year_is_one_click_away(built_site):
    soup = soup_of(built_site, "timeline/index.html")
    years = sorted({str(e["date"])[:4] for e in EVENTS})
    index = [a["href"] for a in soup.select("nav.timeline-years a")]
    assert index == [f"#year-{y}" for y in years] and {"#year-2025", "#year-2026"} <= set(index)
    for year in years:
        section = soup.find(id=f"year-{year}").find_parent("section", class_="timeline-year")
        ids = [div["id"] for div in section.select(".timeline-event")]
        assert ids == [e["id"] for e in EVENTS if str(e["date"]).startswith(year)]


def test_the_theme_filter_needs_no_script(built_site):
    soup = soup_of(built_site, "timeline/index.html")
    radios = soup.select("fieldset.timeline-filters input[type=radio][name=timeline-theme]")
    assert [r["id"] for r in radios] == ["theme-all", *(f"theme-{t}" for t in THEMES)]
    for radio in radios:
        label = soup.find("label", attrs={"for": radio["id"]}).get_text()
        theme = radio["id"].removeprefix("theme-")
        count = len(EVENTS) if theme == "all" else sum(e["theme"] == theme for e in EVENTS)
        assert label.endswith(f"({count})"), label
    css = (ROOT / "overrides" / "assets" / "stylesheets" / "reference.css").read_text(
        encoding="utf-8"
    )
    for theme in THEMES:
        assert (
            f".timeline:has(#theme-{theme}:checked) .timeline-event:not(.timeline-event--{theme})"
        ) in css
    # Only enhancements, each a file (issue 25): copy buttons, the theme kept in the address.
    # Without them the filter works the same (test_browser_citing.py checks it with script off).
    scripts = {
        script["src"].rsplit("/", 1)[-1] for script in soup.select("article script:not([type])")
    }
    assert scripts <= {"cite.js", "timeline.js"}


@pytest.mark.build
def test_an_essay_can_cite_an_event_and_a_wrong_anchor_fails_the_build(tmp_path):
    site = copy_site(tmp_path / "repo")
    essay = site / "docs" / "essays" / "free-as-in-what.md"
    text = essay.read_text(encoding="utf-8")
    cited = text + f"\nSee the [timeline](../timeline.md#{EVENTS[0]['id']}).\n"
    essay.write_text(cited, encoding="utf-8")
    assert mkdocs_build(site, tmp_path / "good").returncode == 0
    essay.write_text(
        text + "\nSee the [timeline](../timeline.md#no-such-event).\n", encoding="utf-8"
    )
    result = mkdocs_build(site, tmp_path / "bad")
    assert result.returncode != 0 and "no-such-event" in result.stdout + result.stderr


# -----------------------------------------------------------------------------
# Exports and permanent addresses
# -----------------------------------------------------------------------------


def test_timeline_json_is_the_data_with_each_event_url(built_site):
    export = json.loads((built_site / "timeline.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in export["events"]] == [e["id"] for e in EVENTS]
    for item, event in zip(export["events"], EVENTS):
        assert item["url"] == f"{SITE_URL}timeline/#{event['id']}"
        assert (item["date"], item["theme"], item["source"]) == (
            event["date"],
            event["theme"],
            dict(event["source"]),
        )


def test_every_event_anchor_is_in_the_url_manifest():
    recorded = url_manifest.normalise(url_manifest.read_manifest(ROOT / url_manifest.MANIFEST))
    missing = [e["id"] for e in EVENTS if f"timeline/#{e['id']}" not in recorded]
    assert not missing, "run `make manifest`: " + ", ".join(missing)


def test_the_manifest_records_event_anchors_from_the_built_page(built_site):
    published = url_manifest.published(built_site)
    assert {f"timeline/#{e['id']}" for e in EVENTS} <= published
    assert not {entry for entry in published if entry.startswith("timeline/#theme-")}


# -----------------------------------------------------------------------------
# How far the timeline reaches: computed from the newest event, never typed
# -----------------------------------------------------------------------------


def newest_month(events: list[dict]) -> str:
    """'August 2026' for the newest event, worked out here independently of the engine."""
    newest = max(str(e["date"]) for e in events)
    year, month = (int(part) for part in newest.split("-")[:2])
    return f"{dt.date(year, month, 1):%B %Y}"


def test_the_page_states_the_month_of_its_newest_event(built_site):
    soup = soup_of(built_site, "timeline/index.html")
    month = newest_month(EVENTS)
    description = soup.find("meta", attrs={"name": "description"})["content"]
    heading = soup.find("h1").get_text(" ", strip=True)
    assert f"to {month}" in description, description
    assert f"to {month}" in heading, heading
    stated = set(MONTH_YEAR.findall(description + " " + heading))
    assert stated == {month}, f"the page states {stated}, the newest event is from {month}"
    newest = max(EVENTS, key=lambda e: str(e["date"]))
    reach = soup.select_one(".timeline-reach")
    assert (
        reach.find("a")["href"] == f"#{newest['id']}"
        and reach.find("time")["datetime"] == newest["date"]
    )


def test_a_newer_event_makes_the_stated_month_stale_until_exported(tmp_path):
    site = copy_site(tmp_path / "site")
    data = site / "docs" / "_data" / "timeline.yml"
    data.write_text(
        data.read_text(encoding="utf-8")
        + "\n".join(
            [
                "",
                "  - id: a-later-event",
                '    date: "2026-11-20"',
                "    theme: releases",
                '    title: "A later event"',
                '    text: "Something happened later."',
                '    source: {title: "Example", url: "https://example.org/"}',
                "    terms: [open-weights]",
                "    claims: []",
                "    models: []",
                "",
            ]
        ),
        encoding="utf-8",
    )
    export = [str(ROOT / ".venv" / "bin" / "debate-export"), "--config", str(site / "mkdocs.yml")]
    stale = subprocess.run([*export, "--check"], capture_output=True, text=True)
    assert stale.returncode == 1 and "docs/timeline.md" in stale.stdout, stale.stdout
    assert subprocess.run(export, capture_output=True, text=True).returncode == 0
    lines = (site / "docs" / "timeline.md").read_text(encoding="utf-8").splitlines()
    stated = [line for line in lines if line.startswith(("description:", "# Timeline"))]
    assert len(stated) == 2, stated  # the description and the heading
    for line in stated:
        assert MONTH_YEAR.findall(line) == ["November 2026"], line
