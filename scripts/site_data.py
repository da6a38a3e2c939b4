"""The site's sources of truth, read and validated in one place.

Everything that knows about pages, glossary terms, claims, models, authors or
tags reads it through this module: the Markdown extension, the MkDocs glue,
the content checker, the JSON export and the tests. Nothing is typed twice.

Each loader returns plain Python data plus the line of every key, so that a
problem can be reported as ``path:line: message``. Results are cached by file
modification time, so a build (or ``mkdocs serve``) reads each file once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import pathlib
import re
import time
from typing import Any, Iterator

import yaml

DATA_DIR = "_data"
CONTENT_SECTIONS = frozenset({"essays", "discussions"})
CLAIM_SECTION = "claims"
KINDS = {"essays": "essay", "discussions": "summary", "claims": "claim"}
CELL_VALUES = frozenset({"open", "partial", "closed", "unknown"})
DIMENSIONS = (
    "weights",
    "use_restrictions",
    "training_code",
    "training_data",
    "data_documentation",
    "technical_report",
)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


class DataError(Exception):
    """Problems in a source of truth, each as (path, line, message)."""

    def __init__(self, located: list[tuple[str, int, str]]):
        self.located = located
        super().__init__("\n".join(self.problems))

    @property
    def problems(self) -> list[str]:
        """Each problem as ``path:line: message``."""
        return [f"{path}:{line}: {message}" for path, line, message in self.located]


# -----------------------------------------------------------------------------
# YAML with line numbers
# -----------------------------------------------------------------------------


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available: 5× faster
    """SafeLoader that records the line of every mapping key."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    mapping = LineDict()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1
    mapping.line = node.start_mark.line + 1
    return mapping


class LineDict(dict):
    """A dict that knows the (1-based) line of itself and of each key."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lines: dict[str, int] = {}
        self.line = 1

    def line_of(self, key: str) -> int:
        """Line of ``key``, or of the mapping itself when the key is absent."""
        return self.lines.get(key, self.line)


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    """A date, or the text itself when it only looks like one (2024-13-45)."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(text: str, path: str, offset: int = 0) -> Any:
    """Parse YAML text; syntax errors become a DataError naming path and line."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = (mark.line + 1 if mark else 1) + offset
        problem = getattr(error, "problem", None) or str(error)
        raise DataError([(path, line, f"invalid YAML: {problem} (check quotes, colons and indentation)")]) from None
    if offset:
        _shift_lines(data, offset)
    return data


def _shift_lines(data: Any, offset: int) -> None:
    if isinstance(data, LineDict):
        data.line += offset
        data.lines = {k: v + offset for k, v in data.lines.items()}
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, list):
        for value in data:
            _shift_lines(value, offset)


# -----------------------------------------------------------------------------
# Pages
# -----------------------------------------------------------------------------


@dataclasses.dataclass
class Page:
    """A Markdown file of docs/: its front matter and body, with line numbers."""

    src: str  # path relative to docs/, with forward slashes
    path: str  # path to show a contributor (relative to the repository)
    meta: LineDict
    body: str
    body_line: int  # line of the file on which the body starts
    error: tuple[int, str] | None = None  # (line, message) when front matter cannot be parsed

    @property
    def section(self) -> str:
        """First folder of the page ('essays', 'claims', ...) or ''."""
        return self.src.split("/")[0] if "/" in self.src else ""

    @property
    def slug(self) -> str:
        """File name without .md: the page's permanent id."""
        return pathlib.PurePosixPath(self.src).stem

    @property
    def is_index(self) -> bool:
        return self.slug == "index"

    @property
    def is_content(self) -> bool:
        """An essay or a summary (not an index)."""
        return self.section in CONTENT_SECTIONS and not self.is_index

    @property
    def is_claim(self) -> bool:
        return self.section == CLAIM_SECTION and not self.is_index

    @property
    def links_terms(self) -> bool:
        """Whether the cross-linker may link glossary terms on this page."""
        return self.meta.get("glossary_links", True) is not False


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter text or None, body, line on which the body starts)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    return match.group(1) or "", text[match.end():], text[: match.end()].count("\n") + 1


