"""A JSON Schema (draft-07) of the stakeholder file, for editors.

Derived from `stakeholders.FIELDS` and the configured method, the same definition
the validator reads, so an editor that checks against this schema agrees with
`pilotbook check` on every file (checks that span files, such as duplicate ids or
file names, are the validator's alone).
"""

from __future__ import annotations

import json
from typing import Any

from pilotbook.method.model import LEVELS, Method
from pilotbook.records.fields import EXTERNAL_KINDS, FIELDS, choices

_ANSWER_WORDS = ("yes", "no", "ja", "nee", "true", "false", "unknown")


def _any_case(word: str) -> str:
    """A pattern matching `word` in any letter case (JSON Schema has no flags)."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


ANSWER = {
    "description": "yes/no, ja/nee or true/false in any case; unknown, ? or empty: not answered",
    "type": ["boolean", "null", "string"],
    "pattern": r"^\s*(" + "|".join(_any_case(w) for w in _ANSWER_WORDS) + r"|\?|)\s*$",
}
_SCALAR = {"type": ["string", "number", "boolean", "null"]}


def stakeholder_schema(method: Method) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for field in FIELDS:
        schema: dict[str, Any] = {"description": field.description}
        if field.kind == "text":
            schema["type"] = "string" if field.required else ["string", "null"]
            if field.required:
                schema["pattern"] = r"\S"
        elif field.kind == "choice":
            schema["enum"] = [*choices(field.key, method), None]
        elif field.kind == "answers":
            schema["type"] = ["object", "null"]
            schema["properties"] = {
                q.id: {
                    **ANSWER,
                    "description": f"{q.text.en} (needed: {'yes' if q.needed else 'no'})",
                }
                for q in method.questions
            }
            schema["additionalProperties"] = False
        elif field.kind == "involvement":
            schema["type"] = ["object", "null"]
            schema["properties"] = {
                phase.id: {
                    "description": f"{phase.label.en}: the level of taking part",
                    "enum": [*LEVELS, None],
                }
                for phase in method.phases
            }
            schema["additionalProperties"] = False
        elif field.kind == "date":
            schema["type"] = ["string", "null"]
            schema["format"] = "date"
            schema["pattern"] = r"^\d{4}-\d{2}-\d{2}$"
        elif field.kind == "private":
            schema["type"] = ["object", "null"]
        elif field.kind == "mapping":
            schema["type"] = ["object", "null"]
            schema["additionalProperties"] = {
                "anyOf": [_SCALAR, {"type": "array", "items": _SCALAR}]
            }
        properties[field.key] = schema
    null = {"type": "null"}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "pilotbook stakeholder",
        "description": "One stakeholder of a pilot: internal (with a discipline and answers "
        "to the screening questions) or external (direct or indirect).",
        "type": "object",
        "required": [f.key for f in FIELDS if f.required],
        "properties": properties,
        "additionalProperties": False,
        "oneOf": [
            {
                "title": "internal",
                "required": ["discipline"],
                "properties": {
                    "discipline": {"enum": list(method.discipline_ids)},
                    "external": null,
                },
            },
            {
                "title": "external",
                "required": ["external"],
                "properties": {
                    "external": {"enum": list(EXTERNAL_KINDS)},
                    "discipline": null,
                    "answers": null,
                    "interview": null,
                },
            },
        ],
    }


def schema_text(method: Method) -> str:
    return json.dumps(stakeholder_schema(method), ensure_ascii=False, indent=2) + "\n"
