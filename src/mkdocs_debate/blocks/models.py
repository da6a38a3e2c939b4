"""The model openness matrix, generated from docs/_data/models.yml.

The matrix page carries, in this order: the filters and the two-model
comparison (hidden until overrides/assets/javascripts/models.js shows them: without
JavaScript the page is the full table), the sortable table (a colour grid: each
openness cell a block of its level's colour with symbol and word; its header row
and model names stay in view while it scrolls; each model's notes open from a
disclosure under its name, for touch screens; on a phone every row reads as a
compact card, the six cells one row of small blocks), the ranking chart and the
rubric. The table is HTML; the cells that
link to our own pages are Markdown (``md_in_html`` spans), so that MkDocs and
Zensical rewrite and check those links like any other.
"""

from __future__ import annotations

from mkdocs_debate.blocks.common import esc, licence_src, link, md_text, model_src, plain
from mkdocs_debate.blocks.figures import Point, month_date, scatter_figure, stacked_figure
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.licences import licence_family
from mkdocs_debate.data.matrix import Model
from mkdocs_debate.data.site import DIMENSIONS, Site

CELL_SYMBOLS = {"open": "●", "partial": "◐", "closed": "○", "unknown": "?"}
DIMENSION_LABELS = {
    "weights": "Weights downloadable",
    "use_restrictions": "Free of use restrictions",
    "training_code": "Training code",
    "training_data": "Training data",
    "data_documentation": "Data documentation",
    "technical_report": "Technical report",
}
# A cell's label in a phone's row of six small blocks, where the column headings are out of sight.
SHORT_LABELS = {
    "weights": "Weights",
    "use_restrictions": "Use",
    "training_code": "Code",
    "training_data": "Data",
    "data_documentation": "Docs",
    "technical_report": "Report",
}
FILTER_LABELS = {"family": "Licence family", "org": "Organisation", "year": "Released"}


def models_page(site: Site, src: str, settings: Settings) -> str:
    """The openness matrix: filters, comparison, a sortable table, a ranking chart, the rubric."""
    models = list(site.matrix)
    return "\n\n".join(
        [
            downloads(src),
            matrix_tools(site, models),
            matrix_table(site, src, settings, models),
            openness_chart(site, src, settings, models),
            rubric_section(site),
            pending_section(site),
        ]
    )


def downloads(src: str) -> str:
    """Where to download the matrix as data."""
    return (
        f'<p class="models-downloads no-terms" markdown>Download the matrix: [models.json]({link(src, "models.json")}) · '
        f"[models.csv]({link(src, 'models.csv')}) (each with the matrix’s version and date; "
        f"JSON Schema: [models.schema.json]({link(src, 'models.schema.json')})). Values from the "
        "European Open Source AI Index ([doi:10.5281/zenodo.15386042](https://doi.org/10.5281/zenodo.15386042), "
        "CC BY 4.0) are credited in each.</p>"
    )


# -----------------------------------------------------------------------------
# Filters and comparison (shown by models.js)
# -----------------------------------------------------------------------------


def organisation_group(name: str) -> str:
    """The organisation a filter groups by: its name without a qualifier in brackets
    ("Alibaba Cloud (Qwen team)" and "Alibaba Cloud" are one organisation)."""
    return name.split(" (", 1)[0].strip()


def filter_values(site: Site, model: Model) -> dict[str, tuple[str, str]]:
    """Filter name -> (value, label) of one model: its licence family, organisation, year."""
    released = model.released.text[:4]
    organisation = organisation_group(model.organisation.text)
    return {
        "family": licence_family(site, model),
        "org": (organisation, organisation),
        "year": (released, released),
    }


def filter_attributes(site: Site, model: Model) -> str:
    """The data- attributes models.js filters a row (or a chart bar) by."""
    values = {name: value for name, (value, _) in filter_values(site, model).items()}
    values |= {dimension: model.cell(dimension).value for dimension in DIMENSIONS}
    return " ".join(
        f'data-{name.replace("_", "-")}="{esc(value)}"' for name, value in values.items()
    )


def _select(name: str, label: str, options: list[tuple[str, str]], empty: str = "any") -> str:
    choices = "".join(
        f'<option value="{esc(value)}">{esc(text)}</option>' for value, text in options
    )
    return (
        f'<label class="models-field"><span>{esc(label)}</span>'
        f'<select name="{esc(name)}"><option value="">{esc(empty)}</option>{choices}</select></label>'
    )


