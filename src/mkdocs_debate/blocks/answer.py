"""The "Is it open?" page: the answer in one screen, then every verdict in one grid.

- **Headline**: for every testable definition, how many models of the matrix meet
  it ("6 of 43 meet"), grouped by contested term, each with a bar drawn at build
  time (SVG) and the published verdicts' agreement with ours.
- **The grid**: models (rows) × every testable definition of every term (columns),
  one small cell per verdict, coloured and marked with a symbol. Each cell carries
  the verdict's permanent anchor ``v-<term>--<definition>--<model>`` and links the
  model page's account of that verdict, where every criterion links its evidence
  cell and ``to_flip`` says what would change the verdict. The first cell of each
  term keeps the older anchor ``<term>--<model>``, each term heading ``<term>``.
- **Filters** (organisation, year, licence family) hidden until
  ``overrides/assets/javascripts/answer.js`` shows them; without the script the
  grid is whole. Rows come with the models that meet most definitions first.

Every value from the data is escaped where it enters HTML; links to our pages are
source paths inside ``md_in_html`` spans, so MkDocs rewrites and validates them.
"""

from __future__ import annotations

from mkdocs_debate.blocks.common import esc, link, md_text, model_src
from mkdocs_debate.blocks.definitions import FIELD_LABELS, VERDICT_LABELS
from mkdocs_debate.blocks.figures import count_bar
from mkdocs_debate.blocks.models import FILTER_LABELS, filter_values
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.definitions import Definition
from mkdocs_debate.data.site import Site
from mkdocs_debate.verdicts import (
    CANNOT_TELL,
    FAILS,
    MEETS,
    VERDICTS_PAGE,
    Verdict,
    definition_anchor,
    evidence_anchor,
    models_of,
    term_page,
    term_verdicts,
    verdict_anchor,
)

OUTCOMES = (MEETS, CANNOT_TELL, FAILS)  # the order of a bar's segments and of the legend


def answer_page(site: Site, src: str, settings: Settings) -> str:
    """The whole generated part of the "Is it open?" page."""
    columns = _columns(site)
    if not columns:
        return "*No definition in docs/_data/definitions.yml has criteria the matrix can test.*"
    return "\n\n".join(
        [headline(site, src, columns), grid_tools(site), grid(site, src, settings, columns)]
    )


def _columns(site: Site) -> list[tuple[str, list[tuple[dict, list[Verdict]]]]]:
    """(term id, [(definition, verdicts of every model)]) for each term with testable definitions."""
    return [
        (term_id, verdicts)
        for term_id in site.term_definitions
        if term_id in site.terms and (verdicts := term_verdicts(site, term_id))
    ]


def _term_name(site: Site, term_id: str) -> str:
    name = str(site.terms[term_id].get("term", term_id))
    return name[:1].upper() + name[1:]


# -----------------------------------------------------------------------------
# Headline: N of M meet, definition by definition
# -----------------------------------------------------------------------------


def counts(verdicts: list[Verdict]) -> dict[str, int]:
    """How many verdicts meet, cannot tell and fail."""
    return {outcome: sum(1 for v in verdicts if v.outcome == outcome) for outcome in OUTCOMES}


