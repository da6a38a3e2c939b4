"""debate-check: tell a contributor exactly what is wrong with the content.

Usage: debate-check [--docs-dir docs] [FILE ...]

With files (a pull request's changed files), it checks those pages and the pages
that name them (checker.pages_touched: links, claim references, images), rendered
as the build renders them, plus the rules across files (data files, files under
docs/, unique slugs and titles): not a whole-site render. A changed data file or
mkdocs.yml means the whole site; files outside docs/ are left to the build.

Prints ``path:line: message`` for every problem, then a line for each draft
(``draft: true``: how many TODOs it still holds, which are not problems while
it is a draft), then a count, and exits 1 if there is any problem. With ``GITHUB_ACTIONS=true`` it also prints ``::error``
annotations so problems show on the pull request's diff.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys

from mkdocs_debate.checker import all_problems, draft_notes, pages_touched
from mkdocs_debate.checker.render import Renderer
from mkdocs_debate.data.config import Settings, settings_from_config
from mkdocs_debate.data.site import begin_build, end_build, load_site
from mkdocs_debate.data.yaml_lines import DataError
from mkdocs_debate.problems import Problem

REQUIRED_EXTENSIONS = (
    "attr_list",
    "md_in_html",
    "footnotes",
    "toc",
    "fenced_code",
)  # what the engine's blocks need


def _escape_data(text: str) -> str:
    """Escape a GitHub workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Escape a GitHub workflow command's property value."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """The GitHub Actions error annotation of a problem."""
    return (
        f"::error file={_escape_property(problem.path)},line={problem.line}"
        f"::{_escape_data(problem.message.strip())}"
    )


def _renderer(config: str, docs_dir: str) -> Renderer:
    """Render pages as the site does: its mkdocs.yml (given, or beside docs/), else Markdown alone."""
    docs_dir = os.path.abspath(docs_dir)
    for candidate in (config, os.path.join(os.path.dirname(docs_dir), "mkdocs.yml")):
        if os.path.exists(candidate):
            settings = dataclasses.replace(settings_from_config(candidate), docs_dir=docs_dir)
            return Renderer.from_config(candidate, settings)
    return Renderer(Settings(docs_dir=docs_dir), REQUIRED_EXTENSIONS, {})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs-dir", default="docs")
    parser.add_argument(
        "--config", default="mkdocs.yml", help="the site's mkdocs.yml (its Markdown extensions)"
    )
    parser.add_argument(
        "files",
        nargs="*",
        help="changed files: these pages and the pages that name them (rules across files always run)",
    )
    args = parser.parse_args(argv)
    notes: list[str] = []
    begin_build(args.docs_dir)  # one Site for the whole run, every page's rendering included
    try:
        site = load_site(args.docs_dir)
    except DataError as error:
        problems = error.problems
    else:
        only = pages_touched(site, args.files) if args.files else None
        problems = all_problems(site, only, _renderer(args.config, args.docs_dir))
        notes = draft_notes(site, only)
    finally:
        end_build(args.docs_dir)
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem)
        if annotate:
            print(annotation(problem))
    for note in notes:
        print(note)
    count = len(problems)
    print(
        f"{count} problem{'s' if count != 1 else ''} found"
        if count
        else "content OK: no problems found"
    )
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
