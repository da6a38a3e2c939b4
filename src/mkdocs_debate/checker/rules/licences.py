"""The bespoke licences' rules (licences.yml)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from mkdocs_debate.checker.rules.common import _entries
from mkdocs_debate.data.licences import (
    COMPARE_SUFFIX,
    CONFLICTS,
    RESERVED_LICENCE_IDS,
)
from mkdocs_debate.data.site import SLUG, Site, iso_date
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Finding, Problem

# -----------------------------------------------------------------------------
# Licences
# -----------------------------------------------------------------------------

LICENCE_FIELDS = ("name", "holder", "date", "family", "previous", "upstream", "clauses")
CLAUSE_FIELDS = ("key", "name", "section", "summary")
COMMIT = re.compile(r"^[0-9a-f]{40}$")


def licences_problems(site: Site) -> Iterator[Problem]:
    """Licences: unique ids, an https upstream, a known previous version, clauses with unique ids."""
    path, entries = yield from _entries(site, "licences.yml", "licences", site.licences_data)
    seen: set[str] = set()
    for entry in entries:
        if not isinstance(entry, LineDict):
            yield Problem(path, 1, f"a licence must be a mapping: {entry!r}")
            continue
        licence_id = str(entry.get("id", ""))
        if not SLUG.match(licence_id):
            yield Problem(
                path, entry.line_of("id"), f"licence id must be kebab-case: {licence_id!r}"
            )
        elif licence_id in RESERVED_LICENCE_IDS or licence_id.endswith(COMPARE_SUFFIX):
            yield Problem(
                path,
                entry.line_of("id"),
                (
                    f"licence id {licence_id!r} is taken by a generated page "
                    f"(index, <family>{COMPARE_SUFFIX})"
                ),
            )
        if licence_id in seen:
            yield Problem(path, entry.line_of("id"), f"duplicate licence {licence_id!r}")
        seen.add(licence_id)
        for field in LICENCE_FIELDS:
            if field not in entry:
                yield Problem(path, entry.line, f"licence {licence_id!r} is missing {field!r}")
        for line, message in licence_findings(site, entry, licence_id):
            yield Problem(path, line, message)


def licence_findings(site: Site, entry: LineDict, licence_id: str) -> Iterator[Finding]:
    """One licence: its date, upstream, previous version and clauses."""
    if "date" in entry and iso_date(entry["date"]) is None:
        yield (
            entry.line_of("date"),
            f"date of licence {licence_id!r} must be an ISO date (YYYY-MM-DD): {entry['date']!r}",
        )
    upstream = entry.get("upstream")
    if "upstream" in entry and not isinstance(upstream, LineDict):
        yield (
            entry.line_of("upstream"),
            f"upstream of licence {licence_id!r} must be a mapping of url, commit, read",
        )
    elif isinstance(upstream, LineDict):
        url = upstream.get("url")
        if not (isinstance(url, str) and url.startswith("https://")):
            yield (
                upstream.line_of("url"),
                f"upstream url of licence {licence_id!r} must start with https://: {url!r}",
            )
        commit = upstream.get("commit")
        if commit is not None and not COMMIT.match(str(commit)):
            yield (
                upstream.line_of("commit"),
                (
                    f"upstream commit of licence {licence_id!r} must be 40 hex digits "
                    f"or null: {commit!r}"
                ),
            )
        read = iso_date(upstream.get("read"))
        if read is None or read > dt.date.today():
            yield (
                upstream.line_of("read"),
                (
                    f"upstream read of licence {licence_id!r} must be the ISO date "
                    f"(YYYY-MM-DD, not in the future) the text was read: {upstream.get('read')!r}"
                ),
            )
    previous = entry.get("previous")
    if previous is not None:
        other = site.licences.get(str(previous))
        if other is None:
            yield (
                entry.line_of("previous"),
                f"previous of licence {licence_id!r} is not a licence: {previous!r}",
            )
        elif other.family != str(entry.get("family")):
            yield (
                entry.line_of("previous"),
                (
                    f"previous of licence {licence_id!r} is {previous!r}, of family "
                    f"{other.family!r}, not {entry.get('family')!r}"
                ),
            )
    clauses = entry.get("clauses")
    if "clauses" in entry and (not isinstance(clauses, list) or not clauses):
        yield (
            entry.line_of("clauses"),
            f"clauses of licence {licence_id!r} must be a non-empty list",
        )
        return
    ids: set[str] = set()
    keys: set[str] = set()
    for clause in clauses or []:
        if not isinstance(clause, LineDict):
            yield (
                entry.line_of("clauses"),
                f"a clause of licence {licence_id!r} must be a mapping: {clause!r}",
            )
            continue
        clause_id = str(clause.get("id", ""))
        if not SLUG.match(clause_id):
            yield (
                clause.line_of("id"),
                f"clause id of licence {licence_id!r} must be kebab-case: {clause_id!r}",
            )
        elif clause_id in ids:
            yield clause.line_of("id"), f"duplicate clause {clause_id!r} in licence {licence_id!r}"
        ids.add(clause_id)
        key = clause.get("key")
        if key in keys:
            yield clause.line_of("key"), f"duplicate clause key {key!r} in licence {licence_id!r}"
        keys.add(key)
        yield from clause_findings(clause, f"clause {clause_id!r} of licence {licence_id!r}")


def clause_findings(clause: LineDict, where: str) -> Iterator[Finding]:
    """A clause: its fields, its upstream lines, whether it changed, what it conflicts with."""
    for field in CLAUSE_FIELDS:
        if not str(clause.get(field) or "").strip():
            yield clause.line, f"{where} is missing {field!r}"
    lines = clause.get("lines")
    if lines is not None and not (
        isinstance(lines, list)
        and len(lines) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) for n in lines)
        and 1 <= lines[0] <= lines[1]
    ):
        yield (
            clause.line_of("lines"),
            f"lines of {where} must be [first, last] (1 <= first <= last) or null: {lines!r}",
        )
    changed = clause.get("changed", False)
    if not isinstance(changed, bool):
        yield clause.line_of("changed"), f"changed of {where} must be true or false: {changed!r}"
    elif changed and not str(clause.get("change_note") or "").strip():
        yield (
            clause.line_of("changed"),
            f"{where} is changed and needs a change_note saying what changed",
        )
    conflicts = clause.get("conflicts") or []
    if not isinstance(conflicts, list):
        yield clause.line_of("conflicts"), f"conflicts of {where} must be a list of {{with, why}}"
        return
    for conflict in conflicts:
        target = conflict.get("with") if isinstance(conflict, dict) else None
        line = conflict.line if isinstance(conflict, LineDict) else clause.line_of("conflicts")
        if target not in CONFLICTS:
            yield (
                line,
                (
                    f"a conflict of {where} must be with one of "
                    + ", ".join(CONFLICTS)
                    + f": {target!r}"
                ),
            )
        elif not str(conflict.get("why") or "").strip():
            yield line, f"the conflict of {where} with {target!r} needs a 'why'"
