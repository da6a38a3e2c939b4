"""Render a page the way the build does, so the checker sees what Markdown produced.

The build validates every page's rendered HTML inside the extension; the
checker renders each page with the same extensions and options (read from
``mkdocs.yml``), so a contributor gets the same message, with its line,
before the build runs.
"""

from __future__ import annotations

import dataclasses

import markdown

from mkdocs_debate.data.config import Settings, load_config, markdown_extensions
from mkdocs_debate.data.pages import Page
from mkdocs_debate.extension import DebateExtension, MarkupReferenceError, UnsafeMarkupError
from mkdocs_debate.problems import Finding


@dataclasses.dataclass(frozen=True)
class Renderer:
    """The site's Markdown configuration, ready to render any page."""

    settings: Settings
    extensions: tuple[str, ...]
    options: dict

    @classmethod
    def from_config(cls, config_file: str, settings: Settings) -> Renderer:
        names, options = markdown_extensions(load_config(config_file))
        return cls(settings, tuple(names), options)

    def _markdown(self, page: Page) -> markdown.Markdown:
        """A Markdown instance configured as the build configures it for this page."""
        fields = {f.name: getattr(self.settings, f.name) for f in dataclasses.fields(Settings)}
        extension = DebateExtension(**fields, page=page.src)
        return markdown.Markdown(extensions=[*self.extensions, extension], extension_configs=self.options)

    def html(self, page: Page) -> str:
        """The page's HTML as the build renders it; empty if the build would refuse the page."""
        try:
            return self._markdown(page).convert(page.body)
        except (UnsafeMarkupError, MarkupReferenceError):
            return ""

    def findings(self, page: Page) -> list[Finding]:
        """What the build would refuse in the page's rendered HTML, each at its line."""
        md = self._markdown(page)
        try:
            md.convert(page.body)
        except UnsafeMarkupError as error:
            return [Finding(p.line, p.message) for p in error.problems]
        except MarkupReferenceError as error:
            return [Finding(error.problem.line, error.problem.message)]
        return []
