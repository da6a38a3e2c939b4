"""Shared fixtures: real MkDocs builds of the site (and of altered copies)."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
             "PYTHONPATH": str(ROOT)}


def mkdocs_build(root: pathlib.Path, out: pathlib.Path) -> subprocess.CompletedProcess:
    """Run a real strict build (never -q: it would hide the warnings that fail it)."""
    env = {**BUILD_ENV, "PYTHONPATH": str(root)}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                          cwd=root, env=env, capture_output=True, text=True, timeout=600)


def copy_site(target: pathlib.Path) -> pathlib.Path:
    """A copy of everything a build reads, to alter without touching the repository."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "overrides", "scripts", ".social"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.png", "manifest.json"))
        else:
            shutil.copy(source, target / name)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> pathlib.Path:
    """The real site, built once per test session."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, out)
    if result.returncode != 0:
        pytest.fail("strict build failed:\n" + result.stdout + result.stderr)
    return out


@pytest.fixture(scope="session")
def site_pages(built_site) -> dict[str, str]:
    """Published path ('essays/x/index.html') -> HTML of every page."""
    return {str(p.relative_to(built_site)): p.read_text(encoding="utf-8")
            for p in sorted(built_site.rglob("*.html"))}
