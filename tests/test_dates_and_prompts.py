"""A review dated after today is refused where it stands (a caller's training may be
planned ahead), and `new` says in its prompts which spellings of yes and no it reads."""

from __future__ import annotations

import datetime

import pytest
from conftest import mkdocs_build_here, pilotbook, write

from pilotbook.method.model import DEFAULT_METHOD
from pilotbook.records.callers import new_caller_text

TODAY = datetime.date.today()
TOMORROW = (TODAY + datetime.timedelta(days=1)).isoformat()


@pytest.mark.parametrize("folder", ["stakeholders/it/ada.yml", "callers/ada.yml"])
def test_a_review_after_today_is_a_located_error_in_check_and_the_build(empty_project, folder):
    write(empty_project, "stakeholders/it/bob.yml", "name: Bob\ndiscipline: it\n")
    write(empty_project, folder, f"name: Ada\ndiscipline: it\nreviewed: {TOMORROW}\n")
    if folder.startswith("callers"):
        write(empty_project, folder, f"name: Ada\nreviewed: {TOMORROW}\n")
    line = 3 if folder.startswith("stakeholders") else 2
    expected = (
        f"{folder}:{line}:11: error: 'reviewed: {TOMORROW}' is a day after today "
        f"({TODAY.isoformat()}): it says when something was done, which cannot have "
        "happened yet: write the day it was done (future-date)"
    )
    check = pilotbook("check", cwd=empty_project)
    assert check.returncode == 1
    assert expected in check.stdout.splitlines()
    build = mkdocs_build_here(empty_project, empty_project / "site")
    assert build.returncode == 1
    assert expected in build.stdout + build.stderr


def test_today_and_a_planned_training_are_fine(empty_project):
    write(
        empty_project,
        "stakeholders/it/ada.yml",
        f"name: Ada\ndiscipline: it\nreviewed: {TODAY.isoformat()}\n",
    )
    write(
        empty_project,
        "callers/bas.yml",
        f"name: Bas\ntrained: {TOMORROW}\nreviewed: {TODAY.isoformat()}\n",
    )
    check = pilotbook("check", cwd=empty_project)
    assert check.returncode == 0, check.stdout
    assert check.stdout.endswith("checked, no problems\n")


def test_new_says_that_ja_and_nee_are_read_in_an_english_handbook_too(tmp_path):
    write(tmp_path, "mkdocs.yml", "site_name: P\nplugins:\n  - pilotbook:\n      language: en\n")
    (tmp_path / "docs").mkdir()
    result = pilotbook("new", "Ann Smith", "--discipline", "it", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "stakeholders" / "it" / "ann-smith.yml").read_text()
    assert "# Answer each question yes or no (ja/nee and true/false mean the same)." in text
    caller = new_caller_text("Bas", DEFAULT_METHOD, language="en")
    assert "# Did this colleague volunteer? yes or no (ja/nee mean the same)." in caller
    dutch = new_caller_text("Bas", DEFAULT_METHOD, language="nl")
    assert "ja of nee (yes/no betekenen hetzelfde)" in dutch
