"""Render a page the way the build does, so the checker sees what Markdown produced.

The build validates every page's rendered HTML inside the extension; the
checker renders each page with the same extensions and options (read from
``mkdocs.yml``), so a contributor gets the same message, with its line,
before the build runs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import signal
import threading
from collections.abc import Iterator

import markdown

from mkdocs_debate.data.config import Settings, load_config, markdown_extensions
from mkdocs_debate.data.pages import Page
from mkdocs_debate.extension import DebateExtension, MarkupReferenceError, UnsafeMarkupError
from mkdocs_debate.problems import Finding

RENDER_SECONDS = 20  # a time budget per page (the limits keep real pages far below it)


class RenderTimeoutError(Exception):
    """Rendering one page took longer than its budget."""


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise RenderTimeoutError in the main thread after seconds (elsewhere, no budget: signals need the main thread)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise RenderTimeoutError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
        return markdown.Markdown(
            extensions=[*self.extensions, extension], extension_configs=self.options
        )

    def html(self, page: Page) -> str:
        """The page's HTML as the build renders it; empty if the build would refuse the page.

        Bounded as findings() is: a page rendered only as a link's target may be one that
        failed its own rules (its own check reports why).
        """
        try:
            with time_budget(RENDER_SECONDS):
                return self._markdown(page).convert(page.body)
        except Exception:  # refused, too slow or crashed: findings() says which
            return ""

    def findings(self, page: Page) -> list[Finding]:
        """What the build would refuse in the page's rendered HTML, each at its line."""
        md = self._markdown(page)
        try:
            with time_budget(RENDER_SECONDS):
                md.convert(page.body)
        except UnsafeMarkupError as error:
            return [Finding(p.line, p.message) for p in error.problems]
        except MarkupReferenceError as error:
            return [Finding(error.problem.line, error.problem.message)]
        except RenderTimeoutError:
            return [
                Finding(
                    page.body_line,
                    f"rendering the page took more than {RENDER_SECONDS} s: simplify its "
                    "markup (deep nesting, many unclosed brackets or comments)",
                )
            ]
        except RecursionError:
            return [
                Finding(
                    page.body_line,
                    "the page is nested too deeply to render (raw HTML, block quotes or "
                    "lists inside each other): flatten it",
                )
            ]
        except Exception as error:  # any crash becomes the page's problem, not a traceback
            return [
                Finding(
                    page.body_line, f"the page cannot be rendered: {type(error).__name__}: {error}"
                )
            ]
        return []
