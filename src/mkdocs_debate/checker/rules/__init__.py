"""Rules across pages and on the data files, one module per source of truth.

Each ``*_problems(site)`` yields Problems naming their file and line.
"""

from __future__ import annotations

from mkdocs_debate.checker.rules.definitions import definitions_problems
from mkdocs_debate.checker.rules.glossary import glossary_problems
from mkdocs_debate.checker.rules.licences import licences_problems
from mkdocs_debate.checker.rules.models import cell_findings, models_problems
from mkdocs_debate.checker.rules.pages import site_problems
from mkdocs_debate.checker.rules.path import path_problems
from mkdocs_debate.checker.rules.themes import themes_problems
from mkdocs_debate.checker.rules.timeline import timeline_problems

__all__ = [
    "cell_findings",
    "definitions_problems",
    "glossary_problems",
    "licences_problems",
    "models_problems",
    "path_problems",
    "site_problems",
    "themes_problems",
    "timeline_problems",
]
