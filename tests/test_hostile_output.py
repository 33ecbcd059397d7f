"""Property: whatever a file says, what pilotbook prints is shown and never obeyed.

Terminals obey control characters, CI runners obey lines that start like a command
(GitHub Actions `::error::`, Azure DevOps `##[error]`, `##vso[` anywhere in a line),
and a step summary renders Markdown. Keys, values and file names come from anyone
who can open a pull request, so every line `check` prints, in every format, and
every line the MkDocs plugin logs, shows such text as symbols and obeys none of it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata

import markdown
from conftest import copy_sample, csv_rows, mkdocs_build, pilotbook, run, write
from hypothesis import given, settings
from hypothesis import strategies as st

from pilotbook.method.model import DEFAULT_METHOD
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import (
    Position,
    Problem,
    Severity,
    as_json,
    azure_command,
    format_problem,
    github_command,
    gitlab_report,
    markdown_summary,
)
from pilotbook.records.stakeholders import read_stakeholder

# Characters that change what a terminal or a log viewer shows: controls, line and
# paragraph separators, direction marks and overrides, and lone surrogates.
_OBEYED = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u2028\u2029\ud800-\udfff]"
)
_COMMAND = re.compile(r"^\s*(?:::|##\[)|##vso\[", re.IGNORECASE | re.MULTILINE)

PIECES = [
    "\n::error file=x.yml,line=1::FORGED",
    "::warning::x",
    "\n##[error]forged",
    "##vso[task.setvariable variable=x]1",
    "##VSO[task.complete]",
    "\nstakeholders/a.yml:1:1: error: fake",
    "\x1b[31m",
    "\x1b]8;;https://evil.example\x07",
    "\x07",
    "\x00",
    "\x9b",
    "\u202e",
    "\u2028",
    "\r",
    "\t",
    "\udcff",
    "![p](https://evil.example/p.png)",
    "<img src=x onerror=alert(1)>",
    "[x](https://evil.example)",
    "www.evil.example",
    "|",
    "%0A",
    "  ",
]
TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), min_size=1, max_size=6
).map("".join)


# pilotbook's own annotations (a rule set to info is a GitHub notice), the one command
# `check --format github` or `azure` means to give a line: the command's properties hold
# no separator, and nothing follows them but the message.
_ANNOTATION = re.compile(
    r"::(?:(error|warning)|notice) file=[^:,]*,line=[0-9]+,col=[0-9]+,"
    r"title=pilotbook (?(1)\1|info) \([a-z0-9-]+\)::(?P<message>.*)"
    r"|##vso\[task\.logissue type=(error|warning);sourcepath=[^;\]]*;linenumber=[0-9]+;"
    r"columnnumber=[0-9]+;code=[a-z0-9-]+\](?P<azure>.*)"
)


def assert_safe_for_terminals_and_ci(output: str) -> None:
    body = output[:-1] if output.endswith("\n") else output
    assert not _OBEYED.search(body.replace("\n", "")), ascii(output)
    for line in body.split("\n"):
        own = _ANNOTATION.fullmatch(line)
        if own:  # the message stands after the command, where only `##vso[` counts
            message = own["message"] if own["message"] is not None else own["azure"]
            assert "##vso[" not in message.lower(), ascii(line)
        else:
            assert not _COMMAND.search(line), ascii(line)


def _problem(path: str, message: str) -> Problem:
    return Problem(path, Position(2, 3), Severity.ERROR, message, Code.UNKNOWN_KEY)


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT)
def test_a_problem_prints_as_one_inert_line_in_every_format(path, message):
    problem = _problem(path, message)
    for line in (format_problem(problem), github_command(problem), azure_command(problem)):
        assert "\n" not in line
        assert_safe_for_terminals_and_ci(line)
    assert github_command(problem).startswith("::error file=")
    assert azure_command(problem).startswith("##vso[task.logissue type=error;sourcepath=")
    assert azure_command(problem).lower().count("##vso[") == 1
    report = gitlab_report([problem])
    assert_safe_for_terminals_and_ci(report)
    text = as_json([problem], 1)
    assert_safe_for_terminals_and_ci(text)
    if not re.search("[\ud800-\udfff]", path + message):
        assert json.loads(text)["problems"][0] == {
            "path": path,
            "line": 2,
            "column": 3,
            "severity": "error",
            "message": message,
            "code": "unknown-key",
        }
        [issue] = json.loads(report)
        assert (issue["description"], issue["location"]["path"]) == (message, path)


@settings(max_examples=100, deadline=None)
@given(TEXT, TEXT)
def test_what_a_file_says_reaches_the_log_inert(key, value):
    """Keys and values as a file holds them, through validation to the printed lines."""
    source = f"name: {json.dumps(value)}\n{json.dumps(key)}: {json.dumps(value)}\n"
    _, problems = read_stakeholder(source.encode(), "it/a", "stakeholders/it/a.yml", DEFAULT_METHOD)
    problems.append(_problem("stakeholders/it/a.yml", f"check the entry with {value}"))
    for problem in problems:
        assert_safe_for_terminals_and_ci(format_problem(problem))
        assert_safe_for_terminals_and_ci(github_command(problem))
        assert_safe_for_terminals_and_ci(azure_command(problem))
    assert_safe_for_terminals_and_ci(as_json(problems, 1))
    assert_safe_for_terminals_and_ci(gitlab_report(problems))


@settings(max_examples=100, deadline=None)
@given(TEXT)
def test_the_step_summary_shows_markdown_as_text(text):
    summary = markdown_summary([_problem(text, text)], 1)
    assert_safe_for_terminals_and_ci(summary)
    rendered = markdown.markdown(summary, extensions=["tables", "pymdownx.magiclink"])
    assert not re.search(r"<(?!/?(?:h3|p|table|thead|tbody|tr|th|td)\b)", rendered), rendered


HOSTILE = (
    'name: "\\e[31mRood\\e[0m \\u202eevil"\n'
    "discipline: legal\n"
    '"x\\n::error file=a.yml,line=1::FORGED": 1\n'
    '"y\\nstakeholders/b.yml:1:1: error: fake": 2\n'
    '"##vso[task.setvariable variable=x]1 ![p](https://evil.example/p.png)": 3\n'
)


def test_check_prints_a_hostile_file_inert_in_every_format(tmp_path):
    write(tmp_path, "stakeholders/legal/a.yml", HOSTILE)
    summary = tmp_path / "summary.md"
    for fmt in ("text", "github", "json", "gitlab", "azure"):
        result = pilotbook(
            "check", "--format", fmt, cwd=tmp_path, env={"GITHUB_STEP_SUMMARY": str(summary)}
        )
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert_safe_for_terminals_and_ci(result.stdout)
        assert_safe_for_terminals_and_ci(result.stderr)
    text = pilotbook("check", cwd=tmp_path).stdout
    assert "unknown key 'x\u240a::error file=a.yml,line=1::FORGED'" in text
    assert "##vso\\[task.setvariable" in text
    data = json.loads(pilotbook("check", "--format", "json", cwd=tmp_path).stdout)
    assert "unknown key 'x\n::error file=a.yml,line=1::FORGED'" in {
        p["message"].split(" (")[0] for p in data["problems"]
    }
    assert_safe_for_terminals_and_ci(summary.read_text())
    rendered = markdown.markdown(summary.read_text(), extensions=["tables"])
    assert "<img" not in rendered and "<a " not in rendered


def test_mkdocs_logs_a_hostile_file_inert(tmp_path):
    project = copy_sample(tmp_path / "handbook")
    write(project, "stakeholders/legal/a.yml", HOSTILE)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "a.yml" in line]
    assert len(lines) == 3, result.stderr
    for line in lines:
        assert_safe_for_terminals_and_ci(line.split("ERROR   -  ")[-1])


def test_the_csv_report_shows_control_characters_as_symbols(tmp_path):
    write(
        tmp_path,
        "stakeholders/legal/a.yml",
        'name: "Bel\\a Esc\\e[31m Nul\\0 \\u202eevil"\n'
        "discipline: legal\n"
        'expectation: "=1+1\\nnext line"\n',
    )
    result = pilotbook("report", "--format", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert row["name"] == "Bel\u2407 Esc\u241b[31m Nul\u2400 [U+202E]evil"
    assert row["expectation"] == "'=1+1 next line"
    assert not [c for c in result.stdout if unicodedata.category(c) == "Cc" and c not in "\r\n"]


def test_diff_reads_a_hostile_revision_without_crashing(tmp_path):
    repo = copy_sample(tmp_path / "repo")

    def git(*args: str) -> None:
        assert run(["git", *args], repo).returncode == 0

    git("init", "-q", "-b", "main")
    git("-c", "user.email=a@example.org", "-c", "user.name=A", "add", "-A")
    git("-c", "user.email=a@example.org", "-c", "user.name=A", "commit", "-qm", "sample")
    write(repo, "stakeholders/legal/a.yml", HOSTILE + "reviewed: 2024-02-30\nnotes: 2024-13-45\n")
    git("add", "-A")
    git("-c", "user.email=a@example.org", "-c", "user.name=A", "commit", "-qm", "hostile")
    for args in (["main~1", "main"], ["main", "main~1"], ["main~1"]):
        for fmt in ("markdown", "json"):
            result = pilotbook("diff", *args, "--format", fmt, cwd=repo)
            assert result.returncode == 0, result.stderr
            assert_safe_for_terminals_and_ci(result.stdout)
            if fmt == "json":
                json.loads(result.stdout)
    shown = pilotbook("diff", "main~1", "main", cwd=repo).stdout
    assert "main:stakeholders/legal/a.yml:6:11: error: 'reviewed: 2024-02-30' is not a day" in shown
    assert "unknown key 'x\u240a::error file=a.yml,line=1::FORGED'" in shown


def test_diff_does_not_fetch_a_blob_too_large_for_a_stakeholder(tmp_path):
    repo = copy_sample(tmp_path / "repo")
    who = ["-c", "user.email=a@example.org", "-c", "user.name=A"]
    assert run(["git", "init", "-q", "-b", "main"], repo).returncode == 0
    large = repo / "stakeholders" / "it" / "large.yml"
    large.write_text("name: Anna\ndiscipline: it\nexpectation: " + "x" * 300_000 + "\n")
    assert run(["git", *who, "add", "-A"], repo).returncode == 0
    assert run(["git", *who, "commit", "-qm", "large"], repo).returncode == 0
    result = pilotbook("diff", "main", "main", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert (
        "main:stakeholders/it/large.yml:1:1: error: the file has 300,040 bytes, more than "
        "the 262,144 a stakeholder file may have"
    ) in result.stdout


# Commands for CI runners in every place a valid file can put text that reports show.
COMMANDS = {
    "name": "##vso[task.setvariable variable=token]stolen",
    "role": "::error file=a.yml,line=1::FORGED",
    "expectation": "##[error]forged ##VSO[task.complete result=Failed]",
}


def test_every_report_check_and_diff_format_prints_commands_inert(tmp_path):
    """Every format of every command that prints a file's text, over a file that puts
    CI commands in each text field: no line holds a live `##vso[` or starts a command."""
    repo = copy_sample(tmp_path / "repo")
    who = ["-c", "user.email=a@example.org", "-c", "user.name=A"]
    assert run(["git", "init", "-q", "-b", "main"], repo).returncode == 0
    assert run(["git", *who, "add", "-A"], repo).returncode == 0
    assert run(["git", *who, "commit", "-qm", "sample"], repo).returncode == 0
    fields = "".join(f"{key}: {json.dumps(value)}\n" for key, value in COMMANDS.items())
    # Shortlisted, selected and long unreviewed: the name shows in the intranet's view,
    # and in the warning `check` prints.
    answers = "answers: {impact: ja, expectations: ja, relationship: ja, replaceable: nee, "
    answers += "appointed: nee}\ninterview: selected\nreviewed: 2020-01-01\n"
    write(repo, "stakeholders/legal/cmd.yml", fields + "discipline: legal\n" + answers)
    assert run(["git", *who, "add", "-A"], repo).returncode == 0
    assert run(["git", *who, "commit", "-qm", "hostile"], repo).returncode == 0
    commands = [
        *(
            ["report", "--format", fmt, "--audience", audience]
            for fmt in ("json", "markdown", "csv")
            for audience in ("team", "intranet")
        ),
        *(["check", "--format", fmt] for fmt in ("text", "github", "json", "gitlab", "azure")),
        *(
            ["diff", *revisions, "--format", fmt]
            for revisions in (["main~1", "main"], ["main", "main~1"], ["main~1"])
            for fmt in ("markdown", "json")
        ),
    ]
    for args in commands:
        result = pilotbook(*args, cwd=repo)
        assert result.returncode == 0, (args, result.stderr)
        assert "stolen" in result.stdout, args  # the name reached the output
        assert_safe_for_terminals_and_ci(result.stdout)
        assert_safe_for_terminals_and_ci(result.stderr)
    # The CSV still reads back as the text, with what defuses it.
    rows = csv_rows(pilotbook("report", "--format", "csv", cwd=repo).stdout)
    (row,) = [row for row in rows if row["id"] == "legal/cmd"]
    assert row["name"] == "##vso\\[task.setvariable variable=token]stolen"
    assert row["role"] == "'::error file=a.yml,line=1::FORGED"
    assert row["expectation"] == "'##[error]forged ##VSO\\[task.complete result=Failed]"
