"""The disagreement ledger (issue 24, item 3): /disagreements/ and disagreements.json.

What the page must list is computed here from the data files and from
verdicts.json, not from the ledger's own code: every ``eu_index.disagreements``
entry of models.yml, and every published verdict that is the opposite of ours.
A copy of the data with a published verdict turned round shows the second kind,
which the real data may not have.
"""

from __future__ import annotations

import json
import pathlib
import shutil

import jsonschema
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from mkdocs_debate.blocks.disagreements import ledger, summary_sentence
from mkdocs_debate.checker.rules.model_rows import rule_eu_index_disagreements
from mkdocs_debate.commands.export import disagreements_export
from mkdocs_debate.data.config import settings_from_config
from mkdocs_debate.data.site import load_site
from mkdocs_debate.data.yaml_lines import load_yaml
from mkdocs_debate.test_tools import render
from mkdocs_debate.urls import normalise, published, read_manifest

DOCS = ROOT / "docs"
MODELS = load_yaml((DOCS / "_data" / "models.yml").read_text(encoding="utf-8"), "models.yml")[
    "models"
]
NAMES = {m["id"]: m["name"] for m in MODELS}
OSAID_SOURCE = "https://opensource.org/blog/2024-end-of-year-review-open-source-ai-definition-v1-0"


def _json(name: str) -> dict:
    return json.loads((DOCS / name).read_text(encoding="utf-8"))


def eu_index_expected() -> list[dict]:
    """Every disagreement models.yml records with the EU index, read from the YAML alone."""
    found = []
    for model in MODELS:
        for item in (model.get("eu_index") or {}).get("disagreements") or []:
            found.append(
                {
                    "anchor": f"d-{model['id']}--{item['dimension'].replace('_', '-')}",
                    "model": model["id"],
                    "theirs": item["index_value"],
                    "ours": model["openness"][item["dimension"]]["value"],
                    "parameter": item["parameter"],
                    "reasons": (item["index_reason"].strip(), item["our_reason"].strip()),
                    "source": model["eu_index"]["url"],
                }
            )
    return found


def published_expected(verdicts: dict) -> list[dict]:
    """Every published verdict that is the opposite of ours, read from verdicts.json."""
    return [
        {
            "anchor": f"d-{v['model']}--{v['term']}--{v['definition']}",
            "model": v["model"],
            "theirs": v["published"]["verdict"],
            "ours": v["verdict"],
            "source": v["published"]["source"],
        }
        for v in verdicts["verdicts"]
        if v["published"] and v["verdict"] in ("meets", "fails")
        if v["published"]["verdict"] != v["verdict"]
    ]


def rendered(docs_dir: pathlib.Path) -> BeautifulSoup:
    html = render("[[generate:disagreements]]", docs_dir, page="disagreements.md")
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def page() -> BeautifulSoup:
    return rendered(DOCS)


def _row_text(row) -> str:
    return " ".join(row.get_text(" ").split())


def _squash(text: str) -> str:
    return " ".join(text.split())


# -----------------------------------------------------------------------------
# The page lists every disagreement, each at its anchor
# -----------------------------------------------------------------------------


def test_the_data_has_eu_index_disagreements_to_list():
    assert len(eu_index_expected()) >= 50


def test_every_eu_index_disagreement_is_on_the_page_with_both_values_and_reasons(page):
    for item in eu_index_expected():
        row = page.find("tr", id=item["anchor"])
        assert row is not None, item["anchor"]
        cells = row.find_all("td")
        assert cells[0].find(class_="ledger-value").get_text() == item["theirs"], item
        assert cells[2].find(class_="ledger-value").get_text() == item["ours"], item
        assert _squash(cells[1].get_text()) == _squash(item["reasons"][0])
        assert _squash(cells[3].get_text()) == _squash(item["reasons"][1])
        assert item["parameter"] in row.th.get_text()
        assert cells[0].find("a")["href"] == item["source"]
        # grouped by model: the row sits under its model's heading
        assert row.find_previous("h3")["id"] == f"d-{item['model']}"


def test_every_published_verdict_disagreement_is_on_the_page(page):
    for item in published_expected(_json("verdicts.json")):
        row = page.find("tr", id=item["anchor"])
        assert row is not None, item["anchor"]
        assert item["source"] in [a.get("href") for a in row.find_all("a")]


