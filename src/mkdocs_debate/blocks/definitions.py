"""Competing definitions and verdicts, generated from docs/_data/definitions.yml and models.yml.

- On the glossary entry of each contested term: a comparison table (what each
  definition requires, dimension by dimension) and each definition, dated and
  attributed, at its permanent anchor ``glossary/#<term>--<definition>``.
- A page per contested term (``docs/definitions/<term>.md``, a stub that
  ``debate-export`` writes): the definitions in full, their criteria and the
  published verdicts, the comparison and the verdict grid of every model.

Verdicts come from ``mkdocs_debate.verdicts``; a cell names the failing (or
unknown) criteria and links the model's row of the matrix, where the evidence
of each cell is. Tables are ``md_in_html`` blocks, so their links are source
paths that MkDocs rewrites and validates.
"""

from __future__ import annotations

import posixpath

from mkdocs_debate.blocks.common import esc, link, model_src
from mkdocs_debate.blocks.models import DIMENSION_LABELS
from mkdocs_debate.blocks.timeline import date_label
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.definitions import Criterion, Definition
from mkdocs_debate.data.matrix import WEIGHT_CONDITIONS
from mkdocs_debate.data.site import Site
from mkdocs_debate.problems import Problem
from mkdocs_debate.verdicts import (
    CANNOT_TELL,
    CRITERION_FIELDS,
    FAILS,
    MEETS,
    VERDICTS_PAGE,
    Check,
    Verdict,
    definition_anchor,
    evidence_anchor,
    has_criteria,
    models_of,
    term_page,
    term_verdicts,
)

FIELD_LABELS = {
    **{f"openness.{d}": label for d, label in DIMENSION_LABELS.items()},
    "osi_approved": "Licence OSI-approved",
}
VERDICT_LABELS = {MEETS: ("✔", "meets"), FAILS: ("✘", "fails"), CANNOT_TELL: ("?", "cannot tell")}
KIND_LABELS = {
    "standard": "standard",
    "law": "law",
    "framework": "framework",
    "company-usage": "company usage",
    "proposal": "proposal",
    "seed-usage": "usage in our seed texts",
    "index": "index",
    "intergovernmental": "intergovernmental",
}


SCROLL_CUE_FROM = (
    2  # more definitions than this may not fit beside each other: the table carries a scroll cue
)


class UnknownTermPageError(ValueError):
    """A page of docs/definitions/ names no term of definitions.yml (the message is path:line: message)."""


# -----------------------------------------------------------------------------
# Generators
# -----------------------------------------------------------------------------


def term_definitions_page(site: Site, src: str, settings: Settings) -> str:
    """The page of one contested term (its file name is the term's id)."""
    term_id = posixpath.splitext(posixpath.basename(src))[0]
    definitions = site.term_definitions.get(term_id)
    if not definitions or term_id not in site.terms:
        page = site.pages.get(src)
        raise UnknownTermPageError(
            str(
                Problem(
                    page.path if page else src,
                    1,
                    f"{term_id!r} is no term of docs/_data/definitions.yml",
                )
            )
        )
    entry = site.terms[term_id]
    testable_count = sum(1 for d in definitions if has_criteria(d))
    out = [
        '<div class="term-definitions no-terms" markdown>',
        "",
        f"{len(definitions)} definitions of [{esc(entry.get('term', term_id))}]"
        f"({link(src, settings.glossary_page, term_id)}) compete, each dated and attributed. "
        f"{testable_count} of them set criteria that our [openness matrix]({link(src, settings.models_page)}) "
        "can test; for those, every model's verdict is computed from the matrix.",
        "",
    ]
    if testable_count:
        out += [
            "## Compared {#compared}",
            "",
            comparison_table(site, src, settings, term_id, in_page=True),
            "",
        ]
    out += ["## The definitions {#definitions}", ""]
    for definition in definitions:
        out += definition_section(site, src, settings, term_id, definition)
    if testable_count:
        out += [
            "## Verdicts {#verdicts}",
            "",
            verdict_summary(site, term_id),
            "",
            verdict_grid(site, src, settings, term_id),
            "",
        ]
    return "\n".join(out + ["</div>"])


