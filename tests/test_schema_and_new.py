"""The JSON Schema editors use agrees with `check`; `pilotbook new` writes valid files."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from conftest import REPO, copy_sample, mkdocs_build, pilotbook, write
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_stakeholder_files import BROKEN

import pilotbook as package
from pilotbook.audience.view import publish
from pilotbook.config.handbook import Handbook
from pilotbook.method.model import DEFAULT_METHOD
from pilotbook.problems.codes import Code
from pilotbook.records.fields import Field
from pilotbook.records.loading import load_kind
from pilotbook.records.new import new_record_text
from pilotbook.records.schema import record_schema
from pilotbook.records.stakeholders import (
    STAKEHOLDERS,
    Stakeholder,
    load_stakeholders,
    new_stakeholder_text,
    read_stakeholder,
    stakeholder_schema,
)
from pilotbook.records.validation import read_record
from pilotbook.review.diff import Side, as_json, as_markdown, compare
from pilotbook.review.report import render
from pilotbook.screening.shortlist import screen
from pilotbook.site.pages import render_site
from pilotbook.yaml.source import YamlSyntaxError, decode, parse

VALIDATOR = jsonschema.Draft7Validator(
    stakeholder_schema(DEFAULT_METHOD), format_checker=jsonschema.FormatChecker()
)

EXTRA_CASES = {
    "answers in every spelling": "name: A\ndiscipline: it\nanswers:\n  impact: JA\n"
    "  expectations: No\n  relationship: true\n  replaceable: ''\n  appointed: ' ? '\n",
    "external with empty answers": "name: K\nexternal: direct\nanswers:\n",
    "external with an interview": "name: K\nexternal: direct\ninterview: selected\n",
    "discipline empty": "name: A\ndiscipline:\n",
    "both, one empty": "name: A\ndiscipline: it\nexternal:\n",
    "whitespace name": "name: '   '\ndiscipline: it\n",
    "number as answer": "name: A\ndiscipline: it\nanswers: {impact: 1}\n",
    "extra list": "name: A\ndiscipline: it\nextra: {talen: [nl, en], uren: 8, vast: true}\n",
    "extra list of mappings": "name: A\ndiscipline: it\nextra: {x: [{a: 1}]}\n",
    "reviewed with a time": "name: A\ndiscipline: it\nreviewed: 2026-01-05 10:00:00\n",
    "reviewed quoted": "name: A\ndiscipline: it\nreviewed: '2026-01-05'\n",
    "involvement planned": "name: A\ndiscipline: it\ninvolvement: {setup: involve, "
    "execution: none, evaluation: null}\ninfluence: high\ninterest: low\n",
    "involvement of an external": "name: K\nexternal: direct\ninvolvement: {execution: empower}\n",
    "involvement in an unknown phase": "name: A\ndiscipline: it\ninvolvement: {launch: inform}\n",
    "involvement at an unknown level": "name: A\ndiscipline: it\ninvolvement: {setup: informed}\n",
    "involvement as a list": "name: A\ndiscipline: it\ninvolvement: [setup]\n",
    "involvement level as a number": "name: A\ndiscipline: it\ninvolvement: {setup: 3}\n",
    "influence in capitals": "name: A\ndiscipline: it\ninfluence: High\n",
    "interest as a boolean": "name: A\nexternal: indirect\ninterest: true\n",
}


def _readable(raw: bytes) -> bool:
    try:
        parse(decode(raw))
    except YamlSyntaxError:
        return False  # not YAML: neither a schema nor an editor can judge it
    return True


def _cases() -> dict[str, bytes]:
    cases = {
        f"sample {p.relative_to(REPO)}": p.read_bytes()
        for p in sorted((REPO / "stakeholders").rglob("*.yml"))
    }
    for name, (text, _) in BROKEN.items():
        cases[f"broken: {name}"] = text if isinstance(text, bytes) else text.encode()
    for name, text in EXTRA_CASES.items():
        cases[name] = text.encode()
    return {name: raw for name, raw in cases.items() if _readable(raw)}


CASES = _cases()


@pytest.mark.parametrize("case", list(CASES))
def test_schema_and_validator_agree(case):
    raw = CASES[case]
    data = parse(decode(raw)).data
    as_json = json.loads(json.dumps(data, default=str))
    schema_ok = VALIDATOR.is_valid(as_json)
    stakeholder, problems = read_stakeholder(raw, "legal/x", "x.yml", DEFAULT_METHOD)
    assert schema_ok == (stakeholder is not None), (case, problems)


def test_most_cases_are_compared():
    assert len(CASES) >= 60


def test_committed_schema_is_current():
    result = pilotbook("schema", cwd=REPO)
    assert result.returncode == 0
    assert (REPO / "stakeholders" / "schema.json").read_text() == result.stdout, (
        "stakeholders/schema.json is out of date: run 'pilotbook schema > stakeholders/schema.json'"
    )


def test_new_internal_stakeholder_round_trips_through_check(tmp_path):
    result = pilotbook("new", "Marieke Ångström-Smits", "--discipline", "legal", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "stakeholders" / "legal" / "marieke-angstrom-smits.yml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../schema.json\n")
    assert "# 4. Kan de pilot zonder deze stakeholder" in text
    assert f"reviewed: {datetime.date.today().isoformat()}" in text
    check = pilotbook("check", cwd=tmp_path)
    assert check.returncode == 0, check.stdout
    assert check.stdout.strip() == "1 file checked, no problems"
    report = json.loads(pilotbook("report", "--format", "json", cwd=tmp_path).stdout)
    (person,) = report["stakeholders"]
    assert person["name"] == "Marieke Ångström-Smits"
    assert person["status"] == "pending"
    assert person["unanswered"] == list(DEFAULT_METHOD.question_ids)


def test_new_external_stakeholder(tmp_path):
    result = pilotbook("new", "De Consumentenbond", "--external", "indirect", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "stakeholders" / "external" / "de-consumentenbond.yml"
    assert "external: indirect" in path.read_text()
    assert pilotbook("check", cwd=tmp_path).returncode == 0


def test_new_never_overwrites(tmp_path):
    existing = write(tmp_path, "stakeholders/legal/marieke-smits.yml", "name: Keep\n")
    result = pilotbook("new", "Marieke Smits", "--discipline", "legal", cwd=tmp_path)
    assert result.returncode == 1
    assert "stakeholders/legal/marieke-smits.yml: already exists" in result.stderr
    assert existing.read_text() == "name: Keep\n"
    assert sorted(p.name for p in existing.parent.iterdir()) == ["marieke-smits.yml"]


def test_new_rejects_an_unknown_discipline(tmp_path):
    result = pilotbook("new", "X", "--discipline", "finance", cwd=tmp_path)
    assert result.returncode == 1
    assert "unknown discipline 'finance'" in result.stderr
    assert not (tmp_path / "stakeholders").exists()


def test_every_field_of_the_table_reaches_the_model_the_schema_and_new():
    """Each entry of the stakeholder's table is a property of the schema, an attribute of
    the model (if published) and offered by `new` as the table says."""
    attributes = {f.name for f in dataclasses.fields(Stakeholder)}
    properties = stakeholder_schema(DEFAULT_METHOD)["properties"]
    written = new_stakeholder_text(
        "A", DEFAULT_METHOD, discipline="it", language="en"
    ) + new_stakeholder_text("B", DEFAULT_METHOD, external="direct", language="en")
    for field in STAKEHOLDERS.fields:
        assert field.key in properties, field.key
        assert (field.key in attributes) == field.published, field.key
        offered = f"\n{field.key}:" in "\n" + written or f"\n# {field.key}:" in written
        assert offered == (field.new is not None), field.key


# The recipe for a new field: one entry in its kind's table, plus the template lines that
# show it. A kind made with two entries more stands for the table with them added.
UNIT = Field("unit", "text", "The colleague's unit.", public=True, example=("Sales",), report=True)
ROOM = Field("room", "text", "Where the colleague sits.", report=True)
WITH_TWO_MORE = dataclasses.replace(STAKEHOLDERS, fields=(*STAKEHOLDERS.fields, UNIT, ROOM))
NEEDED = "".join(f"  {q.id}: {'yes' if q.needed else 'no'}\n" for q in DEFAULT_METHOD.questions)
ANNA = f"name: Anna\ndiscipline: legal\nunit: Privacy office\nroom: B 4.12\nanswers:\n{NEEDED}"


def _shown_lines(page: str) -> str:
    """A copy of pilotbook's page of a stakeholder with a line for each new field."""
    role = '| {{ t.role }} | {{ stakeholder.role or "–" }} |\n'
    added = "| Unit | {{ stakeholder.unit }} |\n| Room | {{ stakeholder.room or '–' }} |\n"
    assert role in page
    return page.replace(role, role + added)


