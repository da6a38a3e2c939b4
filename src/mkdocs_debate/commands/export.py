"""debate-export: write the JSON exports (glossary, models, timeline, claims) from the sources of truth.

Usage: debate-export [--config mkdocs.yml] [--check]

The JSON exports are committed, so that both MkDocs and Zensical publish them
as plain static files with no hook. ``--check`` writes nothing and exits 1 if
a committed export is stale (the test suite runs it).
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import sys

from mkdocs_debate.blocks.claims import claim_record
from mkdocs_debate.blocks.timeline import events as timeline_events
from mkdocs_debate.data.config import Settings, settings_from_config
from mkdocs_debate.data.site import CELL_VALUES, DIMENSIONS, Site, load_site

GLOSSARY_FIELDS = ("id", "term", "aliases", "short", "related", "sources")


def glossary_export(site: Site, settings: Settings) -> dict:
    """The glossary as published at /glossary.json."""
    terms = []
    for entry in sorted(site.glossary, key=lambda e: str(e["term"]).lower()):
        item = {key: entry.get(key) for key in GLOSSARY_FIELDS}
        item["short"] = str(entry.get("short", "")).strip()
        item["aliases"] = list(entry.get("aliases") or [])
        item["related"] = list(entry.get("related") or [])
        item["sources"] = [dict(s) for s in entry.get("sources") or []]
        item["contested"] = bool(entry.get("contested"))
        item["url"] = f"{settings.published_url(settings.glossary_page)}#{entry['id']}"
        terms.append(item)
    return {"name": f"{settings.site_name} glossary", "license": "CC-BY-SA-4.0", "terms": terms}


def models_export(site: Site, settings: Settings) -> dict:
    """The openness matrix as published at /models.json, with the data file's key names."""
    models = []
    for model in site.models.get("models") or []:
        item = json.loads(json.dumps(model, default=str))
        item["url"] = f"{settings.published_url(settings.models_page)}#{model['id']}"
        models.append(item)
    return {"name": f"{settings.site_name} model openness matrix", "license": "CC-BY-SA-4.0",
            "dimensions": list(DIMENSIONS), "values": sorted(CELL_VALUES, key=["open", "partial", "closed", "unknown"].index),
            "models": models}


def timeline_export(site: Site, settings: Settings) -> dict:
    """The timeline as published at /timeline.json, with the data file's keys and each event's URL."""
    page = settings.published_url("timeline.md")
    events = [{**json.loads(json.dumps(event, default=str)), "url": f"{page}#{event['id']}"}
              for event in timeline_events(site)]
    return {"name": f"{settings.site_name} timeline", "license": "CC-BY-SA-4.0", "events": events}


def claims_export(site: Site, settings: Settings) -> dict:
    """The claim map as published at /claims.json: each claim and where each side is argued."""
    claims = [claim_record(site, page, settings) for _, page in sorted(site.claims.items())]
    return {"name": f"{settings.site_name} claim map", "license": "CC-BY-SA-4.0", "claims": claims}


def _dump(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def exports(settings: Settings) -> dict[str, str]:
    """File path -> JSON text of every export."""
    site = load_site(settings.docs_dir)
    return {os.path.join(settings.docs_dir, "glossary.json"): _dump(glossary_export(site, settings)),
            os.path.join(settings.docs_dir, "models.json"): _dump(models_export(site, settings)),
            os.path.join(settings.docs_dir, "timeline.json"): _dump(timeline_export(site, settings)),
            os.path.join(settings.docs_dir, "claims.json"): _dump(claims_export(site, settings))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml")
    parser.add_argument("--check", action="store_true", help="exit 1 if an export is stale")
    args = parser.parse_args(argv)
    root = os.path.dirname(os.path.abspath(args.config))
    stale = []
    for path, text in exports(settings_from_config(args.config)).items():
        current = pathlib.Path(path).read_text(encoding="utf-8") if os.path.exists(path) else None
        if current != text:
            stale.append(os.path.relpath(path, root))
            if not args.check:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(text)
    if args.check and stale:
        print("stale exports (run `make exports`): " + ", ".join(stale))
        return 1
    print(("wrote " if stale else "up to date: ") + ", ".join(stale or ["all exports"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