def headline(site: Site, src: str, columns: list) -> str:
    """A card per term, a line per definition: "N of M meet", its bar, the authority's agreement."""
    cards = []
    for term_id, definitions in columns:
        lines = []
        for definition, verdicts in definitions:
            tally = counts(verdicts)
            rest = f"; {tally[CANNOT_TELL]} cannot tell" if tally[CANNOT_TELL] else ""
            name = md_text(definition.label)
            if term_page(term_id) in site.pages:
                name = f"[{name}]({link(src, term_page(term_id), definition.id)}){_tip(definition.name)}"
            lines.append(
                f'<li markdown="1"><span class="answer-line__name">{name}</span> '
                f'<span class="answer-line__count"><strong>{tally[MEETS]}</strong> of {len(verdicts)} meet{rest}</span>'
                f"{count_bar([(o, tally[o]) for o in OUTCOMES], len(verdicts))}</li>"
            )
        published = [v for _d, vs in definitions for v in vs if v.authority is not None]
        agreement = ""
        if published:
            disagreeing = sum(1 for v in published if v.disagrees)
            agreement = (
                f'<p class="answer-card__note">Published verdicts beside ours: {len(published)}, '
                f"{disagreeing} disagree{'s' if disagreeing == 1 else ''}.</p>"
            )
        cards.append(
            f'<section class="answer-card" aria-labelledby="card-{esc(term_id)}" markdown="1">\n'
            f'<p class="answer-card__title" id="card-{esc(term_id)}"><a href="#{esc(term_id)}">'
            f"{esc(_term_name(site, term_id))}</a></p>\n"
            f'<ul class="answer-lines" markdown="1">\n'
            + "\n".join(lines)
            + f"\n</ul>\n{agreement}\n</section>"
        )
    total = len(models_of(site))
    legend = " ".join(
        f'<span class="answer-key answer-key--{o}"><span aria-hidden="true">'
        f"{VERDICT_LABELS[o][0]}</span> {VERDICT_LABELS[o][1]}</span>"
        for o in OUTCOMES
    )
    return (
        '<figure class="answer-headline no-terms" aria-labelledby="answer-headline-caption" markdown="1">\n'
        f'<figcaption id="answer-headline-caption">How many of the {total} models in our matrix meet each '
        f"definition we can test, term by term. Bars: {legend}. The grid below has every verdict.</figcaption>\n"
        '<div class="answer-cards" markdown="1">\n' + "\n".join(cards) + "\n</div>\n</figure>"
    )


def _attribute(text: object) -> str:
    """A value for an attr_list attribute: escaped, and unable to close the braces."""
    return esc(text).replace("{", "&#123;").replace("}", "&#125;")


def _tip(text: object) -> str:
    """An attr_list data-tip (the stylesheet's tooltip) for a Markdown link."""
    return '{data-tip="' + _attribute(text) + '"}'


# -----------------------------------------------------------------------------
# Filters (shown by answer.js)
# -----------------------------------------------------------------------------


def grid_tools(site: Site) -> str:
    """Organisation, year and licence-family filters for the grid, hidden until the script shows them."""
    models = models_of(site)
    selects = []
    for name, label in FILTER_LABELS.items():
        options = sorted(
            {filter_values(site, m)[name] for m in models}, key=lambda o: (o[1].lower(), o[1], o[0])
        )
        choices = "".join(
            f'<option value="{esc(value)}">{esc(text)}</option>' for value, text in options if value
        )
        selects.append(
            f'<label class="models-field"><span>{esc(label)}</span><select name="{esc(name)}">'
            f'<option value="">any</option>{choices}</select></label>'
        )
    return (
        '<div class="answer-tools no-terms" data-answer-tools hidden>'
        '<form class="answer-filter" aria-label="Filter the grid">'
        f'{"".join(selects)}<button type="reset" class="models-reset">Show every model</button></form>'
        f'<p class="answer-count" role="status">Showing all {len(models)} models.</p></div>'
    )


# -----------------------------------------------------------------------------
# The grid
# -----------------------------------------------------------------------------


def _met(columns: list, index: int) -> int:
    return sum(
        1
        for _t, definitions in columns
        for _d, verdicts in definitions
        if verdicts[index].outcome == MEETS
    )


GRID_FIRST_ROWS = 24  # the rows shown at once; the rest wait in a <details> (grid())