def _side(name: str, folder: Path) -> Side:
    loaded = load_kind(WITH_TWO_MORE, folder, DEFAULT_METHOD)
    return Side(name, loaded, screen(loaded.stakeholders, DEFAULT_METHOD, WITH_TWO_MORE))


def test_a_field_added_to_the_table_reaches_every_output(tmp_path):
    folder = tmp_path / "stakeholders"
    write(folder, "legal/anna.yml", ANNA)
    write(folder, "it/bram.yml", "name: Bram\ndiscipline: it\nunit: 5\nroom: [a]\n")
    # check: the new fields are read as their type says, and only the kind with them knows them.
    loaded = load_kind(WITH_TWO_MORE, folder, DEFAULT_METHOD)
    assert [(p.path, p.code) for p in loaded.problems] == [
        (str(folder / "it/bram.yml"), Code.NOT_TEXT)
    ] * 2
    (anna,) = loaded.stakeholders
    assert (anna.unit, anna.room, anna.name) == ("Privacy office", "B 4.12", "Anna")
    unknown = load_stakeholders(folder, DEFAULT_METHOD).problems
    assert {p.code for p in unknown} == {Code.UNKNOWN_KEY}
    # the schema describes them, and agrees with check on the file.
    schema = record_schema(WITH_TWO_MORE, DEFAULT_METHOD)
    assert schema["properties"]["unit"] == {
        "description": UNIT.description,
        "type": ["string", "null"],
        "allOf": [{"$ref": "#/definitions/blank-or-shown"}],
    }
    jsonschema.validate(parse(ANNA).data, schema)
    # new offers them, and what it writes passes check.
    text = new_record_text(WITH_TWO_MORE, DEFAULT_METHOD, {"name": '"Cas"', "discipline": "it"})
    assert "\n# unit: Sales\n# room:\n" in text
    parts, problems = read_record(WITH_TWO_MORE, text.encode(), "it/cas", "cas.yml", DEFAULT_METHOD)
    assert parts is not None and problems == []
    # both audiences' reports: the team sees both, the intranet the public one only.
    folder.joinpath("it/bram.yml").unlink()
    base = _side("base", folder)
    for audience, room in (("team", "B 4.12"), ("intranet", None)):
        view = publish(base.screening, audience)
        (person,) = json.loads(render(view, "en", "json"))["stakeholders"]
        assert (person["unit"], person["room"]) == ("Privacy office", room)
        header, row = render(view, "en", "csv").splitlines()
        assert dict(zip(header.split(","), row.split(","), strict=True))["unit"] == "Privacy office"
    # the diff names a changed field.
    write(folder, "legal/anna.yml", ANNA.replace("Privacy office", "Legal office"))
    changes = compare(base, _side("head", folder))
    (change,) = changes.people
    assert change.fields == ("unit",)
    assert json.loads(as_json(changes, "en"))["stakeholders"][0]["fields"] == ["unit"]
    assert "unit" in as_markdown(changes, "en")
    # the person page, with the template lines that show them, in both audiences.
    pages = tmp_path / "pages"
    packaged = Path(package.__file__).parent / "site" / "templates" / "stakeholder.md"
    write(pages, "stakeholder.md", _shown_lines(packaged.read_text(encoding="utf-8")))
    screening = _side("head", folder).screening
    for audience, room in (("team", "| Room | B 4.12 |"), ("intranet", "| Room | – |")):
        handbook = Handbook(folder, base_dir=tmp_path, templates_dir=pages, audience=audience)
        made, _ = render_site(screening, handbook, "index.md")
        (page,) = [p for p in made if p.path == "stakeholders/people/legal/anna.md"]
        assert "| Unit | Legal office |" in page.content and room in page.content


