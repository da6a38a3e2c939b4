"""Where a contributor starts: the contributor guide and the issue forms, linked from repo_url (About page).

The links are built from the site's ``repo_url`` and the forms the repository
holds (``.github/ISSUE_TEMPLATE/*.yml``, each with its ``name`` and
``description``), so a fork that sets ``repo_url`` in mkdocs.yml links its own.
"""

from __future__ import annotations

import os
import urllib.parse

from mkdocs_debate.blocks.common import plain
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.site import Site
from mkdocs_debate.data.yaml_lines import load_yaml

ISSUE_FORMS = os.path.join(".github", "ISSUE_TEMPLATE")
GUIDE = "blob/main/CONTRIBUTING.md"  # the default branch, as in the pages' history links


def issue_forms(root: str) -> list[tuple[str, str, str]]:
    """(file name, name, description) of each issue form of the repository at root, by file name."""
    folder = os.path.join(root, ISSUE_FORMS)
    forms = []
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if name.endswith((".yml", ".yaml")):
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                form = load_yaml(handle.read(), os.path.join(ISSUE_FORMS, name))
            if (
                isinstance(form, dict) and form.get("name") and "body" in form
            ):  # config.yml is no form
                forms.append((name, str(form["name"]), str(form.get("description") or "")))
    return forms


def contributing_links(site: Site, src: str, settings: Settings) -> str:
    """The contributor guide and one link per issue form, on the repository of repo_url."""
    repo = settings.repo_url.rstrip("/")
    if not repo:
        return "*This site names no repository (`repo_url` in mkdocs.yml), so there is nothing to link.*"
    items = [
        f"- **[The contributor guide]({repo}/{GUIDE})**: propose, scaffold, write, check and "
        "open a pull request, step by step."
    ]
    for file_name, name, description in issue_forms(os.path.dirname(site.docs_dir)):
        url = f"{repo}/issues/new?template={urllib.parse.quote(file_name)}"
        items.append(f"- **[{plain(name)}]({url})**: {plain(description)}")
    return '<div class="no-terms" markdown>\n\n' + "\n".join(items) + "\n\n</div>"
