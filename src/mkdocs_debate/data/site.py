"""The site's sources of truth, read and validated in one place.

Everything that knows about pages, glossary terms, claims, models, authors or
tags reads it through ``load_site``: the Markdown extension, the MkDocs
plugin, the content checker, the exports and the tests. Nothing is typed
twice. One Site is read per build and kept until the build's key changes:
under MkDocs the plugin starts each build (``begin_build``, ``end_build``);
elsewhere (Zensical runs the Markdown extension alone; the checker, the
exports, the tests) the key is docs/'s newest modification, which the
extension looks at once per document. Indexes derived from the data
(``site_index``) are kept on the Site object, so they live and die with it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import os
from collections.abc import Callable
from typing import Any, TypeVar

from mkdocs_debate.data.argument import Argument, read_argument
from mkdocs_debate.data.definitions import Definition, read_definitions
from mkdocs_debate.data.entries import read_steps
from mkdocs_debate.data.licence_texts import Licence, read_licences
from mkdocs_debate.data.matrix import (  # noqa: F401 (vocabulary read from here)
    CELL_VALUES,
    DIMENSIONS,
    Model,
    Pending,
    read_matrix,
    read_pending,
)
from mkdocs_debate.data.pages import Page, markdown_sources, read_page
from mkdocs_debate.data.vocabulary import ISO_DATE, SLUG, iso_date  # noqa: F401 (read from here)
from mkdocs_debate.data.yaml_lines import LineDict, load_yaml

DATA_DIR = "_data"
DATA_FILES = (
    "glossary.yml",
    "models.yml",
    "authors.yml",
    "tags.yml",
    "timeline.yml",
    "definitions.yml",
    "licences.yml",
    "themes.yml",
    "path.yml",
)
KINDS = {"essays": "essay", "discussions": "summary", "claims": "claim"}


@dataclasses.dataclass
class Site:
    """All pages and data of one docs folder.

    ``pages`` are the published pages: every list, backlink and export reads
    them. Pages with ``draft: true`` are in ``drafts`` only, so that nothing
    published can list or link one; the checker reads both (``all_pages``).
    """

    docs_dir: str
    pages: dict[str, Page]
    glossary: list[LineDict]
    models: LineDict
    authors: LineDict
    tags: LineDict
    timeline: LineDict
    definitions: LineDict = dataclasses.field(
        default_factory=LineDict
    )  # competing definitions of terms
    licences_data: LineDict = dataclasses.field(default_factory=LineDict)  # licences.yml, optional
    themes_data: LineDict = dataclasses.field(
        default_factory=LineDict
    )  # themes.yml: the claims' themes
    path_data: LineDict = dataclasses.field(
        default_factory=LineDict
    )  # path.yml, the reading path, optional
    indexes: dict[Callable, Any] = dataclasses.field(
        default_factory=dict, init=False, repr=False, compare=False
    )  # what each site_index computed from this data, by its function (a replace() starts empty)
    drafts: dict[str, Page] = dataclasses.field(
        default_factory=dict
    )  # pages with draft: true, unpublished

    @functools.cached_property
    def all_pages(self) -> dict[str, Page]:
        """Published pages and drafts: what the checker checks and the build may render."""
        return {**self.pages, **self.drafts}

    @functools.cached_property
    def terms(self) -> dict[str, dict]:
        """Glossary entries by id."""
        return {str(entry.get("id")): entry for entry in self.glossary if isinstance(entry, dict)}

    @functools.cached_property
    def term_definitions(self) -> dict[str, list[Definition]]:
        """Glossary id -> its competing definitions (data/definitions.py), in the file's order."""
        return read_definitions(self.definitions)

    @functools.cached_property
    def claims(self) -> dict[str, Page]:
        return {p.slug: p for p in self.pages.values() if p.is_claim}

    @functools.cached_property
    def arguments(self) -> dict[str, Argument]:
        """Each claim's relations and evidence (data/argument.py), by claim id, in id order."""
        return {slug: read_argument(self.claims[slug]) for slug in sorted(self.claims)}

    @functools.cached_property
    def matrix(self) -> tuple[Model, ...]:
        """The openness matrix's rows, typed (data/matrix.py), in the file's order."""
        return read_matrix(self.models)

    @functools.cached_property
    def pending(self) -> tuple[Pending, ...]:
        """The models announced and not yet rated (models.yml ``pending``), typed."""
        return read_pending(self.models)

    @functools.cached_property
    def models_by_id(self) -> dict[str, Model]:
        """Matrix rows by id."""
        return {model.id: model for model in self.matrix}

    @functools.cached_property
    def licences(self) -> dict[str, Licence]:
        """Bespoke licences (licences.yml, typed in data/licence_texts.py) by id, in the file's order."""
        return read_licences(self.licences_data)

    @functools.cached_property
    def themes(self) -> dict[str, dict]:
        """Claim themes (themes.yml) by id, in the file's order."""
        entries = self.themes_data.get("themes") if isinstance(self.themes_data, dict) else None
        return {str(e.get("id")): e for e in entries or [] if isinstance(e, dict)}

    @functools.cached_property
    def events(self) -> list[dict]:
        """The timeline's events as written (timeline.yml), in the file's order."""
        found = self.timeline.get("events") if isinstance(self.timeline, dict) else None
        return [e for e in found if isinstance(e, dict)] if isinstance(found, list) else []

    def content_pages(self, section: str) -> list[Page]:
        """Essays or summaries of a section, newest first, then by title (a new list each call)."""
        return list(_sections(self).get(section, ()))

    @functools.cached_property
    def reading_path(self) -> list[tuple[Page, str]]:
        """(page, why) for each step of the reading path (path.yml), in order; a step naming no page is left out."""
        found = [
            (self.pages.get(step.page), step.why.strip()) for step in read_steps(self.path_data)
        ]
        return [(page, why) for page, why in found if page is not None]

    def data_path(self, name: str) -> str:
        """Absolute path of a data file."""
        return os.path.join(self.docs_dir, DATA_DIR, name)

    def display_path(self, name: str) -> str:
        """Path of a data file as a contributor sees it (relative to the repository)."""
        return os.path.relpath(self.data_path(name), os.path.dirname(self.docs_dir))


