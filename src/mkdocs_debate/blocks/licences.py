"""Bespoke model licences read clause by clause, from docs/_data/licences.yml.

- ``licence-page`` (on docs/licences/<id>.md): every clause under its
  permanent anchor (the clause id), with its section, our summary, a link to
  the exact upstream lines, what changed since the previous version and the
  Open Source Definition or Open Source AI Definition criteria it runs against;
- ``licences`` (on docs/licences/index.md): every licence, by family;
- ``licence-compare`` (on docs/licences/<family>-compare.md): a family
  version to version, each clause key added, removed, reworded or unchanged,
  each row linkable.
"""

from __future__ import annotations

import posixpath

from mkdocs_debate.blocks.common import esc, human_date, licence_src, link, md_text, model_src
from mkdocs_debate.data.config import Settings
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

STATUSES = {"added": "added", "removed": "removed", "reworded": "reworded", "unchanged": "unchanged"}


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
        raise UnknownLicenceError(f"docs/{src}: no licence {_slug(src)!r} in docs/_data/licences.yml "
                                  "(run debate-export to remove stale licence pages)")
    return "\n\n".join([licence_header(site, src, settings, licence), clauses_section(site, src, licence)])


def licence_header(site: Site, src: str, settings: Settings, licence: dict) -> str:
    """Who wrote the licence, which text we read and when, its neighbours in its family."""
    upstream = licence.get("upstream") or {}
    commit = str(upstream.get("commit") or "")
    read = (f'We read <a href="{esc(upstream.get("url", ""))}">the text</a>'
            + (f" at commit <code>{esc(commit[:12])}</code>" if commit else "")
            + (f" on {human_date(upstream.get('read'))}" if upstream.get("read") else "") + ".")
    lines = ['<div class="licence-about no-terms" markdown>', "",
             f"**Holder:** {md_text(licence.get('holder', ''))} · **Version date:** "
             f"{human_date(licence.get('date')) or md_text(licence.get('date', ''))} · {read}", ""]
    if licence.get("note"):
        lines += [f"*{md_text(str(licence['note']).strip())}*", ""]
    versions = family_versions(site, str(licence.get("family")))
    if len(versions) > 1:
        index = next(i for i, v in enumerate(versions) if v is licence)
        neighbours = []
        if index > 0:
            before = versions[index - 1]
            neighbours.append(f"Previous version: [{md_text(before['name'])}]({link(src, licence_src(str(before['id'])))})")
        if index + 1 < len(versions):
            after = versions[index + 1]
            neighbours.append(f"Next version: [{md_text(after['name'])}]({link(src, licence_src(str(after['id'])))})")
        compare = licence_src(f"{licence['family']}{COMPARE_SUFFIX}")
        neighbours.append(f"[Every version compared, clause by clause]({link(src, compare)})")
        lines += [" · ".join(neighbours), ""]
    users = [m for m in site.models_by_id.values()
             if str((m.get("licence") or {}).get("licence_page", "")) == str(licence["id"])]
    if users:
        lines += ["**Models in our matrix under this licence:** " + ", ".join(
            f"[{md_text(m['name'])}]({link(src, model_src(settings.models_page, str(m['id'])))})" for m in users), ""]
    return "\n".join(lines + ["</div>"])


def clauses_section(site: Site, src: str, licence: dict) -> str:
    """Each clause under its permanent anchor."""
    clauses = [c for c in licence.get("clauses") or [] if isinstance(c, dict)]
    conflicting = sum(1 for c in clauses if c.get("conflicts"))
    out = ["## Clause by clause {#clause-by-clause}", "",
           f'<p class="no-terms">{len(clauses)} clauses; {conflicting} of them run against the '
           f'<a href="{OSD_URL}">Open Source Definition</a> or the '
           f'<a href="{OSAID_URL}">Open Source AI Definition</a>. Summaries are ours; '
           "the link on each clause opens the exact lines of the text.</p>", ""]
    for clause in clauses:
        out += [f"### {md_text(clause.get('name', ''))} {{#{clause['id']}}}", "", _clause_body(licence, clause), ""]
    return "\n".join(out)


def _clause_body(licence: dict, clause: dict) -> str:
    lines = clause.get("lines")
    where = f"Section: {esc(clause.get('section', ''))}"
    text = clause_lines_url(licence, clause)
    if isinstance(lines, list) and len(lines) == 2:
        span = f"line {lines[0]}" if lines[0] == lines[1] else f"lines {lines[0]}–{lines[1]}"
        where += f' · <a href="{esc(text)}">{span} of the text</a>'
    elif text:
        where += f' · <a href="{esc(text)}">the text</a> (no line numbers: see the note above)'
    parts = [f'<p class="clause-where">{where}</p>', f"<p>{esc(str(clause.get('summary', '')).strip())}</p>"]
    if clause.get("changed"):
        parts.append(f'<p class="clause-change"><strong>Changed since the previous version:</strong> '
                     f"{esc(str(clause.get('change_note', '')).strip())}</p>")
    conflicts = [c for c in clause.get("conflicts") or [] if isinstance(c, dict)]
    if conflicts:
        items = "".join(f"<li>{_conflict_link(str(c.get('with')))}: {esc(str(c.get('why', '')).strip())}</li>"
                        for c in conflicts)
        parts.append(f'<p class="clause-conflicts-title"><strong>Runs against:</strong></p><ul class="clause-conflicts">{items}</ul>')
    else:
        parts.append('<p class="clause-conflicts-title">Runs against no criterion of either definition.</p>')
    return f'<div class="clause no-terms" data-clause="{esc(clause["id"])}">{"".join(parts)}</div>'


