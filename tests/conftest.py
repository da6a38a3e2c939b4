"""Shared fixtures: real MkDocs builds of the site (and of altered copies)."""

from __future__ import annotations

import pathlib
import subprocess

import pytest

from mkdocs_debate import test_tools

ROOT = pathlib.Path(__file__).resolve().parent.parent


def mkdocs_build(root: pathlib.Path, out: pathlib.Path) -> subprocess.CompletedProcess:
    """Run a real strict build (never -q: it would hide the warnings that fail it)."""
    return test_tools.build_site(root, out)


def copy_site(target: pathlib.Path) -> pathlib.Path:
    """A copy of everything a build reads, to alter without touching the repository."""
    return test_tools.copy_site(ROOT, target)


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
    return {
        str(p.relative_to(built_site)): p.read_text(encoding="utf-8")
        for p in sorted(built_site.rglob("*.html"))
    }