def grid(site: Site, src: str, settings: Settings, columns: list) -> str:
    """Every model under every testable definition: one coloured cell per verdict."""
    models = models_of(site)
    totals = "".join(
        f'<td class="answer-total">{counts(verdicts)[MEETS]}</td>'
        for _t, definitions in columns
        for _d, verdicts in definitions
    )
    order = sorted(
        range(len(models)),
        key=lambda i: (
            -_met(columns, i),
            -models[i].score,
            models[i].name.lower(),
        ),
    )
    rows = []
    for index in order:
        model = models[index]
        model_id = model.id
        attributes = " ".join(
            f'data-{name}="{esc(value)}"' for name, (value, _) in filter_values(site, model).items()
        )
        cells = "".join(
            _cell(src, settings, verdicts[index], first=position == 0)
            for _t, definitions in columns
            for position, (_d, verdicts) in enumerate(definitions)
        )
        rows.append(
            f'<tr {attributes} markdown="1"><th scope="row" markdown="span">[{md_text(model.name)}]'
            f"({link(src, model_src(settings.models_page, model_id))})</th>{cells}</tr>"
        )
    shown, more = rows[:GRID_FIRST_ROWS], rows[GRID_FIRST_ROWS:]
    # data-pagefind-ignore: the grid repeats the model pages' verdicts, and its 2,000-odd cell
    # anchors would make this page's search entry one of the largest a search can fetch.
    out = (
        '<div class="answer-grid no-terms" data-pagefind-ignore markdown="1">\n'
        '<p class="table-caption" id="answer-grid-caption">Every model of our matrix (rows, those that meet '
        "most definitions first) under every definition we can test (columns, grouped by contested term). "
        "Select a cell for the criteria behind the verdict, each linked to its evidence, and what would change it.</p>\n"
        '<div class="table-scroll" markdown="1"><table class="answer no-permalinks" aria-labelledby="answer-grid-caption" markdown="1">'
        f'<thead markdown="1">{_head(site, src, settings, columns, ids=True)}'
        f'<tr class="answer-totals"><th scope="row">Models that meet it</th>{totals}</tr></thead>'
        f'<tbody markdown="1">{"".join(shown)}</tbody></table></div>\n'
    )
    if more:
        # The rest of the grid in a closed <details>: a browser neither styles nor lays out its
        # rows until a reader opens it (or follows a link to one of its cells, which opens it),
        # so the page stays light however many models the matrix rates.
        out += (
            '<details class="answer-more" markdown="1">\n'
            f"<summary>The other {len(more)} models, meeting fewer definitions</summary>\n"
            '<div class="table-scroll" markdown="1"><table class="answer answer--more no-permalinks" '
            f'aria-label="The other {len(more)} models under every definition" markdown="1">'
            f'<thead markdown="1">{_head(site, src, settings, columns, ids=False)}</thead>'
            f'<tbody markdown="1">{"".join(more)}</tbody></table></div>\n</details>\n'
        )
    return out + "</div>"


def _head(site: Site, src: str, settings: Settings, columns: list, ids: bool) -> str:
    """The grid's two heading rows: terms over their definitions. The terms' ids (anchors a
    debater links) go on the first table only; the second repeats the headings without them."""
    term_heads = "".join(
        f'<th scope="colgroup" colspan="{len(definitions)}"'
        + (f' id="{esc(term_id)}"' if ids else "")
        + f' class="answer-term" markdown="span">{_term_heading(site, src, term_id)}</th>'
        for term_id, definitions in columns
    )
    definition_heads = "".join(
        f'<th scope="col" class="answer-def" markdown="span">{_definition_heading(site, src, settings, term_id, d)}</th>'
        for term_id, definitions in columns
        for d, _v in definitions
    )
    return (
        f'<tr markdown="1"><th scope="col" rowspan="2" class="answer-model">Model</th>{term_heads}</tr>'
        f'<tr markdown="1">{definition_heads}</tr>'
    )


def _term_heading(site: Site, src: str, term_id: str) -> str:
    name = md_text(_term_name(site, term_id))
    return (
        f"[{name}]({link(src, term_page(term_id))})" if term_page(term_id) in site.pages else name
    )


