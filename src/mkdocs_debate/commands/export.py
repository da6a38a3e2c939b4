"""debate-export: write the JSON exports (glossary, models, timeline, claims, definitions, verdicts) and the term pages' stubs.

Usage: debate-export [--config mkdocs.yml] [--check]

Writes docs/glossary.json, docs/models.json, docs/timeline.json,
docs/definitions.json and docs/verdicts.json, and a stub page
docs/definitions/<term>.md for every term of docs/_data/definitions.yml. They
are committed, so that both MkDocs and Zensical publish them with no hook.
``--check`` writes nothing and exits 1 if a committed file is stale (the test
suite runs it).
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
from mkdocs_debate.verdicts import VERDICTS_PAGE, Verdict, all_verdicts, definition_anchor, has_criteria, term_page

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


def _plain(data: object) -> object:
    """Data read from YAML as plain JSON values (dates as ISO strings)."""
    return json.loads(json.dumps(data, default=str))


def definitions_export(site: Site, settings: Settings) -> dict:
    """The competing definitions as published at /definitions.json, with the data file's keys and URLs."""
    glossary = settings.published_url(settings.glossary_page)
    terms = []
    for term_id, definitions in site.term_definitions.items():
        page = settings.published_url(term_page(term_id))
        items = [{**_plain(d), "testable": has_criteria(d),
                  "url": f"{glossary}#{definition_anchor(term_id, str(d['id']))}", "page_url": f"{page}#{d['id']}"}
                 for d in definitions]
        terms.append({"term": term_id, "name": str(site.terms.get(term_id, {}).get("term", term_id)),
                      "url": f"{glossary}#{term_id}", "page_url": page, "definitions": items})
    return {"name": f"{settings.site_name} competing definitions", "license": "CC-BY-SA-4.0", "terms": terms}


def verdicts_export(site: Site, settings: Settings) -> dict:
    """Every model under every testable definition, as published at /verdicts.json."""
    glossary = settings.published_url(settings.glossary_page)
    models = settings.published_url(settings.models_page)
    grid = settings.published_url(VERDICTS_PAGE)

    def item(verdict: Verdict) -> dict:
        return {
            "term": verdict.term, "definition": verdict.definition_id, "model": verdict.model_id,
            "verdict": verdict.outcome,
            "failing": [c.criterion_id for c in verdict.failing],
            "unknown": [c.criterion_id for c in verdict.unknown],
            "criteria": [{"id": c.criterion_id, "field": c.field, "value": _plain(c.value), "result": c.result,
                          "evidence": f"{models}#{verdict.model_id}", "source": c.source} for c in verdict.checks],
            "published": _plain(dict(verdict.authority)) if verdict.authority is not None else None,
            "disagrees": verdict.disagrees,
            "url": f"{grid}#{definition_anchor(verdict.term, verdict.model_id)}",
            "definition_url": f"{glossary}#{definition_anchor(verdict.term, verdict.definition_id)}",
            "model_url": f"{models}#{verdict.model_id}",
        }

    return {"name": f"{settings.site_name} verdicts", "license": "CC-BY-SA-4.0",
            "method": ("Computed from the openness matrix (models.json): a model fails a definition when one of "
                       "its criteria fails, cannot be told when none fails but a tested cell is unknown, and "
                       "meets it otherwise. 'published' is the verdict the definition's authority published."),
            "verdicts": [item(v) for v in all_verdicts(site)]}


def term_stub(site: Site, term_id: str) -> str:
    """The stub page of a contested term: front matter, a title and the generated block."""
    name = str(site.terms.get(term_id, {}).get("term", term_id))
    title = f"{name[:1].upper()}{name[1:]}: competing definitions"
    count = len(site.term_definitions.get(term_id, []))
    description = (f"{count} competing definitions of {name}, dated and attributed, "
                   "and which models of our matrix meet each.")
    return ("---\n# Written by debate-export from docs/_data/definitions.yml: edit the data, not this file.\n"
            f"title: {json.dumps(title, ensure_ascii=False)}\n"
            f"description: {json.dumps(description, ensure_ascii=False)}\n---\n\n"
            f"# {title}\n\n[[generate:term-definitions]]\n")


def _dump(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def exports(settings: Settings) -> dict[str, str]:
    """File path -> JSON text of every export."""
    site = load_site(settings.docs_dir)
    return {os.path.join(settings.docs_dir, "glossary.json"): _dump(glossary_export(site, settings)),
            os.path.join(settings.docs_dir, "models.json"): _dump(models_export(site, settings)),
            os.path.join(settings.docs_dir, "timeline.json"): _dump(timeline_export(site, settings)),
            os.path.join(settings.docs_dir, "claims.json"): _dump(claims_export(site, settings)),
            os.path.join(settings.docs_dir, "definitions.json"): _dump(definitions_export(site, settings)),
            os.path.join(settings.docs_dir, "verdicts.json"): _dump(verdicts_export(site, settings)),
            **{os.path.join(settings.docs_dir, term_page(t)): term_stub(site, t)
               for t in site.term_definitions if t in site.terms}}


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
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(text)
    if args.check and stale:
        print("stale exports or term pages (run `make exports`): " + ", ".join(stale))
        return 1
    print(("wrote " if stale else "up to date: ") + ", ".join(stale or ["all exports"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
