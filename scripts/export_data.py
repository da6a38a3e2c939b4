#!/usr/bin/env python3
"""Write docs/glossary.json and docs/models.json from the data files.

Usage: python scripts/export_data.py [--check]

The JSON exports are committed, so that both MkDocs and Zensical publish them
as plain static files with no hook. ``--check`` writes nothing and exits 1 if
a committed export is stale (the test suite runs it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from scripts.page_builders import DIMENSIONS  # noqa: E402
from scripts.site_data import Site, load_site  # noqa: E402

GLOSSARY_FIELDS = ("id", "term", "aliases", "short", "related", "sources")


def glossary_export(site: Site, site_url: str) -> dict:
    """The glossary as published at /glossary.json."""
    terms = []
    for entry in sorted(site.glossary, key=lambda e: str(e["term"]).lower()):
        item = {key: entry.get(key) for key in GLOSSARY_FIELDS}
        item["short"] = str(entry.get("short", "")).strip()
        item["aliases"] = list(entry.get("aliases") or [])
        item["related"] = list(entry.get("related") or [])
        item["sources"] = [dict(s) for s in entry.get("sources") or []]
        item["contested"] = bool(entry.get("contested"))
        item["url"] = f"{site_url}glossary/#{entry['id']}"
        terms.append(item)
    return {"name": "Free as in What? glossary", "license": "CC-BY-SA-4.0", "terms": terms}


def models_export(site: Site, site_url: str) -> dict:
    """The openness matrix as published at /models.json, with the data file's key names."""
    models = []
    for model in site.models.get("models") or []:
        item = json.loads(json.dumps(model, default=str))
        item["url"] = f"{site_url}models/#{model['id']}"
        models.append(item)
    return {"name": "Free as in What? model openness matrix", "license": "CC-BY-SA-4.0",
            "dimensions": list(DIMENSIONS), "values": ["open", "partial", "closed", "unknown"],
            "models": models}


def site_url(root: str) -> str:
    """site_url from mkdocs.yml (the one place it is set), with a trailing slash."""
    with open(os.path.join(root, "mkdocs.yml"), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("site_url:"):
                return line.split()[-1].rstrip("/") + "/"
    raise SystemExit("mkdocs.yml has no site_url")


def exports(root: str) -> dict[str, str]:
    """File path -> JSON text of every export."""
    site = load_site(os.path.join(root, "docs"))
    url = site_url(root)
    dump = lambda data: json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"  # noqa: E731
    return {os.path.join(root, "docs", "glossary.json"): dump(glossary_export(site, url)),
            os.path.join(root, "docs", "models.json"): dump(models_export(site, url))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if an export is stale")
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    stale = []
    for path, text in exports(root).items():
        current = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if current != text:
            stale.append(os.path.relpath(path, root))
            if not args.check:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(text)
    if args.check and stale:
        print("stale exports (run `python scripts/export_data.py`): " + ", ".join(stale))
        return 1
    print(("wrote " if stale else "up to date: ") + ", ".join(stale or ["all exports"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
