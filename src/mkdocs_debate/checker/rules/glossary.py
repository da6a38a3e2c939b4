"""The glossary's rules (glossary.yml)."""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_debate.checker.fields import MAX_SHORT_DEFINITION, source_findings
from mkdocs_debate.data.site import SLUG, Site
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Problem
from mkdocs_debate.source import PLAIN_TEXT_MARKUP


def glossary_problems(site: Site) -> Iterator[Problem]:
    """Glossary entries: unique ids and names, short ≤ 200 chars, related ids exist, https sources."""
    path = site.display_path("glossary.yml")
    entries = site.glossary
    if not isinstance(entries, list):
        yield Problem(path, 1, "the glossary must be a list of entries")
        return
    ids = {str(e.get("id")) for e in entries if isinstance(e, dict)}
    names: dict[str, str] = {}
    for entry in entries:
        if not isinstance(entry, LineDict):
            yield Problem(path, 1, f"a glossary entry must be a mapping: {entry!r}")
            continue
        for field in ("id", "term", "short", "definition", "sources"):
            if not entry.get(field) or (
                isinstance(entry.get(field), str) and not entry[field].strip()
            ):
                yield Problem(path, entry.line, f"glossary entry is missing {field!r}")
        aliases = entry.get("aliases")
        if aliases is not None and not (
            isinstance(aliases, list) and all(isinstance(a, str) and a.strip() for a in aliases)
        ):
            yield Problem(
                path,
                entry.line_of("aliases"),
                f"aliases of {entry.get('id')!r} must be a list of names, "
                f"e.g. [open-weight model, open-weight models]: {aliases!r}",
            )
        for field in ("term", "short"):
            if isinstance(entry.get(field), str) and PLAIN_TEXT_MARKUP.search(entry[field]):
                yield Problem(
                    path,
                    entry.line_of(field),
                    f"{field} of {entry.get('id')!r} must be plain text "
                    f"(no <, >, [ or ]): {entry[field]!r}",
                )
        term_id = str(entry.get("id", ""))
        if term_id and not SLUG.match(term_id):
            yield Problem(path, entry.line_of("id"), f"term id must be kebab-case: {term_id!r}")
        if len(str(entry.get("short", ""))) > MAX_SHORT_DEFINITION:
            yield Problem(
                path,
                entry.line_of("short"),
                (
                    f"short definition of {term_id!r} must be at most {MAX_SHORT_DEFINITION} characters "
                    f"(it has {len(str(entry['short']))})"
                ),
            )
        for name in [entry.get("term", ""), *(aliases if isinstance(aliases, list) else [])]:
            key = str(name).strip().lower()
            if key in names and names[key] != term_id:
                yield Problem(
                    path,
                    entry.line_of("aliases"),
                    (f"name {name!r} of {term_id!r} is already used by {names[key]!r}"),
                )
            names[key] = term_id
        for related in entry.get("related") or []:
            if related == term_id:
                yield Problem(
                    path,
                    entry.line_of("related"),
                    f"term {term_id!r} must not be related to itself",
                )
            elif related not in ids:
                yield Problem(
                    path,
                    entry.line_of("related"),
                    f"related term {related!r} of {term_id!r} does not exist",
                )
        for source in entry.get("sources") or []:
            for line, message in source_findings(source, entry.line_of("sources")):
                yield Problem(path, line, message)
    seen: set[str] = set()
    for entry in entries:
        if isinstance(entry, LineDict):
            term_id = str(entry.get("id"))
            if term_id in seen:
                yield Problem(path, entry.line_of("id"), f"duplicate term id {term_id!r}")
            seen.add(term_id)
