"""The openness matrix as typed, frozen objects: ``Model`` rows with their ``Cell``s.

``docs/_data/models.yml`` is read once per build (``Site``). What each key of a
row must hold is declared here, on the field it fills (``data/schema.py``): the
checker reports a broken key at its own line from these declarations
(``checker/rules/models.py`` adds the rules across fields and files), and the
same declarations read the row into these objects. Everything that writes a
page, a verdict or an export reads the objects instead of the YAML's dicts:
each field has one type and one default, so no reader guards against a missing
key or a wrong type again. Each object keeps the line it was read from.

A row the checker refuses (no id, not a mapping) is left out here: a build
with such a row fails on the checker's problem before anything reads it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
from collections.abc import Mapping
from typing import Any

from mkdocs_debate.data.schema import build, spec
from mkdocs_debate.data.vocabulary import PARTIAL_DATE, RESEARCH_NOTES, SLUG

DIMENSIONS = (
    "weights",
    "use_restrictions",
    "training_code",
    "training_data",
    "data_documentation",
    "technical_report",
)
CELL_VALUES = frozenset({"open", "partial", "closed", "unknown"})
UNKNOWN = "unknown"
OPEN_SCORE = {"open": 1.0, "partial": 0.5}  # a model's openness score: open 1, partial ½
# Why weights are short of open, each a condition a definition's criterion can name.
WEIGHT_CONDITIONS = {
    "gated": "download behind an approval, registration or licence-acceptance step",
    "no-base-checkpoint": "only post-trained checkpoints released, no pre-trained base model",
    "sizes-withheld": "some sizes or variants of the release kept back",
    "on-request": "weights only by request, agreement or API, no public download",
}
GATED = "gated"
FACT_MESSAGE = "{subject} needs a value and an https source"


def _field(default: Any = None, **options: Any) -> Any:
    """A field with its declared rule (schema.spec); a mutable default is made per object."""
    if isinstance(default, dict):
        return dataclasses.field(
            default_factory=lambda: types.MappingProxyType({}), metadata=spec(**options)
        )
    return dataclasses.field(default=default, metadata=spec(**options))


@dataclasses.dataclass(frozen=True)
class Fact:
    """A sourced fact of a row: its organisation, release date or OSI approval."""

    value: Any = _field(None, kind="any", required=True, missing=FACT_MESSAGE)
    source: str = _field(
        "", kind="https", required=True, missing=FACT_MESSAGE, message=FACT_MESSAGE
    )
    line: int = 0

    @property
    def text(self) -> str:
        """The value as text ('' when there is none)."""
        return "" if self.value is None else str(self.value)


@dataclasses.dataclass(frozen=True)
class LicenceFact(Fact):
    """The licence the weights ship under: its name, SPDX id and our page on it, if any."""

    spdx: str | None = _field(None)
    licence_page: str | None = _field(
        None,
        ref="licences",
        message="licence_page of {row} is not a licence of docs/_data/licences.yml: {value!r}",
    )


@dataclasses.dataclass(frozen=True)
class Cell:
    """One openness dimension of one model: the level, why, and the evidence."""

    dimension: str
    value: str = _field(UNKNOWN, required=True, choices=tuple(sorted(CELL_VALUES)))
    note: str = _field("")
    source: str = _field("", kind="https")
    checked: dt.date | None = _field(None, kind="date", past=True)  # the day the evidence was read
    basis: str | None = _field(  # "research-notes": rests on the project's research notes only
        None,
        choices=(RESEARCH_NOTES,),
        message="basis of {owner} must be 'research-notes': {value!r}",
    )
    gated: bool = _field(False, kind="bool")
    dataset: Any = _field(None, kind="any")
    # why weights are short of open (WEIGHT_CONDITIONS); `gated: true` counts as "gated"
    declared_conditions: tuple[str, ...] = _field(
        (), kind="choices", key="conditions", choices=tuple(WEIGHT_CONDITIONS)
    )
    line: int = 0

    @property
    def conditions(self) -> frozenset[str]:
        """The named conditions that keep this cell short of open."""
        return frozenset(self.declared_conditions) | ({GATED} if self.gated else set())


@dataclasses.dataclass(frozen=True)
class Change:
    """One entry of a row's history."""

    date: dt.date | str = _field("", kind="date", required=True, past=True)
    note: str = _field("", required=True)
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Disagreement:
    """A dimension the European Open Source AI Index rates otherwise than we do, with both reasons."""

    dimension: str = _field("", required=True, choices=DIMENSIONS)
    parameter: str = _field("", required=True)
    index_value: str = _field("", required=True, choices=tuple(sorted(CELL_VALUES)))
    index_reason: str = _field("", required=True)
    our_reason: str = _field("", required=True)
    line: int = 0


