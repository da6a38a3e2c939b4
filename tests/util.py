"""Golden-test helper: Markdown in, expected HTML out, a unified diff on failure."""

from __future__ import annotations

import difflib
import pathlib
import textwrap

import markdown

from scripts.debate_markdown import DebateExtension

GOLDEN_DOCS = pathlib.Path(__file__).parent / "fixtures" / "golden" / "docs"
EXTENSIONS = ["attr_list", "md_in_html", "footnotes", "toc", "admonition", "pymdownx.superfences"]


def render(source: str, page: str = "sample.md", docs_dir: pathlib.Path = GOLDEN_DOCS) -> str:
    """Convert Markdown as the site does, for one page of a docs folder."""
    extension = DebateExtension(docs_dir=str(docs_dir), page=page, site_url="https://example.org/",
                                repo_url="https://github.com/example/site")
    md = markdown.Markdown(extensions=[*EXTENSIONS, extension])
    return md.convert(textwrap.dedent(source).strip("\n"))


def check_markdown(source: str, expected: str, page: str = "sample.md") -> None:
    """Assert that source renders to expected, showing a unified diff if not."""
    actual = render(source, page)
    expected = textwrap.dedent(expected).strip("\n")
    if actual.strip() != expected.strip():
        diff = "\n".join(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                              "expected", "actual", lineterm=""))
        raise AssertionError("rendered HTML differs:\n" + diff)
