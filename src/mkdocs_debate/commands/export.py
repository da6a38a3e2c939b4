"""debate-export: write the exports and the generated page stubs from the data files.

Usage: debate-export [--config mkdocs.yml] [--check]

Writes docs/glossary.json, docs/timeline.json, docs/claims.json (with each
claim's relations and evidence), the argument map as docs/claims.argdown and
docs/claims.aif.json,
docs/definitions.json, docs/verdicts.json, docs/disagreements.json (the ledger of
where the EU index and the authorities' published verdicts differ from us), the
JSON Schemas beside models.json, verdicts.json and disagreements.json, a stub per contested term
(docs/definitions/<term>.md), docs/models.json and docs/models.csv (both with the
matrix's version and date), a stub page per model (docs/models/<id>.md) and
per bespoke licence (docs/licences/<id>.md), and a comparison page per licence
family with more than one version (docs/licences/<family>-compare.md). In the
hand-written docs/timeline.md it owns two lines, the description and the
heading, which say how far the timeline reaches (from its newest event). A stub
holds only front matter and its ``[[generate:…]]`` line; the build fills it.

They are committed, so that both MkDocs and Zensical publish them as plain
files with no hook. ``--check`` writes nothing and exits 1 if an export or a
stub is stale, missing, or left over from a model or licence that is gone
(the test suite runs it). Without it, left-over stubs are deleted.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import pathlib
import sys

from mkdocs_debate.blocks.argument import aif_record, argdown_text, argument_record
from mkdocs_debate.blocks.claims import claim_record, themes_record
from mkdocs_debate.blocks.common import model_src
from mkdocs_debate.blocks.disagreements import EU_INDEX, LEDGER_PAGE, Entry, ledger, summary
from mkdocs_debate.blocks.timeline import TIMELINE_PAGE
from mkdocs_debate.blocks.timeline import events as timeline_events
from mkdocs_debate.commands.schemas import disagreements_schema, models_schema, verdicts_schema
from mkdocs_debate.commands.stubs import (
    leftover_stubs,
    stubs,
    term_stub,
    timeline_page_text,
)
from mkdocs_debate.data.config import Settings, settings_from_config
from mkdocs_debate.data.matrix import WEIGHT_CONDITIONS
from mkdocs_debate.data.site import CELL_VALUES, DIMENSIONS, Site, iso_date, load_site
from mkdocs_debate.data.vocabulary import DATA_LICENCE, EU_INDEX_CREDIT
from mkdocs_debate.verdicts import (
    VERDICTS_PAGE,
    Verdict,
    all_verdicts,
    definition_anchor,
    evidence_anchor,
    has_criteria,
    term_page,
    verdict_anchor,
)

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


def matrix_edition(site: Site) -> tuple[str, str]:
    """(version, date) of the matrix: its latest history or checked date, unless models.yml names a version."""
    dates = []
    for model in site.matrix:
        dates += [iso_date(item.date) for item in model.history]
        dates += [cell.checked for cell in model.cells.values()]
    latest = max((d for d in dates if d), default=None)
    date = latest.isoformat() if latest else ""
    return str(site.models.get("version") or date), date


def provenance(site: Site, settings: Settings, name: str, schema: str) -> dict:
    """What every export of the matrix opens with: its name, our licence, the matrix's edition,
    its JSON Schema's address and the credit for the EU Open Source AI Index's values."""
    version, date = matrix_edition(site)
    return {
        "name": name,
        "license": DATA_LICENCE,
        "version": version,
        "date": date,
        "schema": settings.published_url(schema),
        "credits": [EU_INDEX_CREDIT],
    }


def models_export(site: Site, settings: Settings) -> dict:
    """The openness matrix as published at /models.json, with the data file's key names."""
    models = []
    for model in site.models.get("models") or []:
        item = json.loads(json.dumps(model, default=str))
        item["url"] = settings.published_url(model_src(settings.models_page, str(model["id"])))
        item["row_url"] = f"{settings.published_url(settings.models_page)}#{model['id']}"
        models.append(item)
    return {
        **provenance(
            site, settings, f"{settings.site_name} model openness matrix", "models.schema.json"
        ),
        "rubric": json.loads(json.dumps(site.models.get("rubric") or {})),
        "dimensions": list(DIMENSIONS),
        "values": sorted(CELL_VALUES, key=["open", "partial", "closed", "unknown"].index),
        "conditions": dict(WEIGHT_CONDITIONS),
        "models": models,
        "pending": json.loads(json.dumps(site.models.get("pending") or [], default=str)),
    }


