"""The reading path's rules (path.yml)."""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_debate.checker.rules.common import _entries
from mkdocs_debate.data.site import Site
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Finding, Problem
from mkdocs_debate.source import PLAIN_TEXT_MARKUP

PATH_STEP_FIELDS = frozenset({"page", "why"})


def path_problems(site: Site) -> Iterator[Problem]:
    """Reading path: each step names a page of docs/ once, with a one-line plain-text why."""
    path, steps = yield from _entries(site, "path.yml", "steps", site.path_data)
    seen: set[str] = set()
    for step in steps:
        if not isinstance(step, LineDict):
            yield Problem(
                path, 1, f"a step of the reading path must be a mapping with page and why: {step!r}"
            )
            continue
        for line, message in _path_step_findings(site, step, seen):
            yield Problem(path, line, message)


def _path_step_findings(site: Site, step: LineDict, seen: set[str]) -> Iterator[Finding]:
    page, why = step.get("page"), step.get("why")
    if not isinstance(page, str) or page not in site.pages:
        yield (
            step.line_of("page"),
            (
                f"page of a reading-path step must be the source path of a page under docs/, "
                f"e.g. essays/free-as-in-what.md: {page!r}"
            ),
        )
    elif page in seen:
        yield step.line_of("page"), f"page {page!r} is on the reading path twice"
    seen.add(str(page))
    if not isinstance(why, str) or not why.strip() or "\n" in why.strip():
        yield step.line_of("why"), f"why of reading-path step {page!r} must be one line of text"
    elif PLAIN_TEXT_MARKUP.search(why):
        yield (
            step.line_of("why"),
            f"why of reading-path step {page!r} must be plain text (no <, >, [ or ]): {why!r}",
        )
    for field in step:
        if field not in PATH_STEP_FIELDS:
            yield (
                step.line_of(field),
                (
                    f"unknown field {field!r} in a reading-path step; allowed: "
                    + ", ".join(sorted(PATH_STEP_FIELDS))
                ),
            )
