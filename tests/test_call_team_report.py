"""The call team in `pilotbook report`: the JSON contract, the Markdown section, the CSV
rows, and what each audience may read of the callers."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from conftest import csv_rows, pilotbook, run, write
from test_call_team import options
from test_hostile_output import assert_safe_for_terminals_and_ci

PILOT = "pilot: Videobellen met klanten"
CALL_TEAM = """
call_team:
  selection: cross-section
  size: 4
  spread: [team, location, ervaring]
  reason: {nl: "Een gewone groep, geen *fans*", en: "An ordinary group, not *fans*"}
"""
CALLERS = {
    "noord/anna-de-vries": (
        "name: Anna de Vries\nrole: Klantadviseur\nteam: Noord\nlocation: Zwolle\n"
        "status: selected\nvolunteered: ja\nappointed_by: Teamleider Noord\n"
        "trained: 2026-01-31\nhours: 6\nextra:\n  ervaring: senior\n"
        "notes: Vraagt om een headset\nprivate:\n  telefoon: '0612345678'\n"
    ),
    "noord/bas-kok": (
        "name: Bas Kok\nteam: Noord\nlocation: Utrecht\nstatus: selected\nhours: 2.5\n"
    ),
    "zuid/cor-smit": (
        "name: Cor Smit\nteam: Zuid\nlocation: Utrecht\nvolunteered: nee\nhours: 3\n"
        "extra:\n  ervaring: junior\n"
    ),
    "zuid/dien-bos": (
        "name: Dien Bos\nteam: Zuid\nlocation: Breda\nstatus: withdrawn\n"
        "appointed_by: Regiomanager Zuid\n"
    ),
    "zuid/eva-mulder": "name: Eva Mulder\nteam: Zuid\nlocation: Assen\nstatus: reserve\n",
}
# Who the intranet may not name, and the values it may not see of anyone.
UNNAMED = ("Cor Smit", "Dien Bos", "Eva Mulder")
HIDDEN = ("Teamleider Noord", "Regiomanager Zuid", "Vraagt om een headset", "0612345678")


@pytest.fixture
def handbook(empty_project):
    write(empty_project, "stakeholders/it/ada.yml", "name: Ada Jansen\ndiscipline: it\n")
    for ident, text in CALLERS.items():
        write(empty_project, f"callers/{ident}.yml", text)
    options(empty_project, PILOT + CALL_TEAM)
    return empty_project


def report(project, fmt: str, audience: str = "team") -> str:
    result = pilotbook("report", "--format", fmt, "--audience", audience, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def data(project, audience: str = "team") -> dict:
    return json.loads(report(project, "json", audience))


def test_the_json_report_gains_a_call_team_object_with_exact_keys_and_types(handbook):
    found = data(handbook)
    assert list(found) == ["stakeholders", "disciplines", "call_team"]
    team = found["call_team"]
    assert list(team) == ["selection", "size", "selected", "members", "spread"]
    assert team["selection"] == "cross-section"
    assert team["size"] == 4 and isinstance(team["size"], int)
    assert team["selected"] == ["noord/anna-de-vries", "noord/bas-kok"]
    assert [m["id"] for m in team["members"]] == sorted(CALLERS)
    anna, bas, cor, dien, eva = team["members"]
    assert list(anna) == [
        "id",
        "name",
        "role",
        "team",
        "location",
        "status",
        "volunteered",
        "appointed_by",
        "trained",
        "hours",
    ]
    assert anna == {
        "id": "noord/anna-de-vries",
        "name": "Anna de Vries",
        "role": "Klantadviseur",
        "team": "Noord",
        "location": "Zwolle",
        "status": "selected",
        "volunteered": True,
        "appointed_by": "Teamleider Noord",
        "trained": "2026-01-31",
        "hours": 6,
    }
    # Numbers stay numbers, yes and no are booleans, what a file leaves out is null.
    assert type(anna["hours"]) is int and type(bas["hours"]) is float and bas["hours"] == 2.5
    assert cor["volunteered"] is False and bas["volunteered"] is None
    assert bas["role"] is None and bas["trained"] is None
    assert [m["status"] for m in (cor, dien, eva)] == ["candidate", "withdrawn", "reserve"]
    # The spread counts the selected callers per value of everyone not withdrawn:
    # Breda (only Dien, withdrawn) is no value; Zuid and Assen have nobody selected.
    assert team["spread"] == {
        "team": {"Noord": 2, "Zuid": 0},
        "location": {"Zwolle": 1, "Utrecht": 1, "Assen": 0},
        "ervaring": {"senior": 1, "junior": 0},
    }
    assert all(type(n) is int for values in team["spread"].values() for n in values.values())


def test_the_stakeholders_keys_are_as_they_were(handbook):
    with_team = data(handbook)
    options(handbook, PILOT)
    without = data(handbook)
    assert "call_team" not in without
    assert with_team["stakeholders"] == without["stakeholders"]
    assert with_team["disciplines"] == without["disciplines"]


def test_without_a_call_team_every_report_is_as_it_was_whatever_the_callers(handbook):
    """Callers' files without `call_team` change nothing, in any format or audience."""
    options(handbook, PILOT)
    reports = {
        (fmt, audience): report(handbook, fmt, audience)
        for fmt in ("json", "markdown", "csv")
        for audience in ("team", "intranet")
    }
    shutil.rmtree(handbook / "callers")
    for (fmt, audience), text in reports.items():
        assert report(handbook, fmt, audience) == text


