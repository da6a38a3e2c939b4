"""Markdown generated from the sources of truth, one module per family.

Each generator takes the site, the source path of the page it renders on and
the site's Settings, and returns Markdown (``md_in_html`` blocks where a
wrapper needs a class). Links point at source files relative to the page, so
MkDocs rewrites and validates them like any hand-written link. Every value
from a data file or front matter is escaped where it enters HTML.

``GENERATORS`` maps the NAME of ``[[generate:NAME]]`` to its generator.
"""

from __future__ import annotations

from collections.abc import Callable

from mkdocs_debate.blocks.answer import answer_page
from mkdocs_debate.blocks.archive import archive_page, discussions_list, essays_list
from mkdocs_debate.blocks.argument_map import map_page
from mkdocs_debate.blocks.claims import claim_uses_page, claims_list
from mkdocs_debate.blocks.contributing import contributing_links
from mkdocs_debate.blocks.definitions import definitions_index, term_definitions_page
from mkdocs_debate.blocks.disagreements import disagreements_page
from mkdocs_debate.blocks.furniture import corrections_list
from mkdocs_debate.blocks.glossary import glossary_page
from mkdocs_debate.blocks.glossary_terms import term_page, used_in_page
from mkdocs_debate.blocks.licences import licence_compare, licence_page, licences_list
from mkdocs_debate.blocks.lists import key_claims, latest_list, whats_new
from mkdocs_debate.blocks.model_page import model_page
from mkdocs_debate.blocks.models import field_at_a_glance, matrix_teaser, models_page
from mkdocs_debate.blocks.path import reading_path
from mkdocs_debate.blocks.timeline import timeline_page
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.site import Site

Generator = Callable[[Site, str, Settings], str]

GENERATORS: dict[str, Generator] = {
    "glossary": glossary_page,
    "glossary-term": term_page,
    "glossary-used-in": used_in_page,
    "essays": essays_list,
    "discussions": discussions_list,
    "archive": archive_page,
    "claim-uses": claim_uses_page,
    "latest": latest_list,
    "claims": claims_list,
    "key-claims": key_claims,
    "matrix-teaser": matrix_teaser,
    "models": models_page,
    "corrections": corrections_list,
    "timeline": timeline_page,
    "whats-new": whats_new,
    "term-definitions": term_definitions_page,
    "definitions-index": definitions_index,
    "is-it-open": answer_page,
    "field-at-a-glance": field_at_a_glance,
    "model-page": model_page,
    "licence-page": licence_page,
    "licences": licences_list,
    "licence-compare": licence_compare,
    "contributing": contributing_links,
    "reading-path": reading_path,
    "disagreements": disagreements_page,
    "argument-map": map_page,
}
