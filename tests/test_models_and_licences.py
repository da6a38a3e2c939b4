"""Model pages, licence pages, the Llama comparison, the exports and the checker rules behind them.

The rules are tested like the page rules: one deliberately broken data file
(tests/fixtures/content/bad-data/) against the exact list of (line, message)
pairs. Pages are tested on the real build (the shared ``built_site``) and, for
what the real data may not have yet (an EU index disagreement), rendered from
the content fixture.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import pathlib
import shutil
import subprocess
import sys

import jsonschema
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, copy_site

from mkdocs_debate.blocks.licences import clause_label, compare_cells, family_keys
from mkdocs_debate.blocks.models import DIMENSION_LABELS
from mkdocs_debate.checker import all_problems
from mkdocs_debate.checker.rules import cell_findings, licences_problems, models_problems
from mkdocs_debate.data.licences import CONFLICTS, clause_lines_url, family_versions
from mkdocs_debate.data.schema import build, findings, spec
from mkdocs_debate.data.site import DIMENSIONS, iso_date, load_site
from mkdocs_debate.data.yaml_lines import load_yaml
from mkdocs_debate.test_tools import render
from mkdocs_debate.urls import published

FIXTURES = ROOT / "tests" / "fixtures" / "content"
GOOD_DOCS = FIXTURES / "docs"
SITE = load_site(str(ROOT / "docs"))
MODELS = SITE.models["models"]
RUBRIC = (
    "weights, use_restrictions, training_code, training_data, data_documentation, technical_report"
)
CONFLICT_IDS = ", ".join(CONFLICTS)


def soup(built_site: pathlib.Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser")


# -----------------------------------------------------------------------------
# Checker: the new fields of models.yml and licences.yml
# -----------------------------------------------------------------------------

BAD_MODELS = [
    (3, "the rubric is missing dimension 'technical_report'"),
    (5, "the rubric for 'training_code' needs the rule for 'partial'"),
    (8, f"unknown dimension 'vibes' in the rubric; known: {RUBRIC}"),
    (10, "model 'broken' is missing 'version'"),
    (12, "name 'Copyleft' of model 'broken' is already used by glossary term 'copyleft'"),
    (12, "name 'Broken <b>7B</b>' of model 'broken' must be plain text (no <, >, [ or ])"),
    (15, "licence_page of 'broken' is not a licence of docs/_data/licences.yml: 'no-such-licence'"),
    (
        16,
        "osi_approved of 'broken' must cite OSI's licence list (https://opensource.org/licenses "
        "or https://opensource.org/license/<id>): 'https://example.org/model-card'",
    ),
    (17, "checked of 'broken' must be its latest cell checked date (2999-12-31): 2024-01-01"),
    (19, "a history item of 'broken' is missing 'note'"),
    (20, "date of a history item of 'broken' must not be in the future: 2999-01-01"),
    (
        22,
        "broken.weights is gated (behind an approval or licence-acceptance step), so it cannot be 'open': "
        "use 'partial'",
    ),
    (
        23,
        "broken.use_restrictions has both 'checked' and 'basis': keep 'checked' if its evidence was read that day",
    ),
    (24, "checked of broken.training_code must not be in the future: 2999-12-31"),
    (24, "gated applies to weights only, not to broken.training_code"),
    (
        25,
        "broken.training_data needs 'checked' (the ISO date its evidence was read) or 'basis: research-notes'",
    ),
    (26, "basis of broken.data_documentation must be 'research-notes': 'memory'"),
    (
        27,
        "broken.technical_report is 'unknown' and needs a note saying what was looked for and not found",
    ),
    (29, "url of eu_index of 'broken' must start with https://: 'http://example.org/index.yaml'"),
    (32, "an eu_index disagreement of 'broken' is missing 'our_reason'"),
    (
        32,
        "index_value of an eu_index disagreement of 'broken' must be one of closed, open, partial, unknown: 'great'",
    ),
    (32, f"dimension of an eu_index disagreement of 'broken' must be one of {RUBRIC}: 'vibes'"),
    (34, "name 'Other Model' of model 'other' is already used by model 'broken'"),
    (
        36,
        "organisation of 'other' is spelled 'EXAMPLE labs' but 'Example Labs' elsewhere: "
        "write it one way (the matrix's filter lists every spelling)",
    ),
    (
        38,
        "licence of 'other' has an unknown key 'with an addendum' (known: value, source, spdx, licence_page); "
        "a comma inside an unquoted {…} value ends the value: put the value in quotes",
    ),
    (40, "checked of 'other' must be omitted: none of its cells has a checked date"),
    (
        45,
        "other.use_restrictions has an unknown key 'mostly.' (known: value, note, source, checked, basis, "
        "gated, dataset, conditions); a comma inside an unquoted {…} value ends the value: put the value in quotes",
    ),
    (
        22,
        "conditions of broken.weights must be a list of words from: gated, no-base-checkpoint, "
        "sizes-withheld, on-request; not ['paywalled']",
    ),
    (
        44,
        "other.weights names conditions that keep weights short of open (no-base-checkpoint), "
        "so it cannot be 'open': use 'partial'",
    ),
    (46, "sizes-withheld applies to weights only, not to other.training_code"),
    (
        51,
        "announced of pending model 'Future Model' must be a date (YYYY-MM-DD, YYYY-MM or YYYY): "
        "'2026-13'",
    ),
    (
        51,
        "source of pending model 'Future Model' must start with https://: 'http://example.org/news'",
    ),
    (52, "pending model 'Quiet Model' is missing 'reason'"),
    (52, "pending model 'Quiet Model' is missing 'source'"),
    (53, "pending model 'Other Model' is rated (model 'other'): take it out of pending"),
]

BAD_LICENCES = [
    (6, "date of licence 'first' must be an ISO date (YYYY-MM-DD): '2023-13-01'"),
    (9, "commit of upstream of licence 'first' must be 40 hex digits or null: 'abc123'"),
    (9, "read of upstream of licence 'first' must not be in the future: 2999-01-01"),
    (
        9,
        "url of upstream of licence 'first' must start with https://: 'http://example.org/LICENSE'",
    ),
    (11, "changed of clause 'grant' of licence 'first' must be true or false: 'no'"),
    (
        11,
        "lines of clause 'grant' of licence 'first' must be [first, last] (1 <= first <= last) or null: [6, 3]",
    ),
    (12, "duplicate clause 'grant' in licence 'first'"),
    (12, "duplicate clause key 'grant' in licence 'first'"),
    (13, "clause 'Caps' of licence 'first' is changed and needs a change_note saying what changed"),
    (13, "clause 'Caps' of licence 'first' is missing 'summary'"),
    (13, "clause id of licence 'first' must be kebab-case: 'Caps'"),
    (
        14,
        f"the conflict of clause 'Caps' of licence 'first' with 'osd-11' names no criterion; known: {CONFLICT_IDS}",
    ),
    (14, "the conflict of clause 'Caps' of licence 'first' with 'osd-5' needs a 'why'"),
    (20, "previous of licence 'second' is 'first', of family 'example', not 'other'"),
    (29, "previous of licence 'third' is not a licence: 'no-such-licence'"),
    (31, "clauses of licence 'third' must be a non-empty list"),
    (32, "licence 'example-compare' is missing 'name'"),
    (32, "licence id 'example-compare' is taken by a generated page (index, <family>-compare)"),
    (40, "duplicate licence 'second'"),
]


def broken_site():
    """The good fixture site with the broken data files in place of its own."""
    site = load_site(str(GOOD_DOCS))
    bad = FIXTURES / "bad-data"
    return dataclasses.replace(
        site,
        models=load_yaml((bad / "models.yml").read_text(encoding="utf-8"), "docs/_data/models.yml"),
        licences_data=load_yaml(
            (bad / "licences.yml").read_text(encoding="utf-8"), "docs/_data/licences.yml"
        ),
    )


def test_broken_models_file_has_exactly_its_problems():
    problems = list(models_problems(broken_site()))
    assert {p.path for p in problems} == {"docs/_data/models.yml"}
    assert sorted((p.line, p.message) for p in problems) == sorted(BAD_MODELS)


def test_broken_licences_file_has_exactly_its_problems():
    problems = list(licences_problems(broken_site()))
    assert {p.path for p in problems} == {"docs/_data/licences.yml"}
    assert sorted((p.line, p.message) for p in problems) == sorted(BAD_LICENCES)


def test_good_fixture_and_real_data_pass():
    assert all_problems(load_site(str(GOOD_DOCS))) == []
    assert list(models_problems(SITE)) + list(licences_problems(SITE)) == []


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (
            "{value: open, gated: true, note: n, source: https://e.org, basis: research-notes}",
            "m.weights is gated (behind an approval or licence-acceptance step), so it cannot be 'open': use 'partial'",
        ),
        (
            "{value: partial, gated: true, note: n, source: https://e.org, basis: research-notes}",
            None,
        ),
        (
            "{value: unknown, note: '  ', basis: research-notes}",
            "m.weights is 'unknown' and needs a note saying what was looked for and not found",
        ),
        ("{value: unknown, note: Looked for a card; none., basis: research-notes}", None),
        (
            "{value: open, note: n, source: https://e.org, checked: 2024-02-30}",
            "checked of m.weights must be an ISO date (YYYY-MM-DD): '2024-02-30'",
        ),
        ("{value: open, note: n, source: https://e.org, checked: 2024-02-28}", None),
    ],
)
def test_weights_cell_rules(cell, message):
    parsed = load_yaml(f"weights: {cell}", "x")["weights"]
    found = [m for _, m in cell_findings(parsed, "m.weights", "weights")]
    assert found == ([message] if message else [])


@dataclasses.dataclass(frozen=True)
class _Item:
    id: str = dataclasses.field(default="", metadata=spec(required=True))
    text: str = dataclasses.field(
        default="",
        metadata=spec(
            check=lambda v: "" if v.islower() else "{key} of {owner} must be lower case: {value!r}",
            strip=True,
        ),
    )
    line: int = 0


@dataclasses.dataclass(frozen=True)
class _Box:
    items: tuple = dataclasses.field(
        default=(), metadata=spec(kind="list", of=_Item, named_by="id", subject="item {name!r}")
    )
    tags: tuple = dataclasses.field(
        default=(), metadata=spec(kind="choices", choices=("a", "b"), nonempty=True)
    )
    values: tuple = dataclasses.field(default=(), metadata=spec(kind="list"))
    line: int = 0


def test_declared_checks_item_names_and_stripped_text():
    """The options definitions.yml and licences.yml added to a declaration (data/schema.py)."""
    raw = load_yaml(
        "items:\n  - {id: x, text: ' Up '}\n  - {text: ok}\ntags: []\nvalues: [1, true]\n", "x"
    )
    assert list(findings(_Box, raw, "box")) == [
        (2, "text of item 'x' must be lower case: ' Up '"),  # check: a rule of the value's own
        (3, "an item of items of box is missing 'id'"),  # no name: the generic subject
        (4, "tags of box must be a list of words from: a, b; not []"),  # nonempty choices
    ]
    box = build(_Box, raw)
    assert [item.text for item in box.items] == ["Up", "ok"] and box.values == (1, True)


# -----------------------------------------------------------------------------
# Exports and stubs
# -----------------------------------------------------------------------------


def run_export(cwd: pathlib.Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_debate.commands.export", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_exports_and_stubs_are_up_to_date():
    result = run_export(ROOT, "--check")
    assert result.returncode == 0, result.stdout


def test_a_model_without_a_stub_is_stale_and_export_writes_it(tmp_path):
    site = copy_site(tmp_path / "repo")
    stub = site / "docs" / "models" / f"{MODELS[0]['id']}.md"
    stub.unlink()
    result = run_export(site, "--check")
    assert result.returncode == 1 and f"docs/models/{MODELS[0]['id']}.md" in result.stdout
    assert run_export(site).returncode == 0 and stub.exists()
    assert run_export(site, "--check").returncode == 0


def test_a_stub_without_a_model_is_stale_and_export_removes_it(tmp_path):
    site = copy_site(tmp_path / "repo")
    orphan = site / "docs" / "models" / "no-such-model.md"
    orphan.write_text(
        (site / "docs" / "models" / f"{MODELS[0]['id']}.md").read_text(encoding="utf-8")
    )
    licence = site / "docs" / "licences" / "no-such-licence.md"
    licence.write_text("---\ntitle: Gone\ndescription: Gone.\n---\n\n[[generate:licence-page]]\n")
    result = run_export(site, "--check")
    assert result.returncode == 1
    assert "pages without a model or licence" in result.stdout
    assert (
        "docs/models/no-such-model.md" in result.stdout
        and "docs/licences/no-such-licence.md" in result.stdout
    )
    assert run_export(site).returncode == 0 and not orphan.exists() and not licence.exists()


def test_a_renamed_model_makes_its_stub_stale(tmp_path):
    site = copy_site(tmp_path / "repo")
    data = site / "docs" / "_data" / "models.yml"
    text = data.read_text(encoding="utf-8")
    name = next(
        f"name: {n}\n"
        for n in (MODELS[0]["name"], json.dumps(MODELS[0]["name"]))
        if f"name: {n}\n" in text
    )
    data.write_text(text.replace(name, "name: Renamed\n", 1), encoding="utf-8")
    result = run_export(site, "--check")
    assert result.returncode == 1 and f"docs/models/{MODELS[0]['id']}.md" in result.stdout
    assert "docs/models.json" in result.stdout and "docs/models.csv" in result.stdout


def test_every_model_and_licence_has_its_stub():
    docs = ROOT / "docs"
    assert {p.stem for p in (docs / "models").glob("*.md")} == {str(m["id"]) for m in MODELS}
    compare = {
        f"{family}-compare"
        for family in {e.family for e in SITE.licences.values()}
        if len(family_versions(SITE, family)) > 1
    }
    assert {p.stem for p in (docs / "licences").glob("*.md")} == set(SITE.licences) | compare | {
        "index"
    }
    assert "llama-compare" in compare


def test_csv_and_json_carry_version_and_date(built_site):
    export = json.loads((built_site / "models.json").read_text(encoding="utf-8"))
    rows = list(
        csv.DictReader(io.StringIO((built_site / "models.csv").read_text(encoding="utf-8")))
    )
    assert export["version"] and iso_date(export["date"])
    assert (
        [r["id"] for r in rows] == [m["id"] for m in MODELS] == [m["id"] for m in export["models"]]
    )
    for row, model in zip(rows, MODELS):
        assert (row["matrix_version"], row["matrix_date"]) == (export["version"], export["date"])
        assert row["version"] == str(model["version"]) and row["name"] == model["name"]
        for dimension in DIMENSIONS:
            cell = model["openness"][dimension]
            assert row[dimension] == cell["value"]
            assert row[f"{dimension}_checked"] == str(cell.get("checked") or cell.get("basis"))
        assert row["url"].endswith(f"/models/{model['id']}/")
    assert set(export["rubric"]) == set(DIMENSIONS)


# -----------------------------------------------------------------------------
# Model pages
# -----------------------------------------------------------------------------


def test_every_model_has_a_page_with_its_whole_row(built_site):
    for model in MODELS:
        page = soup(built_site, f"models/{model['id']}/index.html")
        article = page.find("article")
        assert article.find("h1").get_text(strip=True) == model["name"]
        cells = article.select("dl.model-cells .model-cell")
        assert [c.find("dt").get_text() for c in cells] == [DIMENSION_LABELS[d] for d in DIMENSIONS]
        for dimension, cell in zip(DIMENSIONS, cells):
            data = model["openness"][dimension]
            assert f"cell--{data['value']}" in cell.select_one(".model-cell__value .cell")["class"]
            assert str(data.get("note", "")).strip() in cell.get_text()
            evidence = cell.select_one(".model-cell__evidence")
            if data.get("source"):
                assert evidence.find("a", string="Evidence")["href"] == data["source"]
            if data.get("checked"):
                assert evidence.find("time")["datetime"] == str(data["checked"])
            else:
                assert "from our research notes" in evidence.get_text()
            assert bool(cell.select_one(".model-badge")) == bool(data.get("gated"))
        history = article.select("ol.model-history li")
        assert len(history) == len(model["history"])
        assert article.find(id="cite-this-page") and article.find(id="eu-index")
        assert article.find("a", href=f"../#{model['id']}"), "link back to the row"


def test_model_page_links_its_bespoke_licence(built_site):
    bespoke = [m for m in MODELS if m["licence"].get("licence_page")]
    assert bespoke
    for model in bespoke:
        section = soup(built_site, f"models/{model['id']}/index.html").find(class_="model-licence")
        assert section.find("a", href=f"../../licences/{model['licence']['licence_page']}/")


def test_row_anchors_still_work_and_names_link_to_pages(built_site):
    table = soup(built_site, "models/index.html").find("table", id="matrix")
    for model in MODELS:
        row = table.find("tr", id=model["id"])
        assert row.find("th").find("a")["href"] == f"{model['id']}/"
        assert (built_site / "models" / model["id"] / "index.html").exists()


def test_rubric_is_on_the_models_page(built_site):
    rubric = soup(built_site, "models/index.html").find("dl", class_="rubric")
    for dimension in DIMENSIONS:
        entry = rubric.find(id=f"rubric-{dimension.replace('_', '-')}")
        for level in ("open", "partial", "closed"):
            assert SITE.models["rubric"][dimension][level].strip() in entry.get_text()


def test_eu_index_cross_check_names_both_reasons():
    html = render("[[generate:model-page]]", GOOD_DOCS, page="models/pythia.md")
    page = BeautifulSoup(html, "html.parser")
    item = page.find(id="eu-index-data-documentation")
    assert item.get_text(" ", strip=True) == (
        "Data documentation (index parameter “Data documentation”): The European Open Source AI Index rates "
        "this open because the Pile is documented in a datasheet; we rate it closed because our rubric asks "
        "for the filtering too."
    )
    assert page.find("a", href="https://doi.org/10.5281/zenodo.15386042")
    assert page.find("a", string="Pythia 6.9B")["href"].startswith(
        "https://github.com/Language-Technology-Assessment/"
    )


def test_cell_read_on_a_date_or_from_research_notes():
    page = BeautifulSoup(
        render("[[generate:model-page]]", GOOD_DOCS, page="models/pythia.md"), "html.parser"
    )
    assert page.find(id="cell-weights").select_one(".model-cell__evidence").get_text(
        " ", strip=True
    ) == ("Evidence · read on 15 January 2024")
    assert page.find(id="cell-training-code").select_one(".model-cell__evidence").get_text(
        " ", strip=True
    ) == ("Evidence · from our research notes, January 2024")


def test_model_page_of_an_unknown_model_fails_naming_the_file():
    with pytest.raises(ValueError, match=r"docs/models/nobody\.md: no model 'nobody'"):
        render("[[generate:model-page]]", GOOD_DOCS, page="models/nobody.md")


def test_data_text_cannot_form_markup(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(GOOD_DOCS, docs)
    data = docs / "_data" / "models.yml"
    data.write_text(
        data.read_text(encoding="utf-8")
        .replace(
            'note: "Fixture note.", source: https://github.com/EleutherAI/pythia, checked: 2024-01-15',
            'note: "<script>alert(1)</script> *bold* [x](javascript:y)", source: https://github.com/EleutherAI/pythia, '
            "checked: 2024-01-15",
        )
        .replace("name: Pythia\n", 'name: "Py*thia* <b>"\n'),
        encoding="utf-8",
    )
    html = render("[[generate:model-page]]", docs, page="models/pythia.md")
    assert "<script>" not in html and "<b>" not in html and "<em>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *bold* [x](javascript:y)" in html


# -----------------------------------------------------------------------------
# Licence pages and the comparison
# -----------------------------------------------------------------------------


def test_every_clause_has_its_anchor_lines_and_conflicts(built_site):
    for licence_id, licence in SITE.licences.items():
        page = soup(built_site, f"licences/{licence_id}/index.html")
        for clause in licence.clauses:
            heading = page.find(id=clause.id)
            assert heading is not None and heading.name == "h3", (licence_id, clause.id)
            body = page.find(attrs={"data-clause": clause.id})
            assert clause.summary in body.get_text()
            if clause.lines:
                a, b = clause.lines
                assert body.find("a", href=f"{licence.upstream.url}#L{a}-L{b}")
            for conflict in clause.conflicts:
                assert CONFLICTS[conflict.with_] in body.get_text()
            if clause.changed:
                assert clause.change_note in body.get_text()


def test_licences_index_lists_every_licence(built_site):
    listing = soup(built_site, "licences/index.html").find(class_="licence-list")
    hrefs = {a["href"] for a in listing.find_all("a")}
    assert {f"{i}/" for i in SITE.licences} | {"llama-compare/"} <= hrefs


def test_llama_comparison_is_one_grid_of_clauses_by_versions(built_site):
    """One table: a row per clause key, labelled with the clause's name (never its key), a column
    per version; every cell that compares a version with the one before keeps its anchor."""
    page = soup(built_site, "licences/llama-compare/index.html")
    versions = family_versions(SITE, "llama")
    assert [v.id for v in versions] == [
        "llama-2",
        "llama-3",
        "llama-3-1",
        "llama-3-2",
        "llama-3-3",
        "llama-4",
    ]
    tables = page.select("article table")
    assert len(tables) == 1 and "licence-compare" in tables[0]["class"]
    table = tables[0]
    assert [th.get("id") for th in table.select("thead th")[1:]] == [v.id for v in versions]
    keys = family_keys(versions)
    assert len(keys) == len({c.key for v in versions for c in v.clauses})
    for mark in table.select(".permalink"):  # each row's # link to itself is no part of its label
        mark.decompose()
    labels = [tr.th.get_text(strip=True) for tr in table.select("tbody tr[id]")]
    assert labels == [clause_label(versions, key) for key in keys]
    assert not [label for label in labels if label in keys], "rows labelled with internal keys"
    assert "Acceptable Use Policy: military, weapons and related uses" in labels
    words = {
        "first": "in the text",
        "added": "added",
        "removed": "removed",
        "reworded": "reworded",
        "unchanged": "unchanged",
    }
    for key in keys:
        row = table.find("tr", id=key)
        cells = row.find_all("td")
        assert len(cells) == len(versions)
        for cell, (status, clause, version) in zip(cells, compare_cells(versions, key)):
            if not status:
                assert cell.get("id") is None and "not in this version" in cell.get_text()
                continue
            assert cell["id"] == f"{version.id}--{key}"
            assert cell.find(class_="change-status").get_text(strip=True).endswith(words[status])
            for link in cell.find_all("a", href=lambda h: h and h.startswith("../")):
                target, _, anchor = link["href"].partition("#")
                linked = built_site / "licences" / target.removeprefix("../") / "index.html"
                assert anchor == clause.id and f'id="{anchor}"' in linked.read_text(
                    encoding="utf-8"
                ), link["href"]
            if status == "reworded":
                note = page.find(id=f"changed-{version.id}--{key}")
                assert note is not None and clause.change_note in note.get_text()
    text = page.select_one("article").get_text(" ", strip=True)
    assert "Definitions Definitions" not in text


def test_every_recorded_comparison_anchor_is_served(built_site):
    html = (built_site / "licences" / "llama-compare" / "index.html").read_text(encoding="utf-8")
    recorded = [
        line.split("#", 1)[1]
        for line in (ROOT / "tests" / "url-manifest.txt").read_text().splitlines()
        if line.startswith("/licences/llama-compare/#")
    ]
    assert len(recorded) >= 78
    assert not [anchor for anchor in recorded if f'id="{anchor}"' not in html]


def test_clause_changes_added_removed_reworded_unchanged():
    site = load_site(str(GOOD_DOCS))
    before, after = site.licences["example-1"], site.licences["example-2"]
    keys = family_keys([before, after])
    assert keys == ["grant", "user-cap", "naming", "no-training"]
    assert [(key, compare_cells([before, after], key)[1][0]) for key in keys] == [
        ("grant", "unchanged"),
        ("user-cap", "reworded"),
        ("naming", "added"),
        ("no-training", "removed"),
    ]
    assert [compare_cells([before, after], key)[0][0] for key in keys] == [
        "first",
        "first",
        "",
        "first",
    ]
    assert clause_lines_url(after, after.clauses[1]).endswith("/LICENSE-2#L8-L10")
    assert clause_lines_url(after, after.clauses[2]).endswith("/LICENSE-2")


# -----------------------------------------------------------------------------
# Model names link like glossary terms
# -----------------------------------------------------------------------------


def _model_links(html: str) -> list[tuple[str, str]]:
    return [
        (a["data-model"], a.get_text())
        for a in BeautifulSoup(html, "html.parser").select("a.model-ref")
    ]


def test_first_mention_of_a_model_links_to_its_page():
    html = render(
        "Pythia and Pythia again; the Pythia suite too. Gated Model, `Gated Model`.",
        GOOD_DOCS,
        page="essays/good-essay.md",
    )
    assert _model_links(html) == [("pythia", "Pythia"), ("gated-model", "Gated Model")]
    link = BeautifulSoup(html, "html.parser").select_one("a.model-ref")
    assert link["href"] == "../models/pythia.md" and link["data-tip"].startswith(
        "Pythia (EleutherAI), 3.5 of 6"
    )


def test_model_names_follow_the_term_skip_rules():
    html = render(
        "# Pythia\n\n[Pythia](https://example.org) and `Pythia`.\n\n```\nPythia\n```",
        GOOD_DOCS,
        page="essays/good-essay.md",
    )
    assert _model_links(html) == []


def test_model_names_link_only_in_essays_summaries_and_claims():
    assert _model_links(render("Pythia.", GOOD_DOCS, page="discussions/good-summary.md")) == [
        ("pythia", "Pythia")
    ]
    assert _model_links(render("Pythia.", GOOD_DOCS, page="claims/weights-are-source.md")) == [
        ("pythia", "Pythia")
    ]
    assert _model_links(render("Pythia.", GOOD_DOCS, page="about.md")) == []


def test_a_version_number_is_part_of_the_name():
    assert _model_links(
        render("Gated Model 2.5 is not Gated Model 2.", GOOD_DOCS, page="essays/good-essay.md")
    ) == [("gated-model", "Gated Model 2")]


def test_essays_link_matrix_models(built_site):
    linked = set()
    for html_file in (built_site / "essays").rglob("index.html"):
        for a in soup(built_site, str(html_file.relative_to(built_site))).select(
            "article a.model-ref"
        ):
            target = (html_file.parent / a["href"]).resolve()
            assert (target / "index.html").exists(), a["href"]
            linked.add(a["data-model"])
    assert len(linked) >= 3


# -----------------------------------------------------------------------------
# URL manifest
# -----------------------------------------------------------------------------


def test_model_and_licence_pages_are_in_the_manifest():
    manifest = set((ROOT / "tests" / "url-manifest.txt").read_text(encoding="utf-8").split())
    for model in MODELS:
        assert f"/models/{model['id']}/" in manifest and f"/models/#{model['id']}" in manifest
    for licence_id, licence in SITE.licences.items():
        assert f"/licences/{licence_id}/" in manifest
        for clause in licence.clauses:
            assert f"/licences/{licence_id}/#{clause.id}" in manifest
    assert "/licences/" in manifest and "/licences/llama-compare/" in manifest


def test_every_developer_is_named_in_full_on_the_matrix(built_site):
    """Each row names its developer exactly as the data does (a cut name once read
    "Together (with Ontocord.ai" and "Swiss AI Initiative (EPFL")."""
    page = soup(built_site, "models/index.html")
    for model in MODELS:
        shown = page.select_one(f"tr#{model['id']} th[scope=row] small a").get_text()
        assert shown == model["organisation"]["value"], (model["id"], shown)
        assert shown.count("(") == shown.count(")"), shown


def test_the_manifest_records_row_anchors_whatever_the_attribute_order(tmp_path):
    """The matrix's rows carry their filter attributes before their id; the manifest must
    still record each row's anchor (it once missed every row added after the filters)."""
    page = tmp_path / "models" / "index.html"
    page.parent.mkdir()
    page.write_text(
        '<table><tr data-weights="open" data-year="2026" id="new-model"><td>x</td></tr>'
        '<tr id="old-model"><td>y</td></tr></table>',
        encoding="utf-8",
    )
    assert published(tmp_path) == {"models/", "models/#new-model", "models/#old-model"}


