"""What a contributor meets in a build: drafts left out of everything published, a fresh feed under serve."""

from __future__ import annotations

import logging
import pathlib
import shutil
import xml.etree.ElementTree as ET

import pytest
import yaml
from conftest import ROOT, copy_site, mkdocs_build
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_debate.blocks.contributing import contributing_links
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.matrix import DIMENSIONS, WEIGHT_CONDITIONS
from mkdocs_debate.data.site import load_site

FIXTURE_DOCS = ROOT / "tests" / "fixtures" / "content" / "docs"
FEED_SITE = """\
site_name: Feed fixture
site_url: https://example.org/feed/
theme: {{name: mkdocs}}
exclude_docs: |
  _data/
plugins:
  - rss:
      use_git: false
      match_path: "(essays|discussions)/"
      date_from_meta: {{as_creation: date}}
  - debate
markdown_extensions:
  - attr_list
  - md_in_html
  - footnotes
  - debate:
      site_url: https://example.org/feed/
      docs_dir: {docs}
"""
DRAFT = """\
---
title: "A draft nobody may see yet"
description: "TODO"  # TODO: what the essay argues
date: 2024-01-20
authors: [editors]
kind: essay
tags: [definitions]
sources:
  - title: "The Open Source Definition"
    url: https://opensource.org/osd
draft: true
---

TODO: an opening paragraph that cites its source.[^osd]

[^osd]: Open Source Initiative, [The Open Source Definition](https://opensource.org/osd).
"""


def feed_links(site_dir: pathlib.Path) -> list[str]:
    """The item links of the RSS feed of new pages, in feed order."""
    tree = ET.parse(site_dir / "feed_rss_created.xml")
    return [item.findtext("link") for item in tree.iter("item")]


# -----------------------------------------------------------------------------
# The feed under `mkdocs serve`
# -----------------------------------------------------------------------------


def test_feed_is_rebuilt_afresh_under_serve(tmp_path, caplog):
    """Two builds in one process, as `mkdocs serve` runs them: a deleted page leaves the feed, none doubles."""
    shutil.copytree(FIXTURE_DOCS, tmp_path / "docs")
    (tmp_path / "mkdocs.yml").write_text(FEED_SITE.format(docs=tmp_path / "docs"), encoding="utf-8")
    config_file, site_dir = str(tmp_path / "mkdocs.yml"), str(tmp_path / "site")
    caplog.set_level(logging.ERROR)
    config = load_config(config_file, site_dir=site_dir)
    config.plugins.on_startup(
        command="serve", dirty=False
    )  # once per `mkdocs serve`, as MkDocs does
    build(config, serve_url="http://127.0.0.1:8000/feed/")
    first = feed_links(tmp_path / "site")
    assert sorted(first) == [
        "https://example.org/feed/discussions/good-summary/",
        "https://example.org/feed/essays/good-essay/",
    ]

    (tmp_path / "docs" / "discussions" / "good-summary.md").unlink()
    config = load_config(
        config_file, site_dir=site_dir
    )  # serve reloads the config; plugins persist
    assert config.plugins["rss"] is not None
    build(config, serve_url="http://127.0.0.1:8000/feed/")
    assert feed_links(tmp_path / "site") == ["https://example.org/feed/essays/good-essay/"]


