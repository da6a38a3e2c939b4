"""The content checker: every rule the site's content must meet, in one place.

Checks every page's front matter against the schema (required fields, types,
ISO dates, known authors and tags, description length, sources with title and
https URL), file names, unique slugs and titles, explicit term and claim
references, the safety of contributed Markdown, and the data files. The
command (``debate-check``) and the MkDocs plugin run the same rules, so a bad
page fails both with the same ``path:line: message``.
"""

from __future__ import annotations

import os
import re

from mkdocs_debate.checker.body_rules import placeholder_findings
from mkdocs_debate.checker.field_rules import data_text_problems
from mkdocs_debate.checker.links import link_findings
from mkdocs_debate.checker.page_rules import page_findings
from mkdocs_debate.checker.render import Renderer
from mkdocs_debate.checker.rules import (
    definitions_problems,
    glossary_problems,
    licences_problems,
    models_problems,
    path_problems,
    site_problems,
    themes_problems,
    timeline_problems,
)
from mkdocs_debate.checker.static_rules import static_problems
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import Site
from mkdocs_debate.problems import Problem, located


def page_problems(site: Site, page: Page) -> list[Problem]:
    """Every problem of one page, in line order."""
    return located(page.path, page_findings(site, page))


def data_problems(site: Site) -> list[Problem]:
    """Every problem of the data files and of the rules across pages."""
    specific = [
        *site_problems(site),
        *glossary_problems(site),
        *models_problems(site),
        *licences_problems(site),
        *timeline_problems(site),
        *static_problems(site),
        *definitions_problems(site),
        *themes_problems(site),
        *path_problems(site),
    ]
    # The plain-text rule of every data string speaks only where no rule of the file already has:
    # one message for one problem at one line.
    seen = {(p.path, p.line) for p in specific}
    return specific + [p for p in data_text_problems(site) if (p.path, p.line) not in seen]


def all_problems(
    site: Site, only: set[str] | None = None, renderer: Renderer | None = None
) -> list[Problem]:
    """Every problem of the site (or of the pages whose absolute paths are in only).

    With a renderer, each page that passes its own rules is also rendered as
    the build renders it and its HTML checked: what the build would refuse,
    the checker reports first. A page that fails its rules (limits included)
    is not rendered: its problems are fixed first, and rendering stays bounded.

    With only, the rules across files still run (data files, files under docs/,
    unique slugs and titles), but a problem they find in a page outside only is
    reported only when it names a page of only (a title taken by the new page).
    """
    problems = []
    parsed: dict = {}  # each page rendered once for the link check, as a source and as a target
    shown = set()  # the checked pages as problems name them
    for page in sorted(site.all_pages.values(), key=lambda p: p.src):
        if only is None or os.path.abspath(os.path.join(site.docs_dir, page.src)) in only:
            shown.add(page.path)
            found = page_findings(site, page)
            if renderer is not None and not found:  # a page whose own rules failed is not rendered
                found = sorted(
                    set(renderer.findings(page)) | set(link_findings(site, page, renderer, parsed))
                )
            problems += located(page.path, found)
    across = data_problems(site)
    if only is not None:
        across = [
            p
            for p in across
            if not p.path.endswith(".md") or p.path in shown or any(s in p.message for s in shown)
        ]
    return problems + across


WHOLE_SITE_FILES = (
    "mkdocs.yml",
    "reviewed-files.yml",
)  # beside docs/: what every page is built with


def pages_touched(site: Site, changed: list[str]) -> set[str] | None:
    """The pages `debate-check PATH ...` checks for these changed files (absolute paths), or None
    for the whole site.

    Each changed page, and every page whose source names a changed file (its slug, or a
    file's name): a link to it or to one of its anchors, a claim reference, an image it
    shows, which a renamed heading or a deleted file would break. A change to a data file
    (docs/_data/) or to the site's configuration changes what any page renders: the whole
    site. Files outside docs/ are no content and are left to the build.
    """
    docs = os.path.abspath(site.docs_dir)
    data = os.path.join(docs, "_data")
    pages: set[str] = set()
    names: set[str] = set()
    for path in changed:
        full = os.path.abspath(path)
        if full.startswith(data + os.sep) or (
            os.path.dirname(full) == os.path.dirname(docs)
            and os.path.basename(full) in WHOLE_SITE_FILES
        ):
            return None
        if not full.startswith(docs + os.sep):
            continue
        rel = os.path.relpath(full, docs).replace(os.sep, "/")
        stem, extension = os.path.splitext(rel)
        if extension == ".md":
            pages.add(full)
            parts = stem.split("/")
            names.add(parts[-2] if parts[-1] == "index" and len(parts) > 1 else parts[-1])
        else:
            names.add(rel.rsplit("/", 1)[-1])
    names.discard("index")
    if names:
        named = re.compile(
            r"(?<![\w.-])(?:" + "|".join(map(re.escape, sorted(names))) + r")(?![\w-])"
        )
        for page in site.all_pages.values():
            if named.search(page.body):
                pages.add(os.path.abspath(os.path.join(docs, page.src)))
    return pages


def draft_notes(site: Site, only: set[str] | None = None) -> list[str]:
    """One line per draft: how many TODOs it still holds, or that it is ready to publish."""
    notes = []
    for page in sorted(site.drafts.values(), key=lambda p: p.src):
        if only is None or os.path.abspath(os.path.join(site.docs_dir, page.src)) in only:
            todos = [line for line, _ in placeholder_findings(page)]
            notes.append(
                f"{page.path}: draft (draft: true), not published: "
                + (
                    f"{len(todos)} TODO{'s' if len(todos) != 1 else ''} left, on line"
                    f"{'s' if len(todos) != 1 else ''} {', '.join(map(str, todos))}"
                    if todos
                    else "no TODO left; delete draft: true to publish it"
                )
            )
    return notes