def _definition_heading(
    site: Site, src: str, settings: Settings, term_id: str, definition: Definition
) -> str:
    """A column heading: the definition's short name, linking its full text on the term's page."""
    definition_id = definition.id
    target = (
        link(src, term_page(term_id), definition_id)
        if term_page(term_id) in site.pages
        else link(src, settings.glossary_page, definition_anchor(term_id, definition_id))
    )
    return f"[<span>{md_text(definition.label)}</span>]({target}){_tip(definition.name)}"


def verdict_reason(verdict: Verdict) -> str:
    """One line of plain text: the model, the definition, the outcome and the criteria it rests on."""
    text = f"{verdict.model.name} under {verdict.definition.name}: {VERDICT_LABELS[verdict.outcome][1]}"
    if verdict.deciding:
        text += (". Fails on " if verdict.outcome == FAILS else ". Unknown: ") + "; ".join(
            f"{FIELD_LABELS.get(c.field, c.field).lower()} {_value(c.value)}"
            for c in verdict.deciding
        )
    if verdict.authority is not None:
        text += f". Published verdict: {verdict.authority.verdict}" + (
            " (we disagree)" if verdict.disagrees else ""
        )
    return text + "."


def _value(value: object) -> str:
    return "yes" if value is True else "no" if value is False else str(value)


def _cell(src: str, settings: Settings, verdict: Verdict, first: bool) -> str:
    """One verdict: its anchor, colour, symbol and words, linking the model page's account of it."""
    symbol, word = VERDICT_LABELS[verdict.outcome]
    anchor = verdict_anchor(verdict.term, verdict.definition_id, verdict.model_id)
    target = link(
        src, model_src(settings.models_page, verdict.model_id), anchor_on_model_page(verdict)
    )
    legacy = f" #{definition_anchor(verdict.term, verdict.model_id)}" if first else ""
    flag = '<span class="answer-flag">⚑</span>' if verdict.disagrees else ""
    classes = f"v v--{verdict.outcome}" + (" v--disagrees" if verdict.disagrees else "")
    # The symbol is what the eye reads, the label what a screen reader says (with the row and column headings).
    label = f"{word}{', the authority published the opposite' if verdict.disagrees else ''}"
    # data-tip, not title: Material's content.tooltips would set up a script component for
    # each of a thousand titles (seconds of main-thread work on a phone); CSS shows data-tip.
    attributes = (
        f'{{data-tip="{_attribute(verdict_reason(verdict))}" aria-label="{label}"{legacy}}}'
    )
    return f'<td class="{classes}" id="{esc(anchor)}" markdown="span">[{symbol}{flag}]({target}){attributes}</td>'


def anchor_on_model_page(verdict: Verdict) -> str:
    """The anchor of a verdict's account on its model's page: ``v-<term>--<definition>``."""
    return f"v-{definition_anchor(verdict.term, verdict.definition_id)}"


# -----------------------------------------------------------------------------
# A model's page: its verdict under every definition
# -----------------------------------------------------------------------------


def _model_verdicts(site: Site, model_id: str) -> list[tuple[str, list[Verdict]]]:
    """(term, this model's verdict under each of its testable definitions) for each term."""
    index = next((i for i, m in enumerate(models_of(site)) if m.id == model_id), None)
    if index is None:
        return []
    return [
        (term_id, [verdicts[index] for _d, verdicts in definitions])
        for term_id, definitions in _columns(site)
    ]


