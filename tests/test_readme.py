"""The README's lists that the code can check: what a Zensical build lacks, which files are generated.

(The layer table has its own module, test_layers.py.)
"""

from __future__ import annotations

import fnmatch
import os
import re

from conftest import ROOT

from mkdocs_debate.commands.export import exports
from mkdocs_debate.data.config import settings_from_config
from mkdocs_debate.plugin import ZENSICAL_LACKS, DebatePlugin

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    """The text of one `## title` section of the README."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match, f"README.md has no section '## {title}'"
    return match.group(1)


def zensical_losses(text: str) -> set[str]:
    """The bold labels of the bulleted list of what only the plugin does."""
    return set(re.findall(r"^- \*\*(.+?)\*\*:", text, re.M))


def test_every_hook_of_the_plugin_says_what_zensical_lacks_without_it():
    hooks = {name for name in vars(DebatePlugin) if name.startswith("on_")}
    assert hooks == set(ZENSICAL_LACKS), (
        "plugin.py: a hook missing from ZENSICAL_LACKS, or a name there that is no hook: "
        f"{sorted(hooks ^ set(ZENSICAL_LACKS))}"
    )


def test_the_readme_lists_exactly_what_a_zensical_build_lacks():
    declared = {label for labels in ZENSICAL_LACKS.values() for label in labels}
    listed = zensical_losses(section("Building with Zensical"))
    assert listed == declared, (
        f"in plugin.py's ZENSICAL_LACKS only: {sorted(declared - listed)}; "
        f"in README.md's list only: {sorted(listed - declared)}"
    )


def test_the_zensical_list_check_fails_on_a_missing_or_extra_label():
    text = section("Building with Zensical")
    assert "drafts" in zensical_losses(text)
    assert "drafts" not in zensical_losses(text.replace("- **drafts**:", "- drafts:"))
    assert "sitemap" in zensical_losses(text + "\n- **sitemap**: an extra line\n")


def generated_patterns() -> list[str]:
    """The paths in the first cell of the 'What lives where' row whose description says generated."""
    for row in section("What lives where").splitlines():
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[1].startswith("generated"):
            return re.findall(r"`([^`]+)`", cells[0])
    raise AssertionError("README.md: no row of 'What lives where' says generated")


def test_the_readme_names_every_file_debate_export_writes_and_no_other():
    settings = settings_from_config(str(ROOT / "mkdocs.yml"))
    written = sorted(
        "docs/" + os.path.relpath(path, settings.docs_dir).replace(os.sep, "/")
        for path in exports(settings)
    )
    patterns = generated_patterns()
    globs = {pattern: re.sub(r"<[^>]+>", "*", pattern) for pattern in patterns}
    unlisted = [p for p in written if not any(fnmatch.fnmatchcase(p, g) for g in globs.values())]
    unwritten = [
        pattern
        for pattern, glob in globs.items()
        if not any(fnmatch.fnmatchcase(p, glob) for p in written)
    ]
    assert not unlisted and not unwritten, (
        f"written by debate-export but not named generated in README.md: {unlisted}; "
        f"named generated but not written: {unwritten}"
    )