def read_page(docs_dir: str, src: str, display_root: str | None = None) -> Page:
    """Read one page; a front matter syntax error is kept on the Page, not raised."""
    full = os.path.join(docs_dir, src)
    with open(full, encoding="utf-8") as handle:
        text = handle.read()
    shown = os.path.relpath(full, display_root) if display_root else full
    front, body, body_line = split_front_matter(text)
    meta, error = LineDict(), None
    if front is not None:
        try:
            parsed = load_yaml(front, shown, offset=1)
            if isinstance(parsed, LineDict):
                meta = parsed
            elif parsed is not None:
                error = (2, "front matter must be a mapping of keys to values")
        except DataError as problem:
            error = problem.located[0][1:]
    return Page(src.replace(os.sep, "/"), shown, meta, body, body_line, error)


def markdown_sources(docs_dir: str) -> list[str]:
    """Every Markdown file under docs/ that becomes a page, sorted."""
    found = []
    for root, dirs, files in os.walk(docs_dir):
        rel_root = os.path.relpath(root, docs_dir)
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in sorted(files):
            if name.endswith(".md"):
                rel = name if rel_root == "." else f"{rel_root}/{name}"
                found.append(rel.replace(os.sep, "/"))
    return found


# -----------------------------------------------------------------------------
# The whole site, cached
# -----------------------------------------------------------------------------


def _mtimes(paths: list[str]) -> tuple:
    return tuple((p, os.stat(p).st_mtime_ns) for p in paths if os.path.exists(p))


@dataclasses.dataclass
class Site:
    """All pages and data of one docs folder."""

    docs_dir: str
    pages: dict[str, Page]
    glossary: list[LineDict]
    models: LineDict
    authors: LineDict
    tags: LineDict

    @functools.cached_property
    def terms(self) -> dict[str, dict]:
        """Glossary entries by id."""
        return {str(entry.get("id")): entry for entry in self.glossary if isinstance(entry, dict)}

    @functools.cached_property
    def claims(self) -> dict[str, Page]:
        return {p.slug: p for p in self.pages.values() if p.is_claim}

    def content_pages(self, section: str) -> list[Page]:
        """Essays or summaries of a section, newest first, then by title."""
        pages = [p for p in self.pages.values() if p.section == section and not p.is_index]
        return sorted(pages, key=lambda p: (str(p.meta.get("date", "")), p.slug), reverse=True)

    def data_path(self, name: str) -> str:
        return os.path.join(self.docs_dir, DATA_DIR, name)


# Walking docs/ to compare modification times costs O(pages); doing it for every
# page of a build would cost O(pages²). So a build looks again only after
# RECHECK_SECONDS, or when the MkDocs glue calls invalidate() as a build starts.
RECHECK_SECONDS = 2.0
_checked: dict[str, tuple[float, tuple]] = {}


def invalidate() -> None:
    """Forget when docs/ was last checked: the next load_site looks at every file."""
    _checked.clear()


def load_site(docs_dir: str) -> Site:
    """Read every page and data file of docs_dir (cached until a file changes)."""
    docs_dir = os.path.abspath(docs_dir)
    now = time.monotonic()
    checked = _checked.get(docs_dir)
    if checked is None or now - checked[0] > RECHECK_SECONDS:
        sources = markdown_sources(docs_dir)
        data_files = [os.path.join(docs_dir, DATA_DIR, n) for n in
                      ("glossary.yml", "models.yml", "authors.yml", "tags.yml")]
        checked = (now, _mtimes([os.path.join(docs_dir, s) for s in sources] + data_files))
        _checked[docs_dir] = checked
    return _load_site(docs_dir, checked[1])


@functools.lru_cache(maxsize=4)
def _load_site(docs_dir: str, stamp: tuple) -> Site:
    root = os.path.dirname(docs_dir)
    pages = {src: read_page(docs_dir, src, root) for src in markdown_sources(docs_dir)}

    def data(name: str, default: Any) -> Any:
        path = os.path.join(docs_dir, DATA_DIR, name)
        if not os.path.exists(path):
            return default
        with open(path, encoding="utf-8") as handle:
            loaded = load_yaml(handle.read(), os.path.relpath(path, root))
        return default if loaded is None else loaded

    return Site(docs_dir, pages, data("glossary.yml", []), data("models.yml", LineDict()),
                data("authors.yml", LineDict()), data("tags.yml", LineDict()))


def iso_date(value: Any) -> dt.date | None:
    """A date from YAML (already a date, or an ISO string), else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def iter_code_free_lines(text: str) -> Iterator[tuple[int, str]]:
    """Yield (1-based line, line) of Markdown text, skipping fenced code blocks."""
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip()
        marker = re.match(r"(`{3,}|~{3,})", stripped)
        if fence:
            if marker and stripped.startswith(fence):
                fence = None
            continue
        if marker:
            fence = marker.group(1)
            continue
        yield number, line
