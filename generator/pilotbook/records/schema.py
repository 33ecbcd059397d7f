"""A JSON Schema (draft-07) of a record kind's file, for editors.

Derived from the kind's table of fields, its rules and the configured method, the
same definition the validator reads, so an editor that checks against this schema
agrees with `pilotbook check` on every file (checks that span files, such as
duplicate ids or file names, are the validator's alone).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pilotbook.method.model import LEVELS, Method
from pilotbook.method.pilots import Pilot
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Position, Problem, Severity
from pilotbook.records.fields import Field
from pilotbook.records.files import Unreadable, read_regular_file
from pilotbook.records.record_kind import Kind
from pilotbook.records.visible import BLANK_OR_SHOWN, SHOWN

# The schema's copy in a kind's folder, which editors read (`pilotbook init` writes it).
SCHEMA_FILE = "schema.json"
# Far more than any kind's schema takes.
_MAX_SCHEMA_BYTES = 4 * 1024 * 1024

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


def record_schema(kind: Kind, method: Method, pilots: Sequence[Pilot] = ()) -> dict[str, Any]:
    """The schema of a file of `kind` under `method`; where the handbook lists `pilots`
    (for a kind they judge), the identity at the top, read by `method`, and each
    pilot's judgement under `pilots: <id>:`, by the pilot's method."""
    several = bool(pilots) and kind.judgement is not None
    top = [f for f in kind.fields if not (several and f.pilot)]
    schema: dict[str, Any] = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": f"pilotbook {kind.name}",
        "description": kind.description,
        "type": "object",
        "required": [f.key for f in top if f.required],
        "properties": {f.key: _property(f, method) for f in top},
        "additionalProperties": False,
    }
    if several:
        schema["properties"]["pilots"] = _pilots(kind, pilots)
    if any(f.type == "text" and f.published for f in kind.fields):
        schema["definitions"] = {
            "shown": {"pattern": SHOWN},
            "blank-or-shown": {"pattern": BLANK_OR_SHOWN},
        }
    for rule in kind.rules:
        if rule.schema is not None:
            schema.update(rule.schema(kind, method))
    return schema


def _pilots(kind: Kind, pilots: Sequence[Pilot]) -> dict[str, Any]:
    """`pilots:`: each listed pilot's judgement of the person, by the pilot's method."""
    judged = [f for f in kind.fields if f.pilot]
    return {
        "description": "Each pilot the person takes part in, by its id, with that pilot's "
        "judgement of them ({} for taking part, not judged yet).",
        "type": ["object", "null"],
        "properties": {
            p.id: {
                "description": p.name,
                "type": ["object", "null"],
                "properties": {f.key: _property(f, p.method) for f in judged},
                "additionalProperties": False,
            }
            for p in pilots
        },
        "additionalProperties": False,
    }


def _property(field: Field, method: Method) -> dict[str, Any]:
    """A field's schema, as its type reads it."""
    schema: dict[str, Any] = {"description": field.description}
    if field.type == "text":
        schema["type"] = "string" if field.required else ["string", "null"]
        if field.published:
            # What check refuses as showing nothing (see pilotbook.records.visible).
            shown = "shown" if field.required else "blank-or-shown"
            schema["allOf"] = [{"$ref": f"#/definitions/{shown}"}]
    elif field.type == "choice":
        schema["enum"] = [*field.choices(method), None]
        if field.default is not None:
            schema["default"] = field.default
    elif field.type == "answers":
        schema["type"] = ["object", "null"]
        schema["properties"] = {
            q.id: {
                **ANSWER,
                "description": f"{q.text.en} (needed: {'yes' if q.needed else 'no'})",
            }
            for q in method.questions
        }
        schema["additionalProperties"] = False
    elif field.type == "involvement":
        schema["type"] = ["object", "null"]
        schema["properties"] = {
            phase.id: {
                "description": f"{phase.label.en}: the level of taking part",
                "enum": [*LEVELS, None],
            }
            for phase in method.phases
        }
        schema["additionalProperties"] = False
    elif field.type == "date":
        schema["type"] = ["string", "null"]
        schema["format"] = "date"
        schema["pattern"] = r"^\d{4}-\d{2}-\d{2}$"
    elif field.type == "yesno":
        schema.update({k: v for k, v in ANSWER.items() if k != "description"})
    elif field.type == "number":
        schema["type"] = ["number", "null"]
        schema["minimum"] = 0
    elif field.type == "private":
        schema["type"] = ["object", "null"]
    elif field.type == "mapping":
        schema["type"] = ["object", "null"]
        schema["additionalProperties"] = {"anyOf": [_SCALAR, {"type": "array", "items": _SCALAR}]}
    return schema


def schema_text(kind: Kind, method: Method, pilots: Sequence[Pilot] = ()) -> str:
    return json.dumps(record_schema(kind, method, pilots), ensure_ascii=False, indent=2) + "\n"


def stale_schema(
    kind: Kind,
    method: Method,
    folder: Path,
    display: Callable[[Path], str] = str,
    pilots: Sequence[Pilot] = (),
) -> Problem | None:
    """A warning when the copy of the kind's schema in its folder is not the schema of
    `method` (as JSON: its layout and line ends aside); None when it is, or when the
    folder has no copy. Editors judge the files by the copy: an old one flags valid
    files, or lets wrong ones pass."""
    path = folder / SCHEMA_FILE
    try:
        written = json.loads(read_regular_file(path, _MAX_SCHEMA_BYTES))
    except FileNotFoundError:
        return None
    except (Unreadable, OSError, ValueError):
        written = None
    if written == record_schema(kind, method, pilots):
        return None
    shown = display(path)
    return Problem(
        shown,
        Position(1, 1),
        Severity.WARNING,
        f"this copy of the {kind.name} files' JSON Schema is not the one the handbook's "
        "configuration gives (the configuration, such as its disciplines or questions, or "
        "pilotbook changed since it was written), so editors flag valid files or let wrong "
        "ones pass: run "
        f"'pilotbook schema {kind.plural} > {shown}'",
        Code.STALE_SCHEMA,
    )
