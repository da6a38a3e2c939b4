"""MkDocs hooks: thin glue between MkDocs and the debate_markdown extension.

Zensical drops MkDocs hooks, so nothing here may be needed to produce the
pages' content. What the hooks do, and what Zensical builds lack (listed in
README.md, "Building with Zensical"):

- tell the extension which page renders next (Zensical has its own context);
- run the content checker's rules inside the build, so a bad page fails it
  with ``path:line: message`` (under Zensical, run scripts/check_content.py);
- add the Content Security Policy meta element to every page;
- give the RSS feed an absolute image URL built from site_url.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from scripts import check_content, content_security, debate_markdown
from scripts import site_data
from scripts.site_data import DataError, load_site

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# `mkdocs serve` injects its live-reload script after on_post_page, so a
# policy computed here would block it: the policy is for built sites only.
_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`."""
    global _serving
    _serving = command == "serve"


@event_priority(100)  # before the RSS plugin reads its options
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Give the feed an absolute image URL derived from site_url (set in one place)."""
    rss = config.plugins.get("rss")
    if rss is not None and not rss.config.image and config.site_url:
        rss.config.image = config.site_url.rstrip("/") + "/assets/images/social/index.png"
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Fail early on problems in the data files or across pages."""
    site_data.invalidate()  # a new build (or a rebuild under `serve`) reads docs/ afresh
    problems = check_content.data_problems(_site(config))
    if problems:
        raise PluginError("Content problems:\n" + "\n".join(problems))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check the page, then tell the extension which page it renders."""
    site = _site(config)
    source = site.pages.get(page.file.src_uri)
    if source is not None:
        problems = check_content.page_problems(site, source)
        if problems:
            raise PluginError(f"Content problems in {source.path}:\n" + "\n".join(
                f"{source.path}:{line}: {message}" for line, message in problems))
    debate_markdown.set_current_page(page.file.src_uri)
    return markdown


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Add the Content Security Policy, with the hashes of the page's inline scripts."""
    return output if _serving else content_security.with_csp(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is a theme template, not a page: give it the same policy."""
    if template_name.endswith(".html") and not _serving:
        return content_security.with_csp(output_content)
    return output_content


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _site(config: MkDocsConfig):
    try:
        return load_site(config.docs_dir)
    except DataError as error:
        raise PluginError("\n".join(error.problems)) from None
