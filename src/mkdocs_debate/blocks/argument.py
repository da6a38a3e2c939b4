"""The argument map: claims that answer each other and the evidence they rest on.

Read from each claim's ``relations`` and ``rests_on`` (``data/argument.py``):

- ``resolve``: an evidence reference with its current value (a cell's value, a
  verdict, how many models meet a definition), so a claim page shows what the
  matrix says today;
- ``claim_neighbourhood``: on a claim page, the claims it supports, attacks or
  qualifies, those that do so to it, and the evidence with its value;
- ``relation_item`` and ``evidence_item``: one relation, one piece of evidence,
  as a line of a list (here and on the map, ``blocks/argument_map.py``);
- ``argdown_text`` and ``aif_record``: the map in Argdown and in the Argument
  Interchange Format (``commands/export.py`` writes them).
"""

from __future__ import annotations

import dataclasses

from mkdocs_debate.blocks.common import esc, link, model_src, plain, title_of
from mkdocs_debate.blocks.definitions import VERDICT_LABELS
from mkdocs_debate.blocks.models import DIMENSION_LABELS
from mkdocs_debate.blocks.timeline import TIMELINE_PAGE, date_label
from mkdocs_debate.data.argument import MAP_PAGE, RELATION_TYPES, Evidence, Relation
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import Site, site_index
from mkdocs_debate.verdicts import (
    MEETS,
    VERDICTS_PAGE,
    evidence_anchor,
    judge,
    term_page,
    term_verdicts,
    verdict_anchor,
)

NEIGHBOURHOOD_ANCHOR = "in-the-argument-map"
# How a relation reads from its source (X supports Y) and from its target (Y is supported by X).
OUTGOING = {"supports": "Supports", "attacks": "Attacks", "qualifies": "Qualifies"}
INCOMING = {"supports": "Supported by", "attacks": "Attacked by", "qualifies": "Qualified by"}
# The symbol that tells each kind of edge apart in the figure's legend and lists (with its dash).
SYMBOLS = {"supports": "+", "attacks": "−", "qualifies": "~"}


# -----------------------------------------------------------------------------
# Evidence, resolved to what the site says today
# -----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Resolved:
    """An evidence reference as a reader sees it: what it is, its value today, where it lives."""

    evidence: Evidence
    label: str  # "Llama 3.1: Training data"
    value: str  # "closed", "fails", "9 of 86 models meet it", a date
    state: str  # a class token for the value: open, partial, closed, unknown, meets, fails, ...
    src: str  # the page it lives on
    anchor: str

    def record(self, settings: Settings) -> dict:
        """As claims.json gives it."""
        return {
            "ref": self.evidence.ref,
            "kind": self.evidence.kind,
            "label": self.label,
            "value": self.value,
            "note": self.evidence.note,
            "url": settings.published_url(self.src) + (f"#{self.anchor}" if self.anchor else ""),
        }


def resolve(site: Site, settings: Settings, evidence: Evidence) -> Resolved | None:
    """The evidence's label, current value and place; None if it names nothing (the checker says so)."""
    p, kind = evidence.parts, evidence.kind
    if kind == "cell":
        model = site.models_by_id.get(p["model"])
        if model is None or p["dimension"] not in DIMENSION_LABELS:
            return None
        cell = model.cell(p["dimension"])
        return Resolved(
            evidence,
            f"{model.name}: {DIMENSION_LABELS[p['dimension']]}",
            cell.value,
            cell.value,
            model_src(settings.models_page, model.id),
            evidence_anchor(f"openness.{p['dimension']}"),
        )
    if kind in ("definition", "verdict"):
        definition = next(
            (d for d in site.term_definitions.get(p["term"], []) if d.id == p["definition"]), None
        )
        if definition is None:
            return None
        if kind == "verdict":
            model = site.models_by_id.get(p["verdict_model"])
            if model is None or not definition.criteria:
                return None
            verdict = judge(p["term"], definition, model)
            return Resolved(
                evidence,
                f"{model.name} under {definition.name}",
                VERDICT_LABELS[verdict.outcome][1],
                verdict.outcome,
                VERDICTS_PAGE,
                verdict_anchor(p["term"], definition.id, model.id),
            )
        found = dict(term_verdicts(site, p["term"]))
        verdicts = next((v for d, v in found.items() if d.id == definition.id), None)
        value = (
            f"{sum(v.outcome == MEETS for v in verdicts)} of {len(verdicts)} models meet it"
            if verdicts
            else "a definition our matrix cannot test"
        )
        page = term_page(p["term"])
        return Resolved(
            evidence,
            definition.name,
            value,
            "definition",
            page if page in site.pages else settings.glossary_page,
            definition.id if page in site.pages else f"{p['term']}--{definition.id}",
        )
    if kind == "clause":
        licence = site.licences.get(p["licence"])
        clause = (
            next((c for c in licence.clauses if c.id == p["clause"]), None) if licence else None
        )
        if licence is None or clause is None:
            return None
        return Resolved(
            evidence,
            f"{licence.name}: {clause.name}",
            f"clause {clause.section}" if clause.section else "clause",
            "clause",
            f"licences/{licence.id}.md",
            clause.id,
        )
    event = next((e for e in site.events if str(e.get("id")) == p.get("event")), None)
    if event is None:
        return None
    return Resolved(
        evidence,
        str(event.get("title", p["event"])),
        date_label(event.get("date")),
        "event",
        TIMELINE_PAGE,
        str(event["id"]),
    )