def matrix_tools(site: Site, models: list[Model]) -> str:
    """The filter form and the two-model comparison, hidden until the script shows them."""
    levels = [(value, f"{symbol} {value}") for value, symbol in CELL_SYMBOLS.items()]
    openness = "".join(
        _select(d.replace("_", "-"), DIMENSION_LABELS[d], levels) for d in DIMENSIONS
    )
    others = []
    for name, label in FILTER_LABELS.items():
        options = sorted(
            {filter_values(site, m)[name] for m in models}, key=lambda o: (o[1].lower(), o[1], o[0])
        )
        others.append(_select(name, label, [o for o in options if o[0]]))
    names = sorted(
        ((m.id, m.name) for m in models),
        key=lambda o: (o[1].lower(), o[1], o[0]),
    )
    return (
        '<div class="models-tools no-terms" data-models-tools hidden>\n'
        '<details class="models-box"><summary>Filter the models</summary>'
        '<form class="models-filter" aria-label="Filter the matrix">'
        f"<fieldset><legend>Openness</legend>{openness}</fieldset>"
        f"<fieldset><legend>Licence, organisation, year</legend>{''.join(others)}</fieldset>"
        '<button type="reset" class="models-reset">Show every model</button></form></details>'
        '<details class="models-box"><summary>Compare two models</summary>'
        '<form class="models-compare" aria-label="Compare two models">'
        "<fieldset><legend>Two models side by side</legend>"
        f"{_select('a', 'First model', names, 'choose a model')}"
        f"{_select('b', 'Second model', names, 'choose a model')}</fieldset></form></details>"
        f'<p class="models-count" role="status">Showing all {len(models)} models.</p>'
        '<div class="compare-result" aria-live="polite"></div>\n'
        "</div>"
    )


# -----------------------------------------------------------------------------
# The table
# -----------------------------------------------------------------------------


def cell_label(value: str) -> str:
    """A cell's symbol (hidden from screen readers) and its value."""
    return (
        f'<span class="cell-label"><span aria-hidden="true">{CELL_SYMBOLS.get(value, "?")}</span> '
        f'<span class="cell-word">{esc(value)}</span></span>'
    )


def matrix_table(site: Site, src: str, settings: Settings, models: list[Model]) -> str:
    """The sortable table, one row per model (its id the row's permanent anchor)."""
    legend = " ".join(
        f'<span class="cell cell--{value}">{cell_label(value)}</span>' for value in CELL_SYMBOLS
    )
    head = "".join(f'<th scope="col">{esc(DIMENSION_LABELS[d])}</th>' for d in DIMENSIONS)
    # Rows come most open first, as the sort on "Open dimensions" would put them: the
    # script then has nothing to reorder on arrival (a reorder lays the table out again).
    ranked = sorted(models, key=lambda m: -m.score)
    rows = "".join(_row(site, src, settings, model) for model in ranked)
    return (
        # data-pagefind-ignore: the matrix repeats what each model's page says, and would make
        # this page's search entry the largest a first search can fetch.
        '<div class="models-matrix no-terms" data-pagefind-ignore markdown="1">\n'
        f'<p class="legend">Legend: {legend}. Every cell links its evidence. For the note behind a cell, '
        "hover it, or tap <em>Notes</em> under the model’s name; the model’s page has every note with its evidence.</p>\n"
        # No <caption>: Python-Markdown does not know it as a block, and md_in_html would
        # then read the whole table as a paragraph. The table is named by aria-labelledby.
        '<p class="table-caption" id="matrix-caption">Models against openness dimensions '
        "(select a column heading to sort)</p>\n"
        '<div class="table-scroll" markdown="1"><table class="sortable cards-on-phone" id="matrix" '
        'aria-labelledby="matrix-caption" data-descending markdown="1">'
        '<thead><tr><th scope="col">Model</th><th scope="col">Released</th>'
        '<th scope="col">Weights licence</th><th scope="col">Licence OSI-approved</th>'
        f'{head}<th scope="col" aria-sort="descending">Open dimensions</th></tr></thead>'
        f'<tbody markdown="1">{rows}</tbody></table></div>\n</div>'
    )


