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

from mkdocs_debate.checker.data_rules import glossary_problems, licences_problems, models_problems, site_problems
from mkdocs_debate.checker.page_rules import page_findings
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import Site
from mkdocs_debate.problems import Problem, located


def page_problems(site: Site, page: Page) -> list[Problem]:
    """Every problem of one page, in line order."""
    return located(page.path, page_findings(site, page))


def data_problems(site: Site) -> list[Problem]:
    """Every problem of the data files and of the rules across pages."""
    return [*site_problems(site), *glossary_problems(site), *models_problems(site), *licences_problems(site)]


def all_problems(site: Site, only: set[str] | None = None) -> list[Problem]:
    """Every problem of the site (or of the pages whose absolute paths are in only)."""
    problems = []
    for page in sorted(site.pages.values(), key=lambda p: p.src):
        if only is None or os.path.abspath(os.path.join(site.docs_dir, page.src)) in only:
            problems += page_problems(site, page)
    return problems + data_problems(site)
