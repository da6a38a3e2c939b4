"""The smaller sources of truth as typed, frozen objects, each key declared on the field it fills.

``timeline.yml``'s ``Event``, ``themes.yml``'s ``Theme``, ``path.yml``'s
``Step``, ``glossary.yml``'s ``Term`` and ``authors.yml``'s ``Author``: what
each key of an entry must hold is said here once (``data/schema.py``), so the
checker reports a broken key at its own line from these declarations
(``checker/rules/timeline.py``, ``themes.py``, ``path.py``, ``glossary.py`` and,
for authors and tags, ``checker/field_rules.py`` keep the rules across entries
and files: a duplicate id, a name used twice, a step named twice, an event that
links nothing, an id that is no id). The same declarations read the reading
path's steps into their objects (``Site.reading_path``); the timeline, the
themes, the glossary and the authors are still rendered from their mappings as
written. A tag is one line of text, not a mapping: ``field_rules.py`` holds it
to what ``Author.description`` says.

A source (an event's, a term's) is checked by ``checker/fields.source_findings``,
the one rule every source of the site goes through, front matter's included:
its key is declared here as present, what it holds is said there.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from mkdocs_debate.data.schema import build, spec
from mkdocs_debate.data.vocabulary import SLUG, TIMELINE_THEMES
from mkdocs_debate.data.yaml_lines import mappings
from mkdocs_debate.source import caret_power

NONEMPTY = "{key} of {owner} must be non-empty text"
MAX_EVENT_TITLE = 60
MAX_SHORT_DEFINITION = 200  # a glossary term's short definition: its tooltip
ONE_LINE = re.compile(r"\A\s*[^\n]*\s*\Z")  # one line once the white space around it is gone
PATH_PAGE = (
    "page of a reading-path step must be the source path of a page under docs/, "
    "e.g. essays/free-as-in-what.md: {value!r}"
)
ONE_LINE_WHY = "why of {owner} must be one line of text"


def _field(default: Any = None, **options: Any) -> Any:
    """A field with its declared rule (schema.spec)."""
    return dataclasses.field(default=default, metadata=spec(**options))


def _text(default: str = "", **options: Any) -> Any:
    """Required plain text: a title, a name, a sentence printed as it is."""
    return _field(
        default,
        required=True,
        plain=True,
        message=NONEMPTY,
        missing=NONEMPTY,
        blank=NONEMPTY,
        **options,
    )


def no_caret_power(value: str) -> str:
    """A power is written with superscript digits: '10^25' reads as it is in plain text."""
    found = caret_power(value)
    if not found:
        return ""
    return "{key} of {owner} writes a power with a caret: " + found.replace("{", "{{").replace(
        "}", "}}"
    )


def _ids(ref: str, kind: str, where: str) -> Any:
    """A list of ids of another source of truth (an event's claims, models or terms)."""
    return _field(
        (),
        kind="names",
        ref=ref,
        message=f"unknown {kind} {{value!r}} in event {{ident!r}} (see {where})",
    )


# -----------------------------------------------------------------------------
# timeline.yml
# -----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Event:
    """One dated event of the timeline, at its permanent anchor ``timeline/#<id>``."""

    id: str = _field(
        "", required=True, pattern=SLUG, message="event id must be kebab-case: {value!r}"
    )
    date: str = _field("", kind="partial-date", required=True)  # as precise as the source
    theme: str = _field("", required=True, choices=tuple(sorted(TIMELINE_THEMES)))
    title: str = _text(max_length=MAX_EVENT_TITLE, check=no_caret_power)
    text: str = _text(check=no_caret_power)
    source: Any = _field(None, kind="any", required=True)  # checker/fields.source_findings
    terms: tuple[str, ...] = _ids("terms", "term", "docs/_data/glossary.yml")
    claims: tuple[str, ...] = _ids("claims", "claim", "docs/claims/<id>.md")
    models: tuple[str, ...] = _ids("models", "model", "docs/_data/models.yml")
    line: int = 0


# -----------------------------------------------------------------------------
# themes.yml
# -----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Theme:
    """A claim theme: the claims index groups its claims under it."""

    id: str = _field(
        "", required=True, pattern=SLUG, message="theme id must be kebab-case: {value!r}"
    )
    name: str = _text()
    description: str = _text()
    line: int = 0


# -----------------------------------------------------------------------------
# path.yml
# -----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Step:
    """A step of the reading path: a page of docs/ and one line on why to read it there."""

    page: str = _field("", required=True, ref="pages", message=PATH_PAGE, missing=PATH_PAGE)
    why: str = _field(
        "",
        required=True,
        pattern=ONE_LINE,
        plain=True,
        message=ONE_LINE_WHY,
        missing=ONE_LINE_WHY,
        blank=ONE_LINE_WHY,
    )
    line: int = 0


# -----------------------------------------------------------------------------
# glossary.yml
# -----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Term:
    """A glossary entry: the term, its other names, a short and a full definition, sources."""

    id: str = _field(
        "", required=True, pattern=SLUG, message="term id must be kebab-case: {value!r}"
    )
    term: str = _field("", required=True, plain=True)
    # other names the cross-linker links to the term
    aliases: tuple[str, ...] = _field(
        (),
        kind="names",
        message=(
            "aliases of {owner} must be a list of names, "
            "e.g. [open-weight model, open-weight models]: {value!r}"
        ),
    )
    short: str = _field("", required=True, plain=True, max_length=MAX_SHORT_DEFINITION)
    definition: str = _field("", required=True)
    related: tuple[str, ...] = _field(
        (), kind="names", ref="terms", message="related term {value!r} of {owner} does not exist"
    )
    contested: str = _field("")  # what the dispute over the term is
    sources: Any = _field((), kind="list", required=True, nonempty=True)  # source_findings
    line: int = 0


# -----------------------------------------------------------------------------
# authors.yml (an author's id is its key: checker/field_rules.py checks the ids)
# -----------------------------------------------------------------------------

# The feed prints an author's name as it is: short plain text, not even an entity.
REGISTRY_TEXT = re.compile(r"\A[^<>\[\]&]{0,200}\Z")
REGISTRY_TEXT_MESSAGE = (
    "{key} of {owner} must be plain text of at most 200 characters (no <, >, [, ] or &): {value!r}"
)
AUTHOR_URL = re.compile(r"^(https://|[a-z0-9][a-z0-9/_.-]*\.md$)")


@dataclasses.dataclass(frozen=True)
class Author:
    """A byline a page may name in ``authors:``: a name, a link to a page or a site, a description."""

    name: str = _field("", pattern=REGISTRY_TEXT, message=REGISTRY_TEXT_MESSAGE)
    url: str = _field(
        "",
        pattern=AUTHOR_URL,
        message="url of {owner} must be https:// or a page (about.md): {value!r}",
    )
    description: str = _field("", pattern=REGISTRY_TEXT, message=REGISTRY_TEXT_MESSAGE)
    line: int = 0


# -----------------------------------------------------------------------------
# Reading (the checker has said what is wrong with the file)
# -----------------------------------------------------------------------------


def read_steps(raw: Any) -> tuple[Step, ...]:
    """The reading path's steps (path.yml), in order."""
    return tuple(build(Step, item) for item in mappings(raw, "steps"))