T = TypeVar("T")


def site_index(compute: Callable[[Site], T]) -> Callable[[Site], T]:
    """Declare compute(site) an index of the Site: computed on first use, then kept on that Site.

    An index (the term matcher, which pages use which term, every verdict) lives and dies with
    its Site object: a new build reads a new Site, so no index can outlive the data it came from.
    """

    @functools.wraps(compute)
    def index(site: Site) -> T:
        if compute not in site.indexes:
            site.indexes[compute] = compute(site)
        return site.indexes[compute]

    return index


# The one Site of each docs folder, with the key it was read under. The key is the MkDocs
# build's generation while a build runs (the plugin calls begin_build and end_build), else
# docs/'s newest modification (docs_stamp), which the extension reads once per document.
_builds: dict[str, tuple[str, int]] = {}
_sites: dict[str, tuple[tuple, Site]] = {}
_generations = itertools.count(1)
KEPT_SITES = 4


def begin_build(docs_dir: str) -> None:
    """A new MkDocs build (or a rebuild under `serve`) of docs_dir: its first load_site reads afresh."""
    _builds[os.path.abspath(docs_dir)] = ("build", next(_generations))


def end_build(docs_dir: str) -> None:
    """The build of docs_dir is over: from now on, a change to a file is seen by load_site."""
    _builds.pop(os.path.abspath(docs_dir), None)


def invalidate() -> None:
    """Forget every Site read so far: the next load_site reads docs/ afresh."""
    _builds.clear()
    _sites.clear()