def test_the_intranet_names_only_selected_callers_and_no_private_field(handbook):
    for fmt in ("json", "markdown", "csv"):
        shown = report(handbook, fmt, "intranet")
        assert "Anna de Vries" in shown and "Bas Kok" in shown
        for name in UNNAMED:
            assert name not in shown, (fmt, name)
        for value in HIDDEN:
            assert value not in shown, (fmt, value)
    team = data(handbook, "intranet")["call_team"]
    assert [m["name"] for m in team["members"]] == ["Anna de Vries", "Bas Kok"]
    anna, bas = team["members"]
    # The same keys as the team's report, with null for what the intranet may not see.
    assert list(anna) == list(data(handbook)["call_team"]["members"][0])
    assert (anna["volunteered"], anna["appointed_by"], anna["hours"]) == (None, None, None)
    assert bas["hours"] is None
    assert (anna["role"], anna["team"], anna["trained"]) == ("Klantadviseur", "Noord", "2026-01-31")
    # The spread over a label of the callers' `extra` (not public) is left out.
    assert team["spread"] == {
        "team": {"Noord": 2, "Zuid": 0},
        "location": {"Zwolle": 1, "Utrecht": 1, "Assen": 0},
    }
    assert "senior" not in report(handbook, "markdown", "intranet")


def test_the_team_sees_every_caller_and_every_field_but_notes_and_private(handbook):
    for fmt in ("json", "markdown", "csv"):
        shown = report(handbook, fmt)
        for name in (*UNNAMED, "Teamleider Noord", "Regiomanager Zuid"):
            assert name in shown, (fmt, name)
        assert "Vraagt om een headset" not in shown and "0612345678" not in shown


def rows(text: str) -> list[dict[str, str]]:
    return csv_rows(text)


def test_the_csv_adds_callers_as_rows_with_a_record_column(handbook):
    with_team = list(csv.reader(io.StringIO(report(handbook, "csv").removeprefix("\ufeff"))))
    options(handbook, PILOT)
    before = list(csv.reader(io.StringIO(report(handbook, "csv").removeprefix("\ufeff"))))
    # The stakeholders' columns and rows keep their place and their values.
    width = len(before[0])
    assert [row[:width] for row in with_team[: len(before)]] == before
    header = with_team[0]
    assert header[width:] == [
        "record",
        "team",
        "location",
        "volunteered",
        "appointed_by",
        "trained",
        "hours",
    ]
    assert all(len(row) == len(header) for row in with_team)
    options(handbook, PILOT + CALL_TEAM)
    table = rows(report(handbook, "csv"))
    assert [r["record"] for r in table] == ["stakeholder"] + ["caller"] * len(CALLERS)
    callers = {r["id"]: r for r in table if r["record"] == "caller"}
    assert list(callers) == sorted(CALLERS)
    anna = callers["noord/anna-de-vries"]
    assert {k: anna[k] for k in ("name", "role", "status", "team", "location")} == {
        "name": "Anna de Vries",
        "role": "Klantadviseur",
        "status": "selected",
        "team": "Noord",
        "location": "Zwolle",
    }
    assert (anna["volunteered"], anna["trained"], anna["hours"]) == ("ja", "2026-01-31", "6")
    assert callers["noord/bas-kok"]["hours"] == "2.5"
    assert callers["zuid/cor-smit"]["volunteered"] == "nee"
    # A caller has no discipline, answers or place on the grid.
    assert anna["discipline"] == anna["quadrant"] == ""
    intranet = rows(report(handbook, "csv", "intranet"))
    named = [r for r in intranet if r["record"] == "caller"]
    assert [r["name"] for r in named] == ["Anna de Vries", "Bas Kok"]
    assert {r["hours"] + r["volunteered"] + r["appointed_by"] for r in named} == {""}