def definitions_index(site: Site, src: str, settings: Settings) -> str:
    """Every contested term with how many definitions compete and how many the matrix can test."""
    items = []
    for term_id, definitions in site.term_definitions.items():
        entry = site.terms.get(term_id)
        if entry is None:
            continue
        name = esc(entry.get("term", term_id))
        target = term_page(term_id)
        label = f"[{name}]({link(src, target)})" if target in site.pages else name
        testable_count = sum(1 for d in definitions if has_criteria(d))
        items.append(
            f"- **{label}**: {len(definitions)} definitions, {testable_count} testable against the matrix"
        )
    body = "\n".join(items) or "*No contested term has competing definitions yet.*"
    return f'<div class="definitions-index no-terms" markdown>\n\n{body}\n\n</div>'


# -----------------------------------------------------------------------------
# The glossary entry
# -----------------------------------------------------------------------------


def glossary_definitions(site: Site, src: str, settings: Settings, term_id: str) -> list[str]:
    """Lines for a glossary entry: its competing definitions at their permanent anchors."""
    definitions = site.term_definitions.get(term_id) or []
    if not definitions:
        return []
    more = []
    if term_page(term_id) in site.pages:
        more.append(
            f"[all {len(definitions)} in full, with each model's verdict]({link(src, term_page(term_id))})"
        )
    if VERDICTS_PAGE in site.pages and term_verdicts(site, term_id):
        more.append(f"[Is it open?]({link(src, VERDICTS_PAGE, term_id)})")
    out = [
        '<div class="competing-definitions no-terms" markdown>',
        "",
        f"**{len(definitions)} competing definitions**" + (": " + " · ".join(more) if more else ""),
        "",
    ]
    if any(has_criteria(d) for d in definitions):
        out += [comparison_table(site, src, settings, term_id, in_page=True), ""]
    for definition in definitions:
        anchor = definition_anchor(term_id, definition.id)
        out += [
            f'<div class="definition" id="{esc(anchor)}" data-definition="{esc(definition.id)}" markdown>',
            "",
            f"**{esc(definition.name)}.** {attribution(definition)}. "
            f"{esc(definition.summary.strip())} {source_link(definition)}",
            "",
            "</div>",
            "",
        ]
    return out + ["</div>", ""]


# -----------------------------------------------------------------------------
# Parts
# -----------------------------------------------------------------------------


def attribution(definition: Definition) -> str:
    """'Open Source Initiative, 28 October 2024 (standard)' with a machine-readable date."""
    when = definition.when
    kind = KIND_LABELS.get(definition.kind, definition.kind)
    return (
        f'{esc(definition.who)}, <time datetime="{esc(when)}">{esc(date_label(when))}</time> '
        f"({esc(kind)})"
    )


def source_link(definition: Definition) -> str:
    """'[Source: title, section](url)', or the title alone where the data has no address."""
    source = definition.source
    text = "Source: " + esc(source.title) + (f", {esc(source.section)}" if source.section else "")
    return f"[{text}]({esc(source.url)})" if source.url else f"*{text}.*"


def _definition_href(
    src: str, settings: Settings, term_id: str, definition: Definition, in_page: bool
) -> str:
    """Where a definition's column heading points: its block on this page, else its glossary anchor."""
    definition_id = definition.id
    if in_page:
        anchor = (
            definition_id
            if src == term_page(term_id)
            else definition_anchor(term_id, definition_id)
        )
        return f"#{anchor}"
    return link(src, settings.glossary_page, definition_anchor(term_id, definition_id))


def _column_heading(
    src: str, settings: Settings, term_id: str, definition: Definition, in_page: bool
) -> str:
    href = _definition_href(src, settings, term_id, definition, in_page)
    return (
        f'<th scope="col" markdown="span">[{esc(definition.name)}]({href})<br>'
        f"<small>{attribution(definition)}</small></th>"
    )


def passing_values(criterion: Criterion) -> str:
    """'open', 'open or partial', 'yes': the values a criterion lets pass, as words."""
    words = ["yes" if v is True else "no" if v is False else str(v) for v in criterion.passing]
    return " or ".join(esc(w) for w in words)


