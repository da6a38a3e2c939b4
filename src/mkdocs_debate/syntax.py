"""The reference syntax of our Markdown, without Markdown itself.

- ``[[term:ID]]`` or ``[[term:ID|text]]``: a link to a glossary term;
  ``[[term:ID#DEFINITION]]``: a link to one of its competing definitions
  (``docs/_data/definitions.yml``), anchored ``ID--DEFINITION`` on the glossary;
- ``[[claim:ID]]``, ``[[claim:ID|for]]``, ``[[claim:ID|against]]``: a reference
  that makes its paragraph linkable as ``#claim-ID`` (``#claim-ID-2`` for the
  second on a page, and so on, in document order);
- a line ``[[generate:NAME]]``: a block generated from the data.

The extension, the checker and the site scan all read references here.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator

from mkdocs_debate.source import iter_code_free_lines, mask_code_spans

REFERENCE = (
    r"\[\[(?P<kind>term|claim):(?P<target>[^\]|#]+?)(?:#(?P<definition>[^\]|]*))?"
    r"(?:\|(?P<extra>[^\]]+))?\]\]"
)
REFERENCE_RE = re.compile(REFERENCE)
GENERATE_RE = re.compile(r"^\s*\[\[generate:([a-z-]+)\]\]\s*$")
CLAIM_SIDES = frozenset({"for", "against"})


# What a reference that names nothing is told, said once here: the checker (checker/body_rules.py)
# and the build (processors/) both report these words, so a page fails both alike.


def unknown_term(target: str, text: str) -> str:
    """[[term:ID]] names no glossary term, id or alias."""
    return (
        f"unknown glossary term {target!r} in {text}: "
        "add it to docs/_data/glossary.yml or use a known id"
    )


def unknown_claim(target: str, text: str) -> str:
    """[[claim:ID]] names no file of docs/claims/."""
    return f"unknown claim {target!r} in {text}: claims are the files of docs/claims/ (without .md)"


def bad_claim_side(side: str) -> str:
    """[[claim:ID|SIDE]] with a side other than for or against."""
    return f"claim side must be 'for' or 'against': {side!r}"


def claim_takes_no_definition(text: str) -> str:
    """[[claim:ID#…]]: only a term has competing definitions."""
    return f"a claim reference takes no '#': {text}"


def unknown_definition(term: str, wanted: str, text: str, known: Iterable[str]) -> str:
    """[[term:ID#DEFINITION]] names no competing definition of the term."""
    return (
        f"unknown definition {wanted!r} of {term!r} in {text}; known: "
        f"{', '.join(known) or 'none'} (docs/_data/definitions.yml)"
    )


def unknown_block(name: str, known: Iterable[str]) -> str:
    """[[generate:NAME]] names no generated block."""
    return f"unknown generated block {name!r}; known: " + ", ".join(sorted(known))


@dataclasses.dataclass(frozen=True)
class Reference:
    """One explicit reference in a page's source."""

    line: int  # line in the file
    kind: str  # "term" or "claim"
    target: str  # the id (or, for terms, a name)
    extra: str | None  # the text after "|": link text, or the claim's side
    text: str  # the reference as written
    definition: str | None = None  # the part after "#": one of the term's competing definitions


def iter_references(body: str, body_line: int = 1) -> Iterator[Reference]:
    """Every [[term:…]] or [[claim:…]] of a page body outside code, in source order."""
    for number, line in iter_code_free_lines(body):
        for match in REFERENCE_RE.finditer(mask_code_spans(line)):
            extra, definition = match.group("extra"), match.group("definition")
            yield Reference(
                number + body_line - 1,
                match.group("kind"),
                match.group("target").strip(),
                extra.strip() if extra is not None else None,
                match.group(0),
                definition.strip() if definition is not None else None,
            )


def claim_anchor(claim_id: str, occurrence: int) -> str:
    """The id of the block holding the n-th reference to a claim on a page."""
    return f"claim-{claim_id}" if occurrence == 1 else f"claim-{claim_id}-{occurrence}"


def numbered_claim_references(body: str, body_line: int = 1) -> Iterator[tuple[Reference, str]]:
    """(reference, anchor) of each claim reference, numbered in document order."""
    seen: dict[str, int] = {}
    for reference in iter_references(body, body_line):
        if reference.kind == "claim":
            seen[reference.target] = seen.get(reference.target, 0) + 1
            yield reference, claim_anchor(reference.target, seen[reference.target])


OPENER = re.compile(r"\[\[")


def malformed_references(body: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every '[[' outside code that does not open a whole reference or generate line."""
    for number, line in iter_code_free_lines(body):
        if GENERATE_RE.match(line):
            continue
        masked = mask_code_spans(line)
        whole = [
            (m.start(), m.end())
            for m in REFERENCE_RE.finditer(masked)
            if m.group(2).strip()
            and (m.group(3) is None or m.group(3).strip())
            and "[[" not in m.group(0)[2:]
        ]
        for opener in OPENER.finditer(masked):
            if not any(start <= opener.start() < end for start, end in whole):
                rest = masked[opener.start() :]
                end = rest.find("]]", 2)
                yield number, rest[: end + 2] if 0 <= end < 60 else rest[:40]
