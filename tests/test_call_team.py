"""The call team: callers' files, the `call_team` option, and the rules that judge the
group against the way the pilot forms it, as `pilotbook check` and the build report them."""

from __future__ import annotations

import datetime

import pytest
from conftest import configure, mkdocs_build_here, pilotbook, write

PILOT = "pilot: Videobellen met klanten"


def plan(selection: str, size: int, extra: str = "") -> str:
    return f"{PILOT}\ncall_team:\n  selection: {selection}\n  size: {size}\n{extra}"


def options(project, written: str) -> None:
    """The plugin's options as `written`, in place of the sample's (whatever was set before)."""
    original = project / "mkdocs.yml.sample"
    if not original.exists():
        original.write_text((project / "mkdocs.yml").read_text())
    (project / "mkdocs.yml").write_text(original.read_text())
    configure(project, written)


def caller(project, ident: str, text: str) -> None:
    write(project, f"callers/{ident}.yml", text)


def warnings(project) -> list[str]:
    result = pilotbook("check", cwd=project)
    found = [line for line in result.stdout.splitlines() if ": warning: " in line]
    # The sample builds strict: a warning fails check, as it fails the build (which
    # leaves out check's own stale-review).
    built = [line for line in found if not line.endswith("(stale-review)")]
    assert result.returncode == (1 if built else 0), result.stdout + result.stderr
    return found


def line_of(project, text: str) -> int:
    lines = (project / "mkdocs.yml").read_text().splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


@pytest.fixture
def team(empty_project):
    write(empty_project, "stakeholders/it/ada.yml", "name: Ada\ndiscipline: it\n")
    caller(
        empty_project, "noord/anna", "name: Anna\nteam: Noord\nlocation: Zwolle\nstatus: selected\n"
    )
    caller(
        empty_project, "noord/bas", "name: Bas\nteam: Noord\nlocation: Utrecht\nstatus: selected\n"
    )
    caller(empty_project, "zuid/cor", "name: Cor\nteam: Zuid\nlocation: Utrecht\n")
    caller(
        empty_project, "zuid/dien", "name: Dien\nteam: Zuid\nlocation: Breda\nstatus: withdrawn\n"
    )
    return empty_project


def test_too_few_selected_callers_is_a_warning_at_the_size(team):
    options(team, plan("appointed", 4).replace("appointed", "volunteers"))
    (team / "callers/noord/anna.yml").write_text("name: Anna\nstatus: selected\nvolunteered: ja\n")
    (team / "callers/noord/bas.yml").write_text("name: Bas\nstatus: selected\nvolunteered: yes\n")
    line = line_of(team, "size: 4")
    assert warnings(team) == [
        f"mkdocs.yml:{line}:9: warning: the call team has 2 selected callers, and the pilot "
        "needs 4: select 2 more ('status: selected' in their files), and add callers: 1 "
        "candidate or reserves left (call-team-short)"
    ]


def test_a_volunteer_team_names_each_selected_caller_who_did_not_volunteer(team):
    options(team, plan("volunteers", 2))
    (team / "callers/noord/bas.yml").write_text("name: Bas\nstatus: selected\nvolunteered: nee\n")
    assert warnings(team) == [
        "callers/noord/anna.yml:4:1: warning: Anna is selected and does not say they "
        "volunteered, while the call team is formed from volunteers: set 'volunteered: yes' "
        "if they did, or select a colleague who volunteered (call-team-not-volunteered)",
        "callers/noord/bas.yml:3:1: warning: Bas is selected and says 'volunteered: no', "
        "while the call team is formed from volunteers: set 'volunteered: yes' if they did, "
        "or select a colleague who volunteered (call-team-not-volunteered)",
    ]


def test_an_appointed_team_names_each_selected_caller_without_appointed_by(team):
    options(team, plan("appointed", 2))
    (team / "callers/noord/bas.yml").write_text(
        "name: Bas\nstatus: selected\nappointed_by: Teamleider Noord\n"
    )
    found = warnings(team)
    assert len(found) == 1
    assert found[0].startswith("callers/noord/anna.yml:4:1: warning: Anna is selected without")
    assert found[0].endswith("(call-team-not-appointed)")


def test_a_cross_section_names_the_field_and_each_value_without_a_selected_caller(team):
    options(team, plan("cross-section", 2))
    # Zuid has Cor (a candidate); Breda only Dien, who withdrew, so Breda is no gap.
    line = line_of(team, "size: 2")
    assert warnings(team) == [
        f"mkdocs.yml:{line - 2}:7: warning: the call team is a cross-section of 'team', and "
        "no selected caller has 'Zuid': select a caller from it (call-team-not-spread)"
    ]
    caller(team, "zuid/eva", "name: Eva\nteam: Oost\nlocation: Assen\nstatus: reserve\n")
    spread = [w for w in warnings(team) if "cross-section" in w]
    assert ["'Zuid', 'Oost'" in w for w in spread] == [False, True]
    assert "'Assen'" in spread[0] and "of 'location'" in spread[0]


