"""Settings of a site: where its data lives and what it is called.

The extension receives them as options from ``mkdocs.yml``; the console
scripts read the same options from the same file (``settings_from_config``),
so a fork changes ``site_url``, ``repo_url`` and ``site_name`` in one place.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any

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
        """Absolute URL of a source page with MkDocs' directory URLs."""
        stem = src[:-3] if src.endswith(".md") else src
        if stem == "index":
            path = ""
        elif stem.endswith("/index"):
            path = stem[: -len("index")]
        else:
            path = stem + "/"
        return self.root_url + path


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, leaving tags such as !!python/name and !ENV as plain values."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def settings_from_config(config_file: str) -> Settings:
    """Settings from a mkdocs.yml: the extension's options over the site's own."""
    with open(config_file, encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_TolerantLoader) or {}  # noqa: S506 - a SafeLoader subclass
    options: dict[str, Any] = {}
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict) and set(entry) & set(EXTENSION_NAMES):
            options = dict(entry[next(iter(set(entry) & set(EXTENSION_NAMES)))] or {})
    options.setdefault("site_url", config.get("site_url") or "")
    options.setdefault("repo_url", config.get("repo_url") or "")
    options.setdefault("site_name", config.get("site_name") or "")
    root = os.path.dirname(os.path.abspath(config_file))
    options["docs_dir"] = os.path.join(root, options.get("docs_dir") or config.get("docs_dir") or "docs")
    known = {field.name for field in dataclasses.fields(Settings)}
    return Settings(**{key: str(value) for key, value in options.items() if key in known})
