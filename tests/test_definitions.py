"""Competing definitions and verdicts (issue 16): the data on every page, verdicts computed from the matrix.

The verdicts are never typed: changing one matrix cell in a copy of the site
changes the verdict and the criterion it names; a published verdict of an
authority stands beside ours and is flagged when the two disagree.
"""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys
import types

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, copy_site, mkdocs_build

from mkdocs_debate import test_tools, verdicts
from mkdocs_debate.blocks.answer import GRID_FIRST_ROWS
from mkdocs_debate.blocks.definitions import FIELD_LABELS
from mkdocs_debate.checker.page_rules import page_findings
from mkdocs_debate.checker.rules import definitions_problems
from mkdocs_debate.checker.rules.definitions import _accepts_findings
from mkdocs_debate.commands import manifest as url_manifest
from mkdocs_debate.commands.export import verdicts_export
from mkdocs_debate.data.config import settings_from_config
from mkdocs_debate.data.definitions import Criterion, CriterionTest
from mkdocs_debate.data.matrix import Cell, Model
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.schema import findings
from mkdocs_debate.data.site import load_site
from mkdocs_debate.data.yaml_lines import LineDict, load_yaml
from mkdocs_debate.extension import UnsafeMarkupError
from mkdocs_debate.verdicts import (
    CANNOT_TELL,
    FAILS,
    MEETS,
    all_verdicts,
    definition_anchor,
    evidence_anchor,
    has_criteria,
    judge,
    term_verdicts,
    verdict_anchor,
)

SITE = load_site(str(ROOT / "docs"))
TERMS = SITE.term_definitions
TESTABLE_TERMS = [t for t in TERMS if term_verdicts(SITE, t)]
MODELS = [m["id"] for m in SITE.models["models"]]
WORDS = {MEETS: "meets", FAILS: "fails", CANNOT_TELL: "cannot tell"}


