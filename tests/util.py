"""Test helpers for this repository's fixtures: Markdown in, expected HTML out; the checker on a broken data file."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

from mkdocs_debate import test_tools
from mkdocs_debate.data.matrix import DIMENSIONS

GOLDEN_DOCS = pathlib.Path(__file__).parent / "fixtures" / "golden" / "docs"


def render(source: str, page: str = "sample.md") -> str:
    """Convert Markdown as the site does, for one page of the golden docs folder."""
    return test_tools.render(source, GOLDEN_DOCS, page)


def check_markdown(source: str, expected: str, page: str = "sample.md") -> None:
    """Assert that source renders to expected, showing a unified diff if not."""
    test_tools.check_markdown(source, expected, GOLDEN_DOCS, page)


def checker_lines_with(
    data_file: pathlib.Path, name: str, docs: pathlib.Path, tmp_path: pathlib.Path
) -> tuple[int, list[str]]:
    """Run the checker on a copy of docs whose _data/<name> is data_file: (exit code, output lines)."""
    copy = tmp_path / "docs"
    shutil.copytree(docs, copy)
    shutil.copy(data_file, copy / "_data" / name)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_debate.checker", "--docs-dir", "docs"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout.splitlines()


def raw_score(model: dict) -> float:
    """A raw models.yml row's openness score, computed here on its own: open 1, partial ½."""
    return sum(
        {"open": 1.0, "partial": 0.5}.get(model["openness"][d]["value"], 0.0) for d in DIMENSIONS
    )


def screenshot(page, variable: str, name: str) -> None:
    """Save what the browser shows as <$variable>/<name>.png when that variable is set (to look at it)."""
    folder = os.environ.get(variable)
    if folder:
        pathlib.Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=False)
