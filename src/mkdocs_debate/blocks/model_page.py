"""A page per model (docs/models/<id>.md): its matrix row as a readable card.

The page's stub, written by ``debate-export``, holds only its title,
description and ``[[generate:model-page]]``; the model is the one whose id is
the page's file name. The page shows every cell with its value, note,
evidence and when the evidence was read, the licence (and our reading of it,
where it is bespoke), the cross-check with the European Open Source AI Index,
the row's history and a citation.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re

from mkdocs_debate.blocks.answer import model_verdict_strip, model_verdicts_section
from mkdocs_debate.blocks.common import esc, human_date, licence_src, link, md_text
from mkdocs_debate.blocks.furniture import citation_block
from mkdocs_debate.blocks.models import DIMENSION_LABELS, cell_label
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.licences import RESEARCH_NOTES
from mkdocs_debate.data.matrix import Model
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import DATA_DIR, DIMENSIONS, Site, iso_date
from mkdocs_debate.data.yaml_lines import LineDict

EU_INDEX_NAME = "European Open Source AI Index"
EU_INDEX_DOI = "https://doi.org/10.5281/zenodo.15386042"


class UnknownModelError(ValueError):
    """A model page whose file name is no model id (run debate-export)."""


def model_page(site: Site, src: str, settings: Settings) -> str:
    """The whole page of the model named by the page's file name."""
    model_id = posixpath.splitext(posixpath.basename(src))[0]
    model = site.models_by_id.get(model_id)
    if model is None:
        raise UnknownModelError(
            f"docs/{src}: no model {model_id!r} in docs/_data/models.yml "
            "(run debate-export to remove stale model pages)"
        )
    organisation = " ".join(model.organisation.text.replace(",", " ").split())
    sections = [
        f'<span hidden data-pagefind-filter="organisation:{esc(organisation)}"></span>'
        if organisation
        else "",
        summary_line(src, settings, model),
        model_verdict_strip(site, model_id),
        cells_card(model),
        model_verdicts_section(site, src, settings, model_id),
        licence_section(site, src, model),
        eu_index_section(model, proper_nouns(site)),
        history_section(model),
    ]
    page = site.pages.get(src)
    if page is not None:
        sections.append(
            citation_block(
                site, _citable(page, model), settings, history_of=f"{DATA_DIR}/models.yml"
            )
        )
    return "\n\n".join(sections)


def summary_line(src: str, settings: Settings, model: Model) -> str:
    """Who made the model, when, which version we assessed, and its place in the matrix."""
    org, released = model.organisation, model.released
    parts = [
        f'**Organisation:** <a href="{esc(org.source)}">{esc(org.text)}</a>',
        f'**Released:** <a href="{esc(released.source)}">'
        f"{esc(human_date(released.value) or released.text)}</a>",
    ]
    if model.version:
        parts.append(f"**Version assessed:** <code>{esc(model.version)}</code>")
    parts.append(f"**Openness score:** {model.score:g} of {len(DIMENSIONS)}")
    row = link(src, settings.models_page, model.id)
    return (
        f'<p class="model-summary no-terms" markdown>{" · ".join(parts)}<br>'
        f"[Its row in the openness matrix]({row}) · [How we rate each cell]({link(src, settings.models_page, 'rubric')})</p>"
    )


def cells_card(model: Model) -> str:
    """Every cell: its value, note, evidence link, and when that evidence was read."""
    notes_month = _research_month(model)
    entries = []
    for dimension in DIMENSIONS:
        cell = model.cell(dimension)
        value = cell.value
        badges = (
            ' <span class="model-badge">gated: approval or licence acceptance first</span>'
            if cell.gated
            else ""
        )
        parts = [
            f"<dt>{esc(DIMENSION_LABELS[dimension])}</dt>",
            f'<dd class="model-cell__value"><span class="cell cell--{esc(value)}">{cell_label(value)}</span>{badges}</dd>',
        ]
        if cell.dataset:
            parts.append(f"<dd>Dataset: {esc(cell.dataset)}</dd>")
        if cell.note:
            parts.append(f'<dd class="model-cell__note">{esc(cell.note.strip())}</dd>')
        evidence = [f'<a href="{esc(cell.source)}">Evidence</a>'] if cell.source else []
        if cell.checked:
            evidence.append(
                f'read on <time datetime="{cell.checked}">{human_date(cell.checked)}</time>'
            )
        elif cell.basis == RESEARCH_NOTES:
            evidence.append("from our research notes" + (f", {notes_month}" if notes_month else ""))
        if evidence:
            parts.append(f'<dd class="model-cell__evidence">{" · ".join(evidence)}</dd>')
        entries.append(
            f'<div class="model-cell" id="cell-{dimension.replace("_", "-")}">{"".join(parts)}</div>'
        )
    return (
        "## Openness, cell by cell {#openness}\n\n"
        f'<dl class="model-cells no-terms">{"".join(entries)}</dl>'
    )


