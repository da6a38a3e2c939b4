"""The openness matrix as typed, frozen objects: ``Model`` rows with their ``Cell``s.

``docs/_data/models.yml`` is read once per build (``Site``); the checker's
rules (``checker/rules/models.py`` and ``model_rows.py``) say what is wrong in
it, naming the line. Everything that reads the matrix to write a page, a
verdict or an export reads these objects instead of the YAML's dicts: each
field has one type and one default, so no reader guards against a missing
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

from mkdocs_debate.data.vocabulary import iso_date
from mkdocs_debate.data.yaml_lines import line_of, text_of

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


@dataclasses.dataclass(frozen=True)
class Fact:
    """A sourced fact of a row: its organisation, release date or OSI approval."""

    value: Any = None
    source: str = ""
    line: int = 0

    @property
    def text(self) -> str:
        """The value as text ('' when there is none)."""
        return "" if self.value is None else str(self.value)


@dataclasses.dataclass(frozen=True)
class LicenceFact(Fact):
    """The licence the weights ship under: its name, SPDX id and our page on it, if any."""

    spdx: str | None = None
    licence_page: str | None = None


@dataclasses.dataclass(frozen=True)
class Cell:
    """One openness dimension of one model: the level, why, and the evidence."""

    dimension: str
    value: str = UNKNOWN  # open | partial | closed | unknown
    note: str = ""
    source: str = ""
    checked: dt.date | None = None  # the day the evidence was read
    basis: str | None = None  # "research-notes": rests on the project's research notes only
    gated: bool = False
    dataset: Any = None
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Change:
    """One entry of a row's history."""

    date: dt.date | str
    note: str
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Disagreement:
    """A dimension the European Open Source AI Index rates otherwise than we do, with both reasons."""

    dimension: str
    parameter: str
    index_value: str
    index_reason: str
    our_reason: str
    line: int = 0


@dataclasses.dataclass(frozen=True)
class EuIndexRecord:
    """The European Open Source AI Index record a row was compared with."""

    url: str
    system: str
    disagreements: tuple[Disagreement, ...] = ()
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Model:
    """One row of the openness matrix."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()  # other names the cross-linker links to the model's page
    version: str = ""
    organisation: Fact = Fact()
    released: Fact = Fact()
    licence: LicenceFact = LicenceFact()
    osi_approved: Fact = Fact()
    checked: dt.date | str | None = None
    history: tuple[Change, ...] = ()
    cells: Mapping[str, Cell] = dataclasses.field(
        default_factory=lambda: types.MappingProxyType({})
    )
    eu_index: EuIndexRecord | None = None
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


def _fact(raw: Any, kind: type[Fact] = Fact) -> Any:
    if not isinstance(raw, dict):
        return kind(raw) if raw is not None else kind()
    extra = {}
    if kind is LicenceFact:
        extra = {
            "spdx": None if raw.get("spdx") is None else str(raw["spdx"]),
            "licence_page": None if raw.get("licence_page") is None else str(raw["licence_page"]),
        }
    return kind(raw.get("value"), text_of(raw.get("source")), line_of(raw), **extra)


def _cell(dimension: str, raw: Any) -> Cell:
    if not isinstance(raw, dict):
        return Cell(dimension)
    value = raw.get("value")
    return Cell(
        dimension,
        str(value) if value in CELL_VALUES else UNKNOWN,
        text_of(raw.get("note")),
        text_of(raw.get("source")),
        iso_date(raw.get("checked")),
        None if raw.get("basis") is None else str(raw["basis"]),
        raw.get("gated") is True,
        raw.get("dataset"),
        line_of(raw),
    )


def _eu_index(raw: Any) -> EuIndexRecord | None:
    if not isinstance(raw, dict):
        return None
    found = raw.get("disagreements")
    return EuIndexRecord(
        text_of(raw.get("url")),
        text_of(raw.get("system")),
        tuple(
            Disagreement(
                text_of(item.get("dimension")),
                text_of(item.get("parameter")),
                text_of(item.get("index_value")),
                text_of(item.get("index_reason")),
                text_of(item.get("our_reason")),
                line_of(item),
            )
            for item in (found if isinstance(found, list) else [])
            if isinstance(item, dict)
        ),
        line_of(raw),
    )


def read_model(raw: dict) -> Model:
    """One row of models.yml as a Model (the checker has said what is wrong with it)."""
    openness = raw.get("openness") if isinstance(raw.get("openness"), dict) else {}
    history = raw.get("history") if isinstance(raw.get("history"), list) else []
    model_id = str(raw.get("id"))
    return Model(
        id=model_id,
        name=text_of(raw.get("name")) or model_id,
        aliases=tuple(a for a in raw.get("aliases") or () if isinstance(a, str))
        if isinstance(raw.get("aliases"), list)
        else (),
        version=text_of(raw.get("version")),
        organisation=_fact(raw.get("organisation")),
        released=_fact(raw.get("released")),
        licence=_fact(raw.get("licence"), LicenceFact),
        osi_approved=_fact(raw.get("osi_approved")),
        checked=raw.get("checked"),
        history=tuple(
            Change(item.get("date"), text_of(item.get("note")), line_of(item))
            for item in history
            if isinstance(item, dict)
        ),
        cells=types.MappingProxyType(
            {d: _cell(d, openness[d]) for d in DIMENSIONS if d in openness}
        ),
        eu_index=_eu_index(raw.get("eu_index")),
        line=line_of(raw),
    )


def read_matrix(raw: Any) -> tuple[Model, ...]:
    """Every row of models.yml with an id, in the file's order."""
    rows = raw.get("models") if isinstance(raw, dict) else None
    return tuple(
        read_model(row)
        for row in (rows if isinstance(rows, list) else [])
        if isinstance(row, dict) and row.get("id") is not None
    )
