"""The bespoke licences' rules (licences.yml): what each key holds, then the rules across keys.

What a key of a licence, its upstream text, a clause or a conflict must hold is
declared on the field it fills (``data/licence_texts.py``, read by
``data/schema.findings``). Here are the rules no single key can state: ids are
unique, ``previous`` names a licence of the same family, a clause's id and key
are unique within its licence, a changed clause says what changed.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator

from mkdocs_debate.checker.rules.common import _entries
from mkdocs_debate.data.licence_texts import Licence
from mkdocs_debate.data.schema import findings
from mkdocs_debate.data.site import SLUG, Site
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Finding, Problem


def licences_problems(site: Site) -> Iterator[Problem]:
    """Every problem of licences.yml, each at the line of the key it is about."""
    path, entries = yield from _entries(site, "licences.yml", "licences", site.licences_data)
    seen: set[str] = set()
    for entry in entries:
        if not isinstance(entry, LineDict):
            yield Problem(path, 1, f"a licence must be a mapping: {entry!r}")
            continue
        licence_id = str(entry.get("id", ""))
        declared = findings(Licence, entry, f"licence {licence_id!r}", ident=licence_id)
        yield from (Problem(path, line or entry.line, message) for line, message in declared)
        if licence_id in seen:
            yield Problem(path, entry.line_of("id"), f"duplicate licence {licence_id!r}")
        seen.add(licence_id)
        for line, message in licence_findings(site, entry, licence_id):
            yield Problem(path, line, message)


def licence_findings(site: Site, entry: LineDict, licence_id: str) -> Iterator[Finding]:
    """One licence: its previous version, its clauses' ids and keys, each changed clause's note."""
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
    ids: set[str] = set()
    keys: set[str] = set()
    for clause in clauses if isinstance(clauses, list) else ():
        if not isinstance(clause, LineDict):
            continue  # said by the declaration (data.licence_texts.Licence.clauses)
        clause_id = str(clause.get("id", ""))
        if SLUG.match(clause_id) and clause_id in ids:
            yield clause.line_of("id"), f"duplicate clause {clause_id!r} in licence {licence_id!r}"
        ids.add(clause_id)
        key = clause.get("key")
        if isinstance(key, Hashable) and key in keys:
            yield clause.line_of("key"), f"duplicate clause key {key!r} in licence {licence_id!r}"
        if isinstance(key, Hashable):
            keys.add(key)
        if clause.get("changed") is True and not str(clause.get("change_note") or "").strip():
            yield (
                clause.line_of("changed"),
                f"clause {clause_id!r} of licence {licence_id!r} is changed and needs a "
                "change_note saying what changed",
            )