# -----------------------------------------------------------------------------
# Who relates to whom
# -----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Edge:
    """One relation of the map: source supports / attacks / qualifies target."""

    source: str
    target: str
    relation: Relation

    @property
    def type(self) -> str:
        return self.relation.type


@site_index
def edges(site: Site) -> tuple[Edge, ...]:
    """Every relation whose both ends are published claims, in claim order."""
    return tuple(
        Edge(claim_id, r.claim, r)
        for claim_id, argument in site.arguments.items()
        for r in argument.relations
        if r.claim in site.claims and r.claim != claim_id and r.type in RELATION_TYPES
    )


def _claim_link(src: str, site: Site, claim_id: str) -> str:
    page = site.claims[claim_id]
    return f"[{plain(title_of(page))}]({link(src, page.src)})"


def relation_item(site: Site, src: str, word: str, other: str, edge: Edge) -> str:
    symbol = SYMBOLS[edge.type]
    return (
        f'- <span class="amap-rel amap-rel--{edge.type}" aria-hidden="true">{symbol}</span> '
        f"**{word}** {_claim_link(src, site, other)}: {plain(edge.relation.note)}"
    )


def evidence_item(site: Site, src: str, settings: Settings, evidence: Evidence) -> str:
    found = resolve(site, settings, evidence)
    if found is None:
        return f"- {plain(evidence.ref)}: {plain(evidence.note)}"
    return (
        f"- [{plain(found.label)}]({link(src, found.src, found.anchor)}): "
        f'<strong class="amap-value amap-value--{esc(found.state)}">{plain(found.value)}</strong>. '
        f"{plain(evidence.note)}"
    )


def claim_neighbourhood(site: Site, page: Page, settings: Settings) -> str:
    """On a claim's page: the claims it answers, those that answer it, the evidence it rests on."""
    argument = site.arguments.get(page.slug)
    if argument is None:
        return ""
    src = page.src
    outgoing = [
        relation_item(site, src, OUTGOING[e.type], e.target, e)
        for e in edges(site)
        if e.source == page.slug
    ]
    incoming = [
        relation_item(site, src, INCOMING[e.type], e.source, e)
        for e in edges(site)
        if e.target == page.slug
    ]
    evidence = [evidence_item(site, src, settings, ev) for ev in argument.rests_on]
    map_link = f" ([the whole map]({link(src, MAP_PAGE)}))" if MAP_PAGE in site.pages else ""
    out = [
        '<div class="claim-neighbourhood no-terms" markdown>',
        "",
        f"## In the argument map {{#{NEIGHBOURHOOD_ANCHOR}}}",
        "",
        f"How this claim bears on others, how others bear on it, and what it rests on{map_link}.",
        "",
    ]
    # The three headings are always there: their anchors are links a reader may keep.
    none = "*None recorded yet.*"
    out += ["### What this claim says of others {#what-this-claim-says-of-others}", ""]
    out += [*(outgoing or [none]), ""]
    out += ["### What others say of this claim {#what-others-say-of-this-claim}", ""]
    out += [*(incoming or [none]), ""]
    out += ["### The evidence it rests on {#the-evidence-it-rests-on}", ""]
    if evidence:
        out += [
            "Each value is what our data says today: when the matrix changes, so does this list.",
            "",
            *evidence,
            "",
        ]
    else:
        out += [none, ""]
    return "\n".join(out + ["</div>"])


def argument_record(site: Site, page: Page, settings: Settings) -> dict:
    """A claim's relations (both ways) and evidence with its current value, for claims.json."""
    argument = site.arguments.get(page.slug)
    found = [resolve(site, settings, ev) for ev in (argument.rests_on if argument else ())]
    return {
        "relations": [
            {"type": e.type, "claim": e.target, "note": e.relation.note}
            for e in edges(site)
            if e.source == page.slug
        ],
        "related_by": [
            {"type": e.type, "claim": e.source, "note": e.relation.note}
            for e in edges(site)
            if e.target == page.slug
        ],
        "rests_on": [r.record(settings) for r in found if r is not None],
    }