def test_a_spread_over_a_label_of_extra_and_a_field_no_caller_has(team):
    options(team, plan("cross-section", 2, "  spread: [ervaring, locaton]\n"))
    (team / "callers/zuid/cor.yml").write_text("name: Cor\nextra: {ervaring: senior}\n")
    line = line_of(team, "spread:")
    assert warnings(team) == [
        f"mkdocs.yml:{line}:9: warning: the call team is a cross-section of 'ervaring', and "
        "no selected caller has 'senior': select a caller from it (call-team-not-spread)",
        f"mkdocs.yml:{line}:9: warning: the call team is a cross-section of 'locaton', and "
        "no caller has a 'locaton' (did you mean 'location'?): write it in the callers' "
        "files, or name another field in 'spread' (call-team-not-spread)",
    ]


def test_a_complete_team_and_a_handbook_without_a_call_team_have_no_warnings(team):
    options(team, plan("cross-section", 2, "  spread: [location]\n"))
    (team / "callers/zuid/cor.yml").write_text("name: Cor\nlocation: Zwolle\n")
    assert warnings(team) == []
    options(team, PILOT)
    (team / "callers/zuid/cor.yml").write_text("name: Cor\nlocation: Assen\n")
    assert warnings(team) == []


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("status: chosen", "unknown 'status' value 'chosen'"),
        ("volunteered: misschien", "'volunteered: misschien' is not yes or no"),
        ("hours: -2", "'hours: -2' must be a number of at least 0"),
        ("hours: veel", "'hours: veel' must be a number of at least 0"),
        ("hours: true", "'hours' (true/false) must be a number of at least 0"),
        ("trained: vorige week", "'trained' must be a date written YYYY-MM-DD"),
        ("plaats: Zwolle", "unknown key 'plaats'"),
    ],
)
def test_a_wrong_caller_file_is_a_located_error(team, written, expected):
    caller(team, "zuid/cor", f"name: Cor\n{written}\n")
    result = pilotbook("check", cwd=team)
    assert result.returncode == 1
    assert "callers/zuid/cor.yml:2:" in result.stdout
    assert expected in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("call_team: cross-section", "'call_team' must be a mapping"),
        ("call_team: {selection: random, size: 8}", "'call_team: selection' must say how"),
        ("call_team: {selection: appointed}", "'call_team: size' must be how many callers"),
        ("call_team: {selection: appointed, size: 0}", "a whole number from 1 to 100,000"),
        ("call_team: {selection: appointed, size: 2, spread: team}", "'call_team: spread' must"),
        ("call_team: {selection: appointed, size: 2, groote: 3}", "unknown key 'groote'"),
    ],
)
def test_a_wrong_call_team_option_is_a_located_error(team, written, expected):
    options(team, f"{PILOT}\n{written}")
    result = pilotbook("check", cwd=team)
    assert result.returncode == 1, result.stdout
    assert f"mkdocs.yml:{line_of(team, 'call_team')}:" in result.stderr + result.stdout
    assert expected in result.stderr + result.stdout
    assert "(invalid-option)" in result.stderr + result.stdout


def test_a_callers_review_date_ages_as_a_stakeholders_does(team):
    options(team, PILOT)
    old = datetime.date.today() - datetime.timedelta(days=400)
    caller(team, "zuid/cor", f"name: Cor\nreviewed: {old.isoformat()}\n")
    assert [w.split(": warning: ")[0] for w in warnings(team)] == ["callers/zuid/cor.yml:2:1"]


def test_the_build_reports_the_call_team_and_a_strict_build_fails_on_it(team):
    options(team, plan("cross-section", 2))
    result = mkdocs_build_here(team, team / "site")
    assert result.returncode == 1
    assert "no selected caller has 'Zuid'" in result.stderr
    assert "(call-team-not-spread)" in result.stderr


def test_check_counts_the_callers_files_with_the_stakeholders(team):
    result = pilotbook("check", cwd=team)
    assert result.stdout.splitlines()[-1] == "5 files checked, no problems"


def test_callers_have_no_pages_so_an_index_file_beside_its_name_is_no_collision(team):
    caller(team, "zuid/dup", "name: Dup\n")
    caller(team, "zuid/dup/index", "name: Index\n")
    assert pilotbook("check", cwd=team).stdout.splitlines()[-1] == "7 files checked, no problems"
