"""The reading path's rules (path.yml): what each key holds, then the rule across steps.

What a key of a step must hold (a page of docs/, one line of plain text on
why) is declared on the field it fills (``data/entries.Step``, read by
``data/schema.findings``). Here is the rule no single key can state: a page is
on the path once.
"""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_debate.checker.rules.common import _entries
from mkdocs_debate.data.entries import Step
from mkdocs_debate.data.schema import findings
from mkdocs_debate.data.site import Site
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Problem


def path_problems(site: Site) -> Iterator[Problem]:
    """Reading path: each step names a page of docs/ once, with a one-line plain-text why."""
    path, steps = yield from _entries(site, "path.yml", "steps", site.path_data)
    seen: set[str] = set()
    refs = {"pages": frozenset(site.pages)}
    for step in steps:
        if not isinstance(step, LineDict):
            yield Problem(
                path, 1, f"a step of the reading path must be a mapping with page and why: {step!r}"
            )
            continue
        page = step.get("page")
        found = list(findings(Step, step, f"reading-path step {page!r}", refs=refs))
        if isinstance(page, str) and page in site.pages and page in seen:
            found.append((step.line_of("page"), f"page {page!r} is on the reading path twice"))
        seen.add(str(page))
        yield from (Problem(path, line or step.line, message) for line, message in sorted(found))
