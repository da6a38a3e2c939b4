"""The MkDocs plugin ``debate``: thin glue between MkDocs and the engine.

Zensical drops MkDocs plugins it does not know, so nothing here may be needed
to produce the pages' content (that is the extension's job). What the plugin
does, and what Zensical builds lack (listed in README.md, "Building with
Zensical"):

- run the content checker's rules inside the build (all pages, before any renders), so a bad page fails it
  with ``path:line: message`` (under Zensical, run ``debate-check`` first);
- leave pages with ``draft: true`` out of the built site (no page, search entry, sitemap line or feed
  item; a link to one is a dead link); ``mkdocs serve`` previews them (MkDocs' draft level), marked;
- start the RSS feed afresh on every build, so that ``mkdocs serve`` does not pile up old items;
- fail a page that holds an executable inline script or lacks the Content Security Policy the theme writes
  (``script-src 'self'`` alone, overrides/partials/csp.html), and give the policy to redirect stubs;
- give the RSS feed an absolute image URL built from site_url;
- name each feed item's authors as ``authors.yml`` names them, not by their ids;
- hide the theme's previous/next footer on pages of the reading path, which carry the path's own pair;
- hand Material's templates each page's title and description escaped (they print them as they are);
- fail a build whose site no longer serves a URL or anchor recorded in tests/url-manifest.txt.

ZENSICAL_LACKS names this work hook by hook; README.md lists the same labels, and a test keeps the two
equal (a new hook must say what a Zensical build misses without it).
"""

from __future__ import annotations

import pathlib
import re

from markupsafe import Markup, escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from mkdocs_debate import csp, search_index, urls
from mkdocs_debate.checker import data_problems, page_problems
from mkdocs_debate.data import site as site_data
from mkdocs_debate.data.site import Site, load_site
from mkdocs_debate.data.yaml_lines import DataError

log = get_plugin_logger(__name__)
DRAFT_BANNER = (
    '<div class="admonition warning"><p class="admonition-title">Draft: not published</p>'
    "<p>This page has <code>draft: true</code>. Only <code>mkdocs serve</code> shows it: the built "
    "site, its lists, the feed and search leave it out. Delete that line once <code>make check</code> "
    "finds no TODO.</p></div>\n"
)


# Hook -> what a Zensical build lacks because that hook does not run there (README.md, "Building with
# Zensical", lists each label in bold; tests/test_readme.py keeps both lists equal).
ZENSICAL_LACKS: dict[str, tuple[str, ...]] = {
    "on_startup": (),  # only tells the other hooks whether `mkdocs serve` runs
    "on_config": ("feed image", "feed afresh"),
    "on_pre_build": (),  # Zensical runs no Material search plugin: no lunr index to stand in for
    "on_files": ("content check", "drafts"),
    "on_page_content": ("drafts",),
    "on_page_markdown": ("feed authors", "one previous/next pair"),
    "on_page_context": ("escaped titles",),
    "on_post_page": ("inline script check", "JSON-LD in the head"),
    "on_post_template": ("inline script check",),
    "on_post_build": ("published URLs", "redirect stubs"),
    "on_build_error": (),  # only ends the build's Site (Zensical keys it on docs/'s newest change)
}


class DebateConfig(Config):
    """Options of the plugin."""

    # Only for the test that proves the policy stops script on its own: never switch off on a real site.
    check = config_options.Type(bool, default=True)
    # Index the built site with Pagefind (search_index.py) after every build but `mkdocs serve`'s.
    search_index = config_options.Type(bool, default=True)
    # The site's theme writes the policy (overrides/partials/csp.html) and no inline script: every page is
    # held to it. A site whose theme writes inline scripts (MkDocs' own themes) sets this false and gets
    # no policy from the engine (a policy that trusted them would trust whatever a template prints).
    policy = config_options.Type(bool, default=True)


