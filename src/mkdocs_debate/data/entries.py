"""The smaller sources of truth as typed, frozen objects, each key declared on the field it fills.

``timeline.yml``'s ``Event`` and ``themes.yml``'s ``Theme``: what each key of
an entry must hold is said here once (``data/schema.py``), so the checker
reports a broken key at its own line from these declarations
(``checker/rules/timeline.py``, ``themes.py`` keep the rules across entries and
files: a duplicate id, an event that links nothing).

A source (an event's) is checked by ``checker/fields.source_findings``, the one
rule every source of the site goes through, front matter's included: its key is
declared here as present, what it holds is said there.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from mkdocs_debate.data.schema import spec
from mkdocs_debate.data.vocabulary import SLUG, TIMELINE_THEMES
from mkdocs_debate.source import caret_power

NONEMPTY = "{key} of {owner} must be non-empty text"
MAX_EVENT_TITLE = 60


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