def comparison_table(site: Site, src: str, settings: Settings, term_id: str, in_page: bool) -> str:
    """Criteria as rows (the matrix fields tested), testable definitions as columns."""
    definitions = [d for d in site.term_definitions.get(term_id, []) if has_criteria(d)]
    fields = [
        f for f in CRITERION_FIELDS if any(c.field == f for d in definitions for c in d.criteria)
    ]
    name = esc(site.terms.get(term_id, {}).get("term", term_id))
    rows = []
    for field in fields:
        cells = []
        for definition in definitions:
            criteria = [c for c in definition.criteria if c.field == field]
            if criteria:
                cells.append(
                    '<td class="required" markdown="span">'
                    + "<br>".join(
                        f"**{passing_values(c)}**<br><small>{esc(c.text)}</small>" for c in criteria
                    )
                    + "</td>"
                )
            else:
                cells.append(
                    '<td class="not-required"><span aria-hidden="true">—</span> not required</td>'
                )
        rows.append(
            f'<tr markdown="1"><th scope="row">{esc(FIELD_LABELS[field])}</th>{"".join(cells)}</tr>'
        )
    counts = []
    for _definition, verdicts in term_verdicts(site, term_id):
        meets = sum(1 for v in verdicts if v.outcome == MEETS)
        counts.append(f"<td><strong>{meets} of {len(verdicts)}</strong></td>")
    rows.append(
        f'<tr class="totals"><th scope="row">Models in our matrix that meet it</th>{"".join(counts)}</tr>'
    )
    head = "".join(_column_heading(src, settings, term_id, d, in_page) for d in definitions)
    # Where the columns outrun the box, a line says so (shown by CSS only while there is more to the
    # right) and a shadow marks the edge: without them the last definitions went unseen.
    cue = (
        (
            f'<p class="scroll-cue" aria-hidden="true">{len(definitions)} definitions side by side: '
            "scroll sideways for the others →</p>\n"
        )
        if len(definitions) > SCROLL_CUE_FROM
        else ""
    )
    return (
        '<div class="table-scroll definitions-table" markdown="1">\n'
        + cue
        + '<table class="definitions-compared" markdown="1">\n'
        f"<caption><span>What each definition of {name} requires, by openness dimension of our matrix</span></caption>\n"
        f'<thead markdown="1"><tr markdown="1"><th scope="col">Requirement</th>{head}</tr></thead>\n'
        '<tbody markdown="1">\n' + "\n".join(rows) + "\n</tbody>\n</table>\n</div>"
    )


def definition_section(
    site: Site, src: str, settings: Settings, term_id: str, definition: Definition
) -> list[str]:
    """One definition in full on its term's page: attribution, summary, source, criteria, published verdicts."""
    definition_id = definition.id
    models = {m.id: m for m in models_of(site)}
    ours = {
        v.model_id: v
        for d, verdicts in term_verdicts(site, term_id)
        if d is definition
        for v in verdicts
    }
    glossary = link(src, settings.glossary_page, definition_anchor(term_id, definition_id))
    out = [
        f"### {esc(definition.name)} {{#{definition_id}}}",
        "",
        f'<div class="definition" data-definition="{esc(definition_id)}" markdown>',
        "",
        f"{attribution(definition)} · [in the glossary]({glossary})",
        "",
        esc(definition.summary.strip()),
        "",
        source_link(definition),
        "",
    ]
    if definition.criteria:
        out += ["**Criteria tested against the matrix** (a model must pass all of them):", ""]
        for criterion in definition.criteria:
            line = (
                f"- {esc(criterion.text)}: *passes when* "
                f"{esc(FIELD_LABELS.get(criterion.field, criterion.field))} is {passing_values(criterion)}."
            )
            if criterion.accepts:
                named = "; ".join(
                    f"{esc(c)} ({esc(WEIGHT_CONDITIONS[c])})" for c in criterion.accepts
                )
                line += (
                    f" *Also passes* partial weights held back only by: {named}."
                    f" *Why:* {esc(criterion.accepts_why)}"
                )
            if criterion.approximates:
                line += f" *Approximation:* {esc(criterion.approximates)}"
            out.append(line)
        out.append("")
    else:
        out += ["*No criterion of this definition can be tested against the matrix.*", ""]
    if definition.published_verdicts:
        out += ["**Verdicts the authority published:**", ""]
        for item in definition.published_verdicts:
            model_id = item.model
            model = models.get(model_id)
            line = (
                f"- [{esc(model.name if model else model_id)}]({link(src, settings.models_page, model_id)}): "
                f"{esc(item.verdict)} ([source]({esc(item.source)}))"
            )
            verdict = ours.get(model_id)
            if verdict is not None:
                line += f"; ours: {VERDICT_LABELS[verdict.outcome][1]}"
                line += " — **⚑ we disagree**" if verdict.disagrees else ""
            out.append(line)
        out.append("")
    return out + ["</div>", ""]


