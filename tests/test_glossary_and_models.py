"""The glossary and the model openness matrix: one source of truth, shown everywhere."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, copy_site, mkdocs_build
from util import raw_score as score

from mkdocs_debate.blocks.common import page_url
from mkdocs_debate.blocks.glossary_terms import USED_IN_SHOWN, used_in, used_in_page
from mkdocs_debate.blocks.models import DIMENSION_LABELS
from mkdocs_debate.checker.rules import glossary_problems
from mkdocs_debate.data.config import Settings, settings_from_config
from mkdocs_debate.data.site import DIMENSIONS, load_site
from mkdocs_debate.data.yaml_lines import load_yaml
from mkdocs_debate.usage import term_usage

SITE = load_site(str(ROOT / "docs"))
# Links written as raw HTML start at the host's root: /<site_url's path>/essays/x/
SITE_PATH = settings_from_config(str(ROOT / "mkdocs.yml")).site_path("index.md")
FIXTURES = ROOT / "tests" / "fixtures"
REQUIRED_TERMS = {
    "open-source",
    "free-software",
    "open-weights",
    "model-available",
    "source-available",
    "libre",
    "gratis",
    "freeware",
    "copyleft",
    "permissive-licence",
    "gnu-gpl",
    "open-source-definition",
    "open-source-initiative",
    "free-software-foundation",
    "open-source-ai-definition",
    "preferred-form-for-modification",
    "source-code",
    "binary",
    "model-weights",
    "training-data",
    "training-code",
    "fine-tuning",
    "lora",
    "rlhf",
    "alignment",
    "guardrails",
    "acceptable-use-policy",
    "open-washing",
    "commoditize-your-complement",
    "reproducibility",
    "non-determinism",
    "distillation",
    "dense-model",
    "data-supply-chain",
    "model-openness-framework",
}


# Every problem of tests/fixtures/content/bad-data/glossary.yml, each at its line: what each
# key holds is declared (data/entries.Term), the rules across entries are the checker's.
BAD_GLOSSARY = [
    (11, "glossary entry 'Training_Data' is missing 'definition'"),
    (11, "term id must be kebab-case: 'Training_Data'"),
    (12, "term of 'Training_Data' must be plain text (no <, >, [ or ]): 'training <b>data</b>'"),
    (
        13,
        "aliases of 'Training_Data' must be a list of names, e.g. [open-weight model, open-weight models]: 'open weights'",
    ),
    (14, "short of 'Training_Data' must be at most 200 characters (it has 213)"),
    (
        14,
        "short of 'Training_Data' must be plain text (no <, >, [ or ]): 'Far too long. Far too long. Far too long. Far too long. Far too long. Far too long. Far too long. Far too long. Far too long. Far too long. Far too long. Far too long. Far too long. Far too long. Far too long. [x]'",
    ),
    (16, "related term 'no-such-term' of 'Training_Data' does not exist"),
    (16, "term 'Training_Data' must not be related to itself"),
    (17, "a source must be a mapping with title and url: 'just a string'"),
    (19, "source url must start with https://: 'http://example.org/'"),
    (
        23,
        "aliases of 'copyleft' must be a list of names, e.g. [open-weight model, open-weight models]: ['copyleft licence', '']",
    ),
    (23, "name 'Open Weights' of 'copyleft' is already used by 'open-weights'"),
    (26, "sources of 'copyleft' must be a non-empty list"),
    (1, "a glossary entry must be a mapping: 'just a string'"),
    (27, "duplicate term id 'open-weights'"),
]


def test_broken_glossary_file_has_exactly_its_problems():
    bad = FIXTURES / "content" / "bad-data" / "glossary.yml"
    site = dataclasses.replace(
        load_site(str(FIXTURES / "content" / "docs")),
        glossary=load_yaml(bad.read_text(encoding="utf-8"), "docs/_data/glossary.yml"),
    )
    problems = list(glossary_problems(site))
    assert {p.path for p in problems} == {"docs/_data/glossary.yml"}
    assert [(p.line, p.message) for p in problems] == BAD_GLOSSARY


def test_the_real_glossary_passes_the_checker():
    assert list(glossary_problems(SITE)) == []


def soup(built_site, path: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser")


# -- Glossary -----------------------------------------------------------------


def test_glossary_has_the_required_terms():
    ids = {str(e["id"]) for e in SITE.glossary}
    assert len(ids) >= 40 and ids >= REQUIRED_TERMS, sorted(REQUIRED_TERMS - ids)
    for entry in SITE.glossary:
        assert (
            entry["short"]
            and len(entry["short"]) <= 200
            and entry["definition"]
            and entry["sources"]
        )
    assert SITE.glossary[1]["term"]  # entries are mappings
    contested = {str(e["id"]) for e in SITE.glossary if e.get("contested")}
    assert {"open-source-ai", "open-weights"} <= contested


def test_glossary_page_has_letters_and_an_anchor_per_term(built_site):
    page = soup(built_site, "glossary/index.html")
    letters = page.select("nav.glossary-letters a")
    assert len(letters) >= 10
    for link in letters:
        assert page.find(id=link["href"][1:]), link["href"]
    for entry in SITE.glossary:
        heading = page.find(id=str(entry["id"]))
        assert heading is not None and heading.name == "h3", entry["id"]


def _linked_terms(built_site) -> dict[str, set[str]]:
    """Term id -> published pages whose text links it (the cross-linker's real output)."""
    found: dict[str, set[str]] = {}
    for html_file in built_site.rglob("*.html"):
        rel = html_file.relative_to(built_site).as_posix()
        if rel == "404.html" or rel.startswith(
            "glossary/"
        ):  # the glossary's own pages are not "uses"
            continue
        article = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser").find(
            "article"
        )
        for link in article.select("a.glossary-term[data-term]") if article else []:
            found.setdefault(link["data-term"], set()).add(rel.removesuffix("index.html"))
    return found