def test_serve_previews_a_draft_marked_as_one_and_leaves_it_out_of_the_feed(tmp_path, caplog):
    shutil.copytree(FIXTURE_DOCS, tmp_path / "docs")
    (tmp_path / "docs" / "essays" / "a-draft.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(FEED_SITE.format(docs=tmp_path / "docs"), encoding="utf-8")
    caplog.set_level(logging.INFO)
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/feed/")
    page = (tmp_path / "site" / "essays" / "a-draft" / "index.html").read_text(encoding="utf-8")
    assert '<p class="admonition-title">Draft: not published</p>' in page
    assert "https://example.org/feed/essays/a-draft/" not in feed_links(tmp_path / "site")
    assert (
        "docs/essays/a-draft.md is a draft (draft: true): previewed here, marked as a draft; "
        "`mkdocs build` leaves it out"
    ) in caplog.text


# -----------------------------------------------------------------------------
# Drafts in the real site
# -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_with_a_draft(tmp_path_factory) -> tuple[pathlib.Path, str]:
    """The real site built with one draft essay added, and its build log."""
    root = copy_site(tmp_path_factory.mktemp("repo"))
    (root / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "url-manifest.txt", root / "tests" / "url-manifest.txt")
    (root / "docs" / "essays" / "a-draft.md").write_text(DRAFT, encoding="utf-8")
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out, result.stdout + result.stderr


def test_a_draft_builds_and_is_named_once_in_the_log(site_with_a_draft):
    _, log = site_with_a_draft
    lines = [line for line in log.splitlines() if "a-draft.md" in line]
    assert lines == [
        "INFO    -  mkdocs_debate: docs/essays/a-draft.md is a draft (draft: true): "
        "left out of the site, its lists, the feed, search and the sitemap"
    ]


def test_a_draft_is_nowhere_in_the_built_site(site_with_a_draft):
    site, _ = site_with_a_draft
    assert not (site / "essays" / "a-draft").exists()
    lists = [
        "index.html",
        "essays/index.html",
        "feed_rss_created.xml",
        "feed_rss_updated.xml",
        "sitemap.xml",
    ]
    for name in lists:
        text = (site / name).read_text(encoding="utf-8")
        assert "a-draft" not in text and "A draft nobody may see yet" not in text, name
    assert not (site / "search" / "search_index.json").exists()  # Pagefind only (plugin.py)
    assert not list(site.rglob("*a-draft*"))  # no social card either


@pytest.mark.build
def test_a_link_to_a_draft_fails_the_build(tmp_path):
    root = copy_site(tmp_path / "repo")
    (root / "docs" / "essays" / "a-draft.md").write_text(DRAFT, encoding="utf-8")
    about = root / "docs" / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8") + "\nSee [the draft](essays/a-draft.md).\n",
        encoding="utf-8",
    )
    result = mkdocs_build(root, tmp_path / "out")
    assert result.returncode != 0
    assert "'essays/a-draft.md', but the target is not found" in result.stdout + result.stderr


# -----------------------------------------------------------------------------
# About links the guide and the issue forms, from repo_url
# -----------------------------------------------------------------------------


def test_contributing_links_follow_repo_url_and_the_forms(tmp_path):
    shutil.copytree(FIXTURE_DOCS, tmp_path / "docs")
    forms = tmp_path / ".github" / "ISSUE_TEMPLATE"
    forms.mkdir(parents=True)
    (forms / "config.yml").write_text("blank_issues_enabled: true\n", encoding="utf-8")
    (forms / "tea.yml").write_text(
        'name: Suggest a <tea>\ndescription: "One [kind] a time."\nbody: []\n', encoding="utf-8"
    )
    site = load_site(str(tmp_path / "docs"))
    markdown = contributing_links(site, "about.md", Settings(repo_url="https://example.org/fork/"))
    assert markdown.splitlines()[2:4] == [
        "- **[The contributor guide](https://example.org/fork/blob/main/CONTRIBUTING.md)**: propose, scaffold, "
        "write, check and open a pull request, step by step.",
        "- **[Suggest a &#60;tea&#62;](https://example.org/fork/issues/new?template=tea.yml)**: "
        "One &#91;kind&#93; a time.",
    ]


def test_about_links_the_guide_and_every_issue_form(site_with_a_draft):
    site, _ = site_with_a_draft
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    repo = load_config(str(ROOT / "mkdocs.yml")).repo_url.rstrip("/")
    for target in (
        "blob/main/CONTRIBUTING.md",
        "issues/new?template=correction.yml",
        "issues/new?template=essay.yml",
        "issues/new?template=model.yml",
    ):
        assert f'href="{repo}/{target}"' in about, target
    assert "<code>CONTRIBUTING.md</code>" not in about


def test_the_model_form_asks_for_every_cell_by_the_rubric_and_the_weights_conditions():
    """.github/ISSUE_TEMPLATE/model.yml: one required value and evidence per dimension, its rubric in
    the description, and the weights conditions as checkboxes: kept equal to the matrix's own."""
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "model.yml").read_text("utf-8"))
    fields = {item.get("id"): item for item in form["body"] if item.get("id")}
    rubric = load_site(str(ROOT / "docs")).models["rubric"]
    for dimension in DIMENSIONS:
        field = fields[dimension]
        assert field["type"] == "dropdown" and field["validations"]["required"] is True
        assert field["attributes"]["options"] == ["open", "partial", "closed", "unknown"]
        for level in ("open", "partial", "closed"):
            assert rubric[dimension][level] in field["attributes"]["description"], (
                dimension,
                level,
            )
        assert fields[f"{dimension}_evidence"]["validations"]["required"] is True
    conditions = [
        o["label"].split(":")[0] for o in fields["weights_conditions"]["attributes"]["options"]
    ]
    assert conditions == list(WEIGHT_CONDITIONS)
