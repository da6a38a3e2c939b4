"""The JSON Schemas published beside the exports: models, verdicts and disagreements.

A row's schema is not written by hand: it is the declaration the checker and
the typed model share (``data/matrix.py`` through ``data/schema.json_schema``),
so the export, the data file's rules and the schema cannot drift apart. A test
validates every export against its schema.
"""

from __future__ import annotations

from mkdocs_debate.data.config import Settings
from mkdocs_debate.data.matrix import CELL_VALUES, DIMENSIONS, WEIGHT_CONDITIONS, Model, Pending
from mkdocs_debate.data.schema import ISO_DAY, json_schema

DRAFT = "https://json-schema.org/draft/2020-12/schema"
TEXT = {"type": "string"}
DAY = {"type": "string", "pattern": ISO_DAY}
URL = {"type": "string", "pattern": "^https?://"}
CREDIT = {
    "type": "object",
    "properties": {k: TEXT for k in ("name", "url", "doi", "license", "used_for")},
    "required": ["name", "url", "license"],
}
PROVENANCE = {
    "name": TEXT,
    "license": TEXT,
    "version": TEXT,
    "date": {"anyOf": [DAY, {"const": ""}]},
    "schema": URL,
    "credits": {"type": "array", "items": CREDIT},
}


def _document(settings: Settings, name: str, title: str, properties: dict) -> dict:
    return {
        "$schema": DRAFT,
        "$id": settings.published_url(name),
        "title": title,
        "type": "object",
        "properties": {**PROVENANCE, **properties},
        "required": [*PROVENANCE, *properties],
        "additionalProperties": False,
    }


def models_schema(settings: Settings) -> dict:
    """models.json: the matrix's rows as models.yml writes them, each with its page's address."""
    row = json_schema(Model)
    row["properties"] = {**row["properties"], "url": URL, "row_url": URL}
    row["required"] = [*row["required"], "url", "row_url"]
    return _document(
        settings,
        "models.schema.json",
        f"{settings.site_name} model openness matrix",
        {
            "rubric": {"type": "object"},
            "dimensions": {"const": list(DIMENSIONS)},
            "values": {"type": "array", "items": {"enum": sorted(CELL_VALUES)}},
            "conditions": {
                "type": "object",
                "properties": {c: TEXT for c in WEIGHT_CONDITIONS},
                "additionalProperties": False,
            },
            "models": {"type": "array", "items": row},
            "pending": {"type": "array", "items": json_schema(Pending)},
        },
    )


VERDICT_VALUES = ["meets", "fails", "cannot-tell"]


def verdicts_schema(settings: Settings) -> dict:
    """verdicts.json: every model under every testable definition, with the criteria and to_flip."""
    criterion = {
        "type": "object",
        "properties": {
            "id": TEXT,
            "field": TEXT,
            "value": {},
            "result": {"enum": ["pass", "fail", "unknown"]},
            "evidence": URL,
            "source": TEXT,
        },
        "required": ["id", "field", "value", "result", "evidence", "source"],
        "additionalProperties": False,
    }
    flip = {
        "type": "object",
        "properties": {"criterion": TEXT, "field": TEXT, "from": {}, "to": {}},
        "required": ["criterion", "field", "from", "to"],
        "additionalProperties": False,
    }
    published = {
        "anyOf": [
            {"type": "null"},
            {
                "type": "object",
                "properties": {
                    "model": TEXT,
                    "verdict": {"enum": ["meets", "fails"]},
                    "source": TEXT,
                },
                "required": ["model", "verdict", "source"],
            },
        ]
    }
    verdict = {
        "type": "object",
        "properties": {
            "term": TEXT,
            "definition": TEXT,
            "model": TEXT,
            "verdict": {"enum": VERDICT_VALUES},
            "failing": {"type": "array", "items": TEXT},
            "unknown": {"type": "array", "items": TEXT},
            "criteria": {"type": "array", "items": criterion, "minItems": 1},
            "published": published,
            "disagrees": {"type": "boolean"},
            "to_flip": {"type": "array", "items": flip},
            "url": URL,
            "definition_url": URL,
            "model_url": URL,
        },
        "additionalProperties": False,
    }
    verdict["required"] = list(verdict["properties"])
    computed_from = {
        "type": "object",
        "properties": {
            "matrix_version": TEXT,
            "matrix_date": {"anyOf": [DAY, {"const": ""}]},
            "models_json_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "definitions_json_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        },
        "required": [
            "matrix_version",
            "matrix_date",
            "models_json_sha256",
            "definitions_json_sha256",
        ],
    }
    return _document(
        settings,
        "verdicts.schema.json",
        f"{settings.site_name} verdicts",
        {
            "method": TEXT,
            "computed_from": computed_from,
            "verdicts": {"type": "array", "items": verdict},
        },
    )


def disagreements_schema(settings: Settings) -> dict:
    """disagreements.json: where the EU index or a published verdict differs from us, and why."""
    nullable = {"anyOf": [TEXT, {"type": "null"}]}
    cell_or_verdict = {"enum": sorted(CELL_VALUES | set(VERDICT_VALUES))}
    theirs = {
        "type": "object",
        "properties": {"by": TEXT, "value": cell_or_verdict, "source": URL, "reason": TEXT},
        "required": ["by", "value", "source", "reason"],
        "additionalProperties": False,
    }
    ours = {
        "type": "object",
        "properties": {
            "value": cell_or_verdict,
            "source": {"anyOf": [URL, {"const": ""}]},
            "evidence": URL,
            "reason": TEXT,
        },
        "required": ["value", "source", "evidence", "reason"],
        "additionalProperties": False,
    }
    entry = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "pattern": "^d-[a-z0-9-]+--[a-z0-9-]+$"},
            "url": URL,
            "model": TEXT,
            "model_name": TEXT,
            "model_url": URL,
            "instrument": {"enum": ["eu-index", "published-verdict"]},
            "dimension": {"anyOf": [{"enum": list(DIMENSIONS)}, {"type": "null"}]},
            "term": nullable,
            "definition": nullable,
            "parameter": TEXT,
            "theirs": theirs,
            "ours": ours,
        },
        "additionalProperties": False,
        # an index entry names a dimension, a published verdict its term and definition
        "oneOf": [
            {
                "properties": {
                    "instrument": {"const": "eu-index"},
                    "dimension": {"type": "string"},
                    "term": {"type": "null"},
                    "definition": {"type": "null"},
                }
            },
            {
                "properties": {
                    "instrument": {"const": "published-verdict"},
                    "dimension": {"type": "null"},
                    "term": {"type": "string"},
                    "definition": {"type": "string"},
                }
            },
        ],
    }
    entry["required"] = list(entry["properties"])
    count = {"type": "integer", "minimum": 0}
    return _document(
        settings,
        "disagreements.schema.json",
        f"{settings.site_name} disagreement ledger",
        {
            "method": TEXT,
            "summary": {
                "type": "object",
                "properties": {
                    k: count for k in ("disagreements", "models", "eu_index", "published_verdicts")
                },
                "required": ["disagreements", "models", "eu_index", "published_verdicts"],
                "additionalProperties": False,
            },
            "disagreements": {"type": "array", "items": entry},
        },
    )
