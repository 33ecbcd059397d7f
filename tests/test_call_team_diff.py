"""`pilotbook diff` and the call team, on a real git repository: callers added, removed
and changed (their status first), and a change of `call_team` as a change of the method."""

from __future__ import annotations

import shutil
import textwrap

import pytest
from conftest import copy_sample, pilotbook, without_call_team, write
from test_call_team import options
from test_diff import diff_json, edit, git

from pilotbook.review.diff import MARKER

PILOT = "pilot: Videobellen met klanten"
BLOCK = "call_team:\n  selection: cross-section\n  size: 3\n  spread: [team]\n"
CALL_TEAM = f"{PILOT}\n{BLOCK}"
CALLERS = {
    "noord/anna-de-vries": "name: Anna de Vries\nteam: Noord\nstatus: candidate\n",
    "noord/bas-kok": "name: Bas Kok\nteam: Noord\nstatus: selected\nhours: 4\n",
    "zuid/cor-smit": "name: Cor Smit\nteam: Zuid\nstatus: selected\n",
    "zuid/dien-bos": "name: Dien Bos\nteam: Zuid\nstatus: reserve\n",
}


def commit(repo, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)


@pytest.fixture
def repo(tmp_path):
    repo = copy_sample(tmp_path / "repo")
    shutil.rmtree(repo / "callers")  # the sample's own: these tests write theirs
    options(repo, CALL_TEAM)
    (repo / "mkdocs.yml.sample").unlink()
    for ident, text in CALLERS.items():
        write(repo, f"callers/{ident}.yml", text)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "lead@example.org")
    git(repo, "config", "user.name", "Pilot Lead")
    commit(repo, "sample with a call team")
    return repo


def comment(repo, *args: str) -> list[str]:
    result = pilotbook("diff", *args, cwd=repo)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_callers_added_removed_and_changed_with_their_status_first(repo):
    write(repo, "callers/oost/eva-mulder.yml", "name: Eva Mulder\nteam: Oost\n")
    (repo / "callers/zuid/dien-bos.yml").unlink()
    edit(repo, "callers/noord/bas-kok.yml", "hours: 4", "hours: 6")
    edit(repo, "callers/noord/anna-de-vries.yml", "status: candidate", "status: selected")
    write(repo, "callers/zuid/cor-smit.yml", "name: Cor Smit\nteam: West\nstatus: withdrawn\n")
    data = diff_json(repo, "main")
    assert data["stakeholders"] == []
    assert [(c["id"], c["change"], c["status"], c["fields"]) for c in data["callers"]] == [
        (
            "noord/anna-de-vries",
            "changed",
            {"before": "candidate", "after": "selected"},
            [],
        ),
        ("zuid/cor-smit", "changed", {"before": "selected", "after": "withdrawn"}, ["team"]),
        ("oost/eva-mulder", "added", {"before": None, "after": "candidate"}, []),
        ("zuid/dien-bos", "removed", {"before": "reserve", "after": None}, []),
        ("noord/bas-kok", "changed", {"before": "selected", "after": "selected"}, ["hours"]),
    ]
    assert data["callers"][0]["name"] == "Anna de Vries"
    assert data["method"] == []
    lines = comment(repo, "main")
    assert lines[:2] == [MARKER, "**5 beller(s) gewijzigd.**"]
    section = lines[lines.index("### Belteam") :]
    assert section[2:8] == [
        "- Anna de Vries: kandidaat → geselecteerd",
        "- Cor Smit: geselecteerd → teruggetrokken; gewijzigd: team",
        "- Eva Mulder: nieuw, kandidaat",
        "- Dien Bos: verwijderd (was reserve)",
        "- Bas Kok: gewijzigd: hours",
        "",
    ]


def test_the_number_selected_against_the_size_is_shown_where_it_changes(repo):
    edit(repo, "callers/noord/bas-kok.yml", "status: selected", "status: reserve")
    lines = comment(repo, "main")
    assert "- Geselecteerd: 2 van 3 → 1 van 3" in lines
    assert lines.index("- Geselecteerd: 2 van 3 → 1 van 3") < lines.index(
        "- Bas Kok: geselecteerd → reserve"
    )


