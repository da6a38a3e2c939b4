"""Golden Markdown tests: each tests/golden/NAME.md renders to exactly tests/golden/NAME.html.

The pairs are kept as Python-Markdown and pymdown-extensions keep theirs:
Markdown in, the expected HTML beside it, rendered as the site renders it
(``mkdocs_debate.test_tools.render``) against the glossary, claims and pages of
tests/fixtures/golden/docs/, as the page ``sample.md`` unless PAGES names
another. A failure shows a unified diff.

To add a case, write NAME.md and regenerate its HTML; read the HTML before
committing it, since the test cannot tell a right expectation from a wrong one:

    .venv/bin/python tests/test_golden.py NAME [NAME ...]   # or --all

The test itself only compares: it never writes a file.
"""

from __future__ import annotations

import argparse
import pathlib
import sys

import pytest
from util import GOLDEN_DOCS, check_markdown, render

GOLDEN = pathlib.Path(__file__).parent / "golden"
# Cases rendered as another page than sample.md (the page's own front matter matters).
PAGES = {"page-can-opt-out": "opted-out.md"}

pytestmark = pytest.mark.golden


def names() -> list[str]:
    """Every case with either file of its pair: a lone file fails its test."""
    return sorted({p.stem for p in GOLDEN.iterdir() if p.suffix in (".md", ".html")})


@pytest.mark.parametrize("name", names())
def test_golden_pair(name):
    source, expected = GOLDEN / f"{name}.md", GOLDEN / f"{name}.html"
    assert source.is_file() and expected.is_file(), f"{name}: needs both {name}.md and {name}.html"
    check_markdown(
        source.read_text(encoding="utf-8"),
        expected.read_text(encoding="utf-8"),
        page=PAGES.get(name, "sample.md"),
    )


def test_every_page_named_is_a_case_and_a_golden_page():
    assert set(PAGES) <= set(names())
    assert all((GOLDEN_DOCS / page).is_file() for page in PAGES.values())


def regenerate(name: str) -> pathlib.Path:
    """Write NAME.html from NAME.md as the extension renders it today."""
    html = render((GOLDEN / f"{name}.md").read_text(encoding="utf-8"), PAGES.get(name, "sample.md"))
    target = GOLDEN / f"{name}.html"
    target.write_text(html.strip() + "\n", encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write tests/golden/NAME.html from NAME.md.")
    parser.add_argument("names", nargs="*", help="cases to regenerate (file names without .md)")
    parser.add_argument("--all", action="store_true", help="regenerate every case")
    args = parser.parse_args(argv)
    chosen = names() if args.all else args.names
    if not chosen:
        parser.error("name the cases to regenerate, or pass --all")
    unknown = [n for n in chosen if not (GOLDEN / f"{n}.md").is_file()]
    if unknown:
        parser.error("no such case: " + ", ".join(f"tests/golden/{n}.md" for n in unknown))
    for name in chosen:
        print(regenerate(name).relative_to(GOLDEN.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
