"""Stakeholder files in a git submodule: refused alike by `check`, the build and `diff`.

`diff` reads a revision from the handbook's own repository, where a submodule is only
the id of a commit of another repository; `check` and the build see its files checked
out. So that all three agree on what the handbook holds, a submodule (or a folder that
is a repository of its own) below the stakeholders folder is refused by each, with
one message.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import copy_sample, mkdocs_build, pilotbook, run, write

from pilotbook.method.model import DEFAULT_METHOD
from pilotbook.records.stakeholders import load_stakeholders

WHO = ["-c", "user.email=lead@example.org", "-c", "user.name=Pilot Lead"]
MESSAGE = "error: this folder is a git submodule or a repository of its own"


def git(cwd: Path, *args: str) -> str:
    result = run(["git", *WHO, "-c", "protocol.file.allow=always", *args], cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_submodule_is_refused_by_check_the_build_and_diff_with_one_message(tmp_path):
    people = tmp_path / "people"
    write(people, "anna-de-boer.yml", "name: Anna de Boer\ndiscipline: legal\n")
    git(people, "init", "-q", "-b", "main")
    git(people, "add", "-A")
    git(people, "commit", "-qm", "people")
    repo = copy_sample(tmp_path / "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "sample")
    git(repo, "submodule", "add", "-q", str(people), "stakeholders/legal/people")
    git(repo, "commit", "-qm", "people from another repository")
    assert (repo / "stakeholders/legal/people/anna-de-boer.yml").is_file()

    lines = {}
    check = pilotbook("check", cwd=repo)
    assert check.returncode == 1, check.stderr
    (lines["check"],) = [line for line in check.stdout.splitlines() if MESSAGE in line]
    build = mkdocs_build(repo, tmp_path / "site")
    assert build.returncode == 1
    (lines["build"],) = [line for line in build.stderr.splitlines() if MESSAGE in line]
    assert not (tmp_path / "site").exists()
    for revisions, shown in (
        (["main~1", "main"], "main:stakeholders/legal/people"),
        (["main~1"], "stakeholders/legal/people"),
    ):
        result = pilotbook("diff", *revisions, "--format", "json", cwd=repo)
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        (problem,) = data["problems"]["head"]
        assert (problem["path"], problem["line"], problem["column"]) == (shown, 1, 1)
        lines[shown] = f"{shown}:1:1: {problem['severity']}: {problem['message']}"
        lines[shown] += f" ({problem['code']})"
        # Nobody from the submodule is counted as added, on either route.
        assert "Anna de Boer" not in result.stdout
    assert "Anna de Boer" not in check.stdout
    expected = (
        "stakeholders/legal/people:1:1: error: this folder is a git submodule or a "
        "repository of its own, which pilotbook does not read: 'pilotbook diff' could not "
        "see its files in a revision, so the build and 'check' leave them out too; move the "
        "files into the handbook's repository ('git rm' the submodule, then add the files) "
        "(git-submodule)"
    )
    assert lines["check"] == expected
    assert lines["build"].endswith(expected)
    assert lines["stakeholders/legal/people"] == expected
    assert lines["main:stakeholders/legal/people"] == "main:" + expected


def test_a_folder_with_a_repository_of_its_own_is_refused_where_it_stands(tmp_path):
    write(tmp_path, "stakeholders/legal/clone/.git/HEAD", "ref: refs/heads/main\n")
    write(tmp_path, "stakeholders/legal/clone/anna.yml", "name: Anna\ndiscipline: legal\n")
    write(tmp_path, "stakeholders/legal/bo.yml", "name: Bo\ndiscipline: legal\n")
    loaded = load_stakeholders(tmp_path / "stakeholders", DEFAULT_METHOD)
    assert [s.name for s in loaded.stakeholders] == ["Bo"]
    (problem,) = loaded.problems
    assert problem.path.endswith("stakeholders/legal/clone")
    assert problem.code == "git-submodule"


def test_the_stakeholders_folder_may_be_the_root_of_a_repository(tmp_path):
    """Its own `.git` makes a folder a submodule only inside another repository."""
    write(tmp_path, "stakeholders/.git/HEAD", "ref: refs/heads/main\n")
    write(tmp_path, "stakeholders/legal/bo.yml", "name: Bo\ndiscipline: legal\n")
    result = pilotbook("check", "stakeholders", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_stakeholders_folder_that_is_a_submodule_is_refused_by_diff_as_by_check(tmp_path):
    people = tmp_path / "people"
    write(people, "legal/anna-de-boer.yml", "name: Anna de Boer\ndiscipline: legal\n")
    git(people, "init", "-q", "-b", "main")
    git(people, "add", "-A")
    git(people, "commit", "-qm", "people")
    repo = copy_sample(tmp_path / "repo")
    git(repo, "init", "-q", "-b", "trunk")
    shutil.rmtree(repo / "stakeholders")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "sample without people")
    git(repo, "submodule", "add", "-q", str(people), "stakeholders")
    git(repo, "commit", "-qm", "people from another repository")
    write(repo, "stakeholders/legal/bo.yml", "name: Bo\ndiscipline: legal\n")
    git(repo / "stakeholders", "add", "-A")
    git(repo / "stakeholders", "commit", "-qm", "one more")
    git(repo, "commit", "-qam", "the submodule moved on")

    expected = "stakeholders:1:1: " + MESSAGE
    check = pilotbook("check", cwd=repo)
    assert check.returncode == 1 and expected in check.stdout, check.stdout
    # Revisions are the handbook's ('trunk' is no branch of the submodule's repository).
    for revisions in (["trunk~1", "trunk"], ["trunk"], ["HEAD~1"]):
        result = pilotbook("diff", *revisions, cwd=repo)
        assert result.returncode == 1, result.stdout + result.stderr
        assert result.stderr.startswith(expected), result.stderr
        assert "Bo" not in result.stdout
