"""Bespoke model licences read clause by clause, from docs/_data/licences.yml.

- ``licence-page`` (on docs/licences/<id>.md): every clause under its
  permanent anchor (the clause id), with its section, our summary, a link to
  the exact upstream lines, what changed since the previous version and the
  Open Source Definition or Open Source AI Definition criteria it runs against;
- ``licences`` (on docs/licences/index.md): every licence, by family;
- ``licence-compare`` (on docs/licences/<family>-compare.md): a family in
  one grid, clause keys (rows, labelled with the clause's name) by versions
  (columns), each cell saying whether the clause was added, removed, reworded
  or unchanged against the version before, and linkable (``<version>--<key>``).
"""

from __future__ import annotations

import posixpath

from mkdocs_debate.blocks.common import esc, human_date, licence_src, link, md_text, model_src
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.licence_texts import Clause, Licence
from mkdocs_debate.data.licences import (
    COMPARE_SUFFIX,
    CONFLICTS,
    OSAID_URL,
    OSD_URL,
    clause_lines_url,
    compared_families,
    family_versions,
)
from mkdocs_debate.data.site import Site

STATUSES = {
    "added": "added",
    "removed": "removed",
    "reworded": "reworded",
    "unchanged": "unchanged",
}


class UnknownLicenceError(ValueError):
    """A licence page whose file name is no licence id or family (run debate-export)."""


def _slug(src: str) -> str:
    return posixpath.splitext(posixpath.basename(src))[0]


def _conflict_link(conflict_id: str) -> str:
    url = OSAID_URL if conflict_id.startswith("osaid") else OSD_URL
    return f'<a href="{url}">{esc(CONFLICTS.get(conflict_id, conflict_id))}</a>'


# -----------------------------------------------------------------------------
# One licence
# -----------------------------------------------------------------------------


def licence_page(site: Site, src: str, settings: Settings) -> str:
    """The licence named by the page's file name, clause by clause."""
    licence = site.licences.get(_slug(src))
    if licence is None:
        raise UnknownLicenceError(
            f"docs/{src}: no licence {_slug(src)!r} in docs/_data/licences.yml "
            "(run debate-export to remove stale licence pages)"
        )
    return "\n\n".join(
        [licence_header(site, src, settings, licence), clauses_section(site, src, licence)]
    )


def licence_header(site: Site, src: str, settings: Settings, licence: Licence) -> str:
    """Who wrote the licence, which text we read and when, its neighbours in its family."""
    upstream = licence.upstream
    commit = upstream.commit
    read = (
        f'We read <a href="{esc(upstream.url)}">the text</a>'
        + (f" at commit <code>{esc(commit[:12])}</code>" if commit else "")
        + (f" on {human_date(upstream.read)}" if upstream.read else "")
        + "."
    )
    lines = [
        '<div class="licence-about no-terms" markdown>',
        "",
        f"**Holder:** {md_text(licence.holder)} · **Version date:** "
        f"{human_date(licence.date) or md_text(licence.date)} · {read}",
        "",
    ]
    if licence.note:
        lines += [f"*{md_text(licence.note)}*", ""]
    versions = family_versions(site, licence.family)
    if len(versions) > 1:
        index = next(i for i, v in enumerate(versions) if v is licence)
        neighbours = []
        if index > 0:
            before = versions[index - 1]
            neighbours.append(
                f"Previous version: [{md_text(before.name)}]({link(src, licence_src(before.id))})"
            )
        if index + 1 < len(versions):
            after = versions[index + 1]
            neighbours.append(
                f"Next version: [{md_text(after.name)}]({link(src, licence_src(after.id))})"
            )
        compare = licence_src(f"{licence.family}{COMPARE_SUFFIX}")
        neighbours.append(f"[Every version compared, clause by clause]({link(src, compare)})")
        lines += [" · ".join(neighbours), ""]
    users = [m for m in site.models_by_id.values() if m.licence.licence_page == licence.id]
    if users:
        lines += [
            "**Models in our matrix under this licence:** "
            + ", ".join(
                f"[{md_text(m.name)}]({link(src, model_src(settings.models_page, m.id))})"
                for m in users
            ),
            "",
        ]
    return "\n".join(lines + ["</div>"])


def clauses_section(site: Site, src: str, licence: Licence) -> str:
    """Each clause under its permanent anchor."""
    out = [
        "## Clause by clause {#clause-by-clause}",
        "",
        f'<p class="no-terms">{len(licence.clauses)} clauses; {licence.conflicting} of them run against the '
        f'<a href="{OSD_URL}">Open Source Definition</a> or the '
        f'<a href="{OSAID_URL}">Open Source AI Definition</a>. Summaries are ours; '
        "the link on each clause opens the exact lines of the text.</p>",
        "",
    ]
    for clause in licence.clauses:
        out += [
            f"### {md_text(clause.name)} {{#{clause.id}}}",
            "",
            _clause_body(licence, clause),
            "",
        ]
    return "\n".join(out)