@contextlib.contextmanager
def _new_in_a_fresh_folder(*args: str) -> Iterator[tuple[int, str, list[str], Path]]:
    """`pilotbook new` run in-process in a new, empty folder (no handbook: the default
    method): its status, what it said, the files it left, and that folder."""
    from pilotbook.commands.cli import main

    with tempfile.TemporaryDirectory() as name, contextlib.chdir(name):
        said = io.StringIO()
        with contextlib.redirect_stderr(said), contextlib.redirect_stdout(said):
            status = main(["new", "--discipline", "it", *args])
        folder = Path(name)
        files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        yield status, said.getvalue(), files, folder


def _read_back(folder: Path):
    return load_stakeholders(folder / "stakeholders", DEFAULT_METHOD)


@pytest.mark.parametrize(
    ("folder", "says"),
    [
        (".archive", "'pilotbook check' and the build read no folder whose name starts with '.'"),
        ("old/.hidden", "read no folder whose name starts with '.'"),
        ("CON", "'CON' cannot be part of a stakeholder id"),
        ("legal/aux", "'aux' cannot be part of a stakeholder id"),
        ("Legal", "'Legal' cannot be part of a stakeholder id"),
        ("two words", "'two words' cannot be part of a stakeholder id"),
        ("/".join(["a"] * 33), "'pilotbook check' reads no more than 32 levels of folders"),
    ],
)
def test_new_refuses_a_folder_that_check_would_not_read_or_would_refuse(folder, says):
    with _new_in_a_fresh_folder(f"--folder={folder}", "--", "Anna Smits") as found:
        status, said, files, _ = found
    assert status == 1
    assert said.startswith(f"pilotbook: error: --folder {folder}: ") and says in said
    assert files == []


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(["legal", "a_b", "x-1", ".old", "CON", "nul", "Ab", "a b", "é", "", "."]),
        max_size=3,
    ).map("/".join)
    | st.text(max_size=10)
)
def test_whatever_folder_new_writes_in_check_reads_and_accepts(folder):
    assume(folder != "--")  # argparse before Python 3.12 drops a value that is just "--"
    with _new_in_a_fresh_folder(f"--folder={folder}", "--", "Anna") as (status, said, files, root):
        if status != 0:
            assert status == 1 and said.startswith("pilotbook: error: --folder ") and files == []
            return
        (written,) = files
        assert written.startswith("stakeholders/") and written.endswith("/anna.yml")
        loaded = _read_back(root)
        assert loaded.files == 1 and loaded.problems == () and len(loaded.stakeholders) == 1


