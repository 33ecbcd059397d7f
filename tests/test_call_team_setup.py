"""Starting a call team: `pilotbook new --caller`, `pilotbook schema callers`, what
`init` writes for callers, and the sample handbook's call team."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, built, copy_sample, docs_page, pilotbook, write

from pilotbook.build.mkdocs_config import load
from pilotbook.config.screened import screen_handbook
from pilotbook.method.model import DEFAULT_METHOD
from pilotbook.records.callers import CALLERS
from pilotbook.records.loading import load_kind
from pilotbook.records.validation import read_record
from pilotbook.yaml.source import decode, parse


def _init(tmp_path: Path, *args: str) -> Path:
    result = pilotbook("init", "hb", "--pilot", "Videobellen", *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "hb"


def _problems(handbook: Path) -> list[dict]:
    """check's problems; init's mkdocs.yml says strict, so a warning fails check (exit 1)
    as it fails the build, and an error always does."""
    result = pilotbook("check", "--format", "json", cwd=handbook)
    problems = json.loads(result.stdout)["problems"]
    assert result.returncode == (1 if problems else 0), result.stdout + result.stderr
    assert all(p["severity"] == "warning" for p in problems), problems
    return problems


def _plugin_options(config: str) -> dict:
    plugins = yaml.safe_load(config.replace("!ENV", ""))["plugins"]
    (options,) = [p["pilotbook"] for p in plugins if isinstance(p, dict) and "pilotbook" in p]
    return options


def _callers(folder: Path) -> dict[str, object]:
    loaded = load_kind(CALLERS, folder, DEFAULT_METHOD)
    assert loaded.problems == ()
    return {caller.id: caller for caller in loaded.records}


# `pilotbook new NAME --caller`


def test_new_caller_writes_a_candidate_that_check_accepts_with_what_was_given(tmp_path):
    handbook = _init(tmp_path)
    result = pilotbook(
        "new",
        'Zoë "Z" Ørsted\u2028# 1: x',
        "--caller",
        "--role=Klantadviseur",
        "--team=Klantcontact Zakelijk",
        "--location=Eindhoven",
        cwd=handbook / "content",  # found from a folder below the handbook
    )
    assert result.returncode == 0, result.stderr
    path = handbook / "callers" / "zoe-z-orsted-1-x.yml"
    assert result.stdout.endswith(
        f"callers/{path.name}: fill in the rest (and 'status' once they are chosen), "
        "then run 'pilotbook check'\n"
    )
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=schema.json\n")
    assert "status: candidate  # candidate | selected | reserve | withdrawn\n" in text
    assert "# Heeft deze collega zich zelf aangemeld?" in text  # the handbook's language
    assert _problems(handbook) == []
    caller = _callers(handbook / "callers")["zoe-z-orsted-1-x"]
    assert (caller.name, caller.role, caller.team, caller.location, caller.status) == (
        'Zoë "Z" Ørsted\u2028# 1: x',
        "Klantadviseur",
        "Klantcontact Zakelijk",
        "Eindhoven",
        "candidate",
    )
    assert caller.reviewed == datetime.date.today()
    assert (caller.volunteered, caller.appointed_by, caller.trained, caller.hours) == (None,) * 4


def test_new_caller_follows_callers_dir_and_folder_and_points_at_the_schema(tmp_path):
    handbook = _init(tmp_path, "--language", "en")
    config = handbook / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("      pilot:", "      callers_dir: team/calls\n      pilot:", 1)
    )
    result = pilotbook("new", "Anna Smits", "--caller", "--folder", "zakelijk", cwd=handbook)
    assert result.returncode == 0, result.stderr
    path = handbook / "team/calls/zakelijk/anna-smits.yml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../schema.json\n")
    assert "# Did this colleague volunteer?" in text
    assert "team:\nlocation:\n" in text  # not given: left to fill in
    assert [p["code"] for p in _problems(handbook)] == []
    assert list(_callers(handbook / "team/calls")) == ["zakelijk/anna-smits"]


def test_new_caller_never_overwrites(tmp_path):
    handbook = _init(tmp_path)
    existing = write(handbook, "callers/anna-smits.yml", "name: Keep\n")
    result = pilotbook("new", "Anna Smits", "--caller", "--team", "Zakelijk", cwd=handbook)
    assert result.returncode == 1
    assert result.stderr == (
        "pilotbook: error: callers/anna-smits.yml: already exists, and new overwrites "
        "nothing: edit that file, or pass --folder\n"
    )
    assert existing.read_text() == "name: Keep\n"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--discipline", "it", "--team", "Zakelijk"), "--team describes a caller: add --caller"),
        (("--external", "direct", "--location=Utrecht"), "--location describes a caller"),
        (("--caller", "--discipline", "it"), "not allowed with argument --caller"),
    ],
)
def test_caller_options_without_a_caller_are_wrong_usage(tmp_path, args, says):
    handbook = _init(tmp_path)
    before = sorted(handbook.rglob("*"))
    result = pilotbook("new", "Anna", *args, cwd=handbook)
    assert result.returncode == 2
    assert says in result.stderr and result.stderr.startswith("usage: pilotbook new")
    assert sorted(handbook.rglob("*")) == before


def test_new_caller_refuses_a_folder_outside_the_callers_folder(tmp_path):
    handbook = _init(tmp_path)
    result = pilotbook("new", "Anna", "--caller", "--folder", "../stakeholders", cwd=handbook)
    assert result.returncode == 1
    assert "name a folder below the callers folder" in result.stderr
    assert not (handbook / "stakeholders/anna.yml").exists()


# `pilotbook schema callers`


def _caller_cases() -> dict[str, str]:
    cases = {
        f"sample {p.relative_to(REPO)}": p.read_text()
        for p in sorted((REPO / "callers").rglob("*.yml"))
    }
    base = "name: Anna\nteam: Zakelijk\n"
    for name, extra in {
        "every field": "role: R\nlocation: L\nstatus: reserve\nvolunteered: Nee\n"
        "appointed_by: Teamleider\ntrained: 2026-01-31\nhours: 2.5\nreviewed: 2026-02-01\n"
        "extra: {ervaring: [senior, 8]}\nnotes: n\nprivate: {x: 1}\n",
        "no status": "",
        "empty status": "status:\n",
        "status not a choice": "status: chosen\n",
        "status in capitals": "status: Selected\n",
        "volunteered unknown": "volunteered: '?'\n",
        "volunteered maybe": "volunteered: maybe\n",
        "hours zero": "hours: 0\n",
        "hours below zero": "hours: -1\n",
        "hours as text": "hours: a few\n",
        "trained as text": "trained: last week\n",
        "trained impossible": "trained: 2026-02-30\n",
        "appointed_by a list": "appointed_by: [a, b]\n",
        "a stakeholder's key": "discipline: it\n",
    }.items():
        cases[name] = base + extra
    cases["no name"] = "name:\nteam: Zakelijk\n"
    return cases


CALLER_CASES = _caller_cases()


def test_the_caller_schema_is_a_valid_schema_that_agrees_with_check(tmp_path):
    result = pilotbook("schema", "callers", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["title"] == "pilotbook caller"
    assert schema["properties"]["status"]["enum"] == [
        "candidate",
        "selected",
        "reserve",
        "withdrawn",
        None,
    ]
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    accepted = {}
    for case, text in CALLER_CASES.items():
        data = json.loads(json.dumps(parse(decode(text.encode())).data, default=str))
        parts, problems = read_record(CALLERS, text.encode(), "x", "x.yml", DEFAULT_METHOD)
        assert validator.is_valid(data) == (parts is not None), (case, problems)
        accepted[case] = parts is not None
    assert not accepted["status not a choice"] and accepted["every field"]
    assert sum(case.startswith("sample ") for case in CALLER_CASES) >= 10


def test_schema_without_caller_still_prints_the_stakeholder_schema(tmp_path):
    stakeholder = json.loads(pilotbook("schema", cwd=tmp_path).stdout)
    assert stakeholder["title"] == "pilotbook stakeholder"
    assert "discipline" in stakeholder["properties"]


def test_the_samples_caller_schema_is_current():
    result = pilotbook("schema", "callers", cwd=REPO)
    assert (REPO / "callers" / "schema.json").read_text() == result.stdout, (
        "callers/schema.json is out of date: run 'pilotbook schema callers > callers/schema.json'"
    )


# `pilotbook init`


_COMMENTED_CALL_TEAM = re.compile(r"^      # (call_team:\n(?:      #   .*\n)+)", re.M)


def _uncommented(config: str) -> str:
    """mkdocs.yml with the call team's lines uncommented, as a team would."""
    found = _COMMENTED_CALL_TEAM.search(config)
    assert found, config
    lines = found[1].replace("      #   ", "        ")
    return config.replace(found[0], "      " + lines)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_init_writes_the_callers_schema_an_example_and_a_commented_call_team(tmp_path, language):
    handbook = _init(tmp_path, "--language", language)
    schema = pilotbook("schema", "callers", cwd=handbook).stdout
    assert (handbook / "callers/schema.json").read_text() == schema
    (example,) = (handbook / "callers").glob("*.yml")
    text = example.read_text()
    assert text.startswith("# yaml-language-server: $schema=schema.json\n# ")
    (caller,) = _callers(handbook / "callers").values()
    assert caller.status == "candidate" and caller.team and caller.location
    config = (handbook / "mkdocs.yml").read_text()
    assert "call_team" not in _plugin_options(config)
    assert "      # - stakeholders/call-team.md\n" in config
    # The new handbook checks clean and builds strict (init's mkdocs.yml says strict).
    assert _problems(handbook) == []
    assert (built(handbook, tmp_path / "site") / "index.html").is_file()