def timeline_export(site: Site, settings: Settings) -> dict:
    """The timeline as published at /timeline.json, with the data file's keys and each event's URL."""
    page = settings.published_url("timeline.md")
    events = [
        {**json.loads(json.dumps(event, default=str)), "url": f"{page}#{event['id']}"}
        for event in timeline_events(site)
    ]
    return {"name": f"{settings.site_name} timeline", "license": "CC-BY-SA-4.0", "events": events}


def claims_export(site: Site, settings: Settings) -> dict:
    """The claim map as published at /claims.json: each claim and where each side is argued."""
    claims = [
        {**claim_record(site, page, settings), **argument_record(site, page, settings)}
        for _, page in sorted(site.claims.items())
    ]
    return {
        "name": f"{settings.site_name} claim map",
        "license": "CC-BY-SA-4.0",
        "themes": themes_record(site, settings),
        "claims": claims,
    }


def _plain(data: object) -> object:
    """Data read from YAML as plain JSON values (dates as ISO strings)."""
    return json.loads(json.dumps(data, default=str))


def definitions_export(site: Site, settings: Settings) -> dict:
    """The competing definitions as published at /definitions.json, with the data file's keys and URLs."""
    glossary = settings.published_url(settings.glossary_page)
    terms = []
    for term_id, definitions in site.term_definitions.items():
        page = settings.published_url(term_page(term_id))
        items = [
            {
                **_plain(d.written),
                "testable": has_criteria(d),
                "url": f"{glossary}#{definition_anchor(term_id, d.id)}",
                "page_url": f"{page}#{d.id}",
            }
            for d in definitions
        ]
        terms.append(
            {
                "term": term_id,
                "name": str(site.terms.get(term_id, {}).get("term", term_id)),
                "url": f"{glossary}#{term_id}",
                "page_url": page,
                "definitions": items,
            }
        )
    return {
        "name": f"{settings.site_name} competing definitions",
        "license": "CC-BY-SA-4.0",
        "terms": terms,
    }


def verdicts_export(site: Site, settings: Settings, computed_from: dict | None = None) -> dict:
    """Every model under every testable definition, as published at /verdicts.json.

    ``computed_from`` records the matrix edition and the SHA-256 of the models.json and
    definitions.json the verdicts were computed from (exports() passes it)."""
    glossary = settings.published_url(settings.glossary_page)
    models = settings.published_url(settings.models_page)
    grid = settings.published_url(VERDICTS_PAGE)
    model_pages = {
        model_id: settings.published_url(model_src(settings.models_page, model_id))
        for model_id in site.models_by_id
    }

    def item(verdict: Verdict) -> dict:
        return {
            "term": verdict.term,
            "definition": verdict.definition_id,
            "model": verdict.model_id,
            "verdict": verdict.outcome,
            "failing": [c.criterion_id for c in verdict.failing],
            "unknown": [c.criterion_id for c in verdict.unknown],
            "criteria": [
                {
                    "id": c.criterion_id,
                    "field": c.field,
                    "value": _plain(c.value),
                    "result": c.result,
                    "evidence": f"{model_pages[verdict.model_id]}#{evidence_anchor(c.field)}",
                    "source": c.source,
                }
                for c in verdict.checks
            ],
            "published": {
                "model": verdict.authority.model,
                "verdict": verdict.authority.verdict,
                "source": verdict.authority.source,
            }
            if verdict.authority is not None
            else None,
            "disagrees": verdict.disagrees,
            "to_flip": [flip.as_dict() for flip in verdict.to_flip],
            "url": f"{grid}#{verdict_anchor(verdict.term, verdict.definition_id, verdict.model_id)}",
            "definition_url": f"{glossary}#{definition_anchor(verdict.term, verdict.definition_id)}",
            "model_url": f"{models}#{verdict.model_id}",
        }

    version, date = matrix_edition(site)
    return {
        **provenance(site, settings, f"{settings.site_name} verdicts", "verdicts.schema.json"),
        "computed_from": computed_from or {"matrix_version": version, "matrix_date": date},
        "method": (
            "Computed from the openness matrix (models.json): a model fails a definition when one of "
            "its criteria fails, cannot be told when none fails but a tested cell is unknown, and "
            "meets it otherwise. 'published' is the verdict the definition's authority published."
        ),
        "verdicts": [item(v) for v in all_verdicts(site)],
    }