def test_the_markdown_report_has_a_call_team_section(handbook):
    text = report(handbook, "markdown")
    section = text[text.index("## Belteam") :].splitlines()
    assert "Manier van kiezen: **Dwarsdoorsnede**" in section
    assert "Een gewone groep, geen &#42;fans&#42;" in section
    assert "- 2 van 4 bellers geselecteerd." in section
    assert "- Selecteer er nog 2." in section
    assert "- Geen geselecteerde beller voor Team: “Zuid”." in section
    assert "- Geen geselecteerde beller voor Locatie: “Assen”." in section
    assert "| Zuid | 0 | 2 |" in section  # Cor a candidate, Eva a reserve
    roster = [line.split(" | ")[0].strip("| ") for line in section if line.endswith(" |")]
    # The selected callers first, then the reserve, the candidate, the withdrawn.
    names = [n for n in roster if n in {"Anna de Vries", "Bas Kok", *UNNAMED}]
    assert names == ["Anna de Vries", "Bas Kok", "Eva Mulder", "Cor Smit", "Dien Bos"]
    assert (
        "| Anna de Vries | Klantadviseur | Noord | Zwolle | geselecteerd | ja | "
        "Teamleider Noord | 2026-01-31 | 6 |" in section
    )
    intranet = report(handbook, "markdown", "intranet").splitlines()
    assert "| Anna de Vries | Klantadviseur | Noord | Zwolle | geselecteerd | 2026-01-31 |" in (
        intranet
    )
    assert "Niet bij naam genoemd — kandidaten: 1, reserves: 1, teruggetrokken: 1." in intranet


def test_the_call_team_is_reported_in_the_handbooks_language(handbook):
    options(handbook, PILOT + "\nlanguage: en" + CALL_TEAM)
    text = report(handbook, "markdown")
    assert "## Call team" in text
    assert "How the callers are chosen: **Cross-section**" in text
    assert "An ordinary group, not &#42;fans&#42;" in text
    assert "- 2 of 4 callers selected." in text
    assert rows(report(handbook, "csv"))[1]["volunteered"] == "yes"


@pytest.mark.parametrize("selection", ["appointed", "volunteers"])
def test_a_complete_team_says_so_and_the_team_sees_who_lacks_their_way(handbook, selection):
    options(handbook, f"{PILOT}\ncall_team:\n  selection: {selection}\n  size: 2\n")
    text = report(handbook, "markdown")
    # Bas neither volunteered nor says who appointed him; Anna did both.
    assert "Bas Kok" in text.split("- 2 van 2 bellers geselecteerd.")[1].splitlines()[1]
    assert "Het belteam is compleet." not in text
    assert (
        "Bas Kok"
        not in report(handbook, "markdown", "intranet").split("## Belteam")[1].split("###")[0]
    )
    write(
        handbook,
        "callers/noord/bas-kok.yml",
        "name: Bas Kok\nstatus: selected\nvolunteered: ja\nappointed_by: Teamleider Noord\n",
    )
    assert "- Het belteam is compleet." in report(handbook, "markdown").splitlines()
    team = data(handbook)["call_team"]
    assert (team["selection"], team["size"], team["spread"]) == (selection, 2, {})


HOSTILE = {
    "name": "##vso[task.setvariable variable=token]stolen | *x*",
    "team": '=HYPERLINK("http://example.org")',
    "location": "::error file=a.yml,line=1::FORGED",
    "appointed_by": "<script>alert(1)</script>",
}


def test_a_callers_text_is_inert_in_every_report_and_the_diff(handbook):
    """A caller's file that puts CI commands, a formula, a table's bar and HTML in its
    text: every report and the diff print it, and none of it acts."""
    who = ["-c", "user.email=a@example.org", "-c", "user.name=A"]
    git = ["git", *who]
    assert run([*git, "init", "-q", "-b", "main"], handbook).returncode == 0
    assert run([*git, "add", "-A"], handbook).returncode == 0
    assert run([*git, "commit", "-qm", "callers"], handbook).returncode == 0
    fields = "".join(f"{key}: {json.dumps(value)}\n" for key, value in HOSTILE.items())
    write(handbook, "callers/noord/cmd.yml", fields + "status: selected\nvolunteered: ja\n")
    assert run([*git, "add", "-A"], handbook).returncode == 0
    assert run([*git, "commit", "-qm", "hostile"], handbook).returncode == 0
    outputs = [
        report(handbook, fmt, audience)
        for fmt in ("json", "markdown", "csv")
        for audience in ("team", "intranet")
    ]
    for fmt in ("markdown", "json"):
        result = pilotbook("diff", "main~1", "main", "--format", fmt, cwd=handbook)
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    for text in outputs:
        assert "stolen" in text
        assert_safe_for_terminals_and_ci(text)
    (row,) = [r for r in rows(report(handbook, "csv")) if r["id"] == "noord/cmd"]
    assert row["team"] == "'" + HOSTILE["team"]
    assert row["location"] == "'" + HOSTILE["location"]
    # Each row of the Markdown roster keeps its columns: the bar in the name is text.
    text = report(handbook, "markdown")
    assert "<script" not in text and "&#60;script" in text
    roster = text[text.index("### Bellers") :].splitlines()
    widths = {line.count("|") for line in roster if line.startswith("|")}
    assert widths == {10}
