"""One Site per build: a build reads each data file once and lists docs/ at most three times.

Under MkDocs the plugin starts a build generation (``on_config``) that keys the
one Site of the build; under Zensical, which runs the Markdown extension alone,
the key is docs/'s newest modification, looked at once per document. A data
file edited between two documents is seen by the second.
"""

from __future__ import annotations

import builtins
import collections
import io
import os
import shutil

import pytest
from conftest import ROOT
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_debate.data import site as site_data
from mkdocs_debate.data.site import DATA_DIR, DATA_FILES, load_site
from mkdocs_debate.test_tools import render

FIXTURE_DOCS = ROOT / "tests" / "fixtures" / "content" / "docs"

MAX_LISTINGS = 3


def _counting(counter: collections.Counter, original, watched):
    def wrapper(*args, **kwargs):
        path = args[0] if args else kwargs.get("file", kwargs.get("path", "."))
        if isinstance(path, (str, os.PathLike)):
            key = os.path.abspath(os.fspath(path))
            if key in watched:
                counter[key] += 1
        return original(*args, **kwargs)

    return wrapper


@pytest.mark.build
def test_a_build_opens_each_data_file_once_and_lists_docs_at_most_three_times(
    tmp_path, monkeypatch
):
    docs = ROOT / "docs"
    data_files = {
        str(docs / DATA_DIR / name) for name in DATA_FILES if (docs / DATA_DIR / name).exists()
    }
    opened: collections.Counter = collections.Counter()
    listed: collections.Counter = collections.Counter()
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("DISABLE_MKDOCS_2_WARNING", "true")
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    for module, name in ((builtins, "open"), (io, "open")):
        monkeypatch.setattr(module, name, _counting(opened, getattr(module, name), data_files))
    for name in ("scandir", "listdir"):
        monkeypatch.setattr(os, name, _counting(listed, getattr(os, name), {str(docs)}))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
        monkeypatch.undo()
    print(f"data files opened: {dict(opened)}; docs/ listed {listed[str(docs)]} times")
    assert {path: opened[path] for path in data_files} == dict.fromkeys(data_files, 1)
    assert listed[str(docs)] <= MAX_LISTINGS


def test_a_data_file_edited_between_two_documents_is_seen_by_the_second(tmp_path):
    """Outside a MkDocs build (Zensical: the extension alone), no Site outlives an edit."""
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE_DOCS, docs)
    glossary = docs / DATA_DIR / "glossary.yml"
    before = render("Open weights are weights.", docs)
    assert 'href="../glossary/#open-weights"' in before or "open-weights" in before
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("term: open weights", "term: released parameters"), "utf-8")
    after = render("Released parameters are weights.", docs)
    assert "open-weights" in after, "the second document saw the glossary as it was before"
    assert load_site(str(docs)).terms["open-weights"]["term"] == "released parameters"


def test_one_site_per_key_and_its_indexes_live_on_it(tmp_path):
    """Within one key, every load is the same Site; a new build key reads a new one."""
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE_DOCS, docs)
    site_data.begin_build(str(docs))
    try:
        first = load_site(str(docs))
        (docs / DATA_DIR / "tags.yml").write_text("{}\n", "utf-8")  # seen by the next build only
        assert load_site(str(docs)) is first
        site_data.begin_build(str(docs))
        second = load_site(str(docs))
    finally:
        site_data.end_build(str(docs))
    assert second is not first
    assert second.indexes == {}