def disagreements_export(site: Site, settings: Settings) -> dict:
    """The disagreement ledger as published at /disagreements.json: each entry, both values, both reasons."""
    page = settings.published_url(LEDGER_PAGE)
    grid = settings.published_url(VERDICTS_PAGE)

    def item(entry: Entry) -> dict:
        model_page = settings.published_url(model_src(settings.models_page, entry.model.id))
        evidence = (
            f"{model_page}#{evidence_anchor(f'openness.{entry.dimension}')}"
            if entry.instrument == EU_INDEX
            else f"{grid}#{verdict_anchor(entry.term or '', entry.definition or '', entry.model.id)}"
        )
        return {
            "id": entry.anchor,
            "url": f"{page}#{entry.anchor}",
            "model": entry.model.id,
            "model_name": entry.model.name,
            "model_url": model_page,
            "instrument": entry.instrument,
            "dimension": entry.dimension,
            "term": entry.term,
            "definition": entry.definition,
            "parameter": entry.parameter,
            "theirs": {
                "by": entry.by,
                "value": entry.theirs,
                "source": entry.their_source,
                "reason": entry.their_reason,
            },
            "ours": {
                "value": entry.ours,
                "source": entry.our_source,
                "evidence": evidence,
                "reason": entry.our_reason,
            },
        }

    entries = ledger(site)
    return {
        **provenance(
            site, settings, f"{settings.site_name} disagreement ledger", "disagreements.schema.json"
        ),
        "method": (
            "Where another instrument rates a model of the matrix otherwise than we do: each "
            "dimension the European Open Source AI Index rates otherwise (the row's eu_index "
            "disagreements in models.json), and each verdict an authority published that is the "
            "opposite of ours (verdicts.json, 'disagrees'). Each entry gives both values, their "
            "sources and both reasons."
        ),
        "summary": summary(entries),
        "disagreements": [item(e) for e in entries],
    }


CSV_MODEL_COLUMNS = (
    "id",
    "name",
    "version",
    "organisation",
    "released",
    "licence",
    "licence_spdx",
    "osi_approved",
)
CSV_CELL_COLUMNS = ("", "_gated", "_note", "_source", "_checked")