def _clause_body(licence: Licence, clause: Clause) -> str:
    lines = clause.lines
    where = f"Section: {esc(clause.section)}"
    text = clause_lines_url(licence, clause)
    if lines is not None:
        span = f"line {lines[0]}" if lines[0] == lines[1] else f"lines {lines[0]}–{lines[1]}"
        where += f' · <a href="{esc(text)}">{span} of the text</a>'
    elif text:
        where += f' · <a href="{esc(text)}">the text</a> (no line numbers: see the note above)'
    parts = [
        f'<p class="clause-where">{where}</p>',
        f"<p>{esc(clause.summary)}</p>",
    ]
    if clause.changed:
        parts.append(
            f'<p class="clause-change"><strong>Changed since the previous version:</strong> '
            f"{esc(clause.change_note)}</p>"
        )
    if clause.conflicts:
        items = "".join(
            f"<li>{_conflict_link(c.with_)}: {esc(c.why)}</li>" for c in clause.conflicts
        )
        parts.append(
            f'<p class="clause-conflicts-title"><strong>Runs against:</strong></p><ul class="clause-conflicts">{items}</ul>'
        )
    else:
        parts.append(
            '<p class="clause-conflicts-title">Runs against no criterion of either definition.</p>'
        )
    return f'<div class="clause no-terms" data-clause="{esc(clause.id)}">{"".join(parts)}</div>'


# -----------------------------------------------------------------------------
# Every licence
# -----------------------------------------------------------------------------


def licences_list(site: Site, src: str, settings: Settings) -> str:
    """Every licence, grouped by family, oldest version first."""
    families = sorted({e.family for e in site.licences.values()})
    compared = set(compared_families(site))
    out = ['<div class="licence-list no-terms" markdown>', ""]
    for family in families:
        for licence in family_versions(site, family):
            out.append(
                f"- **[{md_text(licence.name)}]({link(src, licence_src(licence.id))})**, "
                f"{md_text(licence.holder)}, {human_date(licence.date)}: "
                f"{len(licence.clauses)} clauses, {licence.conflicting} at odds with the definitions"
            )
        if family in compared:
            out.append(
                f"- [The {md_text(family)} versions compared, clause by clause]"
                f"({link(src, licence_src(family + COMPARE_SUFFIX))})"
            )
        out.append("")
    return "\n".join(out + ["</div>"])


# -----------------------------------------------------------------------------
# A family, version to version
# -----------------------------------------------------------------------------


# A cell's status against the version before it: (symbol, word). "in the text" is the first version's.
STATUS_LABELS = {
    "first": ("●", "in the text"),
    "added": ("+", "added"),
    "removed": ("−", "removed"),
    "reworded": ("≈", "reworded"),
    "unchanged": ("=", "unchanged"),
}


def family_keys(versions: list[Licence]) -> list[str]:
    """Every clause key of a family once, in the order of the texts: a key new in a version
    comes right after the key it follows there."""
    order: list[str] = []
    for version in versions:
        previous = None
        for clause in version.clauses:
            key = clause.key
            if key not in order:
                order.insert(order.index(previous) + 1 if previous in order else 0, key)
            previous = key
    return order


def clause_label(versions: list[Licence], key: str) -> str:
    """A row's label: the name of the newest clause with that key, as the licence data gives it."""
    for version in reversed(versions):
        clause = version.clause_with_key(key)
        if clause is not None:
            return clause.name or key
    return key


def compare_cells(versions: list[Licence], key: str) -> list[tuple[str, Clause | None, Licence]]:
    """(status, clause, version) of one key in every version, oldest first; status '' where
    the key is in neither the version nor the one before it."""
    cells = []
    before: Clause | None = None
    for index, version in enumerate(versions):
        clause = version.clause_with_key(key)
        if index == 0:
            status = "first" if clause else ""
        elif clause is None:
            status = "removed" if before is not None else ""
        elif before is None:
            status = "added"
        else:
            status = "reworded" if clause.changed else "unchanged"
        cells.append((status, clause, version))
        before = clause
    return cells