def _listed(block, prefix: str) -> set[str]:
    links = block.select("li a") if block else []
    return {a["href"].removeprefix(prefix).removesuffix("index.html") for a in links}


def test_used_in_lists_exactly_the_pages_that_link_each_term(built_site):
    """The complete list has every page that links the term; the term's page its USED_IN_SHOWN newest."""
    linked = _linked_terms(built_site)
    assert sum(len(v) for v in linked.values()) > 100
    for entry in SITE.glossary:
        term_id = str(entry["id"])
        complete = soup(built_site, f"glossary/used-in/{term_id}/index.html").find(class_="used-in")
        assert _listed(complete, SITE_PATH) == linked.get(term_id, set()), term_id
        on_page = soup(built_site, f"glossary/{term_id}/index.html").find(class_="used-in")
        shown = _listed(on_page, "../../")
        assert shown <= linked.get(term_id, set()) and len(shown) == min(
            USED_IN_SHOWN, len(linked.get(term_id, ()))
        )
        assert on_page is None or shown, f"{term_id}: an empty 'Used in' list"


def test_used_in_is_capped_with_a_count_and_a_link(tmp_path):
    """Past USED_IN_SHOWN pages a term's page names how many more and links the complete list."""
    root = copy_site(tmp_path / "repo")
    essays = root / "docs" / "essays"
    extra = USED_IN_SHOWN + 7
    for n in range(extra):
        text = (essays / "free-as-in-what.md").read_text(encoding="utf-8")
        (essays / f"copy-{n:02d}.md").write_text(
            text.replace("title:", f"title: Copy {n:02d} of", 1), encoding="utf-8"
        )
    site = load_site(str(root / "docs"))
    settings = Settings(docs_dir=str(root / "docs"))
    users = term_usage(site, settings.glossary_page)["open-source"]
    assert len(users) > USED_IN_SHOWN
    lines = used_in(site, "glossary/open-source.md", settings, "open-source")
    items = [line for line in lines if line.startswith("- [")]
    assert len(items) == USED_IN_SHOWN
    assert (
        f"and {len(users) - USED_IN_SHOWN} more: all {len(users)} pages](used-in/open-source.md)"
        in "\n".join(lines)
    )
    full = used_in_page(site, "glossary/used-in/open-source.md", settings)
    assert full.count("<li><a href=") == len(users)


