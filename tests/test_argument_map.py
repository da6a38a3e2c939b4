"""The argument map (issue 28): relations and evidence from the claims' front matter, drawn,
listed, exported and previewed.

What each page must show is computed here from the Markdown front matter and the YAML data
(read with PyYAML, not the engine's typed readers), then looked for in the built site: the
map's figure and text list, each claim's neighbourhood, the evidence values, claims.json,
claims.argdown (read by @argdown/core's own parser) and claims.aif.json. A copy of the site
with one matrix cell changed shows that a claim page follows the matrix.
"""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import subprocess

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, copy_site, mkdocs_build

from mkdocs_debate.blocks.argument import argdown_text, claim_neighbourhood
from mkdocs_debate.blocks.argument_map import map_figure
from mkdocs_debate.data.config import settings_from_config
from mkdocs_debate.data.site import load_site

DOCS = ROOT / "docs"
MODELS = yaml.safe_load((DOCS / "_data" / "models.yml").read_text(encoding="utf-8"))["models"]
CELLS = {(m["id"], dim): cell["value"] for m in MODELS for dim, cell in m["openness"].items()}
NODE = shutil.which("node")


def _front_matter(path: pathlib.Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


CLAIMS = {
    p.stem: _front_matter(p) for p in sorted((DOCS / "claims").glob("*.md")) if p.stem != "index"
}
RELATIONS = [
    (source, r["type"], r["claim"], r["note"])
    for source, meta in CLAIMS.items()
    for r in meta.get("relations") or []
]
EVIDENCE = [
    (claim, e["ref"], e["note"])
    for claim, meta in CLAIMS.items()
    for e in meta.get("rests_on") or []
]


def _page(built_site: pathlib.Path, url: str) -> BeautifulSoup:
    return BeautifulSoup(
        (built_site / url / "index.html").read_text(encoding="utf-8"), "html.parser"
    )


def _text(element) -> str:
    return " ".join(element.get_text(" ").split())


def test_the_map_has_enough_relations_and_evidence():
    assert len(RELATIONS) >= 30
    assert len(EVIDENCE) >= 15
    assert {t for _, t, _, _ in RELATIONS} == {"supports", "attacks", "qualifies"}
    related = {s for s, *_ in RELATIONS} | {t for _, _, t, _ in RELATIONS}
    assert related == set(CLAIMS), "every claim takes part in the map"


def test_claims_json_carries_relations_both_ways_and_evidence_with_values():
    data = json.loads((DOCS / "claims.json").read_text(encoding="utf-8"))
    by_id = {c["id"]: c for c in data["claims"]}
    found = [
        (c["id"], r["type"], r["claim"], r["note"]) for c in data["claims"] for r in c["relations"]
    ]
    assert sorted(found) == sorted(RELATIONS)
    incoming = [
        (r["claim"], r["type"], c["id"], r["note"]) for c in data["claims"] for r in c["related_by"]
    ]
    assert sorted(incoming) == sorted(RELATIONS)
    evidence = [(c["id"], e["ref"], e["note"]) for c in data["claims"] for e in c["rests_on"]]
    assert sorted(evidence) == sorted(EVIDENCE)
    for claim, ref, _ in EVIDENCE:
        record = next(e for e in by_id[claim]["rests_on"] if e["ref"] == ref)
        assert record["url"].startswith("https://")
        if re.fullmatch(r"[a-z0-9-]+\.[a-z_]+", ref):
            model, dimension = ref.split(".")
            assert record["value"] == CELLS[(model, dimension)], ref


def test_map_page_draws_every_claim_and_relation_and_lists_them(built_site):
    page = _page(built_site, "claims/map")
    svg = page.select_one("figure.amap-figure svg.amap")
    assert svg is not None and svg.get("viewbox") or svg.get("viewBox")
    nodes = svg.select("a.amap-node")
    assert sorted(a["id"].removeprefix("map-") for a in nodes) == sorted(CLAIMS)
    for a in nodes:
        claim = a["id"].removeprefix("map-")
        assert a["xlink:href"] == f"../{claim}/" and not a.has_attr("href")
        assert (built_site / "claims" / claim / "index.html").exists()
        title = " ".join(CLAIMS[claim]["title"].split())
        assert " ".join(t.get_text() for t in a.select("tspan")) == title
    for kind in ("supports", "attacks", "qualifies"):
        drawn = svg.select(f"g.amap-edge--{kind}")
        assert len(drawn) == sum(t == kind for _, t, _, _ in RELATIONS), kind
        assert all(g.select_one("path") and g.select_one("polygon") for g in drawn)
    # Every relation as text: under the claim that makes it, with its note.
    for source, kind, target, note in RELATIONS:
        block = page.find(id=source).find_parent("div", class_="amap-claim")
        items = [li for li in block.select("li") if li.select_one(f".amap-rel--{kind}")]
        assert any(
            li.select_one(f'a[href="../{target}/"]') and " ".join(note.split()) in _text(li)
            for li in items
        ), (source, kind, target)
    legend = _text(page.select_one("ul.amap-legend"))
    assert "dashed" in legend and "dotted" in legend and "solid" in legend


def test_claim_pages_show_their_neighbourhood_and_evidence_values(built_site):
    for claim in CLAIMS:
        page = _page(built_site, f"claims/{claim}")
        section = page.select_one("div.claim-neighbourhood")
        assert section is not None, claim
        text = _text(section)
        for source, kind, target, note in RELATIONS:
            if source == claim:
                assert " ".join(note.split()) in text and f'"../{target}/"' in str(section)
            if target == claim:
                word = {
                    "supports": "Supported by",
                    "attacks": "Attacked by",
                    "qualifies": "Qualified by",
                }[kind]
                assert word in text and f'"../{source}/"' in str(section), (claim, source)
        for owner, ref, note in EVIDENCE:
            if owner != claim:
                continue
            assert " ".join(note.split()) in text, ref
            if re.fullmatch(r"[a-z0-9-]+\.[a-z_]+", ref):
                model, dimension = ref.split(".")
                item = next(
                    li for li in section.select("li") if " ".join(note.split()) in _text(li)
                )
                value = item.select_one("strong.amap-value")
                assert value.get_text() == CELLS[(model, dimension)]
                assert (
                    f"models/{model}/#cell-{dimension.replace('_', '-')}"
                    in item.select_one("a")["href"]
                )


@pytest.fixture(scope="module")
def matrix_changed(tmp_path_factory):
    """A copy of the site in which one matrix cell that a claim rests on has another value."""
    claim, ref, note = next(e for e in EVIDENCE if re.fullmatch(r"[a-z0-9-]+\.[a-z_]+", e[1]))
    model, dimension = ref.split(".")
    before = CELLS[(model, dimension)]
    after = next(v for v in ("closed", "open", "partial") if v != before)
    root = copy_site(tmp_path_factory.mktemp("argument") / "repo")
    data = root / "docs" / "_data" / "models.yml"
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    in_model = False
    for n, line in enumerate(lines):
        if line.startswith("  - id: "):
            in_model = line.strip() == f"- id: {model}"
        if in_model and line.strip().startswith(f"{dimension}:"):
            lines[n] = re.sub(r"value: \w+", f"value: {after}", line, count=1)
            if after != "partial":
                lines[n] = re.sub(r"conditions: \[[^\]]*\], ", "", lines[n])
                lines[n] = re.sub(r"gated: true, ", "", lines[n])
            break
    data.write_text("".join(lines), encoding="utf-8")
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site", claim, note, after


def test_a_claim_page_follows_the_matrix(matrix_changed):
    site, claim, note, after = matrix_changed
    section = _page(site, f"claims/{claim}").select_one("div.claim-neighbourhood")
    item = next(li for li in section.select("li") if " ".join(note.split()) in _text(li))
    assert item.select_one("strong.amap-value").get_text() == after


@pytest.mark.skipif(NODE is None, reason="needs node (make install)")
def test_argdown_export_parses_with_argdown_core_and_holds_every_claim():
    done = subprocess.run(
        [NODE, str(ROOT / "tools" / "argdown-parse.mjs"), str(DOCS / "claims.argdown")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    parsed = json.loads(done.stdout)
    assert parsed["errors"] == []
    titles = {c: " ".join(m["title"].split()) for c, m in CLAIMS.items()}
    assert sorted(parsed["statements"]) == sorted(titles.values())
    found = {(r["from"], r["type"], r["to"]) for r in parsed["relations"]}
    for source, kind, target, _ in RELATIONS:
        if kind == "qualifies":
            assert (titles[source], "undercut", f"Case for: {titles[target]}") in found
            assert (f"Case for: {titles[target]}", "support", titles[target]) in found
        else:
            word = {"supports": "support", "attacks": "attack"}[kind]
            assert (titles[source], word, titles[target]) in found


@pytest.mark.skipif(NODE is None, reason="needs node (make install)")
def test_argdown_parser_reports_errors_so_the_test_above_can_fail(tmp_path):
    broken = tmp_path / "broken.argdown"
    # Argdown is lenient (an unclosed [title] is read as text); a premise-conclusion
    # structure without its conclusion is an error its parser reports.
    broken.write_text("[A claim]: text\n\n(1) A premise\n----\n", encoding="utf-8")
    done = subprocess.run(
        [NODE, str(ROOT / "tools" / "argdown-parse.mjs"), str(broken)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    assert json.loads(done.stdout)["errors"]


def test_aif_export_has_i_nodes_ra_ca_nodes_and_edges():
    data = json.loads((DOCS / "claims.aif.json").read_text(encoding="utf-8"))
    nodes = {n["nodeID"]: n for n in data["nodes"]}
    assert len(nodes) == len(data["nodes"])
    inodes = [n for n in data["nodes"] if n["type"] == "I"]
    assert sorted(n["text"] for n in inodes) == sorted(
        " ".join(m["claim"].split()) for m in CLAIMS.values()
    )
    ra = [n for n in data["nodes"] if n["type"] == "RA"]
    ca = [n for n in data["nodes"] if n["type"] == "CA"]
    assert len(ra) == sum(t == "supports" for _, t, _, _ in RELATIONS)
    assert len(ca) == sum(t in ("attacks", "qualifies") for _, t, _, _ in RELATIONS)
    assert len(data["edges"]) == 2 * len(RELATIONS)
    for edge in data["edges"]:
        assert edge["fromID"] in nodes and edge["toID"] in nodes
    # Each scheme node has one edge in, from a claim, and one edge out, to a claim.
    for scheme in ra + ca:
        into = [e for e in data["edges"] if e["toID"] == scheme["nodeID"]]
        out = [e for e in data["edges"] if e["fromID"] == scheme["nodeID"]]
        assert len(into) == len(out) == 1
        assert nodes[into[0]["fromID"]]["type"] == nodes[out[0]["toID"]]["type"] == "I"
    assert data["license"] == "CC-BY-SA-4.0"


def test_claims_index_links_the_map_and_its_exports(built_site):
    page = _page(built_site, "claims")
    hrefs = {a.get("href") for a in page.select("article a")}
    assert {"map/", "../claims.argdown", "../claims.aif.json"} <= hrefs
    assert (built_site / "claims.argdown").exists() and (built_site / "claims.aif.json").exists()


def test_previews_carry_data_on_the_page(built_site):
    """A claim link previews its statement and how often each side is argued; a model link its
    six cells; a definition link how many models meet it: in the link itself, no request."""
    essays = list((built_site / "essays").glob("*/index.html"))
    claim_tips, model_tips, definition_tips = [], [], []
    for path in essays:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for a in page.select("article a[data-tip]"):
            href = a.get("href", "")
            if "/claims/" in href or href.startswith("../../claims/"):
                claim_tips.append(a)
            elif "models/" in href:
                model_tips.append(a)
            elif a.get("data-definition"):
                definition_tips.append(a)
    assert claim_tips and model_tips and definition_tips
    for a in claim_tips:
        claim = a["href"].rstrip("/").rsplit("/", 1)[-1].split("#")[0]
        assert a["data-tip"].startswith(f"Claim: {' '.join(CLAIMS[claim]['claim'].split())}")
        assert (
            re.search(r"(Argued|argued) (for|against) in \d+ place", a["data-tip"])
            or "Not yet argued" in a["data-tip"]
        )
        assert not a.has_attr("data-preview")
    for a in model_tips:
        assert a["data-tip"].count(":") >= 6  # the six cells, each "Label: value"
    for a in definition_tips:
        assert re.search(r"\d+ of \d+ models of our matrix meet it", a["data-tip"]), a["data-tip"]


HOSTILE = '<img src=x onerror="alert(1)"></text><script>alert(2)</script>'


def test_hostile_relations_and_titles_are_escaped_with_the_checker_off(tmp_path):
    """What the checker refuses (markup in a note or a title) is still text if it gets through."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "tests" / "fixtures" / "content" / "docs", docs)
    (docs / "claims" / "hostile.md").write_text(
        "---\n"
        f"title: '{HOSTILE}'\n"
        "claim: 'A hostile claim.'\ndescription: 'x'\ndate: 2024-01-15\nauthors: [editors]\n"
        "kind: claim\ntheme: definitions\ntags: [definitions]\nsources: []\n"
        "relations:\n"
        f"  - {{type: attacks, claim: weights-are-source, note: '{HOSTILE}'}}\n"
        "rests_on:\n"
        f"  - {{ref: pythia.weights, note: '{HOSTILE}'}}\n"
        "---\n\n## The case for\n\nx\n\n## The case against\n\ny\n",
        encoding="utf-8",
    )
    site = load_site(str(docs))
    settings = settings_from_config(str(ROOT / "mkdocs.yml"))
    page = site.claims["hostile"]
    for out in (
        claim_neighbourhood(site, page, settings),
        claim_neighbourhood(site, site.claims["weights-are-source"], settings),
        map_figure(site, "claims/map/index.md"),
    ):
        assert "<img" not in out and "<script" not in out
        assert "&#60;img" in out or "&lt;img" in out  # there, as text
    argdown = argdown_text(site, settings)
    assert "<script>" not in argdown and "<img" not in argdown
