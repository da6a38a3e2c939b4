"""Settings of a site: where its data lives and what it is called.

The extension receives them as options from ``mkdocs.yml``; the console
scripts read the same options from the same file (``settings_from_config``),
so a fork changes ``site_url``, ``repo_url`` and ``site_name`` in one place.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
from typing import Any
from urllib.parse import urlsplit

import yaml

EXTENSION_NAMES = ("debate", "mkdocs_debate.extension")


@dataclasses.dataclass(frozen=True)
class Settings:
    """What the engine needs to know about the site it renders."""

    docs_dir: str = "docs"
    site_url: str = ""
    repo_url: str = ""
    site_name: str = ""
    glossary_page: str = "glossary.md"
    models_page: str = "models.md"
    cite_key_prefix: str = "site"

    @property
    def root_url(self) -> str:
        """site_url with exactly one trailing slash ('' when unset)."""
        return self.site_url.rstrip("/") + "/" if self.site_url else ""

    def published_url(self, src: str) -> str:
        """Absolute URL of a source page with MkDocs' directory URLs; of any other file, its path."""
        return self.root_url + _published_path(src)

    def site_path(self, src: str) -> str:
        """A page's URL from the host's root ('/free-as-in-what/essays/x/'), for a link written as
        raw HTML: neither MkDocs nor Zensical rewrites it, where Zensical would re-base a relative
        one (from the source file's folder) and MkDocs would leave it as written."""
        return urlsplit(self.root_url or "/").path.rstrip("/") + "/" + _published_path(src)


def _published_path(src: str) -> str:
    """Where a source file is published, below the site's root: 'essays/x.md' -> 'essays/x/',
    'essays/index.md' -> 'essays/', 'index.md' -> ''; any other file at its own path."""
    if not src.endswith(".md"):  # an export or a schema is published as it is, at its path
        return src
    stem = src[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: !!python/name objects imported when they can be, other tags (!ENV) as None."""


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    module, _, name = suffix.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None  # e.g. Material's emoji functions in the Zensical environment


_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_config(config_file: str) -> dict:
    """mkdocs.yml as plain data (no plugin is loaded)."""
    with open(config_file, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_TolerantLoader) or {}  # noqa: S506 - a SafeLoader subclass


def markdown_extensions(config: dict) -> tuple[list[str], dict[str, dict]]:
    """The site's Markdown extensions other than ours, and their options (those that load here)."""
    names, options = [], {}
    for entry in config.get("markdown_extensions") or []:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name in EXTENSION_NAMES:
            continue
        settings = dict(settings or {})
        if any(value is None for value in settings.values()):
            continue  # an option that cannot be built here (see _python_name)
        names.append(name)
        options[name] = settings
    return names, options


def settings_from_config(config_file: str) -> Settings:
    """Settings from a mkdocs.yml: the extension's options over the site's own."""
    config = load_config(config_file)
    options: dict[str, Any] = {}
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict) and set(entry) & set(EXTENSION_NAMES):
            options = dict(entry[next(iter(set(entry) & set(EXTENSION_NAMES)))] or {})
    options.setdefault("site_url", config.get("site_url") or "")
    options.setdefault("repo_url", config.get("repo_url") or "")
    options.setdefault("site_name", config.get("site_name") or "")
    root = os.path.dirname(os.path.abspath(config_file))
    options["docs_dir"] = os.path.join(
        root, options.get("docs_dir") or config.get("docs_dir") or "docs"
    )
    known = {field.name for field in dataclasses.fields(Settings)}
    return Settings(**{key: str(value) for key, value in options.items() if key in known})
