"""The reading path (docs/_data/path.yml): where a newcomer starts, and what comes next.

``[[generate:reading-path]]`` lists the steps in order, each with why it is
there (the home page's “Start here”); every page on the path gets “Previous /
Next on the reading path” links at its foot (``path_links``, page furniture).
A step that names no page is left out here and reported by the checker.
"""

from __future__ import annotations

from mkdocs_debate.blocks.common import KIND_LABELS, link, plain, title_of
from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.pages import Page
from mkdocs_debate.data.site import Site

HOME_PAGE = "index.md"
PATH_ANCHOR = "start-here"  # the home page's "## Start here", which holds the list


def reading_path(site: Site, src: str, settings: Settings) -> str:
    """The reading path as a numbered list: each page's title, kind and why it is there."""
    items = []
    for number, (page, why) in enumerate(site.reading_path, 1):
        kind = KIND_LABELS.get(str(page.meta.get("kind", "")))
        label = f' <span class="reading-path__kind">{plain(kind)}</span>' if kind else ""
        items.append(
            f"{number}. **[{plain(title_of(page))}]({link(src, page.src)})**{label}  \n"
            f"   {plain(why)}"
        )
    if not items:
        return ""
    return '<div class="reading-path-list no-terms" markdown>\n\n' + "\n".join(items) + "\n\n</div>"


def path_links(site: Site, page: Page) -> str:
    """Previous and next on the reading path, for a page that is on it ('' for any other page)."""
    steps = [step for step, _ in site.reading_path]
    sources = [step.src for step in steps]
    if page.src not in sources:
        return ""
    index = sources.index(page.src)
    here = (
        f"**On the reading path:** step {index + 1} of {len(steps)} · "
        f"[all steps]({link(page.src, HOME_PAGE, PATH_ANCHOR)})"
    )
    out = ['<nav class="reading-path no-terms" aria-label="Reading path" markdown>', "", here, ""]
    if index > 0:
        out += [_step_link(page, steps[index - 1], "Previous", "reading-path__previous"), ""]
    if index + 1 < len(steps):
        out += [_step_link(page, steps[index + 1], "Next", "reading-path__next"), ""]
    return "\n".join(out + ["</nav>"])


def _step_link(page: Page, target: Page, direction: str, css_class: str) -> str:
    text = f'<span class="reading-path__direction">{direction}</span> {plain(title_of(target))}'
    return f"[{text}]({link(page.src, target.src)}){{.{css_class}}}"