def test_glossary_index_links_each_term_page_and_keeps_every_anchor(built_site):
    """/glossary/#term and /glossary/#term--definition still serve; the whole entry is one click away."""
    page = soup(built_site, "glossary/index.html")
    for entry in SITE.glossary:
        term_id = str(entry["id"])
        block = page.find("div", attrs={"data-term": term_id})
        assert block.find("a", href=f"{term_id}/")["href"], term_id
        assert not block.select(".used-in, .glossary-more"), (
            term_id
        )  # nothing that grows with the essays
        for definition in SITE.term_definitions.get(term_id, []):
            anchor = f"{term_id}--{definition.id}"
            assert block.find(id=anchor) is not None, anchor
            assert (built_site / "glossary" / term_id / "index.html").read_text(
                encoding="utf-8"
            ).count(f'id="{anchor}"') == 1, anchor


def test_glossary_entries_fold_spellings_and_mark_contested_terms(built_site):
    """At most two spellings in view, the rest behind 'N other spellings'; 'Contested' not green."""
    assert "no page yet" not in soup(built_site, "glossary/index.html").get_text()
    for entry in SITE.glossary:
        block = soup(built_site, f"glossary/{entry['id']}/index.html").find(
            "div", class_="glossary-term-page"
        )
        aliases = [str(a) for a in entry.get("aliases") or []]
        also = block.find(class_="glossary-also")
        if not aliases:
            assert also is None, entry["id"]
            continue
        summary = also.find("summary")
        shown = (summary or also).get_text().removeprefix("Also: ")
        if len(aliases) <= 2:
            assert summary is None and shown == ", ".join(aliases), entry["id"]
        else:
            rest = len(aliases) - 2
            assert also.name == "details", entry["id"]
            assert (
                shown
                == f"{aliases[0]}, {aliases[1]} and {rest} other spelling{'s' if rest > 1 else ''}"
            )
            assert summary.next_sibling.strip() == ", ".join(aliases[2:]), entry["id"]
        contested = block.select(".admonition.contested")
        assert len(contested) == (1 if entry.get("contested") else 0), entry["id"]


def test_every_emitted_term_and_claim_link_has_a_target(built_site):
    """Zensical does not check links an extension emits, so we do, on the MkDocs build."""
    for html_file in built_site.rglob("*.html"):
        for link in BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser").select(
            "a.glossary-term, a.model-ref, a.claim-ref, .claim-backlinks a, .used-in a"
        ):
            target, _, anchor = link["href"].partition("#")
            if target.startswith("/"):  # a list written as raw HTML links from the host's root
                assert target.startswith(SITE_PATH), f"{html_file}: {link['href']}"
                path = built_site / target[len(SITE_PATH) :]
            else:
                path = (html_file.parent / target).resolve() if target else html_file
            path = path / "index.html" if path.is_dir() else path
            assert path.exists(), f"{html_file}: {link['href']}"
            if anchor:
                assert f'id="{anchor}"' in path.read_text(encoding="utf-8"), (
                    f"{html_file}: {link['href']}"
                )


def test_tooltip_is_the_short_definition(built_site):
    """The short definition, and how many definitions compete where definitions.yml has several."""
    shorts = {str(e["id"]): str(e["short"]).strip() for e in SITE.glossary}
    competing = {t: len(ds) for t, ds in SITE.term_definitions.items() if len(ds) > 1}
    page = soup(built_site, "essays/model-available-is-not-open-source/index.html")
    links = page.select("article a.glossary-term")
    assert len(links) >= 10
    counted = 0
    for link in links:
        term_id = link["data-term"]
        if term_id in competing:
            counted += 1
            assert (
                link["data-tip"]
                == f"{shorts[term_id]} ({competing[term_id]} competing definitions)"
            )
        else:
            assert link["data-tip"] == shorts[term_id]
    assert counted >= 2  # the essay links contested terms (open source, open weights, ...)


def test_glossary_json_ld_and_export(built_site):
    page = soup(built_site, "glossary/index.html")
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "DefinedTermSet"
    assert {t["termCode"] for t in data["hasDefinedTerm"]} == {str(e["id"]) for e in SITE.glossary}
    export = json.loads((built_site / "glossary.json").read_text())
    assert [t["id"] for t in export["terms"]] == sorted(
        (str(e["id"]) for e in SITE.glossary),
        key=lambda i: next(str(e["term"]).lower() for e in SITE.glossary if e["id"] == i),
    )
    for term in export["terms"]:
        assert term["url"].endswith(f"/glossary/#{term['id']}") and term["short"]