class _NoLunrIndex:
    """Stands in for the lunr index of Material's search plugin when Pagefind indexes the site.

    Material shows its header search box only with its search plugin on, and
    search-pagefind.js answers that box from Pagefind; the plugin would still
    index every page for lunr (about a tenth of a build's CPU) and write a
    whole-site index (1.7 MB gzip at 2,000 essays) that no page fetches.
    """

    def add_entry_from_context(self, page: object) -> None:
        """Material's search plugin indexes a page here: Pagefind does it after the build."""


def _without_lunr_index(config: MkDocsConfig) -> None:
    """Keep Material's search plugin (its header box) but not its lunr index.

    Its on_page_context still runs (it indexes nothing now, and strips data-search-*
    attributes that have a value, as before); its on_post_build, which writes
    search/search_index.json, is not run.
    """
    search = config.plugins.get("material/search")
    if search is None or not hasattr(search, "search_index"):
        return
    search.search_index = _NoLunrIndex()
    handlers = config.plugins.events["post_build"]
    handlers[:] = [h for h in handlers if getattr(h, "__self__", None) is not search]


class DebatePlugin(BasePlugin[DebateConfig]):
    """Checks content during the build and holds every page to the Content Security Policy."""

    serving = False  # `mkdocs serve` injects its live-reload script after on_post_page

    # -------------------------------------------------------------------------
    # Hooks
    # -------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is `mkdocs serve` (the policy would block live reload)."""
        self.serving = command == "serve"

    @event_priority(100)  # before the RSS plugin reads its options
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Give the feed an absolute image URL derived from site_url (set in one place); start it afresh."""
        rss = config.plugins.get("rss")
        if rss is not None and not rss.config.image and config.site_url:
            rss.config.image = config.site_url.rstrip("/") + "/assets/images/social/index.png"
        if rss is not None:
            _reset_feed(rss)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """No lunr index where Pagefind indexes the site: Material's search plugin stays for its box."""
        if self.config.search_index:
            _without_lunr_index(config)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Fail early on problems in the data files or across pages."""
        site_data.begin_build(config.docs_dir)  # this build (or rebuild under `serve`): one Site
        site = self._site(config)
        # Every page's rules run here, before any page renders, so that a bad page fails the build
        # with the checker's own message, not later inside another page that lists it.
        problems = (
            [
                *(p for page in site.all_pages.values() for p in page_problems(site, page)),
                *data_problems(site),
            ]
            if self.config.check
            else []
        )
        if problems:
            raise PluginError("Content problems:\n" + "\n".join(map(str, problems)))
        for src, page in sorted(site.drafts.items()):
            file = files.get_file_from_path(src)
            if file is None:
                continue
            if self.serving:
                file.inclusion = (
                    InclusionLevel.DRAFT
                )  # MkDocs previews it, marked, under `serve` only
                log.info(
                    f"{page.path} is a draft (draft: true): previewed here, marked as a draft; "
                    "`mkdocs build` leaves it out"
                )
            else:
                files.remove(
                    file
                )  # not merely excluded: a link to it is then a dead link, which fails the build
                log.info(
                    f"{page.path} is a draft (draft: true): left out of the site, its lists, the feed, "
                    "search and the sitemap"
                )
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Under `mkdocs serve`, say on the page that a draft is not published."""
        return DRAFT_BANNER + html if page.file.inclusion.is_excluded() else html

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Name the feed's authors; give a page on the reading path one previous/next pair.

        The feed reads `author` before `authors`: it gets the registry's names
        for the ids. A page on the reading path ends with the path's own
        previous and next links (the extension writes them), so the theme's
        footer pair, which follows the navigation's order instead, is hidden
        (Material's ``hide: [footer]``): two pairs pointing different ways
        left the reader to guess which to follow.
        """
        site = self._site(config)
        ours = site.all_pages.get(page.file.src_uri)
        if ours is not None and ours.author_ids and "author" not in page.meta:
            page.meta["author"] = [
                str((site.authors.get(a) or {}).get("name", a)) for a in ours.author_ids
            ]
        if ours is not None and any(step is ours for step, _why in site.reading_path):
            hidden = list(ours.hidden)
            page.meta["hide"] = hidden if "footer" in hidden else [*hidden, "footer"]
        return markdown

    def on_page_context(
        self, context: dict, *, page: Page, config: MkDocsConfig, nav: object
    ) -> dict:
        """Material prints the title and description as they are: hand its templates escaped Markup."""
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str) and not isinstance(page.meta[key], Markup):
                page.meta[key] = escape(page.meta[key])  # escape() returns Markup
        if isinstance(page.title, str) and not isinstance(page.title, Markup):
            page.title = escape(page.title)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Fail a page that holds an executable inline script or lacks the policy (csp.POLICY)."""
        output = lift_data_blocks(output, page.content)
        if self.serving:
            return csp.without_csp(output)  # live reload is an inline script
        problems = csp.page_problems(output) if self.config.policy else []
        if problems and self.config.check:
            raise PluginError(f"{page.file.src_uri}: " + "; ".join(problems))
        return output

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """The 404 page is a theme template, not a page: the same rule, from the same template."""
        if template_name.endswith(".html") and not self.serving and self.config.policy:
            problems = csp.page_problems(output_content)
            if problems and self.config.check:
                raise PluginError(f"{template_name}: " + "; ".join(problems))
        return csp.without_csp(output_content) if self.serving else output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Redirect stubs get the policy; a published URL or anchor that disappeared fails the build."""
        site_data.end_build(config.docs_dir)  # the pages are rendered: the build's Site is done
        if self.serving:
            return
        manifest = pathlib.Path(config.config_file_path).parent / urls.MANIFEST
        missing = urls.lost(
            urls.normalise(urls.read_manifest(manifest)), pathlib.Path(config.site_dir)
        )
        if missing:
            raise PluginError(urls.redirect_advice(missing))
        for stub in pathlib.Path(config.site_dir).rglob("*.html") if self.config.policy else []:
            text = stub.read_text(encoding="utf-8")
            if 'http-equiv="refresh"' in text and "Content-Security-Policy" not in text:
                stub.write_text(csp.with_csp(text), encoding="utf-8")
        if self.config.search_index:
            try:
                search_index.index_site(
                    pathlib.Path(config.site_dir), pathlib.Path(config.config_file_path).parent
                )
            except search_index.SearchIndexError as error:
                raise PluginError(str(error)) from None

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build ends too: the next one (or a checker run) reads docs/ afresh."""
        site_data.invalidate()

    # -------------------------------------------------------------------------
    # Helper functions
    # -------------------------------------------------------------------------

    @staticmethod
    def _site(config: MkDocsConfig) -> Site:
        try:
            return load_site(config.docs_dir)
        except DataError as error:
            raise PluginError("\n".join(map(str, error.problems))) from None


def _reset_feed(rss: BasePlugin) -> None:
    """Forget the pages an earlier build gave the RSS plugin.

    mkdocs-rss-plugin fills its page list in ``on_startup``, which MkDocs calls
    once per ``mkdocs serve``, and only ever appends to it: every rebuild would
    add each page again, and keep pages since deleted.
    """
    if hasattr(rss, "pages_to_filter"):
        rss.pages_to_filter.clear()
    for feed in (getattr(rss, "feed_created", None), getattr(rss, "feed_updated", None)):
        if feed is not None:
            feed.entries.clear()


DATA_BLOCK = re.compile(r'<script type="application/(?:ld\+)?json">.*?</script>', re.DOTALL)


def lift_data_blocks(html: str, content: str | None) -> str:
    """Move the JSON data blocks (JSON-LD and application/json) of a page's content into its head.

    The allowlist admits a data block only written exactly as this pattern reads it.

    Material's instant navigation (also on a change of the address's #fragment)
    re-creates every script inside the page's container without its type, so a
    JSON-LD block there would be run as a script, and the CSP would report it
    blocked. In the head the blocks are data, as search engines expect them.
    """
    blocks = DATA_BLOCK.findall(content or "")
    start = html.find(content) if blocks else -1
    if start < 0:
        return html
    html = html[:start] + DATA_BLOCK.sub("", content) + html[start + len(content) :]
    return html.replace("</head>", "".join(blocks) + "</head>", 1)
