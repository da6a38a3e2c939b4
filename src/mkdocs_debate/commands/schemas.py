"""The JSON Schemas published beside the exports: models.schema.json and verdicts.schema.json.

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
