"""Rules on a claim's place in the argument map: its ``relations`` and ``rests_on``.

What each item must hold is declared on ``Relation`` and ``Evidence``
(``data/argument.py``); the rules across items are here: a claim that relates
to itself, an item given twice, a claim both supported and attacked, evidence
that names nothing the site publishes. Every message names the item by its
place in its list and sits at the item's own line.
"""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_debate.data.argument import Evidence, Relation
from mkdocs_debate.data.matrix import DIMENSIONS
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.schema import build, findings
from mkdocs_debate.data.site import Site
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Finding

ARGUMENT_FIELDS = frozenset({"relations", "rests_on"})  # optional, on claim pages only
RESERVED_CLAIM_IDS = frozenset({"map"})  # /claims/map/ is the argument map
LIST_HINT = {
    "relations": "relations must be a list, one {type: …, claim: …, note: “…”} per line",
    "rests_on": "rests_on must be a list, one {ref: …, note: “…”} per line",
}


def rule_argument_map(site: Site, page: Page) -> Iterator[Finding]:
    """A claim's relations name other claims, each once, with a note; its evidence names what the site publishes."""
    if page.error:
        return
    if not page.is_claim:
        return  # elsewhere relations and rests_on are unknown keys (page_rules, field_rules)
    if page.slug in RESERVED_CLAIM_IDS:
        yield Finding(
            page.meta.line,
            f"a claim may not be called {page.slug!r}: /claims/{page.slug}/ is the argument map",
        )
    yield from _relations(site, page)
    yield from _evidence(site, page)


def _items(page: Page, key: str, what: str, cls: type, site: Site) -> Iterator[tuple]:
    """Each well-formed item of a list as (number, mapping, object); findings for the rest."""
    raw = page.meta.get(key)
    if raw is None:
        return
    if not isinstance(raw, list):
        yield Finding(page.meta.line_of(key), LIST_HINT[key])
        return
    refs = {"claims": site.claims.keys()}
    for number, item in enumerate(raw, 1):
        subject = f"{what} {number} of {key}"
        found = list(findings(cls, item, subject, refs=refs))
        for line, message in found:
            yield Finding(line or page.meta.line_of(key), message)
        if isinstance(item, LineDict) and not found:
            yield number, item, build(cls, item)


def _relations(site: Site, page: Page) -> Iterator[Finding]:
    seen: dict[tuple[str, str], int] = {}
    types: dict[str, tuple[str, int]] = {}
    for found in _items(page, "relations", "relation", Relation, site):
        if isinstance(found, Finding):
            yield found
            continue
        number, item, relation = found
        if relation.claim == page.slug:
            yield Finding(
                item.line_of("claim"),
                f"relation {number} of relations: a claim cannot relate to itself ({relation.type} {relation.claim})",
            )
            continue
        key = (relation.type, relation.claim)
        if key in seen:
            yield Finding(
                item.line,
                f"relation {number} of relations repeats relation {seen[key]} "
                f"({relation.type} {relation.claim})",
            )
            continue
        seen[key] = number
        earlier = types.get(relation.claim)
        if earlier and {earlier[0], relation.type} == {"supports", "attacks"}:
            yield Finding(
                item.line,
                f"relation {number} of relations: this claim both supports and attacks "
                f"{relation.claim!r} (relation {earlier[1]}); say which, or use qualifies",
            )
        types.setdefault(relation.claim, (relation.type, number))


def _evidence(site: Site, page: Page) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for found in _items(page, "rests_on", "evidence", Evidence, site):
        if isinstance(found, Finding):
            yield found
            continue
        number, item, evidence = found
        problem = evidence_problem(site, evidence)
        if problem:
            yield Finding(
                item.line_of("ref"), f"evidence {number} of rests_on: {evidence.ref!r} {problem}"
            )
            continue
        if evidence.ref in seen:
            yield Finding(
                item.line,
                f"evidence {number} of rests_on repeats evidence {seen[evidence.ref]} ({evidence.ref})",
            )
            continue
        seen[evidence.ref] = number


def evidence_problem(site: Site, evidence: Evidence) -> str:
    """What is wrong with an evidence reference that has the right form, or ''."""
    p = evidence.parts
    kind = evidence.kind
    if kind == "cell":
        if p["model"] not in site.models_by_id:
            return f"names no model of the matrix: {p['model']!r} (see docs/_data/models.yml)"
        if p["dimension"] not in DIMENSIONS:
            return f"names no dimension {p['dimension']!r}; dimensions: {', '.join(DIMENSIONS)}"
        return ""
    if kind in ("definition", "verdict"):
        definitions = site.term_definitions.get(p["term"])
        if definitions is None:
            return f"names no term with definitions: {p['term']!r} (see docs/_data/definitions.yml)"
        found = next((d for d in definitions if d.id == p["definition"]), None)
        if found is None:
            known = ", ".join(d.id for d in definitions)
            return f"names no definition {p['definition']!r} of {p['term']!r}; known: {known}"
        if kind == "verdict":
            if not found.criteria:
                return f"asks for a verdict under {p['term']}#{p['definition']}, which has no criteria to test"
            if p["verdict_model"] not in site.models_by_id:
                return f"names no model of the matrix: {p['verdict_model']!r}"
        return ""
    if kind == "clause":
        licence = site.licences.get(p["licence"])
        if licence is None:
            return f"names no licence {p['licence']!r} (see docs/_data/licences.yml)"
        if p["clause"] not in {c.id for c in licence.clauses}:
            return f"names no clause {p['clause']!r} of licence {p['licence']!r}"
        return ""
    if p["event"] not in {str(e.get("id")) for e in site.events}:
        return f"names no timeline event {p['event']!r} (see docs/_data/timeline.yml)"
    return ""


ARGUMENT_RULES = (rule_argument_map,)
