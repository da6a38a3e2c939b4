"""What the data files' rules share: a file's list of entries, or the problem that it is none."""

from __future__ import annotations

import os
from collections.abc import Generator

from mkdocs_debate.data.site import Site
from mkdocs_debate.problems import Problem


def _entries(
    site: Site, name: str, key: str, data: object
) -> Generator[Problem, None, tuple[str, list]]:
    """The list under key of a data file (empty when the file is absent), its problem yielded if it has none."""
    if not os.path.exists(site.data_path(name)):
        return "", []
    path = site.display_path(name)
    entries = data.get(key) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        yield Problem(path, 1, f"{name} must have a list under {key!r}")
        return path, []
    return path, entries