def _row(site: Site, src: str, settings: Settings, model: Model) -> str:
    model_id = model.id
    cells = []
    for dimension in DIMENSIONS:
        cell = model.cell(dimension)
        value = cell.value
        label = cell_label(value)
        extra = f"<small>{esc(cell.dataset)}</small>" if cell.dataset else ""
        if cell.gated:
            extra += "<small>gated: approval or licence acceptance first</small>"
        if cell.source:
            label = f'<a href="{esc(cell.source)}">{label}</a>'
        cells.append(
            f'<td class="cell cell--{esc(value)} dimension" data-label="{esc(DIMENSION_LABELS[dimension])}" '
            f'data-short="{esc(SHORT_LABELS[dimension])}" '
            f'data-sort="{_rank(value)}" data-tip="{esc(cell.note)}">{label}{extra}</td>'
        )
    licence, osi, released, org = (
        model.licence,
        model.osi_approved,
        model.released,
        model.organisation,
    )
    reading = ""
    if licence.licence_page and licence.licence_page in site.licences:
        reading = f"<small>[our clause-by-clause reading]({link(src, licence_src(licence.licence_page))})</small>"
    page = link(src, model_src(settings.models_page, model_id))
    return (
        f'<tr id="{esc(model_id)}" {filter_attributes(site, model)} markdown="1">'
        f'<th scope="row" markdown="span">[{md_text(model.name)}]({page})'
        f'<small><a href="{esc(org.source)}">{md_text(org.text)}</a></small>'
        f"{row_notes(model)}</th>"
        f'<td data-label="Released" data-sort="{esc(released.text)}">'
        f'<a href="{esc(released.source)}">{esc(released.text)}</a></td>'
        f'<td data-label="Weights licence" markdown="span"><a href="{esc(licence.source)}">'
        f"{md_text(licence.text)}</a>"
        f"{'<small>SPDX: ' + md_text(licence.spdx) + '</small>' if licence.spdx else ''}{reading}</td>"
        f'<td data-label="Licence OSI-approved" data-short="OSI-approved" class="cell cell--{"open" if osi.value else "closed"}">'
        f'<a href="{esc(osi.source)}"><span class="cell-label"><span aria-hidden="true">'
        f"{'✔' if osi.value else '✘'}</span> {'yes' if osi.value else 'no'}</span></a></td>"
        + "".join(cells)
        + f'<td data-label="Open dimensions" data-short="Open (of 6)" data-sort="{model.score}">{model.score:g}</td></tr>'
    )


def row_notes(model: Model) -> str:
    """A model's six notes behind a disclosure: what a phone (no hover) taps to read them."""
    entries = []
    for dimension in DIMENSIONS:
        cell = model.cell(dimension)
        value = cell.value
        extra = f" Dataset: {plain(cell.dataset)}." if cell.dataset else ""
        # No evidence link here: the cell's own block is that link, a tap away in the same row.
        entries.append(
            f"<dt>{plain(DIMENSION_LABELS[dimension])}: {plain(value)}</dt>"
            f"<dd>{plain(cell.note.strip())}{extra}</dd>"
        )
    return (
        f'<details class="row-notes"><summary>Notes<span class="visually-hidden"> on '
        f"{plain(model.name)}</span></summary><dl>{''.join(entries)}</dl></details>"
    )


def _rank(value: str) -> int:
    return {"open": 3, "partial": 2, "closed": 1}.get(value, 0)


def model_tip(model: Model) -> str:
    """A model's tooltip where its name is linked: who made it and how open it is."""
    cells = "; ".join(f"{DIMENSION_LABELS[d]}: {model.cell(d).value}" for d in DIMENSIONS)
    return (
        f"{model.name} ({model.organisation.text}), {model.score:g} of {len(DIMENSIONS)} on our "
        f"openness matrix. {cells}."
    )


# -----------------------------------------------------------------------------
# Chart and rubric
# -----------------------------------------------------------------------------


def openness_chart(site: Site, src: str, settings: Settings, models: list[Model]) -> str:
    """Openness over time: every model by release date and openness score (an SVG figure with its data)."""
    points = [
        Point(
            day,
            m.score,
            bool(m.osi_approved.value),
            m.name,
            f"[{md_text(m.name)}]({link(src, model_src(settings.models_page, m.id))})",
        )
        for m in models
        if (day := month_date(m.released.value))
    ]
    return scatter_figure(
        points,
        len(DIMENSIONS),
        "Openness over time: each model of the matrix by its release "
        "date and its openness score (open dimensions count 1, partial ones ½, out of "
        f"{len(DIMENSIONS)}).",
    )


