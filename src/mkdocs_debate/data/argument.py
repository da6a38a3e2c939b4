"""The argument map's data: how a claim answers other claims, and the evidence it rests on.

A claim page's front matter may carry two lists, one line per item::

    relations:
      - {type: attacks, claim: weights-are-compiled-binary, note: "Why it does."}
    rests_on:
      - {ref: llama-3-1.use_restrictions, note: "Why this cell bears on the claim."}

A relation written on claim X reads "X supports / attacks / qualifies Y"
(``qualifies``: X limits or conditions Y without denying it). Evidence names
one thing the site already publishes, in one of five forms (``EVIDENCE_FORMS``):
a matrix cell, a definition, one model's verdict under a definition, a licence
clause or a timeline event. Whether a reference names something that exists
is the checker's to say (``checker/argument_rules.py``); resolving one to its
current value (a cell's value, a verdict) is ``blocks/argument.py``'s.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.schema import build, spec

MAP_PAGE = (
    "claims/map/index.md"  # the argument map, /claims/map/: the one page in a subfolder of claims/
)
RELATION_TYPES = ("supports", "attacks", "qualifies")
MAX_NOTE = 300
NOTE = "note of {owner} must say why, in plain text"
# The five forms of an evidence reference, as a contributor writes them.
EVIDENCE_FORMS = (
    ("cell", "MODEL.DIMENSION", "llama-3-1.use_restrictions"),
    ("definition", "TERM#DEFINITION", "open-source-ai#osaid-1-0"),
    ("verdict", "TERM#DEFINITION/MODEL", "open-source-ai#osaid-1-0/llama-3-1"),
    ("clause", "licence:LICENCE#CLAUSE", "licence:llama-3-1#grant"),
    ("event", "event:EVENT", "event:osaid-1-0"),
)
_ID = r"[a-z0-9][a-z0-9-]*"
EVIDENCE = re.compile(
    rf"\A(?:(?P<model>{_ID})\.(?P<dimension>[a-z_]+)"
    rf"|(?P<term>{_ID})#(?P<definition>{_ID})(?:/(?P<verdict_model>{_ID}))?"
    rf"|licence:(?P<licence>{_ID})#(?P<clause>{_ID})"
    rf"|event:(?P<event>{_ID}))\Z"
)
FORMS_HINT = "; ".join(f"{shape} (e.g. {example})" for _, shape, example in EVIDENCE_FORMS)


def _field(default: Any = None, **options: Any) -> Any:
    return dataclasses.field(default=default, metadata=spec(**options))


def _note() -> Any:
    return _field(
        "",
        required=True,
        plain=True,
        max_length=MAX_NOTE,
        strip=True,
        message=NOTE,
        missing=NOTE + " (a relation or evidence without a note is refused)",
        blank=NOTE + " (a relation or evidence without a note is refused)",
    )


@dataclasses.dataclass(frozen=True)
class Relation:
    """One line of ``relations:``: this claim supports, attacks or qualifies another."""

    type: str = _field(
        "",
        required=True,
        choices=RELATION_TYPES,
        message="type of {owner} must be one of {choices}: {value!r}",
    )
    claim: str = _field(
        "",
        required=True,
        ref="claims",
        message="claim of {owner} names no claim: {value!r} (a claim's id is its file name under docs/claims/, without .md)",
    )
    note: str = _note()
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Evidence:
    """One line of ``rests_on:``: a cell, definition, verdict, licence clause or event the claim turns on."""

    ref: str = _field(
        "",
        required=True,
        pattern=EVIDENCE,
        strip=True,
        message="ref of {owner} must name evidence in one of the forms "
        + FORMS_HINT
        + ": {value!r}",
    )
    note: str = _note()
    line: int = 0

    @property
    def kind(self) -> str:
        """cell, definition, verdict, clause or event."""
        match = EVIDENCE.match(self.ref)
        if match is None:
            return ""
        if match["model"]:
            return "cell"
        if match["verdict_model"]:
            return "verdict"
        if match["term"]:
            return "definition"
        return "clause" if match["licence"] else "event"

    @property
    def parts(self) -> dict[str, str]:
        """The named parts of the reference (model, dimension, term, definition, ...)."""
        match = EVIDENCE.match(self.ref)
        return {k: v for k, v in (match.groupdict() if match else {}).items() if v}


@dataclasses.dataclass(frozen=True)
class Argument:
    """A claim's place in the map: what it says of other claims and what it rests on."""

    claim: str
    relations: tuple[Relation, ...] = ()
    rests_on: tuple[Evidence, ...] = ()


def read_argument(page: Page) -> Argument:
    """A claim's relations and evidence, typed (the checker has said what is wrong with them)."""
    meta = page.meta

    def items(key: str, cls: type) -> tuple:
        raw = meta.get(key)
        return (
            tuple(build(cls, item) for item in raw if isinstance(item, dict))
            if isinstance(raw, list)
            else ()
        )

    return Argument(page.slug, items("relations", Relation), items("rests_on", Evidence))