def test_the_page_lists_nothing_else_and_every_anchor_once(page):
    expected = {i["anchor"] for i in eu_index_expected()}
    expected |= {i["anchor"] for i in published_expected(_json("verdicts.json"))}
    shown = [tr["id"] for tr in page.select("table.ledger-table tr[id]")]
    assert len(shown) == len(set(shown))
    assert set(shown) == expected


def test_the_summary_counts_what_the_page_lists(page):
    eu, pub = eu_index_expected(), published_expected(_json("verdicts.json"))
    models = {i["model"] for i in eu + pub}
    sentence = (
        f"{len(eu) + len(pub)} disagreements across {len(models)} models: "
        f"{len(eu)} with the EU index, {len(pub)} with published verdicts."
    )
    assert page.find(class_="ledger-summary").get_text() == sentence
    assert summary_sentence(
        {"disagreements": 1, "models": 1, "eu_index": 1, "published_verdicts": 0}
    ) == ("1 disagreement across 1 model: 1 with the EU index, 0 with published verdicts.")


def test_the_page_credits_the_eu_index(page):
    text = _squash(page.get_text(" "))
    assert "doi:10.5281/zenodo.15386042" in text and "CC BY 4.0" in text


def test_tables_have_scoped_headers(page):
    for table in page.find_all("table"):
        for th in table.find_all("th"):
            assert th.get("scope") in ("col", "row"), th


@pytest.fixture(scope="module")
def altered_docs(tmp_path_factory) -> pathlib.Path:
    """A copy of docs/ where OSI's verdict on Llama 2 is turned round, and an index reason is hostile."""
    docs = tmp_path_factory.mktemp("ledger") / "docs"
    shutil.copytree(DOCS, docs)
    definitions = docs / "_data" / "definitions.yml"
    text = definitions.read_text(encoding="utf-8")
    old = f'{{model: llama-2, verdict: fails, source: "{OSAID_SOURCE}"}}'
    assert old in text
    definitions.write_text(text.replace(old, old.replace("fails", "meets")), encoding="utf-8")
    models = docs / "_data" / "models.yml"
    first = eu_index_expected()[0]["reasons"][0]
    text = models.read_text(encoding="utf-8")
    assert first in text
    models.write_text(
        text.replace(first, first + " <script>alert(1)</script> *bold* [x](y)", 1), encoding="utf-8"
    )
    return docs


def test_a_published_verdict_opposite_to_ours_is_listed_with_its_source(altered_docs):
    page = rendered(altered_docs)
    row = page.find("tr", id="d-llama-2--open-source-ai--osaid-1-0")
    assert row is not None
    text = _row_text(row)
    assert "meets" in text and "fails" in text
    assert OSAID_SOURCE in [a.get("href") for a in row.find_all("a")]
    assert "is-it-open.md#v-open-source-ai--osaid-1-0--llama-2" in [
        a.get("href") for a in row.find_all("a")
    ]
    assert "1 with published verdicts" in page.find(class_="ledger-summary").get_text()
    # and the export carries it
    site = load_site(str(altered_docs))
    entry = next(e for e in ledger(site) if e.anchor == "d-llama-2--open-source-ai--osaid-1-0")
    assert (entry.theirs, entry.ours, entry.term, entry.definition) == (
        "meets",
        "fails",
        "open-source-ai",
        "osaid-1-0",
    )


def test_data_strings_are_escaped(altered_docs):
    html = render("[[generate:disagreements]]", altered_docs, page="disagreements.md")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *bold* [x](y)" in html


# -----------------------------------------------------------------------------
# The export and its schema
# -----------------------------------------------------------------------------


