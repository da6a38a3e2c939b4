"""Bespoke model licences as typed, frozen objects: ``Licence`` with its ``Clause``s.

``docs/_data/licences.yml`` is read once per build (``Site``). What each key of
a licence, its upstream text, a clause or a conflict must hold is declared
here, on the field it fills (``data/schema.py``): the checker reports a broken
key at its own line from these declarations (``checker/rules/licences.py``
adds the rules across fields and entries), and the same declarations read the
file into these objects. The licence pages, the comparison grids and the model
pages read the objects; each keeps the line it was read from. A licence the
checker refuses (not a mapping, no id) is left out here: a build with one
fails first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from mkdocs_debate.data.schema import build, spec
from mkdocs_debate.data.vocabulary import SLUG
from mkdocs_debate.data.yaml_lines import mappings

# The Open Source Definition's ten criteria (https://opensource.org/osd) and the
# two demands of the Open Source AI Definition a licence can fall short of.
CONFLICTS = {
    "osd-1": "OSD 1: Free redistribution",
    "osd-2": "OSD 2: Source code",
    "osd-3": "OSD 3: Derived works",
    "osd-4": "OSD 4: Integrity of the author's source code",
    "osd-5": "OSD 5: No discrimination against persons or groups",
    "osd-6": "OSD 6: No discrimination against fields of endeavor",
    "osd-7": "OSD 7: Distribution of license",
    "osd-8": "OSD 8: License must not be specific to a product",
    "osd-9": "OSD 9: License must not restrict other software",
    "osd-10": "OSD 10: License must be technology-neutral",
    "osaid-freedoms": "OSAID: the freedoms to use, study, modify and share",
    "osaid-terms": "OSAID: parameters under OSI-approved terms",
}
COMPARE_SUFFIX = "-compare"  # licences/<family>-compare.md compares a family's versions
RESERVED_LICENCE_IDS = frozenset({"index"})
COMMIT = re.compile(r"^[0-9a-f]{40}$")
LINES = "lines of {owner} must be [first, last] (1 <= first <= last) or null: {value!r}"


def free_licence_id(value: Any) -> str:
    """A licence's id names its page: not one a generated page takes."""
    if str(value) in RESERVED_LICENCE_IDS or str(value).endswith(COMPARE_SUFFIX):
        return (
            "licence id {value!r} is taken by a generated page "
            "(index, <family>" + COMPARE_SUFFIX + ")"
        )
    return ""


def line_range(value: Any) -> str:
    """[first, last]: the clause's lines in the upstream text, 1 <= first <= last."""
    if not (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) for n in value)
        and 1 <= value[0] <= value[1]
    ):
        return LINES
    return ""


def _field(default: Any = None, **options: Any) -> Any:
    """A field with its declared rule (schema.spec)."""
    return dataclasses.field(default=default, metadata=spec(**options))


@dataclasses.dataclass(frozen=True)
class Conflict:
    """A criterion of the Open Source Definition or the OSAID a clause runs against, and why."""

    with_: str = _field(  # a key of CONFLICTS
        "",
        key="with",
        required=True,
        choices=tuple(CONFLICTS),
        message="{subject} names no criterion; known: {choices}",
    )
    why: str = _field("", required=True, strip=True, missing="{subject} needs a 'why'")
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Clause:
    """One clause of a licence text, as we read it."""

    id: str = _field(
        "", required=True, pattern=SLUG, message="clause id of {row} must be kebab-case: {value!r}"
    )
    key: str = _field("", required=True)  # the same subject across a family's versions
    name: str = _field("", required=True)
    section: str = _field("", required=True)
    # first and last line in the upstream text
    lines: tuple[int, int] | None = _field(None, kind="list", check=line_range, message=LINES)
    summary: str = _field("", required=True, strip=True)
    changed: bool = _field(False, kind="bool")  # reworded since the previous version
    change_note: str = _field("", strip=True)
    conflicts: tuple[Conflict, ...] = _field(
        (),
        kind="list",
        of=Conflict,
        named_by="with",
        subject="the conflict of {owner} with {name!r}",
        message="{key} of {owner} must be a list of {{with, why}}",
    )
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Upstream:
    """The text we read: its address, the commit, the day."""

    url: str = _field("", kind="https", required=True)
    commit: str = _field(
        "", pattern=COMMIT, message="{key} of {owner} must be 40 hex digits or null: {value!r}"
    )
    read: dt.date | str = _field("", kind="date", required=True, past=True)
    line: int = 0


@dataclasses.dataclass(frozen=True)
class Licence:
    """A bespoke licence, clause by clause."""

    id: str = _field(
        "",
        required=True,
        pattern=SLUG,
        check=free_licence_id,
        message="licence id must be kebab-case: {value!r}",
    )
    name: str = _field("", required=True)
    holder: str = _field("", required=True)
    date: dt.date | str = _field("", kind="date", required=True)
    family: str = _field("", required=True)
    # the id of the version before, within the family (null for the first): present, maybe null
    previous: str | None = _field(None, kind="any", required=True)
    note: str = _field("", strip=True)
    upstream: Upstream = _field(
        Upstream(),
        kind="mapping",
        of=Upstream,
        required=True,
        message="{key} of {owner} must be a mapping of url, commit, read",
    )
    clauses: tuple[Clause, ...] = _field(
        (),
        kind="list",
        of=Clause,
        required=True,
        nonempty=True,
        named_by="id",
        subject="clause {name!r} of {owner}",
        message="{key} of {owner} must be a non-empty list",
    )
    line: int = 0
    written: Mapping[str, Any] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )  # the mapping as the data file writes it: exports and citation dates read its keys

    @property
    def conflicting(self) -> int:
        """How many clauses run against a criterion."""
        return sum(1 for clause in self.clauses if clause.conflicts)

    def clause_with_key(self, key: str) -> Clause | None:
        """The clause on one subject (its key), or None."""
        return next((c for c in self.clauses if c.key == key), None)


def read_licence(raw: dict) -> Licence:
    """One licence of licences.yml (the checker has said what is wrong with it)."""
    previous = raw.get("previous")
    return build(
        Licence,
        raw,
        previous=None if previous is None else str(previous),
        clauses=tuple(
            build(Clause, c) for c in mappings(raw, "clauses") if c.get("id") is not None
        ),
        written=raw,
    )


def read_licences(raw: Any) -> dict[str, Licence]:
    """Every licence of licences.yml with an id, by id, in the file's order."""
    return {
        str(entry["id"]): read_licence(entry)
        for entry in mappings(raw, "licences")
        if entry.get("id") is not None
    }
