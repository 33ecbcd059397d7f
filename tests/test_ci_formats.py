"""`check --format gitlab` and `--format azure`: the same problems, as each CI system reads them.

GitLab shows a Code Quality report in a merge request and tells new problems from
old ones by their fingerprint; Azure Pipelines annotates a run from logging commands.
Both want paths from the repository's root, wherever `check` runs.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import jsonschema
from conftest import csv_rows, pilotbook, write

from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Position, Problem, Severity, azure_command, gitlab_report

# The fields of GitLab's Code Quality report that GitLab requires of each issue, as its
# documentation lists them ("Implement a custom tool": the Code Climate issue subset).
GITLAB_CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string"},
            "check_name": {"type": "string"},
            "fingerprint": {"type": "string"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}

BROKEN = "name: A\ndiscipline: legl\nkleur1: rood\nkleur2: blauw\n"
STALE = "name: B\ndiscipline: it\nreviewed: 2000-01-01\n"


def _repository(tmp_path: Path) -> Path:
    """A git repository whose handbook lies in a folder below its root."""
    repo = tmp_path / "repo"
    write(repo, "handbook/stakeholders/it/a.yml", BROKEN)
    write(repo, "handbook/stakeholders/it/b.yml", STALE)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


def _gitlab(cwd: Path, *args: str) -> list[dict]:
    result = pilotbook("check", "--format", "gitlab", *args, cwd=cwd)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, GITLAB_CODE_QUALITY)
    return report


def test_gitlab_report_is_a_code_quality_report_from_the_repository_root(tmp_path):
    repo = _repository(tmp_path)
    report = _gitlab(repo / "handbook")
    assert [(i["location"]["path"], i["location"]["lines"]["begin"]) for i in report] == [
        ("handbook/stakeholders/it/a.yml", 2),
        ("handbook/stakeholders/it/a.yml", 3),
        ("handbook/stakeholders/it/a.yml", 4),
        ("handbook/stakeholders/it/b.yml", 3),
    ]
    assert report[0]["check_name"] == "unknown-value"
    assert report[0]["severity"] == "major"
    assert report[0]["description"].startswith("unknown 'discipline' value 'legl'")
    assert report[3]["check_name"] == "stale-review"
    assert report[3]["severity"] == "minor"
    # Run from the repository's root, the report names the same files.
    assert _gitlab(repo, "handbook") == report


def test_gitlab_fingerprints_are_unique_and_survive_runs_and_moved_lines(tmp_path):
    repo = _repository(tmp_path)
    first = _gitlab(repo / "handbook")
    fingerprints = [i["fingerprint"] for i in first]
    assert len(set(fingerprints)) == len(fingerprints)
    assert [i["fingerprint"] for i in _gitlab(repo / "handbook")] == fingerprints
    # Lines added above the problems move them, but they are the same problems.
    write(repo, "handbook/stakeholders/it/a.yml", "# Anna\n\n" + BROKEN)
    moved = _gitlab(repo / "handbook")
    assert [i["location"]["lines"]["begin"] for i in moved][:3] == [4, 5, 6]
    assert [i["fingerprint"] for i in moved] == fingerprints


def test_identical_problems_in_one_file_get_their_own_fingerprints():
    same = Problem("a.yml", Position(3, 1), Severity.ERROR, "unknown key 'x'", Code.UNKNOWN_KEY)
    again = Problem("a.yml", Position(7, 1), Severity.ERROR, "unknown key 'x'", Code.UNKNOWN_KEY)
    elsewhere = Problem(
        "b.yml", Position(3, 1), Severity.ERROR, "unknown key 'x'", Code.UNKNOWN_KEY
    )
    report = json.loads(gitlab_report([same, again, elsewhere]))
    assert len({i["fingerprint"] for i in report}) == 3


def test_gitlab_report_outside_a_repository_names_files_from_the_current_folder(tmp_path):
    write(tmp_path, "handbook/stakeholders/it/a.yml", BROKEN)
    report = _gitlab(tmp_path, "handbook")
    assert {i["location"]["path"] for i in report} == {"handbook/stakeholders/it/a.yml"}


def test_gitlab_report_without_problems_is_an_empty_list(tmp_path):
    write(tmp_path, "stakeholders/it/a.yml", "name: A\ndiscipline: it\n")
    result = pilotbook("check", "--format", "gitlab", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_azure_logs_one_issue_per_problem_from_the_repository_root(tmp_path):
    repo = _repository(tmp_path)
    result = pilotbook("check", "--format", "azure", cwd=repo / "handbook")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "##vso[task.logissue type=error;sourcepath=handbook/stakeholders/it/a.yml;"
        "linenumber=2;columnnumber=13;code=unknown-value]unknown 'discipline' value 'legl': "
        "did you mean 'legal'? (expected one of: marketing, sales, legal, facilities, it)"
    )
    assert lines[3].startswith(
        "##vso[task.logissue type=warning;sourcepath=handbook/stakeholders/it/b.yml;"
        "linenumber=3;columnnumber=1;code=stale-review]last reviewed "
    )
    assert lines[4] == "2 files checked: 3 errors, 1 warning"


def test_azure_escapes_as_logging_commands_require():
    problem = Problem(
        "odd;name]x%.yml",
        Position(3, 4),
        Severity.WARNING,
        "50% done\r\nnext ##vso[task.complete result=Failed]; ]",
        Code.STALE_REVIEW,
    )
    # Line breaks are shown as symbols, as everywhere pilotbook prints, and a command
    # inside the message gets a backslash: neither can start a command of its own.
    assert azure_command(problem) == (
        "##vso[task.logissue type=warning;sourcepath=odd%3Bname%5Dx%AZP25.yml;linenumber=3;"
        "columnnumber=4;code=stale-review]"
        "50%AZP25 done\u240d\u240anext ##vso\\[task.complete result=Failed]; ]"
    )


# Configurations that stop every command before a file is read: a wrong option of
# pilotbook's own, and a setting MkDocs cannot use (its docs folder does not exist).
BROKEN_CONFIGS = {
    "invalid-option": "site_name: x\nplugins:\n  - pilotbook:\n      stakeholders_dirr: x\n",
    "unusable-config": "site_name: x\ndocs_dir: docz\nplugins:\n  - pilotbook\n",
}


def _broken(tmp_path: Path, config: str) -> Path:
    """A committed handbook in a folder of a repository, whose configuration then breaks."""
    repo = _repository(tmp_path)
    write(repo, "handbook/docs/index.md", "# x\n")
    write(repo, "handbook/mkdocs.yml", "site_name: x\nplugins:\n  - pilotbook\n")
    for args in (
        ["add", "-A"],
        ["-c", "user.name=A", "-c", "user.email=a@b.c", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", *args], cwd=repo, check=True)
    write(repo, "handbook/mkdocs.yml", config)
    return repo


def _refused(cwd: Path, *args: str) -> str:
    result = pilotbook(*args, cwd=cwd)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def test_github_annotations_name_the_problem_code(tmp_path):
    repo = _repository(tmp_path)
    lines = _refused(repo / "handbook", "check", "--format", "github").splitlines()
    assert lines[0].startswith(
        "::error file=handbook/stakeholders/it/a.yml,line=2,col=13,"
        "title=pilotbook error (unknown-value)::"
    )
    assert "title=pilotbook warning (stale-review)::" in lines[3]


def test_a_configuration_error_reaches_every_format_as_a_valid_document(tmp_path):
    """Whatever the format, a broken configuration gives a document of that format that
    holds the error, where it stands from the repository's root for a CI system."""
    for code, config in BROKEN_CONFIGS.items():
        repo = _broken(tmp_path / code, config)
        handbook = repo / "handbook"
        [issue] = _gitlab(handbook)
        assert (issue["check_name"], issue["location"]["path"]) == (code, "handbook/mkdocs.yml")
        data = json.loads(_refused(handbook, "check", "--format", "json"))
        assert (data["files"], [p["code"] for p in data["problems"]]) == (0, [code])
        assert data["config"] == "mkdocs.yml"
        [annotation, _] = _refused(handbook, "check", "--format", "github").splitlines()
        assert annotation.startswith("::error file=handbook/mkdocs.yml,line=")
        assert f"title=pilotbook error ({code})::" in annotation
        [issue_line, _] = _refused(handbook, "check", "--format", "azure").splitlines()
        assert issue_line.startswith(
            "##vso[task.logissue type=error;sourcepath=handbook/mkdocs.yml;"
        )
        assert f";code={code}]" in issue_line
        for command in (("report",), ("diff", "HEAD")):
            data = json.loads(_refused(handbook, *command, "--format", "json"))
            assert [(p["path"], p["code"]) for p in data["problems"]] == [("mkdocs.yml", code)]
            written = _refused(handbook, *command, "--format", "markdown")
            row = re.search(
                r"^\| mkdocs\.yml \| \d+ \| \d+ \| error \| .+ \| (.+) \|$", written, re.M
            )
            assert row and row[1] == code, written
        assert _refused(handbook, "diff", "HEAD").startswith("<!-- pilotbook-diff -->\n")
        [row] = csv_rows(_refused(handbook, "report", "--format", "csv"))
        assert (row["path"], row["severity"], row["code"]) == ("mkdocs.yml", "error", code)


def test_check_from_outside_the_repository_names_files_from_its_root(tmp_path):
    """Run as `check DIR` from a folder outside the repository, every CI format names a
    file from the repository's root, as CI systems match it; the text from here."""
    repo = _repository(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    target = str(repo / "handbook")
    assert {i["location"]["path"] for i in _gitlab(outside, target)} == {
        "handbook/stakeholders/it/a.yml",
        "handbook/stakeholders/it/b.yml",
    }
    github = _refused(outside, "check", target, "--format", "github")
    assert github.startswith("::error file=handbook/stakeholders/it/a.yml,line=2,")
    azure = _refused(outside, "check", target, "--format", "azure")
    assert azure.startswith(
        "##vso[task.logissue type=error;sourcepath=handbook/stakeholders/it/a.yml;"
    )
    # From the folder above the repository, too.
    github = _refused(tmp_path, "check", "repo/handbook", "--format", "github")
    assert github.startswith("::error file=handbook/stakeholders/it/a.yml,line=2,")
    text = _refused(tmp_path, "check", "repo/handbook")
    assert text.startswith("repo/handbook/stakeholders/it/a.yml:2:13: error: ")