def test_the_export_validates_against_its_schema_and_a_mutated_copy_fails():
    schema, data = _json("disagreements.schema.json"), _json("disagreements.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert [e.message for e in validator.iter_errors(data)] == []
    assert data["schema"] == schema["$id"]
    mutations = [
        lambda d: d.pop("credits"),
        lambda d: d["disagreements"][0].update(instrument="gut-feeling"),
        # an index entry names its dimension
        lambda d: d["disagreements"][0].update(dimension=None),
        lambda d: d["disagreements"][0]["theirs"].update(value="mostly"),
        lambda d: d["disagreements"][0].update(colour="red"),
        lambda d: d["summary"].update(models=-1),
        lambda d: d["disagreements"][0].update(id="llama-2"),
    ]
    for mutate in mutations:
        broken = json.loads(json.dumps(data))
        mutate(broken)
        assert not validator.is_valid(broken), mutate


def test_the_export_lists_what_the_page_lists_with_provenance_and_credit():
    data = _json("disagreements.json")
    eu = eu_index_expected()
    pub = published_expected(_json("verdicts.json"))
    assert [d["id"] for d in data["disagreements"] if d["instrument"] == "eu-index"] == [
        i["anchor"] for i in sorted(eu, key=lambda i: (NAMES[i["model"]].lower(), i["model"]))
    ]
    assert {d["id"] for d in data["disagreements"] if d["instrument"] != "eu-index"} == {
        i["anchor"] for i in pub
    }
    assert data["summary"]["eu_index"] == len(eu)
    assert data["summary"]["published_verdicts"] == len(pub)
    assert [c["doi"] for c in data["credits"]] == ["10.5281/zenodo.15386042"]
    assert data["credits"][0]["license"] == "CC-BY-4.0"
    assert data["license"] == "CC-BY-SA-4.0"
    assert data["version"] == _json("models.json")["version"]
    for entry in data["disagreements"]:
        assert entry["url"].endswith(f"/disagreements/#{entry['id']}")


def test_the_export_of_an_altered_site_carries_a_published_disagreement(altered_docs):
    settings = settings_from_config(str(ROOT / "mkdocs.yml"))
    site = load_site(str(altered_docs))
    data = disagreements_export(site, settings)
    schema = _json("disagreements.schema.json")
    assert [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)] == []
    (entry,) = [d for d in data["disagreements"] if d["instrument"] == "published-verdict"]
    assert entry["theirs"]["source"] == OSAID_SOURCE
    assert entry["ours"]["evidence"].endswith("/is-it-open/#v-open-source-ai--osaid-1-0--llama-2")


# -----------------------------------------------------------------------------
# The built site
# -----------------------------------------------------------------------------


def test_the_built_page_has_every_anchor_is_linked_and_in_the_manifest(built_site):
    html = (built_site / "disagreements" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert "Disagreements" in soup.h1.get_text()
    anchors = {i["anchor"] for i in eu_index_expected()}
    anchors |= {i["anchor"] for i in published_expected(_json("verdicts.json"))}
    assert anchors <= {tag["id"] for tag in soup.select("[id]")}
    for linking in ("models/index.html", "is-it-open/index.html"):
        linked = BeautifulSoup((built_site / linking).read_text(encoding="utf-8"), "html.parser")
        assert any(
            a["href"].rstrip("/").endswith("disagreements")
            for a in linked.select("article a[href]")
        ), linking
    recorded = normalise(read_manifest(ROOT / "tests" / "url-manifest.txt"))
    served = {e for e in published(built_site) if e.startswith("disagreements/")}
    assert {f"disagreements/#{a}" for a in anchors} <= served
    assert served <= recorded, sorted(served - recorded)
    for name in ("disagreements.json", "disagreements.schema.json"):
        assert (built_site / name).exists()


@pytest.mark.parametrize("name", ["models", "verdicts", "disagreements"])
def test_an_export_names_its_schema_at_the_address_it_is_served_from(name):
    """A schema is a file, served at its path: no trailing slash (it once read '.schema.json/')."""
    data = _json(f"{name}.json")
    assert data["schema"] == f"https://free-as-in-what.github.io/free-as-in-what/{name}.schema.json"
    assert _json(f"{name}.schema.json")["$id"] == data["schema"]


# -----------------------------------------------------------------------------
# The checker keeps each anchor unique and each entry a disagreement
# -----------------------------------------------------------------------------

ROW = """\
id: m
openness:
  weights: {value: open}
  training_code: {value: closed}
eu_index:
  url: https://example.org/index.yaml
  system: M
  disagreements:
    - {dimension: weights, parameter: A, index_value: partial, index_reason: x, our_reason: y}
    - {dimension: weights, parameter: B, index_value: closed, index_reason: x, our_reason: y}
    - {dimension: training_code, parameter: C, index_value: closed, index_reason: x, our_reason: y}
"""


def test_the_checker_refuses_a_dimension_twice_and_an_equal_value():
    row = load_yaml(ROW, "models.yml")
    assert list(rule_eu_index_disagreements(None, row, "m")) == [
        (
            10,
            "eu_index of 'm' lists a disagreement on 'weights' twice: one per dimension "
            "(write both parameters in one entry)",
        ),
        (
            11,
            "eu_index disagreement of 'm' on 'training_code' gives the index our own value "
            "'closed': an equal value is no disagreement",
        ),
    ]
