"""A new stakeholder file, ready to fill in: `pilotbook new "Marieke Smits" --discipline legal`.

The file carries the screening questions as comments in the handbook's language
(the configured questions' own text), a line that tells YAML-aware editors where
the schema is, and empty answers, which mean "not answered yet": it passes
`pilotbook check` as it is.
"""

from __future__ import annotations

import datetime
import json
import os
import tempfile
import textwrap
from pathlib import Path

from pilotbook.escaping import one_line
from pilotbook.fields import FIELDS
from pilotbook.labels import label
from pilotbook.method import Method


def _scalar(text: str) -> str:
    """A YAML scalar for any text: JSON strings are valid YAML double-quoted scalars."""
    return json.dumps(text, ensure_ascii=False)


def new_stakeholder_text(
    name: str,
    method: Method,
    *,
    discipline: str | None = None,
    external: str | None = None,
    role: str | None = None,
    schema: str | None = None,
    today: datetime.date | None = None,
    language: str = "nl",
) -> str:
    def say(key: str) -> str:
        return label(key, language)

    # What `new` writes with a value; every other field it offers comes from the table.
    given: dict[str, str | None] = {
        "name": _scalar(name),
        "role": _scalar(role) if role else "",
        "discipline": None if external else discipline,
        "external": external,
        "expectation": "",
        "reviewed": (today or datetime.date.today()).isoformat(),
    }
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    for field in FIELDS:
        if field.new is None or (field.only == "internal" and external):
            continue
        if field.prompt:
            text = say(field.prompt)
            lines += textwrap.wrap(text, 86, initial_indent="# ", subsequent_indent="# ")
        if field.kind == "answers":
            lines.append("answers:")
            for number, question in enumerate(method.questions, start=1):
                needed = say("yes" if question.needed else "no")
                # A comment is one line: a line break in the text would end it.
                text = one_line(question.text(language))
                lines.append(f"  # {number}. {text} ({say('new_needed')}: {needed})")
                lines.append(f"  {question.id}:")
        elif field.new == "value":
            if given.get(field.key) is not None:
                lines.append(f"{field.key}: {given[field.key]}".rstrip())
        elif field.kind == "involvement":
            if method.phases:
                lines.append(f"# {field.key}:")
                lines += [f"#   {phase.id}: {field.example[0]}" for phase in method.phases]
        else:
            lines.append(f"# {field.key}: {field.example[0]}")
    return "\n".join(lines) + "\n"


def write_new(path: Path, text: str) -> None:
    """Write `path` whole or not at all; raises FileExistsError rather than overwrite."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        # A hard link appears atomically and fails if the name is taken.
        os.link(temporary, path)
    finally:
        os.unlink(temporary)
