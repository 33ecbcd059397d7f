"""What `check` suggests for a value it does not know: the id written in other
capitals, or a discipline's, question's, phase's or level's label in either language."""

from __future__ import annotations

import pytest
from conftest import configure, pilotbook, write

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
