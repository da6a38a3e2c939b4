"""The disagreement ledger: where the instruments we hold rate a model otherwise than we do.

Two instruments are set beside our matrix, both read from the sources of truth:

- the **European Open Source AI Index**: every ``eu_index.disagreements`` entry of a row
  of ``docs/_data/models.yml`` (the index's parameter and value against our cell, each
  with its reason);
- the **published verdicts** of a definition's authority (``published_verdicts`` in
  ``docs/_data/definitions.yml``) where our computed verdict is the opposite
  (``Verdict.disagrees``).

``ledger`` lists them, grouped by model, each with a permanent anchor
``d-<model>--<dimension>`` (dimension with hyphens) or
``d-<model>--<term>--<definition>``; the page (``[[generate:disagreements]]``) and
``disagreements.json`` (``debate-export``) both read it. Every value from the data is
escaped where it enters HTML; links to our own pages are Markdown in ``md_in_html``
spans, so MkDocs rewrites and validates them.
"""

from __future__ import annotations

import dataclasses

from mkdocs_debate.blocks.common import esc, link, md_text, model_src
from mkdocs_debate.blocks.definitions import FIELD_LABELS, VERDICT_LABELS
from mkdocs_debate.blocks.models import DIMENSION_LABELS
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.matrix import Model
from mkdocs_debate.data.site import DIMENSIONS, Site
from mkdocs_debate.verdicts import (
    CANNOT_TELL,
    VERDICTS_PAGE,
    Verdict,
    all_verdicts,
    definition_anchor,
    evidence_anchor,
    verdict_anchor,
)

EU_INDEX, PUBLISHED = "eu-index", "published-verdict"
INSTRUMENT_LABELS = {
    EU_INDEX: "European Open Source AI Index",
    PUBLISHED: "published verdict",
}
EU_INDEX_DOI = "https://doi.org/10.5281/zenodo.15386042"
LEDGER_PAGE = "disagreements.md"
OPENNESS_RANK = {"open": 3, "partial": 2, "closed": 1}  # unknown has no rank


@dataclasses.dataclass(frozen=True)
class Entry:
    """One disagreement: a model, what is rated, the other instrument's value and ours, and why."""

    model: Model
    instrument: str  # EU_INDEX or PUBLISHED
    anchor: str  # d-<model>--<dimension> or d-<model>--<term>--<definition>
    label: str  # what is rated: our dimension's label, or the definition's name
    dimension: str | None  # EU_INDEX: the dimension
    term: str | None  # PUBLISHED: the contested term and the definition
    definition: str | None
    parameter: str  # the index's parameter, or the definition's short name
    by: str  # who rated it otherwise: the index (its system), or the authority
    theirs: str  # their value: a cell value, or a verdict
    their_source: str
    their_reason: str
    ours: str  # our value: the cell's, or our verdict
    our_source: str  # the cell's evidence, or "" for a verdict (its page says it)
    our_reason: str
    our_points: tuple[tuple[str, str], ...] = ()  # PUBLISHED: the criteria our verdict rests on


def dimension_anchor(model_id: str, dimension: str) -> str:
    """``d-<model>--<dimension>``, the dimension's underscores as hyphens."""
    return f"d-{model_id}--{dimension.replace('_', '-')}"


def definition_entry_anchor(model_id: str, term_id: str, definition_id: str) -> str:
    """``d-<model>--<term>--<definition>`` (a definition's id is unique within its term only)."""
    return f"d-{model_id}--{definition_anchor(term_id, definition_id)}"


def eu_index_entries(model: Model) -> list[Entry]:
    """Where the EU index rates one model otherwise than our matrix, in the row's order."""
    index = model.eu_index
    if index is None:
        return []
    return [
        Entry(
            model=model,
            instrument=EU_INDEX,
            anchor=dimension_anchor(model.id, item.dimension),
            label=DIMENSION_LABELS.get(item.dimension, item.dimension),
            dimension=item.dimension,
            term=None,
            definition=None,
            parameter=item.parameter,
            by=f"{INSTRUMENT_LABELS[EU_INDEX]} ({index.system})",
            theirs=item.index_value,
            their_source=index.url,
            their_reason=item.index_reason.strip(),
            ours=model.cell(item.dimension).value,
            our_source=model.cell(item.dimension).source,
            our_reason=item.our_reason.strip(),
        )
        for item in index.disagreements
    ]


