"""The glossary's rules (glossary.yml): what each key holds, then the rules across entries.

What a key of an entry must hold (a kebab id, plain-text names, a short
definition of at most 200 characters, related ids that exist, sources) is
declared on the field it fills (``data/entries.Term``, read by
``data/schema.findings``); each source goes through the rule every source of
the site goes through. Here are the rules no single key can state: an id and a
name belong to one entry, a term is not related to itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_debate.checker.fields import source_findings
from mkdocs_debate.data.entries import Term
from mkdocs_debate.data.schema import findings
from mkdocs_debate.data.site import Site
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Finding, Problem


def glossary_problems(site: Site) -> Iterator[Problem]:
    """Glossary entries: unique ids and names, short ≤ 200 chars, related ids exist, https sources."""
    path = site.display_path("glossary.yml")
    entries = site.glossary
    if not isinstance(entries, list):
        yield Problem(path, 1, "the glossary must be a list of entries")
        return
    refs = {"terms": frozenset(str(e.get("id")) for e in entries if isinstance(e, dict))}
    names: dict[str, str] = {}
    for entry in entries:
        if not isinstance(entry, LineDict):
            yield Problem(path, 1, f"a glossary entry must be a mapping: {entry!r}")
            continue
        term_id = str(entry.get("id", ""))
        declared = findings(
            Term, entry, f"glossary entry {term_id!r}", owner=repr(term_id), refs=refs
        )
        for line, message in sorted([*declared, *_entry_rules(entry, term_id, names)]):
            yield Problem(path, line or entry.line, message)
    seen: set[str] = set()
    for entry in entries:
        if isinstance(entry, LineDict):
            term_id = str(entry.get("id"))
            if term_id in seen:
                yield Problem(path, entry.line_of("id"), f"duplicate term id {term_id!r}")
            seen.add(term_id)


def _entry_rules(entry: LineDict, term_id: str, names: dict[str, str]) -> Iterator[Finding]:
    """A name belongs to one entry, a term is not related to itself, each source is a source."""
    aliases = entry.get("aliases")
    for name in [entry.get("term", ""), *(aliases if isinstance(aliases, list) else [])]:
        key = str(name).strip().lower()
        if key in names and names[key] != term_id:
            yield (
                entry.line_of("aliases"),
                f"name {name!r} of {term_id!r} is already used by {names[key]!r}",
            )
        names[key] = term_id
    related = entry.get("related")
    if isinstance(related, list) and term_id in related:
        yield entry.line_of("related"), f"term {term_id!r} must not be related to itself"
    sources = entry.get("sources")
    for source in sources if isinstance(sources, list) else []:
        yield from source_findings(source, entry.line_of("sources"))
