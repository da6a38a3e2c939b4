"""The claim themes' rules (themes.yml): what each key holds, then the rule across themes.

What a key of a theme must hold (a kebab id, a plain-text name and
description) is declared on the field it fills (``data/entries.Theme``, read
by ``data/schema.findings``). Here is the rule no single key can state: an id
belongs to one theme.
"""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_debate.checker.rules.common import _entries
from mkdocs_debate.data.entries import Theme
from mkdocs_debate.data.schema import findings, known_keys
from mkdocs_debate.data.site import SLUG, Site
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Problem


def themes_problems(site: Site) -> Iterator[Problem]:
    """Claim themes: unique kebab-case ids, a plain-text name and description, no other field."""
    path, entries = yield from _entries(site, "themes.yml", "themes", site.themes_data)
    seen: set[str] = set()
    for entry in entries:
        if not isinstance(entry, LineDict):
            yield Problem(
                path,
                1,
                f"a theme must be a mapping with {', '.join(known_keys(Theme))}: {entry!r}",
            )
            continue
        theme_id = str(entry.get("id", ""))
        found = list(findings(Theme, entry, f"theme {theme_id!r}", ident=theme_id))
        if SLUG.match(theme_id) and theme_id in seen:
            found.append((entry.line_of("id"), f"duplicate theme id {theme_id!r}"))
        seen.add(theme_id)
        yield from (Problem(path, line or entry.line, message) for line, message in sorted(found))
