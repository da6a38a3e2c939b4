"""Every front-matter key of every page known, every value typed and bounded; data files plain text.

Material's templates print some front-matter values as they are (``status``,
``subtitle``, ``icon``, ``template`` choose classes, icons and whole templates)
and mkdocs-rss-plugin prints author names unescaped. So no page, index pages
included, may carry a key the site does not use; ``hide`` and ``search`` take
values from a list; ids follow ``[a-z0-9][a-z0-9-]*``; titles and other text
fields are bounded and hold no invisible characters (a zero-width space would
make two equal titles look different to the unique-titles rule); every string
of the data files under ``docs/_data/`` is plain text.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator

from mkdocs_debate.allowlist import ID
from mkdocs_debate.checker.fields import PAGE_FIELDS
from mkdocs_debate.data.entries import REGISTRY_TEXT, Author
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.schema import findings
from mkdocs_debate.data.site import CELL_VALUES, DATA_DIR, DATA_FILES, DIMENSIONS, Site
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.problems import Finding, Problem

# Keys of a page that is not an essay, summary or claim (index pages, glossary, models, about, ...);
# updated and revisions give a reference page (the glossary, the timeline) its visible revision note.
OTHER_PAGE_FIELDS = PAGE_FIELDS | frozenset(
    {"hide", "search", "draft", "social", "glossary_links", "updated", "revisions"}
)
# A model's page (written by debate-export) also carries its six cells, which its link preview draws.
MODEL_PAGE_FIELDS = OTHER_PAGE_FIELDS | frozenset({"cells"})
# Keys Material or a plugin would act on, refused with the reason (the theme prints some unescaped).
REFUSED_FIELDS = {
    "template": "pages use the site's templates (a template outside the theme would crash the build)",
    "status": "Material prints it into the navigation as a class",
    "subtitle": "Material prints it into the navigation as it is",
    "icon": "Material includes the named icon file",
    "title_html": "titles are plain text",
}
HIDE_VALUES = frozenset({"navigation", "toc", "footer", "feedback", "path", "tags"})
# Material's search key, as the site's search (Pagefind, overrides/main.html) reads it: a page
# may leave the index. Material's boost is refused: Pagefind ranks by words, with no page boost.
SEARCH_VALUES = {"exclude": bool}
MAX_LENGTHS = {"title": 120, "claim": 300, "note": 500, "source title": 300, "id": 100}
INVISIBLE_CATEGORIES = frozenset(
    {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"}
)  # controls, format (zero-width, bidi), private
MAX_DATA_TEXT = 5000
DATA_MARKUP = re.compile(r"[<>]")


def invisible(text: str) -> list[str]:
    """The invisible or control characters of a text (tab and newline aside), as U+XXXX."""
    if text.isascii() and text.replace("\t", "").replace("\n", "").isprintable():
        return []  # printable ASCII holds none: the common case, without a lookup per character
    return sorted(
        {
            f"U+{ord(c):04X}"
            for c in text
            if c not in "\t\n" and unicodedata.category(c) in INVISIBLE_CATEGORIES
        }
    )


def title_key(title: str) -> str:
    """A title as the unique-titles rule compares it: NFKC, invisible characters removed, spaces folded, case-folded."""
    text = unicodedata.normalize("NFKC", title)
    text = "".join(c for c in text if unicodedata.category(c) not in INVISIBLE_CATEGORIES)
    return " ".join(text.split()).casefold()


def rule_known_keys(site: Site, page: Page) -> Iterator[Finding]:
    """Every page's front-matter keys are known: index and reference pages too; template, status, icon refused."""
    if page.error or page.is_article:
        return  # an essay's, a summary's or a claim's keys: rule_required_fields
    allowed = MODEL_PAGE_FIELDS if _is_model_page(site, page) else OTHER_PAGE_FIELDS
    for key in page.meta:
        if key in REFUSED_FIELDS:
            yield Finding(
                page.meta.line_of(key),
                f"front matter field {key!r} is not allowed: {REFUSED_FIELDS[key]}",
            )
        elif key not in allowed:
            yield Finding(
                page.meta.line_of(key),
                f"unknown front matter field {key!r}; allowed on this page: "
                + ", ".join(sorted(allowed)),
            )


def _is_model_page(site: Site, page: Page) -> bool:
    """A model's page: models/<id>.md for a model of the matrix."""
    folder, _, name = page.src.rpartition("/")
    return folder == "models" and name.removesuffix(".md") in site.models_by_id


