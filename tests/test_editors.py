"""What editors read agrees with `check`: the JSON Schema refuses what check refuses
(a text that shows nothing), and check says when a kind's `schema.json` is no longer
the handbook's, with the command that writes it anew."""

from __future__ import annotations

import jsonschema
import pytest
from conftest import configure, pilotbook, write

from pilotbook.method.model import DEFAULT_METHOD
from pilotbook.records.callers import CALLERS
from pilotbook.records.schema import record_schema
from pilotbook.records.stakeholders import STAKEHOLDERS
from pilotbook.records.validation import read_record
from pilotbook.yaml.source import parse

# Texts that show nothing, and some that show something however little.
TEXTS = [
    "\u200b",
    "\u200b\u200c\u200d",
    "\u2060\ufeff",
    "\u00ad ",
    "\u0301",
    "\u3164",
    "\u2800",
    "\u180e",
    "\u061c",
    "\ue000",
    " \u00a0\u3000",
    "A",
    "\u200ba",
    "é",
    "\u0301e",
    "漢",
    "😀",
    "-",
]


@pytest.mark.parametrize("kind", [STAKEHOLDERS, CALLERS], ids=lambda kind: kind.plural)
@pytest.mark.parametrize("text", TEXTS, ids=ascii)
@pytest.mark.parametrize("key", ["name", "role"])
def test_the_schema_refuses_a_text_that_shows_nothing_as_check_does(kind, text, key):
    placed = "discipline: it\n" if kind is STAKEHOLDERS else ""
    escaped = text.encode("unicode_escape").decode().replace('"', '\\"')
    raw = f'name: "{escaped}"\n' if key == "name" else f'name: Ada\n{key}: "{escaped}"\n'
    raw = (raw + placed).encode()
    parts, problems = read_record(kind, raw, "it/ada", "ada.yml", DEFAULT_METHOD)
    schema = jsonschema.Draft7Validator(record_schema(kind, DEFAULT_METHOD))
    assert schema.is_valid(parse(raw.decode()).data) == (parts is not None), problems


def stale_schema_warnings(project) -> list[str]:
    result = pilotbook("check", cwd=project)
    return [line for line in result.stdout.splitlines() if "(stale-schema)" in line]


def test_check_says_when_a_schema_for_editors_is_stale_and_how_to_write_it_anew(project):
    assert stale_schema_warnings(project) == []  # the sample's copy is current
    # A discipline more: the copy no longer knows it, and an editor flags its people.
    configure(
        project,
        """
        pilot: P
        disciplines:
          - id: it
            label: IT
          - id: hr
            label: HR
        """,
    )
    write(project, "callers/schema.json", '{"title": "an old schema"}\n')
    command = "pilotbook schema stakeholders > stakeholders/schema.json"
    assert stale_schema_warnings(project) == [
        "callers/schema.json:1:1: warning: this copy of the caller files' JSON Schema is not "
        "the one the handbook's configuration gives (the configuration, such as its "
        "disciplines or questions, or pilotbook changed since it was written), so editors "
        "flag valid files or let wrong ones pass: run 'pilotbook schema callers > "
        "callers/schema.json' (stale-schema)",
        "stakeholders/schema.json:1:1: warning: this copy of the stakeholder files' JSON "
        "Schema is not the one the handbook's configuration gives (the configuration, such "
        "as its disciplines or questions, or pilotbook changed since it was written), so "
        f"editors flag valid files or let wrong ones pass: run '{command}' (stale-schema)",
    ]
    # The commands it names write the copies anew; the layout of a copy is no matter.
    for kind in ("stakeholders", "callers"):
        written = pilotbook("schema", kind, cwd=project)
        assert written.returncode == 0
        (project / kind / "schema.json").write_text(written.stdout.replace("\n", "\r\n"))
    assert stale_schema_warnings(project) == []
    assert '"hr"' in (project / "stakeholders" / "schema.json").read_text()