def test_uncommenting_inits_call_team_gives_a_working_call_team(tmp_path):
    handbook = _init(tmp_path)
    config = handbook / "mkdocs.yml"
    config.write_text(_uncommented(config.read_text()))
    plan = _plugin_options(config.read_text())["call_team"]
    assert (plan["selection"], plan["spread"]) == ("cross-section", ["team", "location"])
    assert plan["reason"].strip()
    # No caller is selected yet: check says how many the pilot needs, and which values
    # of the spread the example's team and location leave open.
    codes = [p["code"] for p in _problems(handbook)]
    assert codes == ["call-team-short", "call-team-not-spread", "call-team-not-spread"]
    (example,) = (handbook / "callers").glob("*.yml")
    example.write_text(example.read_text().replace("status: candidate", "status: selected"))
    (short,) = _problems(handbook)
    assert short["code"] == "call-team-short"
    assert f"needs {plan['size']}" in short["message"]


# The sample handbook


@pytest.fixture(scope="module")
def sample_team():
    handbook, _ = load(REPO / "mkdocs.yml", "mkdocs.yml")
    result = screen_handbook(handbook)
    assert [(p.code, str(p.severity)) for p in result.problems] == [
        ("call-team-not-spread", "info")
    ]
    return result.screening.call_team


def test_the_sample_checks_clean_but_for_its_one_gap_at_info_level():
    result = pilotbook("check", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.endswith("files checked: 1 info\n"), result.stdout
    assert "no selected caller has 'Eindhoven'" in result.stdout


def test_the_sample_has_a_cross_section_of_colleagues_over_three_teams_and_locations(sample_team):
    assert sample_team.plan.selection == "cross-section"
    assert 10 <= len(sample_team.callers) <= 14
    assert len({c.team for c in sample_team.callers}) == 3
    assert len({c.location for c in sample_team.callers}) == 3
    assert len(sample_team.selected) == sample_team.plan.size == 8
    assert {c.status for c in sample_team.callers} == {
        "selected",
        "candidate",
        "reserve",
        "withdrawn",
    }
    for caller in sample_team.selected:
        assert caller.trained is not None and caller.hours and caller.volunteered is not None
        assert caller.volunteered or caller.appointed_by, caller.id


def test_the_samples_one_gap_closes_when_a_colleague_there_is_selected(tmp_path, sample_team):
    """The sample shows one gap in its spread: a value of a spread field that callers
    have and no selected caller has. Selecting one of them closes it."""
    gaps = [
        (spread.field, value.value)
        for spread in sample_team.spread
        for value in spread.values
        if value.selected == 0
    ]
    assert len(gaps) == 1, gaps
    field, value = gaps[0]
    waiting = [c for c in sample_team.callers if getattr(c, field) == value]
    assert waiting and all(c.status in ("candidate", "reserve") for c in waiting)
    project = copy_sample(tmp_path / "handbook")
    path = project / "callers" / f"{waiting[0].id}.yml"
    path.write_text(path.read_text().replace(f"status: {waiting[0].status}", "status: selected"))
    result = pilotbook("check", cwd=project)
    assert result.returncode == 0, result.stdout
    assert result.stdout.endswith("files checked, no problems\n"), result.stdout


def test_the_documentations_caller_file_is_one_check_accepts():
    example = docs_page("caller-files").split("```yaml\n", 1)[1].split("```", 1)[0]
    parts, problems = read_record(CALLERS, example.encode(), "x", "x.yml", DEFAULT_METHOD)
    assert parts is not None and problems == [], problems
    assert set(parse(example).data) == set(CALLERS.keys)