def licence_compare(site: Site, src: str, settings: Settings) -> str:
    """A family's versions in one grid: clauses as rows, versions as columns, each cell linkable."""
    family = _slug(src).removesuffix(COMPARE_SUFFIX)
    versions = family_versions(site, family)
    if len(versions) < 2:
        raise UnknownLicenceError(
            f"docs/{src}: licence family {family!r} has fewer than two versions "
            "in docs/_data/licences.yml (run debate-export)"
        )
    keys = family_keys(versions)
    rows = {key: compare_cells(versions, key) for key in keys}
    intro = (
        '<p class="no-terms">Every clause we read, in every version, oldest on the left. Each cell says what '
        "happened to the clause against the version before: <em>added</em> or <em>removed</em> when its "
        "subject appears or disappears, <em>reworded</em> when the text changed in substance (what changed "
        "is listed under the table), <em>unchanged</em> otherwise. The section number opens the clause in "
        "our reading of that version; every cell has its own link.</p>"
    )
    return "\n\n".join(
        [intro, _compare_grid(src, versions, keys, rows), _change_notes(versions, keys, rows)]
    )


def _cell_id(version: Licence, key: str) -> str:
    return f"{version.id}--{key}"


def _compare_cell(src: str, key: str, status: str, clause: Clause | None, version: Licence) -> str:
    if not status:
        return (
            '<td class="change change--none"><span aria-hidden="true">—</span>'
            '<span class="visually-hidden">not in this version</span></td>'
        )
    symbol, word = STATUS_LABELS[status]
    label = f'<span aria-hidden="true">{symbol}</span> {word}'
    if status == "reworded":
        label = f'<a href="#changed-{esc(_cell_id(version, key))}">{label}</a>'
    parts = [f'<span class="change-status">{label}</span>']
    if clause is not None:
        href = link(src, licence_src(version.id), clause.id)
        section = md_text(clause.section)
        parts.append(
            f'<span class="change-clause">[{"§ " if section[:1].isdigit() else ""}{section}]({href})</span>'
        )
    return (
        f'<td id="{esc(_cell_id(version, key))}" class="change change--{status}" markdown="span">'
        + "".join(parts)
        + "</td>"
    )


def _compare_grid(src: str, versions: list[Licence], keys: list[str], rows: dict) -> str:
    head = "".join(
        f'<th scope="col" id="{esc(v.id)}" markdown="span">[{md_text(v.name)}]({link(src, licence_src(v.id))})'
        f"<small>{human_date(v.date)}</small></th>"
        for v in versions
    )
    body = []
    for key in keys:
        cells = "".join(_compare_cell(src, key, *cell) for cell in rows[key])
        body.append(
            f'<tr id="{esc(key)}" markdown="1"><th scope="row">{esc(clause_label(versions, key))}</th>{cells}</tr>'
        )
    totals = []
    for index in range(len(versions)):
        statuses = [rows[key][index][0] for key in keys]
        if index == 0:
            totals.append(f"<td>{statuses.count('first')} clauses</td>")
        else:
            totals.append(
                "<td>"
                + ", ".join(f"{statuses.count(s)} {s}" for s in STATUSES if statuses.count(s))
                + "</td>"
            )
    body.append(
        f'<tr class="totals"><th scope="row">Against the version before</th>{"".join(totals)}</tr>'
    )
    family = esc(versions[0].family.capitalize())
    # no <caption>: see blocks.models.matrix_table
    return (
        f'<p class="table-caption" id="compare-caption">The {family} licences, clause by clause and version '
        "by version</p>\n"
        '<div class="table-scroll licence-compare-scroll no-terms" markdown="1">'
        '<table class="licence-compare" aria-labelledby="compare-caption" markdown="1">'
        f'<thead markdown="1"><tr markdown="1"><th scope="col">Clause</th>{head}</tr></thead>'
        f'<tbody markdown="1">{"".join(body)}</tbody></table></div>'
    )


def _change_notes(versions: list[Licence], keys: list[str], rows: dict) -> str:
    """What changed in each reworded clause, version by version, each note at its own anchor."""
    out = []
    for index, version in enumerate(versions):
        notes = [(key, rows[key][index][1]) for key in keys if rows[key][index][0] == "reworded"]
        if not notes:
            continue
        items = "".join(
            f'<li id="changed-{esc(_cell_id(version, key))}"><strong>{esc(clause_label(versions, key))}</strong>: '
            f"{esc(clause.change_note if clause else '')} "
            f'<a href="#{esc(_cell_id(version, key))}">back to the table</a></li>'
            for key, clause in notes
        )
        out.append(
            f"<dt>{esc(versions[index - 1].name)} to {esc(version.name)}</dt><dd><ul>{items}</ul></dd>"
        )
    if not out:
        return ""
    return (
        "## What changed {#what-changed}\n\n"
        f'<dl class="change-notes no-terms">{"".join(out)}</dl>'
    )