def verdict_summary(site: Site, term_id: str) -> str:
    """'Published verdicts: 12, 2 of which disagree with ours.' for a term's testable definitions."""
    verdicts = [v for _d, vs in term_verdicts(site, term_id) for v in vs]
    published = [v for v in verdicts if v.authority is not None]
    if not published:
        return "No authority behind these definitions has published verdicts on the models in our matrix."
    disagreeing = sum(1 for v in published if v.disagrees)
    return (
        f"Verdicts the authorities published stand beside ours: {len(published)} in all, "
        f"{disagreeing} of which disagree{'s' if disagreeing == 1 else ''} with ours (marked ⚑)."
    )


def _evidence(src: str, settings: Settings, verdict: Verdict, check: Check) -> str:
    """A deciding criterion in words (the cell it reads and its value), linked to that cell's evidence."""
    value = "yes" if check.value is True else "no" if check.value is False else str(check.value)
    label = f"{FIELD_LABELS.get(check.field, check.field)}: {value}"
    target = link(
        src, model_src(settings.models_page, verdict.model_id), evidence_anchor(check.field)
    )
    return f"[{esc(label)}]({target})"


def verdict_cell(src: str, settings: Settings, verdict: Verdict) -> str:
    """One verdict: the outcome in words, the criteria it rests on, the authority's verdict beside it."""
    symbol, word = VERDICT_LABELS[verdict.outcome]
    parts = [f'<span class="verdict__word"><span aria-hidden="true">{symbol}</span> {word}</span>']
    if verdict.deciding:
        parts.append(
            '<span class="verdict__why">'
            + ", ".join(_evidence(src, settings, verdict, c) for c in verdict.deciding)
            + "</span>"
        )
    if verdict.authority is not None:
        said = esc(verdict.authority.verdict)
        flag = '<strong class="verdict__flag">⚑ disagrees</strong> ' if verdict.disagrees else ""
        parts.append(
            f'<span class="verdict__authority">{flag}[published: {said}]'
            f"({esc(verdict.authority.source)})</span>"
        )
    classes = f"verdict verdict--{verdict.outcome}" + (
        " verdict--disagrees" if verdict.disagrees else ""
    )
    label = esc(verdict.definition.name)
    return (
        f'<td class="{classes}" data-label="{label}" markdown="span">' + " ".join(parts) + "</td>"
    )


def verdict_grid(site: Site, src: str, settings: Settings, term_id: str) -> str:
    """Every model (rows) under every testable definition of a term (columns)."""
    columns = term_verdicts(site, term_id)
    if not columns:
        return ""
    name = esc(site.terms.get(term_id, {}).get("term", term_id))
    in_page = src == term_page(term_id)
    head = "".join(_column_heading(src, settings, term_id, d, in_page) for d, _v in columns)
    rows = []
    for index, model in enumerate(models_of(site)):
        model_id = model.id
        cells = "".join(verdict_cell(src, settings, verdicts[index]) for _d, verdicts in columns)
        rows.append(
            f'<tr id="{esc(definition_anchor(term_id, model_id))}" markdown="1">'
            f'<th scope="row" markdown="span">[{esc(model.name)}]'
            f"({link(src, settings.models_page, model_id)})</th>{cells}</tr>"
        )
    return (
        '<div class="table-scroll verdict-grid" markdown="1">\n'
        '<table class="verdicts" markdown="1">\n'
        f"<caption>{name[:1].upper()}{name[1:]}: every model of our matrix under each definition it can test "
        "(✔ meets, ✘ fails, ? cannot tell; the criteria named link the evidence)</caption>\n"
        f'<thead markdown="1"><tr markdown="1"><th scope="col">Model</th>{head}</tr></thead>\n'
        '<tbody markdown="1">\n' + "\n".join(rows) + "\n</tbody>\n</table>\n</div>"
    )