# -----------------------------------------------------------------------------
# Exports a data user can trust: provenance, credit, and a schema each validates against
# -----------------------------------------------------------------------------


def _export(name: str) -> dict:
    return json.loads((ROOT / "docs" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["models", "verdicts"])
def test_exports_validate_against_the_schemas_published_beside_them(name):
    schema, data = _export(f"{name}.schema.json"), _export(f"{name}.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert [e.message for e in validator.iter_errors(data)] == []
    assert data["schema"] == schema["$id"]
    # the schema can fail: a stray key, a value outside the vocabulary, a missing credit
    broken = json.loads(json.dumps(data))
    del broken["credits"]
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(data))
    if name == "models":
        broken["models"][0]["openness"]["weights"]["value"] = "mostly"
        assert not validator.is_valid(broken)
        broken = json.loads(json.dumps(data))
        broken["models"][0]["openness"]["weights"]["colour"] = "green"
    else:
        broken["verdicts"][0]["verdict"] = "probably"
    assert not validator.is_valid(broken)


def test_exports_carry_version_provenance_and_the_eu_index_credit():
    models, verdicts = _export("models.json"), _export("verdicts.json")
    for data in (models, verdicts):
        assert data["version"] and data["date"] and data["license"] == "CC-BY-SA-4.0"
        assert [c["doi"] for c in data["credits"]] == ["10.5281/zenodo.15386042"]
        assert data["credits"][0]["license"] == "CC-BY-4.0"
    computed = verdicts["computed_from"]
    assert computed["matrix_version"] == models["version"]
    for name in ("models", "definitions"):
        text = (ROOT / "docs" / f"{name}.json").read_bytes()
        assert computed[f"{name}_json_sha256"] == hashlib.sha256(text).hexdigest()
    rows = list(csv.DictReader(io.StringIO((ROOT / "docs" / "models.csv").read_text())))
    assert {r["credit"] for r in rows} == {
        "European Open Source AI Index, https://doi.org/10.5281/zenodo.15386042 (CC-BY-4.0)"
    }
    assert {r["data_licence"] for r in rows} == {"CC-BY-SA-4.0"}
    by_id = {r["id"]: r for r in rows}
    assert by_id["gpt-oss"]["weights_conditions"] == "no-base-checkpoint"
    assert by_id["llama-2"]["weights_conditions"] == "gated"


def test_pending_models_are_listed_with_a_reason_and_a_source():
    pending = _export("models.json")["pending"]
    assert len(pending) >= 5
    assert all(p["reason"].strip() and p["source"].startswith("https://") for p in pending)
    rated = {m["name"] for m in _export("models.json")["models"]}
    assert not rated & {p["name"] for p in pending}