def field_at_a_glance(site: Site, src: str, settings: Settings) -> str:
    """For the home page: of all the models in the matrix, how many are open on each dimension."""
    models = site.matrix
    if not models:
        return ""
    rows = [
        (
            DIMENSION_LABELS[d],
            {v: sum(1 for m in models if m.cell(d).value == v) for v in CELL_SYMBOLS},
        )
        for d in DIMENSIONS
    ]
    open_weights, open_data = rows[0][1]["open"], rows[3][1]["open"]
    description = (
        f"Of {len(models)} models, {open_weights} publish their weights openly and {open_data} their "
        "training data. "
        + " ".join(
            f"{label}: {t['open']} open, {t['partial']} partial, "
            f"{t['closed']} closed, {t['unknown']} unknown."
            for label, t in rows
        )
    )
    caption = (
        f"The field at a glance: the {len(models)} models of our [openness matrix]"
        f"({link(src, settings.models_page)}), dimension by dimension."
    )
    return stacked_figure("field", "The field at a glance", rows, len(models), caption, description)


def rubric_section(site: Site) -> str:
    """The written rule behind each dimension's open, partial and closed."""
    rubric = site.models.get("rubric") or {}
    if not rubric:
        return ""
    entries = []
    for dimension in DIMENSIONS:
        levels = rubric.get(dimension) or {}
        rules = "".join(
            f'<dd><span class="cell cell--{level}">{cell_label(level)}</span> '
            f"{esc(str(levels.get(level, '')).strip())}</dd>"
            for level in ("open", "partial", "closed")
        )
        entries.append(
            f'<div class="rubric-entry" id="rubric-{dimension.replace("_", "-")}">'
            f"<dt>{esc(DIMENSION_LABELS[dimension])}</dt>{rules}</div>"
        )
    return (
        "## How we rate each cell {#rubric}\n\n"
        '<dl class="rubric no-terms">' + "".join(entries) + "</dl>\n\n"
        '<p class="no-terms">A cell is <strong>unknown</strong> only when we looked for the evidence '
        "and did not find it; its note says what we looked for.</p>"
    )


def matrix_teaser(site: Site, src: str, settings: Settings) -> str:
    """One sentence of figures from the openness matrix, for the home page."""
    models = list(site.matrix)
    if not models:
        return ""
    weights = sum(1 for m in models if m.cell("weights").value == "open")
    data = sum(1 for m in models if m.cell("training_data").value == "open")
    return (
        f'<p class="no-terms" markdown>Of the {len(models)} models in our [openness matrix]({link(src, settings.models_page)}), '
        f"{weights} let anyone download the weights, but only {data} publish their training data. "
        f"{most_open(models, src, settings)}</p>"
    )


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def most_open(models: list[Model], src: str, settings: Settings) -> str:
    """Which models score highest, every one of them where several tie (in matrix order)."""
    best = max(m.score for m in models)
    top = [m for m in models if m.score == best]
    names = [
        f"[{md_text(m.name)}]({link(src, model_src(settings.models_page, m.id))})" for m in top
    ]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    count, six = (
        NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n) for n in (len(top), len(DIMENSIONS))
    )
    if len(top) == 1:
        return f"The most open on our {six} dimensions: {listed} ({best:g} of {len(DIMENSIONS)})."
    if best == len(DIMENSIONS):
        return f"{count.capitalize()} models are open on all {six} dimensions and tie as the most open: {listed}."
    return f"{count.capitalize()} models tie as the most open, at {best:g} of {len(DIMENSIONS)}: {listed}."


def pending_section(site: Site) -> str:
    """Models announced and not yet rated, each with why not and the page that announced it."""
    pending = site.pending
    if not pending:
        return ""
    items = "\n".join(
        f"<li><strong>{esc(item.name)}</strong> (announced {esc(item.announced)}): "
        f'{esc(item.reason)} <a href="{esc(item.source)}">Source</a>.</li>'
        for item in pending
    )
    return (
        '<h2 id="pending">Announced, not yet rated</h2>\n\n'
        f'<p class="no-terms">{len(pending)} models we know of but have not rated, because no '
        "primary source we could read settles their cells yet. We list them rather than stay "
        "silent; each says what is missing.</p>\n\n"
        f'<ul class="pending-models no-terms">\n{items}\n</ul>'
    )
