"""The one type every layer reports a contributor's mistake with.

A rule finds a ``Finding`` (line, message) in one file; placed in its file it
becomes a ``Problem``, printed as ``path:line: message`` -- the format
editors, CI annotations and the build all show.
"""

from __future__ import annotations

from typing import NamedTuple


class Finding(NamedTuple):
    """A problem at a line of the file a rule is looking at."""

    line: int
    message: str


class Problem(NamedTuple):
    """A problem at a line of a named file."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def located(path: str, findings: list[Finding] | list[tuple[int, str]]) -> list[Problem]:
    """Findings of one file as Problems."""
    return [Problem(path, line, message) for line, message in findings]
