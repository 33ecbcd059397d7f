"""What `check` suggests for a value it does not know: the id written in other
capitals, or a discipline's, question's, phase's or level's label in either language."""

from __future__ import annotations

import pytest
from conftest import configure, pilotbook, write
from test_diff import git, in_git

METHOD = """
pilot: Council services
language: en
disciplines:
  - id: legal
    label: {nl: Juridisch, en: Legal and compliance}
  - id: contact-centre
    label: {nl: Klantcontactcentrum, en: Customer Contact Centre}
  - id: it
    label: IT
"""

# What a colleague writes, and the one line `check` gives for it.
SUGGESTED = {
    "a discipline in capitals": (
        "discipline: IT\n",
        "2:13: error: unknown 'discipline' value 'IT': did you mean 'it'?",
    ),
    "a discipline by its label": (
        "discipline: Customer Contact Centre\n",
        "2:13: error: unknown 'discipline' value 'Customer Contact Centre': "
        "did you mean 'contact-centre'?",
    ),
    "a discipline by its label in the other language": (
        "discipline: Juridisch\n",
        "2:13: error: unknown 'discipline' value 'Juridisch': did you mean 'legal'?",
    ),
    "a discipline's id in capitals with spaces": (
        "discipline: CONTACT CENTRE\n",
        "2:13: error: unknown 'discipline' value 'CONTACT CENTRE': did you mean 'contact-centre'?",
    ),
    "a question in capitals": (
        "discipline: it\nanswers:\n  IMPACT: yes\n",
        "4:3: error: unknown question 'IMPACT': did you mean 'impact'?",
    ),
    "a question by its short label": (
        "discipline: it\nanswers:\n  Impact on the outcome: yes\n",
        "4:3: error: unknown question 'Impact on the outcome': did you mean 'impact'?",
    ),
    "a phase in capitals": (
        "discipline: it\ninvolvement:\n  SETUP: inform\n",
        "4:3: error: unknown phase 'SETUP': did you mean 'setup'?",
    ),
    "a phase by its label in the other language": (
        "discipline: it\ninvolvement:\n  Uitvoeren: inform\n",
        "4:3: error: unknown phase 'Uitvoeren': did you mean 'execution'?",
    ),
    "a level by its label in the other language": (
        "discipline: it\ninvolvement:\n  setup: raadplegen\n",
        "4:10: error: unknown level 'raadplegen': did you mean 'consult'?",
    ),
    "a level in capitals": (
        "discipline: it\ninvolvement:\n  setup: INFORM\n",
        "4:10: error: unknown level 'INFORM': did you mean 'inform'?",
    ),
}


@pytest.mark.parametrize("case", list(SUGGESTED))
def test_an_unknown_value_gets_the_id_it_stands_for(empty_project, case):
    configure(empty_project, METHOD)
    written, expected = SUGGESTED[case]
    write(empty_project, "stakeholders/it/anna.yml", "name: Anna\n" + written)
    result = pilotbook("check", cwd=empty_project)
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1, result.stdout
    assert errors[0].startswith(f"stakeholders/it/anna.yml:{expected}"), errors[0]


def test_a_key_in_capitals_is_suggested_and_not_reported_missing_too(empty_project):
    configure(empty_project, METHOD)
    write(empty_project, "stakeholders/it/anna.yml", "NAME: Anna\ndiscipline: it\n")
    result = pilotbook("check", cwd=empty_project)
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1, result.stdout
    assert errors[0].startswith(
        "stakeholders/it/anna.yml:1:1: error: unknown key 'NAME': did you mean 'name'?"
    )


# The id before a rename: a team renames a discipline in mkdocs.yml and its files still
# name the old id. check reads the configuration's recent commits from git.

RENAMED = METHOD.replace(
    "  - id: it\n    label: IT\n", "  - id: platform\n    label: Platform team\n"
)
OLD_ID = "stakeholders/it/anna.yml:2:13: error: unknown 'discipline' value 'it'"


def _errors(project) -> list[str]:
    result = pilotbook("check", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if ": error: " in line]


@pytest.fixture
def before_the_rename(empty_project):
    """A handbook in git whose one file names the discipline 'it', committed."""
    configure(empty_project, METHOD)
    write(empty_project, "stakeholders/it/anna.yml", "name: Anna\ndiscipline: it\n")
    return in_git(empty_project)


def _rename(project) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text()
    assert "  - id: it\n" in text
    config.write_text(
        text.replace(
            "- id: it\n          label: IT\n", "- id: platform\n          label: Platform team\n"
        )
    )


def test_a_discipline_renamed_in_the_work_tree_is_suggested_by_its_previous_id(before_the_rename):
    _rename(before_the_rename)
    (error,) = _errors(before_the_rename)
    assert error.startswith(
        f"{OLD_ID}: the configuration renamed 'it' to 'platform': did you mean 'platform'?"
    ), error


def test_a_rename_already_committed_is_still_suggested(before_the_rename):
    _rename(before_the_rename)
    git(before_the_rename, "commit", "-qam", "Rename the IT discipline")
    (error,) = _errors(before_the_rename)
    assert "renamed 'it' to 'platform': did you mean 'platform'?" in error, error


def test_a_question_renamed_in_the_configuration_is_suggested_too(empty_project):
    question = (
        "  - id: {}\n    text: Does it touch the outcome?\n    short: Effect\n    needed: yes\n"
    )
    configure(empty_project, METHOD + "questions:\n" + question.format("impact"))
    write(empty_project, "stakeholders/it/anna.yml", "name: Anna\ndiscipline: it\n")
    in_git(empty_project)
    config = empty_project / "mkdocs.yml"
    config.write_text(config.read_text().replace("- id: impact\n", "- id: effect\n"))
    write(
        empty_project,
        "stakeholders/it/anna.yml",
        "name: Anna\ndiscipline: it\nanswers:\n  impact: yes\n",
    )
    (error,) = _errors(empty_project)
    assert error.startswith(
        "stakeholders/it/anna.yml:4:3: error: unknown question 'impact': the configuration "
        "renamed 'impact' to 'effect': did you mean 'effect'?"
    ), error


def test_no_rename_is_claimed_where_the_method_lost_and_gained_several(before_the_rename):
    config = before_the_rename / "mkdocs.yml"
    text = config.read_text()
    # Two ids gone, two new ones, and no label kept: which became which is not known.
    for old, new in (("it", "platform"), ("legal", "privacy")):
        text = text.replace(f"- id: {old}\n", f"- id: {new}\n")
    text = text.replace("label: IT\n", "label: Platform team\n")
    config.write_text(text.replace("en: Legal and compliance}", "en: Privacy office}"))
    (error,) = _errors(before_the_rename)
    assert error.startswith(OLD_ID) and "renamed" not in error and "did you mean" not in error


def test_outside_git_the_message_stays_what_it_was(empty_project):
    configure(empty_project, METHOD)
    write(empty_project, "stakeholders/it/anna.yml", "name: Anna\ndiscipline: it\n")
    _rename(empty_project)
    (error,) = _errors(empty_project)
    assert error.startswith(f"{OLD_ID} (expected one of: legal, contact-centre, platform)"), error