def test_stale_export_is_detected(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_debate.commands.export", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
    site = copy_site(tmp_path / "repo")
    glossary = site / "docs" / "_data" / "glossary.yml"
    glossary.write_text(glossary.read_text().replace("short: ", "short: Changed. ", 1))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_debate.commands.export", "--check"],
        cwd=site,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "docs/glossary.json" in result.stdout


# -- Models -------------------------------------------------------------------


def test_matrix_shows_every_model_and_dimension(built_site):
    page = soup(built_site, "models/index.html")
    table = page.find("table", id="matrix")
    headers = [th.get_text(strip=True) for th in table.find("thead").find_all("th")]
    for dimension in DIMENSIONS:
        assert DIMENSION_LABELS[dimension] in headers
    models = SITE.models["models"]
    assert len(models) >= 15
    for model in models:
        row = table.find("tr", id=model["id"])
        assert row is not None and model["name"] in row.get_text()
        cells = row.find_all("td", class_="cell")
        for dimension, cell in zip(DIMENSIONS, cells[1:]):
            value = model["openness"][dimension]["value"]
            assert f"cell--{value}" in cell["class"] and value in cell.get_text()
            if value != "unknown":
                assert cell.find("a")["href"] == model["openness"][dimension]["source"]
                assert cell.find("a")["href"].startswith("https://")


def _figure_svg(figure):
    """A build-time figure: an SVG image named by its title and described, with a caption."""
    svg = figure.find("svg", class_="plot")
    assert svg["role"] == "img" and figure.find("figcaption").get_text(strip=True)
    title, description = svg["aria-labelledby"].split()
    assert svg.find(id=title).name == "title" and svg.find(id=description).get_text(strip=True)
    return svg


def test_openness_over_time_draws_every_model_with_its_data(built_site):
    figure = soup(built_site, "models/index.html").find("figure", class_="time-figure")
    svg = _figure_svg(figure)
    marks = svg.select("circle.dot, rect.dot")
    models = SITE.models["models"]
    assert len(marks) == len(models)
    for model in models:
        mark = next(m for m in marks if m.title.get_text().startswith(f"{model['name']}: "))
        approved = model["osi_approved"]["value"]
        assert mark.name == ("circle" if approved else "rect"), model["id"]
        assert f"{score(model):g} of {len(DIMENSIONS)}" in mark.title.get_text()
    rows = figure.select(".figure-data tbody tr")
    assert sorted(r.th.get_text() for r in rows) == sorted(m["name"] for m in models)
    # marks higher up score more: y falls as the score rises
    heights = {float(m["cy"] if m.name == "circle" else m["y"]): m.title.get_text() for m in marks}
    top, bottom = heights[min(heights)], heights[max(heights)]
    assert float(top.split(": ")[1].split(" of")[0]) > float(bottom.split(": ")[1].split(" of")[0])


def test_the_home_page_draws_the_field_from_the_matrix(built_site):
    figure = soup(built_site, "index.html").find("figure", class_="field-figure")
    _figure_svg(figure)
    models = SITE.models["models"]
    rows = {
        r.th.get_text(): [int(td.get_text()) for td in r.find_all("td")]
        for r in figure.select(".figure-data tbody tr")
    }
    for dimension in DIMENSIONS:
        label = DIMENSION_LABELS[dimension]
        expected = [
            sum(1 for m in models if m["openness"][dimension]["value"] == v)
            for v in ("open", "partial", "closed", "unknown")
        ]
        assert rows[label] == expected, dimension
        assert sum(expected) == len(models)


def test_the_timeline_draws_its_events_on_an_axis(built_site):
    page = soup(built_site, "timeline/index.html")
    figure = page.find("figure", class_="timeline-figure")
    svg = _figure_svg(figure)
    dots = svg.select("circle.dot")
    events = {e["id"]: e for e in SITE.timeline["events"] if int(str(e["date"])[:4]) >= 2023}
    assert len(dots) == len(events) > 20
    assert not svg.find("a")  # Material's instant navigation cannot rewrite an SVG link's href
    for dot in dots:
        event = events[dot["data-event"]]
        assert (
            page.find(id=dot["data-event"]) is not None and f"dot--{event['theme']}" in dot["class"]
        )
        assert dot.title.get_text() == f"{event['date']}: {event['title']}"
    lanes = [t.get_text() for t in svg.select("text.plot-label")]
    assert lanes == ["Licences", "Definitions", "Law", "Releases"]


def test_models_json_uses_the_data_keys(built_site):
    export = json.loads((built_site / "models.json").read_text())
    assert export["dimensions"] == list(DIMENSIONS)
    first = export["models"][0]
    assert {
        "id",
        "name",
        "version",
        "organisation",
        "released",
        "licence",
        "osi_approved",
        "history",
        "openness",
    } <= set(first)
    assert set(first["openness"]) == set(DIMENSIONS)


@pytest.mark.build
def test_broken_models_file_fails_with_the_exact_message(tmp_path):
    site = copy_site(tmp_path / "repo")
    data = site / "docs" / "_data" / "models.yml"
    text = data.read_text()
    lines = text.splitlines()
    line = next(
        i for i, row in enumerate(lines, 1) if re.search(r"weights:\s*\{value: \"?open\b", row)
    )
    model_id = next(
        re.search(r"- id: (\S+)", row).group(1) for row in reversed(lines[:line]) if "- id:" in row
    )
    data.write_text(re.sub(r"(weights:\s*\{value: \"?)open\b", r"\1opne", text, count=1))
    result = mkdocs_build(site, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        f"docs/_data/models.yml:{line}: value of {model_id}.weights must be one of closed, open, partial, "
        "unknown: 'opne'"
    ) in output


CARD_COLOURS = {
    "open": (0x1B, 0x7F, 0x3B),
    "partial": (0x9A, 0x67, 0x00),
    "closed": (0xB3, 0x26, 0x1E),
    "unknown": (0x5F, 0x63, 0x68),
}


def test_a_model_card_shows_its_six_cells(built_site):
    """The link preview of a model's page draws each cell in its colour; an essay's card draws none."""
    from PIL import Image  # noqa: PLC0415 - Pillow comes with the social plugin, only this test needs it

    model = next(m for m in SITE.models["models"] if m["id"] == "llama-2")
    card = Image.open(
        built_site / "assets" / "images" / "social" / "models" / "llama-2.png"
    ).convert("RGB")
    for index, dimension in enumerate(DIMENSIONS):
        spot = (64 + index * 141 + 4, 404 + 4)  # a corner of the cell's block, clear of its words
        assert card.getpixel(spot) == CARD_COLOURS[model["openness"][dimension]["value"]], dimension
    essay = Image.open(
        built_site / "assets" / "images" / "social" / "essays" / "free-as-in-what.png"
    ).convert("RGB")
    assert essay.getpixel((68, 408)) not in CARD_COLOURS.values()


@pytest.mark.parametrize(
    "from_src, to_src, url",
    [
        (
            "glossary/used-in/x.md",
            "glossary/open-source-ai-index.md",
            "../../open-source-ai-index/",
        ),
        ("glossary/used-in/x.md", "essays/index.md", "../../../essays/"),
        ("claims/map/index.md", "claims/a.md", "../a/"),
        ("index.md", "essays/a.md", "essays/a/"),
        ("essays/a.md", "index.md", "../../"),
        ("essays/a.md", "essays/a.md", "./"),
    ],
)
def test_page_url_is_the_final_directory_url(from_src, to_src, url):
    """A page whose name ends in "index" is not a folder's index (open-source-ai-index)."""
    assert page_url(from_src, to_src) == url


@pytest.mark.parametrize(
    "site_url, src, path",
    [
        ("https://example.org/free-as-in-what/", "essays/a.md", "/free-as-in-what/essays/a/"),
        ("https://example.org/free-as-in-what", "index.md", "/free-as-in-what/"),
        (
            "https://example.org/",
            "glossary/open-source-ai-index.md",
            "/glossary/open-source-ai-index/",
        ),
        ("", "essays/index.md", "/essays/"),
    ],
)
def test_site_path_starts_at_the_hosts_root(site_url, src, path):
    """Raw HTML links: Zensical re-bases a relative href, neither builder touches this one."""
    assert Settings(site_url=site_url).site_path(src) == path