def test_a_moved_and_a_broken_caller_file(repo):
    git(repo, "mv", "callers/zuid/dien-bos.yml", "callers/noord/dien-bos.yml")
    write(repo, "callers/zuid/cor-smit.yml", "name: Cor Smit\nstatus: chosen\n")
    data = diff_json(repo, "main")
    assert [(c["id"], c["change"], c["previous_id"]) for c in data["callers"]] == [
        ("noord/dien-bos", "renamed", "zuid/dien-bos"),
        ("zuid/cor-smit", "invalid", None),
    ]
    assert [p["path"] for p in data["problems"]["head"]] == ["callers/zuid/cor-smit.yml"]
    lines = comment(repo, "main")
    assert lines[1] == "**❌ 1 fout(en) in de bestanden na de wijziging. 2 beller(s) gewijzigd.**"
    assert "- Dien Bos: verplaatst van zuid/dien-bos" in lines
    assert "- Cor Smit: onleesbaar na de wijziging" in lines
    assert any(line.startswith("callers/zuid/cor-smit.yml:2:") for line in lines)


def test_a_change_of_the_call_team_size_is_a_change_of_the_method(repo):
    edit(repo, "mkdocs.yml", "size: 3", "size: 8")
    data = diff_json(repo, "main")
    keys = ("part", "id", "change", "name", "before", "after", "needed")
    assert [{key: m[key] for key in keys} for m in data["method"]] == [
        {
            "part": "call_team",
            "id": "size",
            "change": "changed",
            "name": "aantal bellers",
            "before": "3",
            "after": "8",
            "needed": None,
        }
    ]
    assert data["callers"] == []
    lines = comment(repo, "main")
    assert lines[1] == "**De methode is gewijzigd.**"
    assert "- Belteam, aantal bellers (size): “3” → “8”" in lines
    assert "- Geselecteerd: 2 van 3 → 2 van 8" in lines


def test_each_setting_of_the_call_team_and_the_call_team_itself(repo):
    edit(repo, "mkdocs.yml", "selection: cross-section", "selection: volunteers")
    edit(repo, "mkdocs.yml", "spread: [team]", "reason: {nl: Wie wil, en: Who wants to}")
    data = diff_json(repo, "main")
    assert [(m["id"], m["before"], m["after"]) for m in data["method"]] == [
        ("selection", "Dwarsdoorsnede", "Vrijwilligers"),
        ("spread", "team", None),
        ("reason", None, "Wie wil"),
    ]
    lines = comment(repo, "main")
    assert "- Belteam, manier van kiezen (selection): “Dwarsdoorsnede” → “Vrijwilligers”" in lines
    assert "- Belteam, reden (reason): geen → “Wie wil”" in lines
    git(repo, "checkout", "-q", "mkdocs.yml")
    edit(repo, "mkdocs.yml", textwrap.indent(BLOCK, " " * 6), "")
    data = diff_json(repo, "main")
    assert [(m["part"], m["id"], m["change"]) for m in data["method"]] == [
        ("call_team", "call_team", "removed")
    ]
    assert data["method"][0]["before"] == "Dwarsdoorsnede, 3 bellers"
    assert "- Belteam verwijderd: “Dwarsdoorsnede, 3 bellers”" in comment(repo, "main")


def test_a_base_without_configuration_reads_the_callers_from_the_work_trees_folder(repo):
    """The work tree's folders stand in for a revision without a configuration: its
    callers are read, so a caller who was there is changed, not added."""
    git(repo, "rm", "-q", "--cached", "mkdocs.yml")
    git(repo, "commit", "-qm", "no configuration yet")
    edit(repo, "callers/noord/anna-de-vries.yml", "status: candidate", "status: selected")
    commit(repo, "configuration, and Anna selected")
    data = diff_json(repo, "main~1", "main")
    assert data["configuration"]["base"]["fallback"] == "missing"
    assert [(c["id"], c["change"], c["status"]) for c in data["callers"]] == [
        ("noord/anna-de-vries", "changed", {"before": "candidate", "after": "selected"})
    ]


def test_without_a_call_team_or_callers_the_diff_is_as_it_was(tmp_path):
    repo = without_call_team(copy_sample(tmp_path / "plain"))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.email=a@b", "-c", "user.name=A", "add", "-A")
    git(repo, "-c", "user.email=a@b", "-c", "user.name=A", "commit", "-qm", "sample")
    assert "callers" not in diff_json(repo, "main")
    assert comment(repo, "main") == [MARKER, "**Geen wijzigingen in de stakeholders.**", ""]
    edit(repo, "stakeholders/legal/marieke-smits.yml", "appointed: nee", "appointed: ja")
    assert "callers" not in diff_json(repo, "main")
    assert "### Belteam" not in comment(repo, "main")
