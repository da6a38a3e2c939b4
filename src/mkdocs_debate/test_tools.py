"""Tools for testing and measuring a site built with the engine (like ``markdown.test_tools``).

- ``copy_site`` copies everything a build reads into another folder, to alter
  without touching the original;
- ``build_site`` runs a real strict MkDocs build (never ``-q``: it hides the
  warnings that fail a strict build);
- ``render`` and ``check_markdown`` convert Markdown the way the site does,
  for golden tests: Markdown in, expected HTML out, a unified diff on failure.
"""

from __future__ import annotations

import difflib
import os
import pathlib
import shutil
import subprocess
import sys
import textwrap

import markdown

from mkdocs_debate.extension import DebateExtension

SITE_PARTS = (
    "mkdocs.yml",
    "reviewed-files.yml",
    "docs",
    "overrides",
    ".social",
    ".github/ISSUE_TEMPLATE",
)  # the forms: About links them
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
GOLDEN_EXTENSIONS = [
    "attr_list",
    "md_in_html",
    "footnotes",
    "toc",
    "admonition",
    "pymdownx.superfences",
]
IGNORED = shutil.ignore_patterns("__pycache__", "*.png", "manifest.json")


def copy_site(
    source: str | os.PathLike, target: str | os.PathLike, parts: tuple[str, ...] = SITE_PARTS
) -> pathlib.Path:
    """A copy of everything a build of the site in source reads."""
    source, target = pathlib.Path(source), pathlib.Path(target)
    target.mkdir(parents=True, exist_ok=True)
    for name in parts:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name, ignore=IGNORED, dirs_exist_ok=True)
        elif (source / name).exists():
            shutil.copy(source / name, target / name)
    return target


def build_site(
    root: str | os.PathLike, out: str | os.PathLike, *extra: str, timeout: float = 900
) -> subprocess.CompletedProcess:
    """A real strict build of the site whose mkdocs.yml is in root."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out), *extra],
        cwd=root,
        env={**os.environ, **BUILD_ENV},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def render(
    source: str,
    docs_dir: str | os.PathLike,
    page: str = "sample.md",
    extensions: list | None = None,
) -> str:
    """Convert Markdown as the site does, for one page of a docs folder."""
    extension = DebateExtension(
        docs_dir=str(docs_dir),
        page=page,
        site_url="https://example.org/",
        repo_url="https://github.com/example/site",
        site_name="Example",
        cite_key_prefix="ex",
    )
    md = markdown.Markdown(extensions=[*(extensions or GOLDEN_EXTENSIONS), extension])
    return md.convert(textwrap.dedent(source).strip("\n"))


def check_markdown(
    source: str, expected: str, docs_dir: str | os.PathLike, page: str = "sample.md"
) -> None:
    """Assert that source renders to expected, showing a unified diff if not."""
    actual = render(source, docs_dir, page)
    expected = textwrap.dedent(expected).strip("\n")
    if actual.strip() != expected.strip():
        diff = "\n".join(
            difflib.unified_diff(
                expected.splitlines(), actual.splitlines(), "expected", "actual", lineterm=""
            )
        )
        raise AssertionError("rendered HTML differs:\n" + diff)