def models_csv(site: Site, settings: Settings) -> str:
    """The openness matrix as published at /models.csv: one row per model, the matrix's version and date in each."""
    version, date = matrix_edition(site)
    header = [
        "matrix_version",
        "matrix_date",
        *CSV_MODEL_COLUMNS,
        *(f"{d}{suffix}" for d in DIMENSIONS for suffix in CSV_CELL_COLUMNS),
        "weights_conditions",
        "score",
        "url",
        "data_licence",
        "credit",
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for model in site.matrix:
        licence = model.licence
        row = [
            version,
            date,
            model.id,
            model.name,
            model.version,
            model.organisation.text,
            model.released.text,
            licence.text,
            licence.spdx or "",
            "yes" if model.osi_approved.value else "no",
        ]
        for dimension in DIMENSIONS:
            cell = model.cell(dimension)
            row += [
                cell.value,
                "yes" if cell.gated else "",
                cell.note.strip(),
                cell.source,
                cell.checked or cell.basis or "",
            ]
        row += [
            " ".join(sorted(model.cell("weights").conditions)),
            f"{model.score:g}",
            settings.published_url(model_src(settings.models_page, model.id)),
            DATA_LICENCE,
            f"{EU_INDEX_CREDIT['name']}, {EU_INDEX_CREDIT['url']} ({EU_INDEX_CREDIT['license']})",
        ]
        writer.writerow(["" if value is None else str(value) for value in row])
    return out.getvalue()


def _dump(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def exports(settings: Settings) -> dict[str, str]:
    """File path -> text of every export and generated page stub."""
    site = load_site(settings.docs_dir)
    models_json = _dump(models_export(site, settings))
    definitions_json = _dump(definitions_export(site, settings))
    version, date = matrix_edition(site)
    computed_from = {
        "matrix_version": version,
        "matrix_date": date,
        "models_json_sha256": hashlib.sha256(models_json.encode()).hexdigest(),
        "definitions_json_sha256": hashlib.sha256(definitions_json.encode()).hexdigest(),
    }
    files = {
        os.path.join(settings.docs_dir, "glossary.json"): _dump(glossary_export(site, settings)),
        os.path.join(settings.docs_dir, "models.json"): models_json,
        os.path.join(settings.docs_dir, "models.schema.json"): _dump(models_schema(settings)),
        os.path.join(settings.docs_dir, "verdicts.schema.json"): _dump(verdicts_schema(settings)),
        os.path.join(settings.docs_dir, "disagreements.json"): _dump(
            disagreements_export(site, settings)
        ),
        os.path.join(settings.docs_dir, "disagreements.schema.json"): _dump(
            disagreements_schema(settings)
        ),
        os.path.join(settings.docs_dir, "models.csv"): models_csv(site, settings),
        os.path.join(settings.docs_dir, "timeline.json"): _dump(timeline_export(site, settings)),
        os.path.join(settings.docs_dir, "claims.json"): _dump(claims_export(site, settings)),
        os.path.join(settings.docs_dir, "claims.argdown"): argdown_text(site, settings),
        os.path.join(settings.docs_dir, "claims.aif.json"): _dump(aif_record(site, settings)),
        os.path.join(settings.docs_dir, "definitions.json"): definitions_json,
        os.path.join(settings.docs_dir, "verdicts.json"): _dump(
            verdicts_export(site, settings, computed_from)
        ),
        **{
            os.path.join(settings.docs_dir, term_page(t)): term_stub(site, t)
            for t in site.term_definitions
            if t in site.terms
        },
    }
    timeline_md = os.path.join(settings.docs_dir, TIMELINE_PAGE)
    if os.path.exists(timeline_md):
        files[timeline_md] = timeline_page_text(
            site, pathlib.Path(timeline_md).read_text(encoding="utf-8")
        )
    return files | {
        os.path.join(settings.docs_dir, src): text for src, text in stubs(site, settings).items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml")
    parser.add_argument("--check", action="store_true", help="exit 1 if an export is stale")
    args = parser.parse_args(argv)
    root = os.path.dirname(os.path.abspath(args.config))
    settings = settings_from_config(args.config)
    stale = []
    files = exports(settings)
    for path, text in files.items():
        current = pathlib.Path(path).read_text(encoding="utf-8") if os.path.exists(path) else None
        if current != text:
            stale.append(os.path.relpath(path, root))
            if not args.check:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(text)
    wanted = {os.path.relpath(path, settings.docs_dir).replace(os.sep, "/") for path in files}
    leftover = leftover_stubs(settings, dict.fromkeys(wanted, ""))
    if args.check and (stale or leftover):
        if stale:
            print("stale exports (run `make exports`): " + ", ".join(stale))
        if leftover:
            print(
                "pages without a model or licence (run `make exports`, and redirect their URLs): "
                + ", ".join(
                    os.path.relpath(os.path.join(settings.docs_dir, src), root) for src in leftover
                )
            )
        return 1
    for src in leftover:
        os.remove(os.path.join(settings.docs_dir, src))
    done = stale + [
        f"removed {os.path.relpath(os.path.join(settings.docs_dir, src), root)}" for src in leftover
    ]
    print(("wrote " if done else "up to date: ") + ", ".join(done or ["all exports"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