# -----------------------------------------------------------------------------
# Every licence
# -----------------------------------------------------------------------------


def licences_list(site: Site, src: str, settings: Settings) -> str:
    """Every licence, grouped by family, oldest version first."""
    families = sorted({str(e.get("family")) for e in site.licences.values()})
    compared = set(compared_families(site))
    out = ['<div class="licence-list no-terms" markdown>', ""]
    for family in families:
        for licence in family_versions(site, family):
            clauses = licence.get("clauses") or []
            conflicting = sum(1 for c in clauses if c.get("conflicts"))
            out.append(f"- **[{md_text(licence['name'])}]({link(src, licence_src(str(licence['id'])))})**, "
                       f"{md_text(licence.get('holder', ''))}, {human_date(licence.get('date'))}: "
                       f"{len(clauses)} clauses, {conflicting} at odds with the definitions")
        if family in compared:
            out.append(f"- [The {md_text(family)} versions compared, clause by clause]"
                       f"({link(src, licence_src(family + COMPARE_SUFFIX))})")
        out.append("")
    return "\n".join(out + ["</div>"])


# -----------------------------------------------------------------------------
# A family, version to version
# -----------------------------------------------------------------------------


def clause_changes(before: dict, after: dict) -> list[tuple[str, dict | None, dict | None, str]]:
    """(key, clause before, clause after, status) for every key of two versions, in the newer one's order."""
    old = {str(c.get("key")): c for c in before.get("clauses") or [] if isinstance(c, dict)}
    new = {str(c.get("key")): c for c in after.get("clauses") or [] if isinstance(c, dict)}
    rows = []
    for key, clause in new.items():
        if key not in old:
            rows.append((key, None, clause, "added"))
        else:
            rows.append((key, old[key], clause, "reworded" if clause.get("changed") else "unchanged"))
    rows += [(key, clause, None, "removed") for key, clause in old.items() if key not in new]
    return rows


def licence_compare(site: Site, src: str, settings: Settings) -> str:
    """A family's versions compared pairwise, each clause key a linkable row."""
    family = _slug(src).removesuffix(COMPARE_SUFFIX)
    versions = family_versions(site, family)
    if len(versions) < 2:
        raise UnknownLicenceError(f"docs/{src}: licence family {family!r} has fewer than two versions "
                                  "in docs/_data/licences.yml (run debate-export)")
    out = ['<p class="no-terms">Each table compares one version with the one before it, clause by clause: '
           "a clause is <em>added</em> or <em>removed</em> when its subject appears or disappears, "
           "<em>reworded</em> when the text changed in substance, <em>unchanged</em> otherwise. "
           "Every row has its own link.</p>"]
    for before, after in zip(versions, versions[1:]):
        rows = clause_changes(before, after)
        counts = ", ".join(f"{sum(1 for r in rows if r[3] == s)} {s}" for s in STATUSES)
        out += [f"## {md_text(before['name'])} to {md_text(after['name'])} {{#{after['id']}}}", "",
                f'<p class="no-terms">{counts}.</p>', "", _compare_table(src, before, after, rows)]
    return "\n\n".join(out)


def _compare_table(src: str, before: dict, after: dict, rows: list) -> str:
    def clause_link(licence: dict, clause: dict | None) -> str:
        if clause is None:
            return "—"
        href = link(src, licence_src(str(licence["id"])), str(clause["id"]))
        return f"[{md_text(clause.get('section', ''))} {md_text(clause.get('name', ''))}]({href})"

    body = []
    for key, old, new, status in rows:
        row_id = f"{after['id']}--{key}"
        note = esc(str((new or {}).get("change_note", "")).strip()) if status == "reworded" else ""
        body.append(
            f'<tr id="{esc(row_id)}" class="change change--{status}" markdown="1">'
            f'<th scope="row" data-label="Clause"><a href="#{esc(row_id)}" class="row-link">{esc(key)}</a></th>'
            f'<td data-label="Change"><span class="change-status">{status}</span></td>'
            f'<td data-label="{esc(before["name"])}" markdown="span">{clause_link(before, old)}</td>'
            f'<td data-label="{esc(after["name"])}" markdown="span">{clause_link(after, new)}</td>'
            f'<td data-label="What changed">{note or "—"}</td></tr>')
    caption = f"caption-{after['id']}"  # no <caption>: see blocks.models.matrix_table
    return (f'<p class="table-caption" id="{esc(caption)}">{esc(before["name"])} to {esc(after["name"])}, '
            "clause by clause</p>\n"
            '<div class="table-scroll no-terms" markdown="1">'
            f'<table class="licence-compare cards-on-phone" aria-labelledby="{esc(caption)}" markdown="1">'
            '<thead><tr><th scope="col">Clause</th><th scope="col">Change</th>'
            f'<th scope="col">{esc(before["name"])}</th><th scope="col">{esc(after["name"])}</th>'
            '<th scope="col">What changed</th></tr></thead>'
            f'<tbody markdown="1">{"".join(body)}</tbody></table></div>')
