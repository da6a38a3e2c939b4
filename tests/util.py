"""Golden-test helper for this repository's fixtures: Markdown in, expected HTML out."""

from __future__ import annotations

import pathlib

from mkdocs_debate import test_tools

GOLDEN_DOCS = pathlib.Path(__file__).parent / "fixtures" / "golden" / "docs"


def render(source: str, page: str = "sample.md") -> str:
    """Convert Markdown as the site does, for one page of the golden docs folder."""
    return test_tools.render(source, GOLDEN_DOCS, page)


def check_markdown(source: str, expected: str, page: str = "sample.md") -> None:
    """Assert that source renders to expected, showing a unified diff if not."""
    test_tools.check_markdown(source, expected, GOLDEN_DOCS, page)