def verdict_points(verdict: Verdict) -> tuple[tuple[str, str], ...]:
    """Why our verdict is what it is: (criterion with the value it read, how our test
    approximates the definition's words or '') for each criterion the verdict rests on."""
    points = []
    for check in verdict.deciding or list(verdict.checks):
        value = check.value if not isinstance(check.value, bool) else "yes" if check.value else "no"
        text = (check.criterion.text.strip() or check.criterion_id).rstrip(".")
        field = FIELD_LABELS.get(check.field, check.field)
        points.append(
            (f"{text} ({field}: {value}, {check.result})", check.criterion.approximates.strip())
        )
    return tuple(points)


def verdict_reason(points: tuple[tuple[str, str], ...]) -> str:
    """The points as one text: each criterion, and how our test approximates it."""
    parts = []
    for text, approx in points:
        parts.append(f"{text} [our test approximates it: {approx.rstrip('.')}]" if approx else text)
    return "; ".join(parts) + "."


def published_entry(verdict: Verdict) -> Entry:
    """A published verdict that is the opposite of ours."""
    authority = verdict.authority
    if authority is None:  # only disagreeing verdicts come here
        raise ValueError(f"no published verdict on {verdict.model_id}")
    definition = verdict.definition
    return Entry(
        model=verdict.model,
        instrument=PUBLISHED,
        anchor=definition_entry_anchor(verdict.model_id, verdict.term, definition.id),
        label=definition.name,
        dimension=None,
        term=verdict.term,
        definition=definition.id,
        parameter=definition.label,
        by=definition.who,
        theirs=authority.verdict,
        their_source=authority.source,
        their_reason=(
            "Published by the definition’s authority; its reasons are at the source. "
            "An authority judges the whole release against its own words; we test the "
            "matrix’s cells that stand in for them."
        ),
        ours=verdict.outcome,
        our_source="",
        our_reason=verdict_reason(verdict_points(verdict)),
        our_points=verdict_points(verdict),
    )


def ledger(site: Site) -> list[Entry]:
    """Every disagreement, grouped by model (models by name), each model's index entries first."""
    published: dict[str, list[Entry]] = {}
    for verdict in all_verdicts(site):
        if verdict.disagrees:
            published.setdefault(verdict.model_id, []).append(published_entry(verdict))
    models = sorted(site.matrix, key=lambda m: (m.name.lower(), m.id))
    return [entry for m in models for entry in eu_index_entries(m) + published.get(m.id, [])]


def published_verdicts(site: Site) -> list[Verdict]:
    """Every verdict of ours beside which an authority published its own."""
    return [v for v in all_verdicts(site) if v.authority is not None]


def summary(entries: list[Entry]) -> dict[str, int]:
    """How many disagreements, across how many models, with each instrument."""
    return {
        "disagreements": len(entries),
        "models": len({e.model.id for e in entries}),
        "eu_index": sum(1 for e in entries if e.instrument == EU_INDEX),
        "published_verdicts": sum(1 for e in entries if e.instrument == PUBLISHED),
    }


def summary_sentence(counts: dict[str, int]) -> str:
    """'84 disagreements across 46 models: 84 with the EU index, 0 with published verdicts.'"""
    n, m = counts["disagreements"], counts["models"]
    return (
        f"{n} disagreement{'s' if n != 1 else ''} across {m} model{'s' if m != 1 else ''}: "
        f"{counts['eu_index']} with the EU index, "
        f"{counts['published_verdicts']} with published verdicts."
    )


# -----------------------------------------------------------------------------
# The page
# -----------------------------------------------------------------------------


def disagreements_page(site: Site, src: str, settings: Settings) -> str:
    """The ledger: the counts, where the index differs by dimension, then every entry by model."""
    entries = ledger(site)
    return "\n\n".join(
        part
        for part in (
            headline(entries, src),
            by_dimension(entries),
            by_model(site, entries, src, settings),
            agreeing(site, src, settings),
        )
        if part
    )