# -----------------------------------------------------------------------------
# The map in the field's formats: Argdown and AIF
# -----------------------------------------------------------------------------

# Argdown writes relations below the statement they start from: +> supports, -> attacks,
# _> undercuts. A qualification limits a claim without denying it; Argdown has no such
# relation between statements, so it undercuts the argument "Case for: <claim>", which
# supports the claim: the qualifier weakens the case, not the statement's truth.
ARGDOWN_ARROWS = {"supports": "+>", "attacks": "->", "qualifies": "_>"}
CASE_FOR = "Case for: "
BRACKETS = str.maketrans("", "", "[]<>")  # a title in [ ] or < > may not hold them


def _argdown_text(text: str) -> str:
    """Statement text Argdown reads as text: its markup characters escaped."""
    out = " ".join(text.split())
    for char in "\\[]<>#@*_":
        out = out.replace(char, "\\" + char)
    return out


def argdown_text(site: Site, settings: Settings) -> str:
    """Every claim as an Argdown statement, under its theme, with its outgoing relations."""
    out = [
        f"===\ntitle: {settings.site_name} argument map\nlicense: CC-BY-SA-4.0\n===",
        "",
        f"// Generated from the claims' front matter; {settings.published_url(MAP_PAGE)}",
        "",
    ]
    by_theme: dict[str, list[str]] = {}
    for claim_id, page in site.claims.items():
        by_theme.setdefault(str(page.meta.get("theme", "")), []).append(claim_id)
    titles = {
        cid: " ".join(title_of(p).translate(BRACKETS).split()) for cid, p in site.claims.items()
    }
    for theme_id in sorted(by_theme):
        name = str(site.themes.get(theme_id, {}).get("name", theme_id))
        out += [f"# {_argdown_text(name)}", ""]
        for claim_id in sorted(by_theme[theme_id]):
            page = site.claims[claim_id]
            out.append(f"[{titles[claim_id]}]: {_argdown_text(str(page.meta.get('claim', '')))}")
            for edge in (e for e in edges(site) if e.source == claim_id):
                target = titles[edge.target]
                if edge.type == "qualifies":
                    out.append(f"    {ARGDOWN_ARROWS[edge.type]} <{CASE_FOR}{target}>")
                else:
                    out.append(f"    {ARGDOWN_ARROWS[edge.type]} [{target}]")
            out.append("")
    # Argdown undercuts arguments, not statements: a qualified claim's case is the argument.
    qualified = sorted({e.target for e in edges(site) if e.type == "qualifies"})
    if qualified:
        out += ["# The cases that qualifications undercut", ""]
        for claim_id in qualified:
            out += [
                f"<{CASE_FOR}{titles[claim_id]}>: The case for the claim, as its page argues it.",
                f"    +> [{titles[claim_id]}]",
                "",
            ]
    return "\n".join(out).rstrip() + "\n"


def aif_record(site: Site, settings: Settings) -> dict:
    """The map in the Argument Interchange Format (AIFdb's JSON): I-nodes for claims, RA and CA
    nodes for support and conflict, and the edges between them."""
    nodes: list[dict] = []
    aif_edges: list[dict] = []
    ids: dict[str, str] = {}
    for claim_id, page in site.claims.items():
        node_id = str(len(nodes) + 1)
        ids[claim_id] = node_id
        nodes.append(
            {
                "nodeID": node_id,
                "text": str(page.meta.get("claim", "")).strip(),
                "type": "I",
                "title": title_of(page),
                "url": settings.published_url(page.src),
            }
        )
    for edge in edges(site):
        node_id = str(len(nodes) + 1)
        nodes.append(
            {
                "nodeID": node_id,
                "text": {
                    "supports": "Default Inference",
                    "attacks": "Default Conflict",
                    "qualifies": "Default Conflict",
                }[edge.type],
                "type": "RA" if edge.type == "supports" else "CA",
                "relation": edge.type,
                "note": edge.relation.note,
            }
        )
        for source, target in ((ids[edge.source], node_id), (node_id, ids[edge.target])):
            aif_edges.append({"edgeID": str(len(aif_edges) + 1), "fromID": source, "toID": target})
    return {
        "name": f"{settings.site_name} argument map",
        "license": "CC-BY-SA-4.0",
        "url": settings.published_url(MAP_PAGE),
        "nodes": nodes,
        "edges": aif_edges,
        "locutions": [],
    }