# Characters YAML takes for line breaks or refuses, quotes and escapes, noncharacters.
_AWKWARD = st.sampled_from(
    list("\ufffe\uffff\U0001fffe\ufdd0\u2028\u2029\ufeff\x85\x7f\x00\x07\t\n\r\"'\\#:&*!%@`")
)
_TEXT = st.text(st.characters() | _AWKWARD, min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(name=_TEXT, role=st.none() | _TEXT)
def test_whatever_new_writes_check_reads_back_as_it_was_given(name, role):
    assume("--" not in (name, role))  # argparse before Python 3.12 drops such a value
    roles = [f"--role={role}"] if role is not None else []
    with _new_in_a_fresh_folder(*roles, "--", name) as (status, said, files, root):
        if status != 0:
            assert status == 1 and said.startswith("pilotbook: error: ") and files == []
            assert "Traceback" not in said
            return
        loaded = _read_back(root)
    assert loaded.problems == ()
    (person,) = loaded.stakeholders
    # check reads text without the spaces around it, and blank text as none
    assert (person.name, person.role) == (name.strip(), (role or "").strip() or None)


@pytest.mark.parametrize("character", ["\ufffe", "\uffff", "\U0010ffff", "\x07", "\x9b"])
def test_new_refuses_a_noncharacter_or_control_character_at_once(character):
    with _new_in_a_fresh_folder("--", f"Anna{character} Smits") as (status, said, files, _):
        assert status == 1 and files == []
    assert said == (
        f"pilotbook: error: the name holds U+{ord(character):04X}, which is no character a "
        "file should hold (a control character or a noncharacter, often pasted in by "
        "accident): give it without that character\n"
    )


def test_names_with_line_separators_and_quotes_build_as_they_were_given(tmp_path):
    project = copy_sample(tmp_path / "handbook")
    names = ["Anna\u2028Smits", 'Jan "de" \\ Vries\ufeff', "Zoë\u2029 Ørsted # 1: x"]
    for number, name in enumerate(names):
        result = pilotbook("new", name, "--discipline", "it", f"--folder=new{number}", cwd=project)
        assert result.returncode == 0, result.stderr
    assert pilotbook("check", cwd=project).returncode == 0
    result = mkdocs_build(project, tmp_path / "site", env={"PILOTBOOK_AUDIENCE": "team"})
    assert result.returncode == 0, result.stderr
    report = json.loads(pilotbook("report", "--format", "json", cwd=project).stdout)
    assert set(names) <= {person["name"] for person in report["stakeholders"]}
