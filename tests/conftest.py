"""Shared fixtures: real MkDocs builds of the site (and of altered copies); the test layers.

Every test gets one of four markers (registered in pyproject.toml), so that
``make test-fast`` (``-m "unit or golden"``) runs everything that needs no build:

- ``browser``: uses the ``browser`` fixture (Chromium through Playwright);
- ``build``: uses a fixture that builds a site (``built_site``, ``site_pages``
  and the modules' own, listed in BUILD_FIXTURES) or is marked ``build`` by hand
  because its body builds one;
- ``golden``: marked by its module (Markdown in, HTML out);
- ``unit``: everything else.

A test left ``unit`` or ``golden`` that runs a build fails, naming the marker it
needs: the fast layer cannot grow slow unnoticed.
"""

from __future__ import annotations

import pathlib
import subprocess

import pytest

from mkdocs_debate import test_tools

ROOT = pathlib.Path(__file__).resolve().parent.parent


LAYERS = ("unit", "golden", "build", "browser")
FAST = ("unit", "golden")
# Fixtures that build a site (here and in the test modules): a test that uses one is a `build` test.
BUILD_FIXTURES = frozenset(
    {
        "built_site",
        "site_pages",
        "site_with_a_draft",
        "altered",
        "matrix_changed",
        "wheel",
        "zensical_site",
    }
)
_running_fast: list[str] = []  # the node id of the `unit` or `golden` test running, if any


def layer_of(item: pytest.Item) -> str:
    """The one layer a collected test belongs to."""
    fixtures = set(getattr(item, "fixturenames", ()))
    if "browser" in fixtures:
        return "browser"
    if fixtures & BUILD_FIXTURES or item.get_closest_marker("build"):
        return "build"
    if item.get_closest_marker("golden"):
        return "golden"
    return "unit"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its layer; a test marked by hand with a second layer is an error."""
    clashes = []
    for item in items:
        layer = layer_of(item)
        clashes += [
            f"{item.nodeid}: marked {other}, but it is a {layer} test"
            for other in LAYERS
            if other != layer and item.get_closest_marker(other)
        ]
        if not item.get_closest_marker(layer):
            item.add_marker(layer)
    if clashes:
        raise pytest.UsageError("\n".join(clashes))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    return (yield from _watch(item))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    return (yield from _watch(item))


def _watch(item: pytest.Item):
    """Remember, while a fast test sets up and runs, that it may not build."""
    fast = layer_of(item) in FAST
    if fast:
        _running_fast.append(item.nodeid)
    try:
        return (yield)
    finally:
        if fast:
            _running_fast.pop()


def mkdocs_build(root: pathlib.Path, out: pathlib.Path) -> subprocess.CompletedProcess:
    """Run a real strict build (never -q: it would hide the warnings that fail it)."""
    if _running_fast:
        pytest.fail(
            f"{_running_fast[-1]} builds a site: mark it @pytest.mark.build "
            "(or add its fixture to BUILD_FIXTURES in tests/conftest.py)",
            pytrace=False,
        )
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
