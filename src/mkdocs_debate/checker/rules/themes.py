"""The claim themes' rules (themes.yml)."""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_debate.checker.rules.common import _entries
from mkdocs_debate.data.site import SLUG, Site
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Problem
from mkdocs_debate.source import PLAIN_TEXT_MARKUP

# -----------------------------------------------------------------------------
# Claim themes
# -----------------------------------------------------------------------------

THEME_FIELDS = ("id", "name", "description")


def themes_problems(site: Site) -> Iterator[Problem]:
    """Claim themes: unique kebab-case ids, a plain-text name and description, no other field."""
    path, entries = yield from _entries(site, "themes.yml", "themes", site.themes_data)
    seen: set[str] = set()
    for entry in entries:
        if not isinstance(entry, LineDict):
            yield Problem(
                path, 1, f"a theme must be a mapping with {', '.join(THEME_FIELDS)}: {entry!r}"
            )
            continue
        theme_id = str(entry.get("id", ""))
        if not SLUG.match(theme_id):
            yield Problem(path, entry.line_of("id"), f"theme id must be kebab-case: {theme_id!r}")
        elif theme_id in seen:
            yield Problem(path, entry.line_of("id"), f"duplicate theme id {theme_id!r}")
        seen.add(theme_id)
        for field in THEME_FIELDS[1:]:
            value = entry.get(field)
            if not isinstance(value, str) or not value.strip():
                yield Problem(
                    path,
                    entry.line_of(field),
                    f"{field} of theme {theme_id!r} must be non-empty text",
                )
            elif PLAIN_TEXT_MARKUP.search(value):
                yield Problem(
                    path,
                    entry.line_of(field),
                    (
                        f"{field} of theme {theme_id!r} must be plain text "
                        f"(no <, >, [ or ]): {value!r}"
                    ),
                )
        for field in entry:
            if field not in THEME_FIELDS:
                yield Problem(
                    path,
                    entry.line_of(field),
                    (
                        f"unknown field {field!r} in theme {theme_id!r}; "
                        "allowed: " + ", ".join(THEME_FIELDS)
                    ),
                )