def headline(entries: list[Entry], src: str) -> str:
    """The summary count, the downloads and the index's credit."""
    return (
        f'<p class="ledger-summary no-terms"><strong>{esc(summary_sentence(summary(entries)))}</strong></p>\n\n'
        f'<p class="ledger-downloads no-terms" markdown>Download the ledger: [disagreements.json]({link(src, "disagreements.json")}) '
        f"(JSON Schema: [disagreements.schema.json]({link(src, 'disagreements.schema.json')})). The index’s values and "
        "reasons are from the <cite>European Open Source AI Index</cite> "
        f'(<a href="{EU_INDEX_DOI}">doi:10.5281/zenodo.15386042</a>, CC BY 4.0), credited in the export too.</p>'
    )


def by_dimension(entries: list[Entry]) -> str:
    """Where the EU index and we differ, dimension by dimension, and in which direction."""
    rows = []
    for dimension in DIMENSIONS:
        found = [e for e in entries if e.instrument == EU_INDEX and e.dimension == dimension]
        if not found:
            continue
        parameters = sorted({e.parameter for e in found})
        higher = sum(1 for e in found if _rank(e.theirs) > _rank(e.ours) > 0)
        lower = sum(1 for e in found if 0 < _rank(e.theirs) < _rank(e.ours))
        rows.append(
            f'<tr><th scope="row">{esc(DIMENSION_LABELS[dimension])}</th>'
            f'<td data-label="The index’s parameter">{esc(", ".join(f"“{p}”" for p in parameters))}</td>'
            f'<td data-label="Disagreements">{len(found)}</td>'
            f'<td data-label="Index rates it more open">{higher}</td>'
            f'<td data-label="Index rates it less open">{lower}</td></tr>'
        )
    if not rows:
        return ""
    return (
        "## Where the index and we differ, by dimension {#by-dimension}\n\n"
        '<div class="table-scroll no-terms"><table class="ledger-dimensions cards-on-phone">\n'
        '<thead><tr><th scope="col">Our dimension</th><th scope="col">The index’s parameter</th>'
        '<th scope="col">Disagreements</th><th scope="col">Index rates it more open</th>'
        '<th scope="col">Index rates it less open</th></tr></thead>\n'
        f"<tbody>\n{chr(10).join(rows)}\n</tbody></table></div>"
    )


def _rank(value: str) -> int:
    return OPENNESS_RANK.get(value, 0)


def by_model(site: Site, entries: list[Entry], src: str, settings: Settings) -> str:
    """A heading and a table per model, a row per disagreement (its id the entry's anchor)."""
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.model.id, []).append(entry)
    if not groups:
        return "## Model by model {#by-model}\n\n*No instrument we hold disagrees with our matrix.*"
    sections = ["## Model by model {#by-model}"]
    for model_id, found in groups.items():
        model = found[0].model
        page = link(src, model_src(settings.models_page, model_id))
        record = ""
        if model.eu_index is not None and any(e.instrument == EU_INDEX for e in found):
            record = (
                f" · the {INSTRUMENT_LABELS[EU_INDEX]}’s record: "
                f'<a href="{esc(model.eu_index.url)}">{esc(model.eu_index.system)}</a>'
            )
        rows = "".join(_entry_row(entry, src, settings) for entry in found)
        sections.append(
            f"### {md_text(model.name)} {{#d-{model_id}}}\n\n"
            f'<p class="ledger-model no-terms" markdown>{len(found)} disagreement{"s" if len(found) != 1 else ""} · '
            f"[the model’s page]({page}){record}</p>\n\n"
            '<div class="ledger no-terms" markdown="1">\n'
            '<div class="table-scroll" markdown="1"><table class="ledger-table cards-on-phone" markdown="1">'
            '<thead><tr><th scope="col">What is rated</th><th scope="col">They say</th>'
            '<th scope="col">Their reason</th><th scope="col">We say</th>'
            '<th scope="col">Our reason</th></tr></thead>'
            f'<tbody markdown="1">{rows}</tbody></table></div>\n</div>'
        )
    return "\n\n".join(sections)


def _value(instrument: str, value: str) -> str:
    """A cell value as a coloured word, or a verdict with its symbol."""
    if instrument == EU_INDEX:
        return f'<span class="cell cell--{esc(value)} ledger-value">{esc(value)}</span>'
    symbol, word = VERDICT_LABELS.get(value, ("", value))
    return (
        f'<span class="ledger-value ledger-value--{esc(value)}"><span aria-hidden="true">'
        f"{esc(symbol)}</span> {esc(word)}</span>"
    )