def soup(path: pathlib.Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def term_grid_cell(site: pathlib.Path, term: str, model: str, definition: str):
    """The cell of a term page's verdict grid: the row of the model, the column whose heading links the definition."""
    return grid_cell(soup(site / "definitions" / term / "index.html"), term, model, definition)


def answer_cell(site: pathlib.Path, verdict):
    """A verdict's cell on /is-it-open/: the element at its permanent anchor."""
    page = soup(site / "is-it-open" / "index.html")
    return page.find(id=verdict_anchor(verdict.term, verdict.definition_id, verdict.model_id))


def model_page_row(site: pathlib.Path, verdict):
    """A verdict's row on its model's page."""
    page = soup(site / "models" / verdict.model_id / "index.html")
    return page.find("tr", id=f"v-{definition_anchor(verdict.term, verdict.definition_id)}")


def grid_cell(page: BeautifulSoup, term: str, model: str, definition: str):
    """The cell of a verdict grid: the row of the model, the column whose heading links the definition."""
    table = page.find("tr", id=definition_anchor(term, model)).find_parent("table")
    headings = table.find("thead").find_all("th")
    column = next(
        i
        for i, th in enumerate(headings)
        if th.a
        and th.a["href"].endswith("#" + definition_anchor(term, definition))
        or (th.a and th.a["href"] == f"#{definition}")
    )
    return page.find("tr", id=definition_anchor(term, model)).find_all(["th", "td"])[column]


# -- The data ------------------------------------------------------------------


def test_the_data_has_enough_contested_terms():
    assert len(TERMS) >= 8 and all(len(definitions) >= 3 for definitions in TERMS.values())
    assert len(TERMS["open-source-ai"]) >= 7
    assert sum(1 for d in TERMS["open-source-ai"] if has_criteria(d)) >= 4
    assert not list(definitions_problems(SITE))


# -- The glossary --------------------------------------------------------------


def test_every_definition_is_anchored_dated_and_attributed_in_the_glossary(built_site):
    """The glossary index keeps each definition's permanent anchor, which links the whole
    definition (name, who, when) on the term's own page under the same anchor."""
    index = soup(built_site / "glossary" / "index.html")
    for term, definitions in TERMS.items():
        entry = index.find("div", attrs={"data-term": term})
        page = soup(built_site / "glossary" / term / "index.html").find(
            "div", attrs={"data-term": term}
        )
        for definition in definitions:
            anchor = definition_anchor(term, definition.id)
            kept = entry.find(id=anchor)
            assert kept is not None and kept["data-definition"] == definition.id, anchor
            assert kept.a["href"] == f"{term}/#{anchor}"
            block = page.find(id=anchor)
            assert block is not None and block["data-definition"] == definition.id, (
                term,
                definition.id,
            )
            text = block.get_text(" ", strip=True)
            assert definition.name in text and definition.who in text
            assert block.find("time")["datetime"] == definition.when


def test_glossary_compares_testable_definitions_criteria_as_rows(built_site):
    for term in TESTABLE_TERMS:
        page = soup(built_site / "glossary" / term / "index.html")
        table = page.find("div", attrs={"data-term": term}).find(
            "table", class_="definitions-compared"
        )
        columns = [th.a["href"] for th in table.find("thead").find_all("th")[1:]]
        testable_ids = [d.id for d, _verdicts in term_verdicts(SITE, term)]
        assert columns == [f"#{definition_anchor(term, d)}" for d in testable_ids]
        rows = [th.get_text(strip=True) for th in table.find("tbody").find_all("th", scope="row")]
        fields = {c.field for d in TERMS[term] for c in d.criteria}
        assert rows[:-1] == [FIELD_LABELS[f] for f in FIELD_LABELS if f in fields]
        assert rows[-1] == "Models in our matrix that meet it"


def test_term_pages_and_their_index(built_site):
    index = soup(built_site / "definitions" / "index.html")
    for term, definitions in TERMS.items():
        assert index.find("a", href=f"{term}/"), term
        page = soup(built_site / "definitions" / term / "index.html")
        for definition in definitions:
            heading = page.find(id=definition.id)
            assert heading is not None and heading.name == "h3", (term, definition.id)
            assert heading.find_next(
                "a", href=f"../../glossary/#{definition_anchor(term, definition.id)}"
            )
        assert bool(page.find("table", class_="verdicts")) == (term in TESTABLE_TERMS)


# -- The verdict grid ------------------------------------------------------------


def test_is_it_open_has_every_model_under_every_testable_definition(built_site):
    page = soup(built_site / "is-it-open" / "index.html")
    verdicts = all_verdicts(SITE)
    assert len(verdicts) == len(MODELS) * sum(len(term_verdicts(SITE, t)) for t in TESTABLE_TERMS)
    assert len(page.select("table.answer td.v")) == len(verdicts)
    first, *more = page.select("table.answer")
    headings = [th.a["href"].split("/")[-1] for th in first.select("th.answer-def")]
    assert headings == [f"#{d.id}" for t in TESTABLE_TERMS for d, _v in term_verdicts(SITE, t)]
    # the later rows wait in a closed <details>, under the same headings (without ids: no duplicate)
    assert len(first.select("tbody tr")) == min(len(MODELS), GRID_FIRST_ROWS)
    for table in more:
        assert table.find_parent("details", class_="answer-more") is not None
        assert [th.a["href"].split("/")[-1] for th in table.select("th.answer-def")] == headings
        assert not table.thead.select("[id]")
    for verdict in verdicts:
        cell = page.find(id=verdict_anchor(verdict.term, verdict.definition_id, verdict.model_id))
        assert cell.name == "td" and f"v--{verdict.outcome}" in cell["class"], verdict
        link = cell.a
        assert link["aria-label"].startswith(WORDS[verdict.outcome])
        assert (
            link["href"]
            == f"../models/{verdict.model_id}/#v-{definition_anchor(verdict.term, verdict.definition_id)}"
        )
        assert all(
            f"{FIELD_LABELS[c.field].lower()} {shown(c.value)}" in link["data-tip"]
            for c in verdict.deciding
        )
        assert not link.get("title")  # Material would make each title a script-driven tooltip
        # the cell sits in its definition's column
        row = cell.find_parent("tr").find_all("td")
        assert headings[row.index(cell)] == f"#{verdict.definition_id}"
    assert {v.outcome for v in verdicts} >= {MEETS, FAILS}


def test_is_it_open_headline_counts_every_definition(built_site):
    page = soup(built_site / "is-it-open" / "index.html")
    lines = page.select(".answer-headline li")
    expected = [
        (d.short, sum(1 for v in vs if v.outcome == MEETS), len(vs))
        for t in TESTABLE_TERMS
        for d, vs in term_verdicts(SITE, t)
    ]
    assert [
        (
            li.find(class_="answer-line__name").get_text(strip=True),
            li.find(class_="answer-line__count").get_text(" ", strip=True).split(";")[0],
        )
        for li in lines
    ] == [(short, f"{met} of {total} meet") for short, met, total in expected]
    totals = [td.get_text() for td in page.select("table.answer .answer-totals td")]
    assert totals == [str(met) for _s, met, _t in expected]


def test_the_older_verdict_anchors_still_serve(built_site):
    page = soup(built_site / "is-it-open" / "index.html")
    for term in TESTABLE_TERMS:
        assert page.find(id=term) is not None
        for model in MODELS:
            target = page.find(id=definition_anchor(term, model))
            assert target is not None and target.name == "a", (term, model)
            first = term_verdicts(SITE, term)[0][0].id
            assert target.parent["id"] == verdict_anchor(term, first, model)


def test_model_pages_state_every_verdict_with_its_evidence_and_what_would_flip_it(built_site):
    for verdict in all_verdicts(SITE):
        row = model_page_row(built_site, verdict)
        assert row is not None and f"v--{verdict.outcome}" in row["class"], verdict
        assert WORDS[verdict.outcome] in row.find(class_="v-word").get_text()
        assert row.find(
            "a",
            href=f"../../is-it-open/#{verdict_anchor(verdict.term, verdict.definition_id, verdict.model_id)}",
        )
        evidence = [
            a["href"]
            for a in row.find_all(
                "a", href=lambda h: h and h.startswith("#cell-") or h == "#licence"
            )
        ]
        assert evidence == [f"#{evidence_anchor(c.field)}" for c in verdict.deciding]
        flips = row.find_all("td")[-1].get_text(" ", strip=True)
        if verdict.outcome == MEETS:
            assert flips == "—" and not verdict.to_flip
        else:
            assert verdict.to_flip and all(f"→ {shown(f.after)}" in flips for f in verdict.to_flip)


def test_to_flip_is_the_least_change_that_meets():
    """Applying to_flip to a model makes it meet; no flip can be left out."""
    checked = 0
    for verdict in all_verdicts(SITE):
        if verdict.outcome == MEETS:
            continue
        flips = verdict.to_flip
        model = verdict.model
        for flip in flips:
            model = model.with_value(flip.field, flip.after)
        assert judge(verdict.term, verdict.definition, model).outcome == MEETS, verdict
        for left_out in flips:
            partial = verdict.model
            for flip in flips:
                if flip is not left_out:
                    partial = partial.with_value(flip.field, flip.after)
            assert judge(verdict.term, verdict.definition, partial).outcome != MEETS
        checked += 1
    assert checked > 100


# -- Verdicts follow the matrix ------------------------------------------------


def _pick_meeting(exclude: set[str]):
    """A verdict 'meets' for a model not in exclude (OLMo under OSAID 1.0 while it meets)."""
    meets = [v for v in all_verdicts(SITE) if v.outcome == MEETS and v.model_id not in exclude]
    return next(
        (v for v in meets if (v.model_id, v.definition_id) == ("olmo", "osaid-1-0")), meets[0]
    )


def shown(value) -> str:
    """A cell value as the grid names it."""
    return "yes" if value is True else "no" if value is False else str(value)


@pytest.fixture(scope="module")
def altered(tmp_path_factory):
    """A copy of the site with one cell failing, one cell unknown and two published verdicts added."""
    root = copy_site(tmp_path_factory.mktemp("verdicts") / "repo")
    failing = _pick_meeting(set())
    unknown = _pick_meeting({failing.model_id})
    opposite = next(
        v
        for v in all_verdicts(SITE)
        if v.authority is None
        and v.outcome == FAILS
        and v.model_id not in {failing.model_id, unknown.model_id}
    )
    agreeing = next(
        v
        for v in all_verdicts(SITE)
        if v.authority is None
        and v.outcome == FAILS
        and v.model_id not in {failing.model_id, unknown.model_id, opposite.model_id}
        and (v.term, v.definition_id) != (opposite.term, opposite.definition_id)
    )
    broken, blank = (
        failing.checks[0],
        next(c for c in unknown.checks if c.field.startswith("openness.")),
    )
    models_file = root / "docs" / "_data" / "models.yml"
    models = yaml.safe_load(models_file.read_text(encoding="utf-8"))
    for model in models["models"]:
        if model["id"] == failing.model_id:
            new = next(
                v
                for v in ("closed", "partial", "open", False, True)
                if v not in broken.criterion.passing and type(v) is type(broken.value)
            )
            _set(model, broken.field, new)
        if model["id"] == unknown.model_id:
            _set(model, blank.field, "unknown")
    models_file.write_text(
        yaml.safe_dump(models, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    definitions_file = root / "docs" / "_data" / "definitions.yml"
    definitions = yaml.safe_load(definitions_file.read_text(encoding="utf-8"))
    for verdict, said in ((opposite, MEETS), (agreeing, FAILS)):
        entry = next(t for t in definitions["terms"] if t["term"] == verdict.term)
        definition = next(d for d in entry["definitions"] if d["id"] == verdict.definition_id)
        definition.setdefault("published_verdicts", []).append(
            {
                "model": verdict.model_id,
                "verdict": said,
                "source": f"https://example.org/{verdict.model_id}",
            }
        )
    definitions_file.write_text(
        yaml.safe_dump(definitions, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return {
        "root": root,
        "page": soup(root / "site" / "is-it-open" / "index.html"),
        "failing": failing,
        "broken": broken,
        "unknown": unknown,
        "blank": blank,
        "opposite": opposite,
        "agreeing": agreeing,
    }


def _set(model: dict, field: str, value) -> None:
    node = model
    for part in field.split("."):
        node = node[part]
    node["value"] = value


def test_one_matrix_cell_changes_the_verdict_and_names_the_criterion(built_site, altered):
    verdict, criterion = altered["failing"], altered["broken"]
    before = term_grid_cell(built_site, verdict.term, verdict.model_id, verdict.definition_id)
    assert "meets" in before.get_text() and not before.select(".verdict__why a")
    assert "v--meets" in answer_cell(built_site, verdict)["class"]
    after = term_grid_cell(
        altered["root"] / "site", verdict.term, verdict.model_id, verdict.definition_id
    )
    assert after.find(class_="verdict__word").get_text(" ", strip=True) == "✘ fails"
    named = after.select(".verdict__why a")
    assert [a.get_text().split(":")[0] for a in named] == [FIELD_LABELS[criterion.field]]
    assert (
        named[0]["href"] == f"../../models/{verdict.model_id}/#{evidence_anchor(criterion.field)}"
    )
    cell = answer_cell(altered["root"] / "site", verdict)
    assert (
        "v--fails" in cell["class"] and FIELD_LABELS[criterion.field].lower() in cell.a["data-tip"]
    )
    row = model_page_row(altered["root"] / "site", verdict)
    assert row.find("a", href=f"#{evidence_anchor(criterion.field)}")
    assert f"{FIELD_LABELS[criterion.field]} → " in row.find_all("td")[-1].get_text()
    exported = verdicts_export(
        load_site(str(altered["root"] / "docs")), settings_from_config(str(ROOT / "mkdocs.yml"))
    )
    item = next(
        v
        for v in exported["verdicts"]
        if (v["term"], v["definition"], v["model"])
        == (verdict.term, verdict.definition_id, verdict.model_id)
    )
    assert item["verdict"] == FAILS and item["failing"] == [criterion.criterion_id]


def test_an_unknown_cell_makes_the_verdict_cannot_tell(altered):
    verdict, criterion = altered["unknown"], altered["blank"]
    cell = term_grid_cell(
        altered["root"] / "site", verdict.term, verdict.model_id, verdict.definition_id
    )
    assert cell.find(class_="verdict__word").get_text(" ", strip=True) == "? cannot tell"
    assert "v--cannot-tell" in answer_cell(altered["root"] / "site", verdict)["class"]
    assert f"{FIELD_LABELS[criterion.field]}: unknown" in [
        a.get_text() for a in cell.select(".verdict__why a")
    ]


def test_published_verdicts_stand_beside_ours_and_disagreements_are_flagged(altered):
    for key, flagged in (("opposite", True), ("agreeing", False)):
        verdict = altered[key]
        cell = term_grid_cell(
            altered["root"] / "site", verdict.term, verdict.model_id, verdict.definition_id
        )
        assert (
            "v--disagrees" in answer_cell(altered["root"] / "site", verdict)["class"]
        ) is flagged
        published = cell.select_one(".verdict__authority a")
        assert published["href"] == f"https://example.org/{verdict.model_id}"
        assert published.get_text() == f"published: {MEETS if flagged else FAILS}"
        assert "✘ fails" in cell.get_text()
        assert ("verdict--disagrees" in cell["class"]) is flagged
        assert (cell.find(class_="verdict__flag") is not None) is flagged
    term_page = soup(
        altered["root"] / "site" / "definitions" / altered["opposite"].term / "index.html"
    )
    listed = term_page.find(id=altered["opposite"].definition_id).find_next(
        "div", class_="definition"
    )
    assert (
        "we disagree"
        in listed.find(
            "a", href=f"https://example.org/{altered['opposite'].model_id}"
        ).parent.get_text()
    )


def test_real_published_verdicts_are_shown(built_site):
    published = [v for v in all_verdicts(SITE) if v.authority is not None]
    assert len(published) >= 5
    for verdict in published:
        assert ("v--disagrees" in answer_cell(built_site, verdict)["class"]) is verdict.disagrees
        row = model_page_row(built_site, verdict)
        assert (
            row.find("a", href=verdict.authority.source).get_text()
            == f"Published: {verdict.authority.verdict}"
        )
        cell = term_grid_cell(built_site, verdict.term, verdict.model_id, verdict.definition_id)
        link = cell.select_one(".verdict__authority a")
        assert (
            link["href"] == verdict.authority.source
            and verdict.authority.verdict in link.get_text()
        )
        assert ("verdict--disagrees" in cell["class"]) is verdict.disagrees


# -- Exports and stubs ---------------------------------------------------------


def test_exports_carry_the_pages_keys(built_site):
    definitions = json.loads((built_site / "definitions.json").read_text(encoding="utf-8"))
    assert [t["term"] for t in definitions["terms"]] == list(TERMS)
    for term in definitions["terms"]:
        for definition in term["definitions"]:
            assert definition["url"].endswith(
                f"/glossary/#{definition_anchor(term['term'], definition['id'])}"
            )
            assert definition["page_url"].endswith(
                f"/definitions/{term['term']}/#{definition['id']}"
            )
    verdicts = json.loads((built_site / "verdicts.json").read_text(encoding="utf-8"))
    assert len(verdicts["verdicts"]) == len(all_verdicts(SITE))
    for item, verdict in zip(verdicts["verdicts"], all_verdicts(SITE), strict=True):
        assert (item["term"], item["definition"], item["model"], item["verdict"]) == (
            verdict.term,
            verdict.definition_id,
            verdict.model_id,
            verdict.outcome,
        )
        assert item["url"].endswith(
            f"/is-it-open/#{verdict_anchor(verdict.term, verdict.definition_id, verdict.model_id)}"
        )
        assert item["to_flip"] == [flip.as_dict() for flip in verdict.to_flip]
        assert item["disagrees"] is verdict.disagrees


def test_stale_term_stub_and_exports_are_detected(tmp_path):
    site = copy_site(tmp_path / "repo")
    stub = site / "docs" / "definitions" / "open-source-ai.md"
    stub.write_text(
        stub.read_text(encoding="utf-8").replace("# ", "# Edited ", 1), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_debate.commands.export", "--check"],
        cwd=site,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "docs/definitions/open-source-ai.md" in result.stdout
    data = site / "docs" / "_data" / "definitions.yml"
    data.write_text(
        data.read_text(encoding="utf-8").replace('when: "2024-10-28"', 'when: "2024-10-29"', 1),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_debate.commands.export", "--check"],
        cwd=site,
        capture_output=True,
        text=True,
    )
    assert "docs/definitions.json" in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_debate.commands.export"],
        cwd=site,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "# Open source AI: competing definitions" in stub.read_text(
        encoding="utf-8"
    )


def test_every_definition_anchor_is_in_the_url_manifest(built_site):
    recorded = url_manifest.normalise(url_manifest.read_manifest(ROOT / url_manifest.MANIFEST))
    published = url_manifest.published(built_site)
    expected = {"is-it-open/", "definitions/"}
    for term, definitions in TERMS.items():
        expected.add(f"definitions/{term}/")
        expected |= {f"glossary/#{definition_anchor(term, d.id)}" for d in definitions}
        expected |= {f"definitions/{term}/#{d.id}" for d in definitions}
    for term in TESTABLE_TERMS:
        expected |= {f"is-it-open/#{term}"} | {
            f"is-it-open/#{definition_anchor(term, m)}" for m in MODELS
        }
    assert expected <= published, sorted(expected - published)[:10]
    assert expected <= recorded, sorted(expected - recorded)[:10]


# -- References ----------------------------------------------------------------


def test_definition_reference_links_its_anchor():
    definition = TERMS["open-source-ai"][0]
    html = test_tools.render(
        f"See [[term:open-source-ai#{definition.id}]] and "
        f"[[term:open-source-ai#{definition.id}|the first]].",
        ROOT / "docs",
        "essays/x.md",
    )
    page = BeautifulSoup(html, "html.parser")
    links = page.select("a[data-definition]")
    assert [a["href"] for a in links] == [
        f"../glossary.md#{definition_anchor('open-source-ai', definition.id)}"
    ] * 2
    assert [a.get_text() for a in links] == [definition.name, "the first"]


def test_unknown_definition_is_an_error_with_its_line():
    with pytest.raises(
        UnsafeMarkupError,  # collected with the page's other bad references, as an unknown term is
        match=r"^essays/x\.md:4: unknown definition 'nope' of 'open-source-ai'",
    ):
        test_tools.render(
            "One.\n\nTwo\n[[term:open-source-ai#nope]].", ROOT / "docs", "essays/x.md"
        )
    body = (
        "Text.\n\nSee [[term:open-source-ai#nope]] and [[claim:weights-are-compiled-binary#x]].\n"
    )
    page = Page("essays/x.md", "docs/essays/x.md", LineDict(), body, 5)
    findings = [
        f for f in page_findings(SITE, page) if "definition" in f.message or "'#'" in f.message
    ]
    known = ", ".join(d.id for d in TERMS["open-source-ai"])
    assert findings == [
        (7, "a claim reference takes no '#': [[claim:weights-are-compiled-binary#x]]"),
        (
            7,
            f"unknown definition 'nope' of 'open-source-ai' in [[term:open-source-ai#nope]]; known: {known} "
            "(docs/_data/definitions.yml)",
        ),
    ]


# -- The checker ---------------------------------------------------------------

BROKEN = """\
terms:
  - term: no-such-term
    definitions:
      - id: Bad_Id
        name: "A <b>bold</b> name"
        who: "Someone"
        when: "28 Oct 2024"
        kind: rumour
        summary: "Fine."
        source: {title: "T", url: "http://example.org"}
        criteria:
          - id: c
            text: "Weights"
            test: {field: openness.vibes, in: [open]}
          - id: c
            text: "Licence"
            test: {field: osi_approved, in: [open]}
          - id: d
            text: "Data"
            test: {field: openness.training_data, in: [unknown]}
        published_verdicts:
          - {model: no-such-model, verdict: maybe, source: "http://example.org"}
      - id: Bad_Id
        name: "Second"
        who: "Someone"
        when: "2024"
        kind: law
        summary: "Fine."
        source: {title: "T", url: "https://example.org", page: 3}
        criteria: []
        short: "A name far too long for any column heading"
"""


def test_broken_definitions_are_reported_with_their_lines(tmp_path):
    site = copy_site(tmp_path / "repo")
    (site / "docs" / "_data" / "definitions.yml").write_text(BROKEN, encoding="utf-8")
    problems = [
        (p.path, p.line, p.message) for p in definitions_problems(load_site(str(site / "docs")))
    ]
    path = "docs/_data/definitions.yml"
    kinds = (
        "company-usage, framework, index, intergovernmental, law, proposal, seed-usage, standard"
    )
    fields = (
        "openness.weights, openness.use_restrictions, openness.training_code, openness.training_data, "
        "openness.data_documentation, openness.technical_report, osi_approved"
    )
    assert [(line, message) for p, line, message in problems if p == path] == [
        (2, "term must be a glossary id (docs/_data/glossary.yml): 'no-such-term'"),
        (4, "definition id must be kebab-case: 'Bad_Id'"),
        (5, "name of 'Bad_Id' must be plain text (no <, >, [ or ]): 'A <b>bold</b> name'"),
        (7, 'when must be a quoted "YYYY", "YYYY-MM" or "YYYY-MM-DD": \'28 Oct 2024\''),
        (8, f"kind must be one of {kinds}: 'rumour'"),
        (10, "url of source of 'Bad_Id' must start with https://: 'http://example.org'"),
        (14, f"field of test of criterion 'c' must be one of {fields}: 'openness.vibes'"),
        (
            22,
            "published verdict of 'Bad_Id' names unknown model 'no-such-model' (docs/_data/models.yml)",
        ),
        (22, "published verdict of 'Bad_Id' must be one of fails, meets: 'maybe'"),
        (
            22,
            "source of published verdict of 'Bad_Id' must start with https://: 'http://example.org'",
        ),
        (
            4,
            "definition 'Bad_Id' has criteria, so it needs a short name (short: at most 24 characters, "
            "the grid's column heading)",
        ),
        (15, "duplicate criterion id 'c' in definition 'Bad_Id'"),
        (17, "'open' cannot pass a test of osi_approved; allowed: false, true"),
        (
            20,
            "'unknown' cannot pass a test of openness.training_data; allowed: closed, open, partial",
        ),
        (23, "duplicate definition id 'Bad_Id' in term 'no-such-term'"),
        (23, "definition id must be kebab-case: 'Bad_Id'"),
        (
            31,
            "short of 'Bad_Id' must be plain text of at most 24 characters: "
            "'A name far too long for any column heading'",
        ),
        (
            29,
            "source of 'Bad_Id' has an unknown key 'page' (known: title, section, url); "
            "a comma inside an unquoted {…} value ends the value: put the value in quotes",
        ),
    ]
    # every term page left without a term is reported on its own file
    stubs = sorted(p for p, _line, _message in problems if p != path)
    assert stubs == sorted(f"docs/definitions/{term}.md" for term in TERMS)


# -- Reading the definitions (issue 25) -------------------------------------------


def test_criteria_are_shown_in_words_not_ids(built_site):
    """A term page lists each criterion by its text; an id such as 'parameters-available' is never its label."""
    for term in TESTABLE_TERMS:
        page = soup(built_site / "definitions" / term / "index.html")
        for definition in TERMS[term]:
            items = [
                li.get_text(" ", strip=True)
                for li in page.select(f"div.definition[data-definition='{definition.id}'] li")
            ]
            for criterion in definition.criteria:
                assert any(item.startswith(criterion.text) for item in items), (
                    term,
                    criterion.id,
                    items,
                )
                assert not any(item.startswith(criterion.id) for item in items), (
                    term,
                    criterion.id,
                )


def test_comparison_with_many_definitions_carries_a_scroll_cue(built_site):
    pages = {
        term: soup(built_site / "definitions" / term / "index.html") for term in TESTABLE_TERMS
    }
    for term, page in pages.items():
        table = page.find("table", class_="definitions-compared")
        columns = len(table.find("thead").find_all("th")) - 1
        cue = table.find_parent("div").find(class_="scroll-cue")
        assert (cue is not None) == (columns > 2), term
        if cue is not None:
            assert cue.get_text().startswith(f"{columns} definitions side by side")


def test_no_power_is_written_with_a_caret(site_pages):
    """'10^25' reads as a caret on the page: powers are written with superscript digits."""
    found = {
        path: re.findall(r"\d\^-?\d+", BeautifulSoup(html, "html.parser").get_text())
        for path, html in site_pages.items()
        if path.endswith(".html")
    }
    assert not {path: powers for path, powers in found.items() if powers}
    assert "10²⁵" in site_pages["definitions/open-source-ai/index.html"]


def test_a_caret_power_in_the_data_is_a_checker_error(tmp_path):
    site = copy_site(tmp_path / "repo")
    data = site / "docs" / "_data" / "definitions.yml"
    text = data.read_text(encoding="utf-8")
    assert "10²⁵ FLOP" in text
    data.write_text(text.replace("10²⁵ FLOP", "10^25 FLOP"), encoding="utf-8")
    line = text[: text.index("10²⁵ FLOP")].count("\n") + 1
    problems = [(p.line, p.message) for p in definitions_problems(load_site(str(site / "docs")))]
    assert problems == [
        (
            line,
            "summary of 'eu-ai-act-gpai-exemption' writes a power with a caret: 10^25 (write 10²⁵)",
        )
    ]


def test_the_grid_stays_light_and_each_verdict_links_back_from_its_account(built_site):
    """No self-link is added to the thousand cells; the model page's row links the cell instead."""
    page = soup(built_site / "is-it-open" / "index.html")
    assert not page.select("table.answer .permalink")
    assert all(len(td.find_all("a")) == 1 for td in page.select("table.answer td.v"))
    verdict = all_verdicts(SITE)[0]
    row = model_page_row(built_site, verdict)
    assert row.find(
        "a",
        href=f"../../is-it-open/#{verdict_anchor(verdict.term, verdict.definition_id, verdict.model_id)}",
    )
    assert row.find(
        "a", class_="permalink", href=f"#v-{definition_anchor(verdict.term, verdict.definition_id)}"
    )


# -----------------------------------------------------------------------------
# Conditions, not grades (issue 24): why weights are short of open, and what each definition accepts
# -----------------------------------------------------------------------------


def _weights_model(value: str, conditions: tuple[str, ...] = (), gated: bool = False):
    cell = Cell("weights", value=value, declared_conditions=conditions, gated=gated)
    return Model(id="m", name="M", cells=types.MappingProxyType({"weights": cell}))


@pytest.mark.parametrize(
    ("value", "conditions", "gated", "result"),
    [
        ("open", (), False, "pass"),
        ("partial", (), True, "pass"),  # gated: true counts as the condition "gated"
        ("partial", ("no-base-checkpoint",), False, "pass"),
        ("partial", ("gated", "no-base-checkpoint"), False, "pass"),
        ("partial", ("sizes-withheld",), False, "fail"),  # a condition the words do not allow
        ("partial", ("gated", "sizes-withheld"), False, "fail"),
        ("closed", (), False, "fail"),
        ("unknown", (), False, "unknown"),
    ],
)
def test_a_criterion_passes_partial_weights_only_for_the_conditions_it_accepts(
    value, conditions, gated, result
):
    criterion = Criterion(
        "weights",
        test=CriterionTest("openness.weights", ("open",)),
        accepts=("gated", "no-base-checkpoint"),
        accepts_why="Weights available.",
    )
    assert verdicts.check(_weights_model(value, conditions, gated), criterion).result == result
    strict = Criterion("weights", test=CriterionTest("openness.weights", ("open",)))
    expected = "pass" if value == "open" else "unknown" if value == "unknown" else "fail"
    assert verdicts.check(_weights_model(value, conditions, gated), strict).result == expected


def test_no_gated_model_fails_a_definition_that_asks_only_for_available_weights():
    """G7 'Weights Available AI' was written for releases like Llama's; NTIA's category turns on
    availability. A gated download passes both; Qwen3 and gpt-oss follow the no-base rule."""

    site = load_site(str(ROOT / "docs"))
    gated = [m for m in site.matrix if "gated" in m.cell("weights").conditions]
    assert len(gated) >= 8
    for term, definition_id in (
        ("model-available", "g7-weights-available-ai"),
        ("open-weights", "ntia-widely-available-weights"),
    ):
        definition = next(d for d in site.term_definitions[term] if d.id == definition_id)
        for model in gated:
            checks = verdicts.judge(term, definition, model).checks
            weights = [c for c in checks if c.field == "openness.weights"]
            assert [c.result for c in weights] == ["pass"], (definition_id, model.id)
    for model_id in ("qwen3", "gpt-oss", "qwen3-5", "glm-5", "kimi-k2-5"):
        cell = site.models_by_id[model_id].cell("weights")
        assert (cell.value, cell.conditions) == ("partial", frozenset({"no-base-checkpoint"}))


def test_accepts_is_checked_with_its_line(tmp_path):
    data = (
        "terms:\n"
        "  - term: t\n"
        "    definitions:\n"
        "      - id: d\n"
        "        criteria:\n"
        "          - id: c\n"
        "            text: Weights\n"
        "            test: {field: openness.training_code, in: [open]}\n"
        "            accepts: [paywalled]\n"
    )
    criterion = load_yaml(data, "x")["terms"][0]["definitions"][0]["criteria"][0]
    declared = list(findings(Criterion, criterion, "criterion 'c'"))  # data.definitions.Criterion
    assert sorted(declared + list(_accepts_findings(criterion, "c"))) == [
        (9, "accepts of criterion 'c' applies to a test of openness.weights only"),
        (
            9,
            "accepts of criterion 'c' must list weights conditions (gated, no-base-checkpoint, "
            "sizes-withheld, on-request): ['paywalled']",
        ),
        (
            9,
            "criterion 'c' accepts conditions and needs 'accepts_why': the definition's words that allow them",
        ),
    ]