def docs_stamp(docs_dir: str) -> tuple[int, int, int]:
    """docs/'s newest modification time, with its number of files and their bytes.

    A file added, removed, edited or renamed changes it: the key of a Site read outside a
    MkDocs build. It stats every file, so it is read once per document, not per lookup.
    """
    newest, count, size = 0, 0, 0
    for folder, _dirs, files in os.walk(docs_dir):
        newest = max(newest, os.stat(folder).st_mtime_ns)
        for name in files:
            try:
                info = os.stat(os.path.join(folder, name))
            except FileNotFoundError:  # removed while we looked
                continue
            newest, count, size = max(newest, info.st_mtime_ns), count + 1, size + info.st_size
    return newest, count, size


def site_key(docs_dir: str) -> tuple:
    """The key the Site of docs_dir is read under now: the running build, else docs_stamp."""
    docs_dir = os.path.abspath(docs_dir)
    return _builds.get(docs_dir) or ("stamp", *docs_stamp(docs_dir))


def load_site(docs_dir: str, key: tuple | None = None) -> Site:
    """The Site of docs_dir under key (site_key's by default): read once per key."""
    docs_dir = os.path.abspath(docs_dir)
    key = key if key is not None else site_key(docs_dir)
    known = _sites.get(docs_dir)
    if known is not None and known[0] == key:
        return known[1]
    site = read_site(docs_dir)
    _sites.pop(docs_dir, None)
    _sites[docs_dir] = (key, site)
    while len(_sites) > KEPT_SITES:  # tests read many small folders: keep the newest few
        del _sites[next(iter(_sites))]
    return site


def read_site(docs_dir: str) -> Site:
    """Read every page and data file of docs_dir (no cache: load_site keeps the Site)."""
    docs_dir = os.path.abspath(docs_dir)
    root = os.path.dirname(docs_dir)
    every = [read_page(docs_dir, src, root) for src in markdown_sources(docs_dir)]
    pages = {page.src: page for page in every if not page.is_draft}
    drafts = {page.src: page for page in every if page.is_draft}

    def data(name: str, default: Any) -> Any:
        path = os.path.join(docs_dir, DATA_DIR, name)
        if not os.path.exists(path):
            return default
        with open(path, encoding="utf-8") as handle:
            loaded = load_yaml(handle.read(), os.path.relpath(path, root))
        return default if loaded is None else loaded

    return Site(
        docs_dir,
        pages,
        data("glossary.yml", []),
        data("models.yml", LineDict()),
        data("authors.yml", LineDict()),
        data("tags.yml", LineDict()),
        data("timeline.yml", LineDict()),
        data("definitions.yml", LineDict()),
        data("licences.yml", LineDict()),
        data("themes.yml", LineDict()),
        data("path.yml", LineDict()),
        drafts=drafts,
    )


DATE_KEYS = frozenset(
    {"date", "updated", "checked", "read", "when"}
)  # not `released`: a fact, not a version


def newest_date(data: Any) -> dt.date | None:
    """The newest date anywhere in a piece of data as written, under the keys that date a version of it."""
    found: list[dt.date] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                day = iso_date(value) if key in DATE_KEYS else None
                if day:
                    found.append(day)
                elif isinstance(value, (dict, list)):
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return max(found, default=None)


def term_names(entry: dict) -> list[str]:
    """A glossary entry's name and its aliases, as written (what the matcher finds)."""
    aliases = entry.get("aliases")
    names = [entry.get("term", ""), *(aliases if isinstance(aliases, list) else [])]
    return [name for name in names if isinstance(name, str)]


@site_index
def _sections(site: Site) -> dict[str, list[Page]]:
    """Section -> its pages but the index, newest first, then by slug: sorted once per Site."""
    found: dict[str, list[Page]] = {}
    for page in site.pages.values():
        if not page.is_index:
            found.setdefault(page.section, []).append(page)
    return {
        section: sorted(pages, key=lambda p: (str(p.meta.get("date", "")), p.slug), reverse=True)
        for section, pages in found.items()
    }