def _entry_row(entry: Entry, src: str, settings: Settings) -> str:
    model_page = model_src(settings.models_page, entry.model.id)
    if entry.instrument == EU_INDEX:
        detail = f"the index’s parameter “{md_text(entry.parameter)}”"
        theirs = (
            f'{_value(EU_INDEX, entry.theirs)}<small><a href="{esc(entry.their_source)}">'
            "the index’s record</a></small>"
        )
        evidence = link(src, model_page, evidence_anchor(f"openness.{entry.dimension}"))
        ours = (
            f"{_value(EU_INDEX, entry.ours)}<small>[our cell and its evidence]({evidence})</small>"
        )
    else:
        term_id, definition_id = entry.term or "", entry.definition or ""
        detail = md_text(entry.by)
        theirs = (
            f'{_value(PUBLISHED, entry.theirs)}<small><a href="{esc(entry.their_source)}">'
            "the published verdict</a></small>"
        )
        grid = link(src, VERDICTS_PAGE, verdict_anchor(term_id, definition_id, entry.model.id))
        ours = f"{_value(PUBLISHED, entry.ours)}<small>[our verdict]({grid})</small>"
    return (
        f'<tr id="{esc(entry.anchor)}" markdown="1">'
        f'<th scope="row" markdown="span">{md_text(entry.label)} <a class="ledger-link" '
        f'href="#{esc(entry.anchor)}" aria-label="Link to this disagreement">¶</a>'
        f"<small>{detail}</small></th>"
        f'<td data-label="They say" markdown="span">{theirs}</td>'
        f'<td data-label="Their reason">{esc(entry.their_reason)}</td>'
        f'<td data-label="We say" markdown="span">{ours}</td>'
        f'<td data-label="Our reason">{_our_reason(entry)}</td></tr>'
    )


def _our_reason(entry: Entry) -> str:
    """Our reason: the index entry's text, or the criteria our verdict rests on as a list."""
    if not entry.our_points:
        return esc(entry.our_reason)
    items = "".join(
        f"<li>{esc(text)}"
        + (f"<small>Our test approximates it: {esc(approx)}</small>" if approx else "")
        + "</li>"
        for text, approx in entry.our_points
    )
    lead = {"fails": "Ours fails on", "meets": "Ours passes every criterion"}.get(
        entry.ours, "We cannot tell on"
    )
    return f'<span class="ledger-because">{lead}:</span><ul class="ledger-criteria">{items}</ul>'


def agreeing(site: Site, src: str, settings: Settings) -> str:
    """The published verdicts we hold that agree with ours (or that we cannot test), for the record."""
    verdicts = published_verdicts(site)
    if not verdicts:
        return ""
    agree = [v for v in verdicts if not v.disagrees]
    items = []
    for verdict in agree:
        authority = verdict.authority
        if authority is None:  # published_verdicts() keeps only verdicts with one
            continue
        grid = link(
            src,
            VERDICTS_PAGE,
            verdict_anchor(verdict.term, verdict.definition_id, verdict.model_id),
        )
        page = link(src, model_src(settings.models_page, verdict.model_id))
        ours = VERDICT_LABELS[verdict.outcome][1]
        items.append(
            f'<li markdown="span">[{md_text(verdict.model.name)}]({page}) under '
            f"{md_text(verdict.definition.label)}: {md_text(verdict.definition.who)} "
            f'<a href="{esc(authority.source)}">published “{esc(VERDICT_LABELS[authority.verdict][1])}”</a>; '
            f"[ours: {md_text(ours)}]({grid})</li>"
        )
    disagreeing = len(verdicts) - len(agree)
    undecided = sum(1 for v in agree if v.outcome == CANNOT_TELL)
    opposite = (
        "none is the opposite of ours"
        if not disagreeing
        else f"{disagreeing} {'is' if disagreeing == 1 else 'are'} the opposite of ours (listed above)"
    )
    these = "These agree, or our matrix cannot tell:" if undecided else "These agree with ours:"
    return (
        "## Published verdicts that agree with ours {#agreeing}\n\n"
        f'<p class="no-terms">Of the {len(verdicts)} verdicts authorities published on models of our '
        f"matrix, {opposite}. {these}</p>\n\n"
        f'<ul class="ledger-agreeing no-terms" markdown="1">\n{chr(10).join(items)}\n</ul>'
    )
