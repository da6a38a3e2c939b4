"""What the matrix and the licence pages share about models.yml and licences.yml.

The vocabulary of the data (the criteria a licence clause can conflict with,
declared in ``licence_texts.py``; the basis of a cell read only in research
notes) and the few facts derived
from it (a licence family's versions in order, a clause's upstream lines, a
model's licence family), so that the checker, the generated pages and the
exports compute each of them once.
"""

from __future__ import annotations

from mkdocs_debate.data.licence_texts import (  # noqa: F401 (the licences' vocabulary, read from here)
    COMPARE_SUFFIX,
    CONFLICTS,
    RESERVED_LICENCE_IDS,
    Clause,
    Licence,
)
from mkdocs_debate.data.matrix import Model
from mkdocs_debate.data.site import Site
from mkdocs_debate.data.vocabulary import RESEARCH_NOTES  # noqa: F401 (read from here)

OSD_URL = "https://opensource.org/osd"
OSAID_URL = "https://opensource.org/ai/open-source-ai-definition"


def family_versions(site: Site, family: str) -> list[Licence]:
    """The licences of a family, oldest first, following each one's `previous`."""
    members = [entry for entry in site.licences.values() if entry.family == family]
    by_previous = {entry.previous: entry for entry in members}
    ordered: list[Licence] = []
    current = by_previous.get(None)
    while current is not None and current not in ordered:
        ordered.append(current)
        current = by_previous.get(current.id)
    return ordered + [entry for entry in members if entry not in ordered]


def compared_families(site: Site) -> list[str]:
    """Families with more than one version: each gets a comparison page."""
    families = sorted({e.family for e in site.licences.values() if e.family})
    return [family for family in families if len(family_versions(site, family)) > 1]


def clause_lines_url(licence: Licence, clause: Clause) -> str:
    """The upstream text at the clause's lines (GitHub's #L<a>-L<b>), or the text itself."""
    url = licence.upstream.url
    if url and clause.lines is not None:
        return f"{url}#L{clause.lines[0]}-L{clause.lines[1]}"
    return url


def licence_family(site: Site, model: Model) -> tuple[str, str]:
    """(filter value, label) of the licence family a model's weights ship under."""
    licence = model.licence
    bespoke = site.licences.get(licence.licence_page or "")
    if bespoke is not None:
        return f"family-{bespoke.family}", f"{bespoke.holder} licences ({bespoke.family})"
    if licence.spdx:
        return f"spdx-{licence.spdx}", licence.spdx
    return "other", "Other bespoke licences"