@dataclasses.dataclass(frozen=True)
class EuIndexRecord:
    """The European Open Source AI Index record a row was compared with."""

    url: str = _field("", kind="https", required=True)
    system: str = _field("", required=True)
    disagreements: tuple[Disagreement, ...] = _field(
        (), kind="list", of=Disagreement, subject="an eu_index disagreement of {row}"
    )
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Pending:
    """A model announced but not yet rated: honest coverage instead of silence."""

    name: str = _field("", required=True)
    announced: str = _field(
        "",
        required=True,
        pattern=PARTIAL_DATE,
        message="announced of {owner} must be a date (YYYY-MM-DD, YYYY-MM or YYYY): {value!r}",
    )
    reason: str = _field("", required=True)
    source: str = _field("", kind="https", required=True)
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Model:
    """One row of the openness matrix."""

    id: str = _field(
        "", required=True, pattern=SLUG, message="model id must be kebab-case: {value!r}"
    )
    name: str = _field("", required=True)
    # other names the cross-linker links to the model's page
    aliases: tuple[str, ...] = _field((), kind="names")
    version: str = _field(
        "",
        required=True,
        message="version of {owner} must name the version or checkpoint assessed: {value!r}",
    )
    organisation: Fact = _field(Fact(), kind="mapping", of=Fact, required=True)
    released: Fact = _field(Fact(), kind="mapping", of=Fact, required=True)
    licence: LicenceFact = _field(LicenceFact(), kind="mapping", of=LicenceFact, required=True)
    osi_approved: Fact = _field(Fact(), kind="mapping", of=Fact, required=True)
    checked: dt.date | None = _field(None, kind="date")  # the latest of its cells' checked dates
    history: tuple[Change, ...] = _field(
        (),
        kind="list",
        of=Change,
        required=True,
        nonempty=True,
        subject="a history item of {owner}",
    )
    cells: Mapping[str, Cell] = _field(
        {},
        kind="table",
        key="openness",
        of=Cell,
        keys=DIMENSIONS,
        index="dimension",
        required=True,
        subject="{ident}.{name}",
    )
    eu_index: EuIndexRecord | None = _field(None, kind="mapping", of=EuIndexRecord)
    line: int = 0

    def cell(self, dimension: str) -> Cell:
        """The cell of a dimension; an unknown one when the row has none."""
        return self.cells.get(dimension) or Cell(dimension)

    @property
    def score(self) -> float:
        """Open dimensions count 1, partial ones a half."""
        return sum(OPEN_SCORE.get(self.cell(d).value, 0.0) for d in DIMENSIONS)

    def field(self, path: str) -> Cell | Fact | None:
        """What a definition's criterion reads: ``openness.<dimension>`` or a fact's name."""
        group, _, name = path.partition(".")
        if group == "openness":
            return self.cells.get(name)
        found = getattr(self, group, None) if group in FACTS else None
        if found is None or not name or name == "value":
            return found
        return Fact(getattr(found, name, None), found.source, found.line)  # e.g. licence.spdx

    def with_value(self, path: str, value: Any) -> Model:
        """This row with the value at a field path changed (what a verdict's to_flip asks)."""
        group, _, name = path.partition(".")
        if group == "openness":
            cells = {**self.cells, name: dataclasses.replace(self.cell(name), value=value)}
            return dataclasses.replace(self, cells=types.MappingProxyType(cells))
        return dataclasses.replace(
            self, **{group: dataclasses.replace(getattr(self, group), value=value)}
        )


FACTS = frozenset({"organisation", "released", "licence", "osi_approved"})


def read_model(raw: dict) -> Model:
    """One row of models.yml as a Model (the checker has said what is wrong with it)."""
    model = build(Model, raw)
    return dataclasses.replace(model, id=str(raw.get("id")), name=model.name or str(raw.get("id")))


def read_matrix(raw: Any) -> tuple[Model, ...]:
    """Every row of models.yml with an id, in the file's order."""
    rows = raw.get("models") if isinstance(raw, dict) else None
    return tuple(
        read_model(row)
        for row in (rows if isinstance(rows, list) else [])
        if isinstance(row, dict) and row.get("id") is not None
    )


def read_pending(raw: Any) -> tuple[Pending, ...]:
    """The models announced and not yet rated (models.yml ``pending``), in the file's order."""
    rows = raw.get("pending") if isinstance(raw, dict) else None
    return tuple(
        build(Pending, row)
        for row in (rows if isinstance(rows, list) else [])
        if isinstance(row, dict)
    )