def rule_typed_values(site: Site, page: Page) -> Iterator[Finding]:
    """hide and search take listed values; old_ids are ids; titles, claims and notes are bounded and visible text."""
    meta = page.meta
    if "hide" in meta:
        hide = meta["hide"]
        if not isinstance(hide, list) or not all(
            isinstance(v, str) and v in HIDE_VALUES for v in hide
        ):
            yield Finding(
                meta.line_of("hide"),
                f"hide must be a list of: {', '.join(sorted(HIDE_VALUES))}: {hide!r}",
            )
    if "search" in meta:
        search = meta["search"]
        if (
            not isinstance(search, dict)
            or not search
            or not all(
                k in SEARCH_VALUES and isinstance(v, SEARCH_VALUES[k]) for k, v in search.items()
            )
        ):
            yield Finding(
                meta.line_of("search"),
                f"search may only be {{exclude: true}} (the site's search has no boost): {search!r}",
            )
    if "cells" in meta:
        cells = meta["cells"]
        if (
            not isinstance(cells, list)
            or len(cells) != len(DIMENSIONS)
            or not all(c in CELL_VALUES for c in cells)
        ):
            yield Finding(
                meta.line_of("cells"),
                f"cells must list the {len(DIMENSIONS)} openness values of the model "
                f"({', '.join(sorted(CELL_VALUES))}); run debate-export: {cells!r}",
            )
    if "old_ids" in meta:
        old = meta["old_ids"]
        if not isinstance(old, list) or not all(isinstance(i, str) and ID.match(i) for i in old):
            yield Finding(
                meta.line_of("old_ids"),
                f"old_ids must be a list of ids ([a-z0-9][a-z0-9-]*): {old!r}",
            )
    texts = [(meta.line_of(f), f, meta.get(f)) for f in ("title", "description", "claim")]
    for field in ("corrections", "revisions"):
        for item in meta.get(field) if isinstance(meta.get(field), list) else []:
            if isinstance(item, LineDict):
                texts.append((item.line_of("note"), "note", item.get("note")))
    for field in ("sources", "based_on"):
        items = meta.get(field) if isinstance(meta.get(field), list) else [meta.get(field)]
        for item in items:
            if isinstance(item, LineDict):
                texts += [
                    (item.line_of(k), f"source {k}", item.get(k)) for k in ("title", "author")
                ]
    for line, name, value in texts:
        if not isinstance(value, str):
            continue
        limit = MAX_LENGTHS.get(name)
        if limit and len(value) > limit:
            yield Finding(line, f"{name} must be at most {limit} characters (it has {len(value)})")
        hidden = invisible(value)
        if hidden:
            yield Finding(
                line, f"{name} must not hold invisible or control characters: {', '.join(hidden)}"
            )


FIELD_RULES = (rule_known_keys, rule_typed_values)


def data_text_problems(site: Site) -> Iterator[Problem]:
    """Every string of every data file is plain text: no < or >, no invisible characters, bounded; names stricter."""
    for name in DATA_FILES:
        path = os.path.join(site.docs_dir, DATA_DIR, name)
        if not os.path.exists(path):
            continue
        shown = site.display_path(name)
        data = {"authors.yml": site.authors, "tags.yml": site.tags}.get(name)
        if data is None:
            data = _loaded(site, name)
        yield from (
            Problem(shown, line, message) for line, message in _text_findings(data, 1, name)
        )
    yield from _registry_problems(site)


def _loaded(site: Site, name: str) -> object:
    return {
        "glossary.yml": site.glossary,
        "models.yml": site.models,
        "timeline.yml": site.timeline,
        "definitions.yml": site.definitions,
        "licences.yml": site.licences_data,
        "themes.yml": site.themes_data,
        "path.yml": site.path_data,
    }.get(name)


def _text_findings(value: object, line: int, where: str) -> Iterator[Finding]:
    if isinstance(value, LineDict):
        for key, item in value.items():
            yield from _text_findings(key, value.line_of(key), where)
            yield from _text_findings(item, value.line_of(key), where)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _text_findings(item, line, where)
    elif isinstance(value, list):
        for item in value:
            yield from _text_findings(item, getattr(item, "line", line), where)
    elif isinstance(value, str):
        if DATA_MARKUP.search(value):
            yield Finding(line, f"data must be plain text (no < or >): {value[:80]!r}")
        if len(value) > MAX_DATA_TEXT:
            yield Finding(
                line,
                f"a data value must be at most {MAX_DATA_TEXT} characters (it has {len(value)})",
            )
        hidden = invisible(value)
        if hidden:
            yield Finding(
                line, f"data must not hold invisible or control characters: {', '.join(hidden)}"
            )


def _registry_problems(site: Site) -> Iterator[Problem]:
    """Author and tag ids are ids; their names and descriptions short plain text (the feed prints them as they are)."""
    for name, registry in (("authors.yml", site.authors), ("tags.yml", site.tags)):
        shown = site.display_path(name)
        for key, entry in registry.items() if isinstance(registry, dict) else []:
            line = registry.line_of(key) if isinstance(registry, LineDict) else 1
            if not isinstance(key, str) or not ID.match(key) or ":" in key:
                yield Problem(
                    shown, line, f"an id must be lower-case letters, digits and hyphens: {key!r}"
                )
            if isinstance(entry, dict):  # what each key holds: declared (data/entries.Author)
                owner = f"{'author' if name == 'authors.yml' else 'tag'} {key!r}"
                declared = findings(Author, entry, owner, owner=repr(key))
                yield from (Problem(shown, n or line, message) for n, message in declared)
            elif entry is not None and not (
                isinstance(entry, str) and REGISTRY_TEXT.match(entry)
            ):  # a tag's (or an author's) text, as Author.description
                yield Problem(
                    shown,
                    line,
                    f"text of {key!r} must be plain text of at most 200 characters "
                    f"(no <, >, [, ] or &): {entry!r}",
                )
