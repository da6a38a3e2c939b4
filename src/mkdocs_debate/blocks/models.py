"""The model openness matrix, generated from docs/_data/models.yml."""

from __future__ import annotations

from mkdocs_debate.blocks.common import esc, link
from mkdocs_debate.data.config import Settings
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


def models_page(site: Site, src: str, settings: Settings) -> str:
    """The openness matrix: a sortable table and a ranking chart."""
    models = list(site.models.get("models") or [])
    legend = " ".join(
        f'<span class="cell cell--{value}"><span aria-hidden="true">{symbol}</span> {value}</span>'
        for value, symbol in CELL_SYMBOLS.items())
    head = "".join(f'<th scope="col">{esc(DIMENSION_LABELS[d])}</th>' for d in DIMENSIONS)
    rows = []
    for model in models:
        cells = []
        for dimension in DIMENSIONS:
            cell = (model.get("openness") or {}).get(dimension) or {}
            value = cell.get("value", "unknown")
            label = f'<span aria-hidden="true">{CELL_SYMBOLS.get(value, "?")}</span> {esc(value)}'
            extra = f"<small>{esc(cell['dataset'])}</small>" if cell.get("dataset") else ""
            if cell.get("source"):
                label = f'<a href="{esc(cell["source"])}">{label}</a>'
            cells.append(f'<td class="cell cell--{esc(value)}" data-sort="{_rank(value)}" '
                         f'data-tip="{esc(cell.get("note", ""))}">{label}{extra}</td>')
        licence = model.get("licence") or {}
        osi = model.get("osi_approved") or {}
        released = model.get("released") or {}
        org = model.get("organisation") or {}
        rows.append(
            f'<tr id="{esc(model["id"])}">'
            f'<th scope="row"><a href="#{esc(model["id"])}">{esc(model["name"])}</a><br>'
            f'<small><a href="{esc(org.get("source", ""))}">{esc(org.get("value", ""))}</a></small></th>'
            f'<td data-sort="{esc(released.get("value", ""))}"><a href="{esc(released.get("source", ""))}">'
            f'{esc(released.get("value", ""))}</a></td>'
            f'<td><a href="{esc(licence.get("source", ""))}">{esc(licence.get("value", ""))}</a>'
            f'{"<small>SPDX: " + esc(licence["spdx"]) + "</small>" if licence.get("spdx") else ""}</td>'
            f'<td class="cell cell--{"open" if osi.get("value") else "closed"}">'
            f'<a href="{esc(osi.get("source", ""))}">{"✔ yes" if osi.get("value") else "✘ no"}</a></td>'
            + "".join(cells)
            + f'<td data-sort="{_score(model)}">{_score(model):g}</td></tr>'
        )
    table = (
        '<div class="models-matrix no-terms">\n'
        f'<p class="legend">Legend: {legend}. Every cell links its evidence; '
        'hover a cell for the note behind it.</p>\n'
        '<div class="table-scroll"><table class="sortable" id="matrix" data-descending>'
        '<caption>Models against openness dimensions (click a column heading to sort)</caption>'
        '<thead><tr><th scope="col">Model</th><th scope="col">Released</th>'
        '<th scope="col">Weights licence</th><th scope="col">Licence OSI-approved</th>'
        f'{head}<th scope="col" data-sort-default>Open dimensions</th></tr></thead>'
        "<tbody>" + "".join(rows) + "</tbody></table></div>\n</div>"
    )
    return table + "\n\n" + openness_chart(models)


def _rank(value: str) -> int:
    return {"open": 3, "partial": 2, "closed": 1}.get(value, 0)


def _score(model: dict) -> float:
    """Open dimensions count 1, partial ones a half."""
    cells = model.get("openness") or {}
    return sum({"open": 1.0, "partial": 0.5}.get((cells.get(d) or {}).get("value"), 0.0)
               for d in DIMENSIONS)


def openness_chart(models: list[dict]) -> str:
    """An SVG bar chart of models ranked by openness score, with a text alternative."""
    ranked = sorted(models, key=lambda m: (-_score(m), str(m.get("name"))))
    bar_height, gap, label_width, scale = 22, 6, 170, 70
    height = len(ranked) * (bar_height + gap) + 40
    width = label_width + scale * len(DIMENSIONS) + 60
    parts = [
        f'<svg class="openness-chart" role="img" aria-labelledby="chart-title chart-desc" '
        f'viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Models ranked by how many openness dimensions are open</title>',
        '<desc id="chart-desc">' + esc("; ".join(
            f"{m.get('name')}: {_score(m):g} of {len(DIMENSIONS)}" for m in ranked)) + "</desc>",
    ]
    for tick in range(len(DIMENSIONS) + 1):
        x = label_width + tick * scale
        parts.append(f'<line class="grid" x1="{x}" y1="20" x2="{x}" y2="{height - 10}"/>'
                     f'<text class="tick" x="{x}" y="14" text-anchor="middle">{tick}</text>')
    for index, model in enumerate(ranked):
        y = 24 + index * (bar_height + gap)
        score = _score(model)
        parts.append(
            f'<text class="label" x="{label_width - 8}" y="{y + 15}" text-anchor="end">{esc(model.get("name"))}</text>'
            f'<rect class="bar" x="{label_width}" y="{y}" width="{score * scale:.0f}" height="{bar_height}" rx="3"/>'
            f'<text class="value" x="{label_width + score * scale + 6:.0f}" y="{y + 15}">{score:g}</text>')
    parts.append("</svg>")
    return '<figure class="chart no-terms">\n' + "".join(parts) + (
        "\n<figcaption>Openness score: open dimensions count 1, partial ones ½, "
        "out of six. Generated from the same data as the table.</figcaption>\n</figure>")


def matrix_teaser(site: Site, src: str, settings: Settings) -> str:
    """One sentence of figures from the openness matrix, for the home page."""
    models = list(site.models.get("models") or [])
    if not models:
        return ""
    weights = sum(1 for m in models if (m.get("openness") or {}).get("weights", {}).get("value") == "open")
    data = sum(1 for m in models if (m.get("openness") or {}).get("training_data", {}).get("value") == "open")
    best = max(models, key=_score)
    return (f'<p class="no-terms" markdown>Of the {len(models)} models in our [openness matrix]({link(src, settings.models_page)}), '
            f"{weights} let anyone download the weights, but only {data} publish their training data. "
            f'The most open on our six dimensions: [{best["name"]}]({link(src, settings.models_page, str(best["id"]))}).</p>')