def _research_month(model: Model) -> str:
    """The month the row was written from our research notes: its first history date."""
    dates = [d for d in (iso_date(item.date) for item in model.history) if d]
    return f"{min(dates):%B %Y}" if dates else ""


def licence_section(site: Site, src: str, model: Model) -> str:
    """The licence the weights ship under, whether OSI approved it, and our reading of it."""
    licence, osi = model.licence, model.osi_approved
    spdx = (
        f"SPDX identifier <code>{esc(licence.spdx)}</code>"
        if licence.spdx
        else "no SPDX identifier"
    )
    approved = "on" if osi.value else "not on"
    lines = [
        "## Licence {#licence}",
        "",
        '<div class="model-licence no-terms" markdown>',
        "",
        f'**<a href="{esc(licence.source)}">{esc(licence.text)}</a>** ({spdx}): '
        f'<a href="{esc(osi.source)}">{approved} the Open Source Initiative’s list of approved licences</a>.',
        "",
    ]
    bespoke = site.licences.get(licence.licence_page or "")
    if bespoke is not None:
        lines += [
            f"[Our clause-by-clause reading of the {md_text(bespoke.name)}]"
            f"({link(src, licence_src(bespoke.id))}): {len(bespoke.clauses)} clauses, "
            f"{bespoke.conflicting} of them at odds with the Open Source Definition or the Open Source AI Definition.",
            "",
        ]
    return "\n".join(lines + ["</div>"])


def eu_index_section(model: Model, proper_nouns: frozenset[str] = frozenset()) -> str:
    """Where the European Open Source AI Index rates the model otherwise, both reasons."""
    index = model.eu_index
    heading = f"## Cross-check with the {EU_INDEX_NAME} {{#eu-index}}\n\n"
    cite = f'The index’s data: <cite>{EU_INDEX_NAME}</cite>, <a href="{EU_INDEX_DOI}">doi:10.5281/zenodo.15386042</a>.'
    if index is None:
        return heading + (
            f'<p class="no-terms">We have no entry of the {EU_INDEX_NAME} to compare this model with. '
            f"{cite}</p>"
        )
    system = f'<a href="{esc(index.url)}">{esc(index.system)}</a>'
    if not index.disagreements:
        return heading + (
            f'<p class="no-terms">The index rates this model as {system}. Its closest parameters '
            f"agree with every one of our cells. {cite}</p>"
        )
    items = []
    for item in index.disagreements:
        dimension = item.dimension
        ours = model.cell(dimension).value
        items.append(
            f'<li id="eu-index-{esc(dimension.replace("_", "-"))}"><strong>{esc(DIMENSION_LABELS.get(dimension, dimension))}</strong> '
            f"(index parameter “{esc(item.parameter)}”): The {EU_INDEX_NAME} rates this "
            f'<span class="cell cell--{esc(item.index_value)}">{esc(item.index_value)}</span> '
            f"because {esc(_clause(item.index_reason, proper_nouns))}; we rate it "
            f'<span class="cell cell--{esc(ours)}">{esc(ours)}</span> '
            f"because {esc(_clause(item.our_reason, proper_nouns))}.</li>"
        )
    count = len(items)
    return heading + (
        f'<div class="eu-index no-terms"><p>The index rates this model as {system}. '
        f"On {count} dimension{'s' if count != 1 else ''} it and we disagree:</p>"
        f"<ul>{''.join(items)}</ul><p>{cite}</p></div>"
    )


def proper_nouns(site: Site) -> frozenset[str]:
    """Words that keep their capital inside a sentence: those of model, organisation and licence names."""
    words: set[str] = set()
    for model in site.models_by_id.values():
        for text in (model.name, model.organisation.text, model.licence.text):
            words.update(text.replace("(", " ").replace(")", " ").split())
    return frozenset(words)


def _clause(text: object, proper: frozenset[str] = frozenset()) -> str:
    """A reason written as a sentence, as a clause of ours: no final full stop, no capital but a name's."""
    clause = str(text or "").strip().rstrip(".")
    first = clause.split(" ", 1)[0]
    if re.fullmatch(r"[A-Z][a-z]+(?:-[a-z]+)*", first) and first not in proper:
        clause = clause[0].lower() + clause[1:]
    return clause


def history_section(model: Model) -> str:
    """Every change to the row, oldest first."""
    items = "".join(
        f'<li><time datetime="{iso_date(item.date)}">{human_date(item.date)}</time>: '
        f"{esc(item.note.strip())}</li>"
        for item in model.history
    )
    return f'## History of this row {{#history}}\n\n<ol class="model-history no-terms">{items}</ol>'


def _citable(page: Page, model: Model) -> Page:
    """The page as citation_block reads it: first published with the row, revised with its last change."""
    dates = sorted(d for d in (iso_date(item.date) for item in model.history) if d)
    meta = LineDict(page.meta)
    if dates:
        meta["date"], meta["updated"] = (
            dates[0],
            max(dates[-1], iso_date(model.checked) or dates[-1]),
        )
    return dataclasses.replace(page, meta=meta)