def model_verdict_strip(site: Site, model_id: str) -> str:
    """One line at the top of a model's page: its verdicts under the first contested term's definitions."""
    groups = _model_verdicts(site, model_id)
    if not groups:
        return ""
    term_id, verdicts = groups[0]
    every = [v for _t, vs in groups for v in vs]
    met = sum(1 for v in every if v.outcome == MEETS)
    chips = "".join(
        f'<li class="v-chip v--{v.outcome}"><a href="#{esc(anchor_on_model_page(v))}" data-tip="{esc(verdict_reason(v))}">'
        f"{esc(v.definition.label)} "
        f'<span aria-hidden="true">{VERDICT_LABELS[v.outcome][0]}</span>'
        f'<span class="visually-hidden">: {VERDICT_LABELS[v.outcome][1]}</span></a></li>'
        for v in verdicts
    )
    return (
        f'<div class="model-verdicts-strip no-terms"><p><strong>Is it open?</strong> It meets {met} of the '
        f'{len(every)} definitions we can test (<a href="#verdicts">all of them, with why</a>). '
        f"As {esc(site.terms[term_id].get('term', term_id))}:</p><ul>{chips}</ul></div>"
    )


def model_verdicts_section(site: Site, src: str, settings: Settings, model_id: str) -> str:
    """Every verdict on one model: the criteria with their evidence, the authority's verdict, what would flip it."""
    groups = _model_verdicts(site, model_id)
    if not groups:
        return ""
    rows = []
    for term_id, verdicts in groups:
        rows.append(
            f'<tr class="model-verdicts__term"><th scope="colgroup" colspan="4">'
            f"{esc(_term_name(site, term_id))}</th></tr>"
        )
        for verdict in verdicts:
            rows.append(_verdict_row(site, src, settings, verdict))
    return (
        "## Is it open? Every definition we can test {#verdicts}\n\n"
        '<div class="table-scroll model-verdicts no-terms" markdown="1">\n'
        '<table class="model-verdicts__table" markdown="1">'
        "<caption>This model under each definition: the verdict, the criteria it rests on (each linked to "
        "its cell above) and the least that would change it</caption>"
        '<thead><tr><th scope="col">Definition</th><th scope="col">Verdict</th>'
        '<th scope="col">Why</th><th scope="col">What would make it meet</th></tr></thead>'
        f'<tbody markdown="1">{"".join(rows)}</tbody></table>\n</div>'
    )


def _verdict_row(site: Site, src: str, settings: Settings, verdict: Verdict) -> str:
    symbol, word = VERDICT_LABELS[verdict.outcome]
    term_id = verdict.term
    target = (
        link(src, term_page(term_id), verdict.definition_id)
        if term_page(term_id) in site.pages
        else link(src, settings.glossary_page, definition_anchor(term_id, verdict.definition_id))
    )
    grid_link = link(
        src, VERDICTS_PAGE, verdict_anchor(term_id, verdict.definition_id, verdict.model_id)
    )
    outcome = f'<strong class="v-word">{symbol} {word}</strong> · [in the grid]({grid_link})'
    if verdict.authority is not None:
        said = esc(verdict.authority.verdict)
        flag = " ⚑ we disagree" if verdict.disagrees else ""
        outcome += f"<br>[Published: {said}]({esc(verdict.authority.source)}){flag}"
    if verdict.outcome == MEETS:
        why = f"All {len(verdict.checks)} criteria pass."
    else:
        # The criterion's words are the link's tooltip: the cell's label and value are what a reader scans.
        why = "<br>".join(
            f"{'✘' if c.result == 'fail' else '?'} [{md_text(FIELD_LABELS.get(c.field, c.field))}: "
            f"{md_text(_value(c.value))}](#{evidence_anchor(c.field)}){_tip(c.criterion.text)}"
            for c in verdict.deciding
        )
    flips = (
        "<br>".join(
            f"{md_text(FIELD_LABELS.get(f.field, f.field))} → **{md_text(_value(f.after))}**"
            for f in verdict.to_flip
        )
        or "—"
    )
    return (
        f'<tr id="{esc(anchor_on_model_page(verdict))}" class="v--{verdict.outcome}" markdown="1">'
        f'<th scope="row" markdown="span">[{md_text(verdict.definition.name)}]({target})</th>'
        f'<td class="v-outcome" markdown="span">{outcome}</td><td markdown="span">{why}</td>'
        f'<td markdown="span">{flips}</td></tr>'
    )
