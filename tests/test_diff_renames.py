"""`pilotbook diff` on a real git repository when ids change: a discipline, a question
or a folder renamed is one change, and each stakeholder whose file moved is one
"renamed" entry, not a removal and an addition."""

from __future__ import annotations

import json

import pytest
from conftest import configure, copy_sample, pilotbook, write
from test_diff import git, in_git

METHOD = """
pilot: Resident portal
language: en
disciplines:
  - id: it
    label: IT
  - id: {centre}
    label: Customer Contact Centre
  - id: {housing}
    label: {housing_label}
questions:
  - id: {impact}
    text: Does the stakeholder have impact on the outcome?
    needed: yes
  - id: appointed
    text: Has the stakeholder been appointed by another route?
    needed: no
"""
BEFORE = {
    "centre": "kcc",
    "housing": "facilities",
    "housing_label": "Facilities",
    "impact": "impact",
}
PERSON = "name: {name}\ndiscipline: {discipline}\nanswers:\n  {impact}: yes\n  appointed: no\n"


@pytest.fixture
def handbook(tmp_path):
    """An English handbook with a contact centre called 'kcc', committed on main."""
    repo = copy_sample(tmp_path / "repo", stakeholders=False)
    configure(repo, METHOD.format(**BEFORE))
    for path, name in (
        ("it/jeroen.yml", "Jeroen Meijer"),
        ("kcc/anna.yml", "Anna Jansen"),
        ("kcc/bram.yml", "Bram de Boer"),
        ("kcc/kim.yml", "Kim Smit"),
        ("facilities/kees.yml", "Kees van Leeuwen"),
    ):
        discipline = path.split("/")[0]
        person = PERSON.format(name=name, discipline=discipline, impact="impact")
        write(repo, f"stakeholders/{path}", person)
    return in_git(repo)


def rename(repo, **changed):
    """The method with some ids or labels changed, in the work tree's mkdocs.yml."""
    config = (repo / "mkdocs.yml").read_text()
    before, after = METHOD.format(**BEFORE), METHOD.format(**{**BEFORE, **changed})
    indent = " " * 6
    old = "".join(indent + line + "\n" for line in before.strip("\n").splitlines())
    new = "".join(indent + line + "\n" for line in after.strip("\n").splitlines())
    assert old in config
    (repo / "mkdocs.yml").write_text(config.replace(old, new))


def move_folder(repo, old, new, discipline=True):
    git(repo, "mv", f"stakeholders/{old}", f"stakeholders/{new}")
    if discipline:
        for path in (repo / "stakeholders" / new).glob("*.yml"):
            text = path.read_text()
            path.write_text(text.replace(f"discipline: {old}", f"discipline: {new}"))


def diff(repo):
    result = pilotbook("diff", "main", "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    markdown = pilotbook("diff", "main", cwd=repo)
    assert markdown.returncode == 0, markdown.stderr
    return json.loads(result.stdout), markdown.stdout


def test_a_discipline_renamed_with_its_label_kept_is_one_rename(handbook):
    # kcc is renamed; facilities is replaced by housing, a discipline of its own.
    rename(handbook, centre="contact-centre", housing="housing", housing_label="Housing")
    move_folder(handbook, "kcc", "contact-centre")
    (handbook / "stakeholders/contact-centre/kim.yml").unlink()
    (handbook / "stakeholders/facilities/kees.yml").unlink()
    data, markdown = diff(handbook)
    assert data["problems"] == {"base": [], "head": []}
    assert [(m["previous_id"], m["id"], m["change"]) for m in data["method"]] == [
        (None, "facilities", "removed"),
        ("kcc", "contact-centre", "renamed"),
        (None, "housing", "added"),
    ]
    people = {c["id"]: (c["previous_id"], c["change"]) for c in data["stakeholders"]}
    assert people == {
        "contact-centre/anna": ("kcc/anna", "renamed"),
        "contact-centre/bram": ("kcc/bram", "renamed"),
        "kcc/kim": (None, "removed"),
        "facilities/kees": (None, "removed"),
    }
    # The renamed discipline keeps its coverage; only the new one is uncovered.
    assert [(d["id"], d["before"], d["after"]) for d in data["disciplines"]] == [
        ("housing", None, "uncovered"),
    ]
    assert "- Discipline renamed: Customer Contact Centre (kcc → contact-centre)\n" in markdown
    assert "- Discipline removed: Facilities (facilities)\n" in markdown
    assert "- Discipline added: Housing (housing)\n" in markdown
    # One table for the contact centre, before and after the change.
    assert markdown.count("#### Customer Contact Centre\n") == 1
    assert "| Anna Jansen | moved from kcc/anna | shortlisted |" in markdown
    assert "| Kim Smit | removed | shortlisted → – |" in markdown


def test_a_file_moved_with_its_folder_and_edited_is_one_move(handbook):
    # The id, the folder, and in the same change one person's name and another's
    # answer: each is still one stakeholder that moved.
    rename(handbook, centre="contact-centre")
    move_folder(handbook, "kcc", "contact-centre")
    anna = handbook / "stakeholders/contact-centre/anna.yml"
    anna.write_text(anna.read_text().replace("Anna Jansen", "Anna Jansen-Smit"))
    bram = handbook / "stakeholders/contact-centre/bram.yml"
    bram.write_text(bram.read_text().replace("appointed: no", "appointed: yes"))
    data, markdown = diff(handbook)
    people = {c["id"]: c for c in data["stakeholders"]}
    assert {i: (c["previous_id"], c["change"]) for i, c in people.items()} == {
        "contact-centre/anna": ("kcc/anna", "renamed"),
        "contact-centre/bram": ("kcc/bram", "renamed"),
        "contact-centre/kim": ("kcc/kim", "renamed"),
    }
    assert people["contact-centre/anna"]["fields"] == ["name"]
    assert people["contact-centre/bram"]["answers"] == [
        {"question": "appointed", "before": False, "after": True}
    ]
    assert "| Anna Jansen-Smit | moved from kcc/anna; changed: name |" in markdown


def test_namesakes_that_moved_with_their_folder_are_moved(handbook):
    # Two colleagues of one name: the name cannot tell them apart, their folder can.
    write(
        handbook,
        "stakeholders/kcc/anna-2.yml",
        PERSON.format(name="Anna Jansen", discipline="kcc", impact="impact"),
    )
    git(handbook, "add", "-A")
    git(handbook, "commit", "-qm", "a second Anna")
    move_folder(handbook, "kcc", "klantcontact", discipline=False)
    data, _ = diff(handbook)
    assert {c["id"]: (c["previous_id"], c["change"]) for c in data["stakeholders"]} == {
        "klantcontact/anna": ("kcc/anna", "renamed"),
        "klantcontact/anna-2": ("kcc/anna-2", "renamed"),
        "klantcontact/bram": ("kcc/bram", "renamed"),
        "klantcontact/kim": ("kcc/kim", "renamed"),
    }


def test_a_question_renamed_with_its_text_kept_changes_no_answer(handbook):
    rename(handbook, impact="influence")
    for path in (handbook / "stakeholders").rglob("*.yml"):
        path.write_text(path.read_text().replace("impact: yes", "influence: yes"))
    data, markdown = diff(handbook)
    assert data["problems"] == {"base": [], "head": []}
    assert [(m["previous_id"], m["id"], m["change"]) for m in data["method"]] == [
        ("impact", "influence", "renamed"),
    ]
    assert data["stakeholders"] == []
    assert "- Question renamed: influence (impact → influence)\n" in markdown
