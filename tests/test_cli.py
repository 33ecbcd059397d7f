"""The `pilotbook` command as a pilot lead and a script use it."""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import ENV, REPO, configure, csv_rows, pilotbook, pilotbook_process, run, write

from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Position, Problem, Severity, github_command


def test_check_on_the_sample_passes(project):
    # In a process of its own, as `python -m pilotbook`: the other tests run `main` here.
    result = pilotbook_process("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    # 38 stakeholders and 12 callers; the sample's one gap in its call team's spread is
    # set to info in its mkdocs.yml, shown and failing nothing.
    gap, summary = result.stdout.strip().splitlines()
    assert ": info: " in gap and gap.endswith("(call-team-not-spread)"), gap
    assert summary == "50 files checked: 1 info"


def test_check_lists_every_problem_then_a_summary_and_fails(tmp_path):
    write(
        tmp_path, "stakeholders/legal/a.yml", "name: A\ndiscipline: legal\nanswers:\n  impact: x\n"
    )
    write(tmp_path, "stakeholders/it/b.yml", "name: B\ndiscipline: itt\n")
    write(tmp_path, "stakeholders/it/c.yml", 'name: "C\n')
    result = pilotbook("check", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines[:-1]] == [
        "stakeholders/it/b.yml:2:13",
        "stakeholders/it/c.yml:2:1",
        "stakeholders/legal/a.yml:4:11",
    ]
    assert all(": error: " in line for line in lines[:-1])
    assert lines[-1] == "3 files checked: 3 errors"
    assert "Traceback" not in result.stdout + result.stderr


def test_check_takes_a_folder(tmp_path):
    write(tmp_path, "elders/a.yml", "name: A\ndiscipline: legal\n")
    result = pilotbook("check", "elders", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == "1 file checked, no problems"


def test_warnings_do_not_fail_check(tmp_path):
    write(
        tmp_path,
        "stakeholders/a.yml",
        "name: A\ndiscipline: legal\nanswers: {impact: nee}\ninterview: selected\n",
    )
    result = pilotbook("check", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("stakeholders/a.yml:4:1: warning: 'interview: selected' is set")
    assert result.stdout.splitlines()[-1] == "1 file checked: 1 warning"


def test_missing_folder_is_an_error_not_a_crash(tmp_path):
    result = pilotbook("check", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("nowhere:1:1: error: the stakeholders folder does not exist")


def test_wrong_usage_exits_2(tmp_path):
    assert pilotbook_process("check", "a", "b", cwd=tmp_path).returncode == 2
    assert pilotbook("report", "--format", "xml", cwd=tmp_path).returncode == 2
    assert pilotbook("frobnicate", cwd=tmp_path).returncode == 2


def test_report_json_is_the_documented_contract(project):
    result = pilotbook("report", "--format", "json", cwd=project)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    # The sample has a call team: its object is the one key beside the two of old.
    assert set(data) == {"stakeholders", "disciplines", "call_team"}
    people = data["stakeholders"]
    assert [p["id"] for p in people] == sorted(p["id"] for p in people)
    assert all(
        set(p)
        == {
            "id",
            "name",
            "role",
            "discipline",
            "external",
            "status",
            "failed",
            "unanswered",
            "interview",
            "involvement",
            "influence",
            "interest",
            "quadrant",
        }
        for p in people
    )
    by_id = {p["id"]: p for p in people}
    assert by_id["legal/anouk-peters"] == {
        "id": "legal/anouk-peters",
        "name": "Anouk Peters",
        "role": "Bedrijfsjurist contracten",
        "discipline": "legal",
        "external": None,
        "status": "excluded",
        "failed": ["impact", "replaceable"],
        "unanswered": [],
        "interview": None,
        "involvement": {"setup": None, "execution": None, "evaluation": None},
        "influence": "low",
        "interest": "high",
        "quadrant": None,  # excluded: no approach, though her answers place her
    }
    assert by_id["sales/daan-mulder"]["status"] == "pending"
    assert by_id["sales/daan-mulder"]["unanswered"] == ["relationship", "replaceable", "appointed"]
    assert by_id["klanten/particulieren"]["status"] is None
    assert by_id["klanten/particulieren"]["external"] == "direct"
    assert [d["id"] for d in data["disciplines"]] == [
        "marketing",
        "sales",
        "legal",
        "facilities",
        "it",
    ]
    legal = data["disciplines"][2]
    assert legal == {
        "id": "legal",
        "label": "Juridisch en compliance",
        "status": "decided",
        "shortlist": ["legal/marieke-smits", "legal/thomas-de-graaf"],
        "selected": ["legal/marieke-smits"],
    }
    statuses = {d["id"]: d["status"] for d in data["disciplines"]}
    assert statuses == {
        "marketing": "interview",
        "sales": "covered",
        "legal": "decided",
        "facilities": "uncovered",
        "it": "covered",
    }


def test_report_csv_has_a_row_per_stakeholder(project):
    result = pilotbook("report", "--format", "csv", cwd=project)
    assert result.returncode == 0
    rows = [row for row in csv_rows(result.stdout) if row["record"] == "stakeholder"]
    assert len(rows) == 38
    marieke = next(r for r in rows if r["id"] == "legal/marieke-smits")
    assert marieke["status"] == "shortlisted"
    assert marieke["impact"] == "ja"
    assert marieke["replaceable"] == "nee"
    assert marieke["interview"] == "selected"


def test_report_markdown_summarises_each_discipline(project):
    result = pilotbook("report", "--format", "markdown", cwd=project)
    assert result.returncode == 0
    assert "## Facilitair: Niet gedekt" in result.stdout
    assert "## Marketing: Gesprekken nodig" in result.stdout
    assert (
        "| Anouk Peters | Afgevallen | Deze stakeholder heeft geen invloed op de uitkomst. De"
        in result.stdout
    )


def test_report_refuses_invalid_data_with_the_problems(tmp_path):
    write(tmp_path, "stakeholders/a.yml", "name: A\n")
    result = pilotbook("report", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("stakeholders/a.yml:1:1: error: neither")
    # What stdout is written to still reads as JSON: the problems, as check lists them.
    [problem] = json.loads(result.stdout)["problems"]
    assert (problem["path"], problem["line"], problem["column"]) == ("stakeholders/a.yml", 1, 1)
    assert result.stderr.rstrip("\n").endswith(f"({problem['code']})")


def test_generate_writes_content_generated_pages_and_a_config_without_the_plugin(project, tmp_path):
    out = tmp_path / "out"
    result = pilotbook("generate", str(out), cwd=project)
    assert result.returncode == 0, result.stderr
    docs = out / "docs"
    # The home page as written, with the decision board after its title.
    home = (docs / "index.md").read_text()
    assert '<nav class="pb-board"' in home
    without_board = re.sub(r"\n\n<nav class=\"pb-board\".*?</nav>\n", "", home, flags=re.S)
    assert without_board == (project / "content" / "index.md").read_text()
    shortlist = (docs / "stakeholders" / "shortlist.md").read_text()
    assert "[Marieke Smits](people/legal/marieke-smits.md)" in shortlist
    assert (docs / "stakeholders" / "people" / "legal" / "marieke-smits.md").is_file()
    assert "<svg" in (docs / "stakeholders" / "index.md").read_text()
    assert (docs / "assets" / "pilotbook.css").is_file()
    config = yaml.safe_load((out / "mkdocs.yml").read_text())
    assert config["docs_dir"] == "docs"
    assert config["site_name"] == "Pilot videobellen met klanten"
    css, script = "assets/pilotbook-register.css", "assets/javascripts/pilotbook-register.js"
    assert config["extra_css"] == ["assets/pilotbook.css", css]
    assert config["extra_javascript"] == [script]
    assert (docs / css).is_file() and (docs / script).is_file()
    assert config["theme"]["language"] == "nl" and config["theme"]["font"] is False
    assert "pilotbook" not in str(config["plugins"])
    # The handbook's own footer goes along; its theme folder's page templates do not.
    assert config["theme"]["custom_dir"] == "overrides"
    assert (out / "overrides" / "partials" / "copyright.html").is_file()
    # Running again replaces what it wrote before.
    assert pilotbook("generate", str(out), cwd=project).returncode == 0


def test_generate_links_pages_as_the_written_config_asks(project, tmp_path):
    folders = pilotbook("generate", str(tmp_path / "folders"), cwd=project)
    offline = pilotbook("generate", "--offline", str(tmp_path / "files"), cwd=project)
    assert folders.returncode == 0 and offline.returncode == 0, offline.stderr
    for name, directory_urls, link in (
        ("folders", True, 'href="people/legal/marieke-smits/"'),
        ("files", False, 'href="people/legal/marieke-smits.html"'),
    ):
        config = yaml.safe_load((tmp_path / name / "mkdocs.yml").read_text())
        assert config["use_directory_urls"] is directory_urls
        assert link in (tmp_path / name / "docs/stakeholders/index.md").read_text()
    assert {"offline": {"enabled": True}} in config["plugins"]


def test_pilotbook_offline_asks_generate_for_the_copy_read_from_disk(project, tmp_path):
    result = pilotbook(
        "generate", str(tmp_path / "out"), cwd=project, env={"PILOTBOOK_OFFLINE": "true"}
    )
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((tmp_path / "out" / "mkdocs.yml").read_text())
    assert config["use_directory_urls"] is False
    assert "marieke-smits.html" in (tmp_path / "out/docs/stakeholders/index.md").read_text()


def test_generate_never_overwrites_a_folder_it_did_not_write(project, tmp_path):
    out = tmp_path / "mine"
    write(out, "notes.md", "keep me")
    result = pilotbook("generate", str(out), cwd=project)
    assert result.returncode == 1
    assert "was not written by pilotbook" in result.stderr
    assert (out / "notes.md").read_text() == "keep me"


def test_generate_refuses_to_write_into_the_sources(project):
    result = pilotbook("generate", "content/out", cwd=project)
    assert result.returncode == 1
    assert "outside the handbook's sources" in result.stderr
    assert not (project / "content" / "out").exists()


def test_commands_do_not_change_the_repository(tmp_path):
    before = _tree_hashes()
    for args in (["check"], ["report", "--format", "csv"], ["generate", str(tmp_path / "g")]):
        assert pilotbook(*args, cwd=REPO).returncode == 0
    assert _tree_hashes() == before


def _tree_hashes() -> dict[str, int]:
    return {
        str(p.relative_to(REPO)): hash(p.read_bytes())
        for folder in ("content", "stakeholders", "theme")
        for p in sorted((REPO / folder).rglob("*"))
        if p.is_file()
    }


def test_check_github_format_annotates_lines_and_writes_a_step_summary(tmp_path):
    write(tmp_path, "stakeholders/a.yml", "name: A\ndiscipline: legl\n")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    result = pilotbook(
        "check", "--format", "github", cwd=tmp_path, env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(
        "::error file=stakeholders/a.yml,line=2,col=13,title=pilotbook error (unknown-value)::"
        "unknown 'discipline' value 'legl': did you mean 'legal'?"
    )
    written = summary.read_text()
    assert written.startswith("earlier step\n### pilotbook check")
    assert "| stakeholders/a.yml | 2 | 13 | error | unknown 'discipline' value 'legl'" in written
    # Each row names the problem's code, as the annotation's title does.
    assert re.search(
        r"^\| stakeholders/a\.yml \| 2 \| 13 \| .* \| unknown-value \|$", written, re.M
    )


def test_github_commands_escape_as_the_toolkit_requires():
    problem = Problem(
        "odd,name:x.yml",
        Position(3, 4),
        Severity.WARNING,
        "50% done\r\nnext: line",
        Code.STALE_REVIEW,
    )
    # A line break from a file is shown, as everywhere pilotbook prints: a real one
    # would make the rest of the message look like a line of its own.
    assert github_command(problem) == (
        "::warning file=odd%2Cname%3Ax.yml,line=3,col=4,"
        "title=pilotbook warning (stale-review)::"
        "50%25 done\u240d\u240anext: line"
    )


def test_check_json_format_lists_problems_for_tools(tmp_path):
    write(tmp_path, "stakeholders/a.yml", "name: A\ndiscipline: legal\nanswers: {impact: maybe}\n")
    result = pilotbook("check", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    assert json.loads(result.stdout) == {
        "config": None,  # no mkdocs.yml here or above: the default method
        "files": 1,
        "problems": [
            {
                "path": "stakeholders/a.yml",
                "line": 3,
                "column": 19,
                "severity": "error",
                "message": "'maybe' is not an answer to 'impact': use yes/no, ja/nee, "
                "true/false, or unknown/? for not answered yet",
                "code": "invalid-answer",
            }
        ],
    }


def test_check_warns_about_entries_not_reviewed_for_too_long(tmp_path):
    today = datetime.date.today()
    old = (today - datetime.timedelta(days=120)).isoformat()
    recent = (today - datetime.timedelta(days=30)).isoformat()
    write(tmp_path, "stakeholders/old.yml", f"name: Oud\ndiscipline: it\nreviewed: {old}\n")
    write(tmp_path, "stakeholders/new.yml", f"name: Nieuw\ndiscipline: it\nreviewed: {recent}\n")
    result = pilotbook("check", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"stakeholders/old.yml:3:1: warning: last reviewed 120 days ago ({old}), more than the "
        f"90 days this handbook allows: check the entry with Oud and set 'reviewed: "
        f"{today.isoformat()}' (stale-review)",
        "2 files checked: 1 warning",
    ]


def test_the_review_period_is_configurable(project):
    configure(project, "review_after_days: 10")
    recent = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
    write(project, "stakeholders/it/x.yml", f"name: X\ndiscipline: it\nreviewed: {recent}\n")
    result = pilotbook("check", cwd=project)
    assert "stakeholders/it/x.yml:3:1: warning: last reviewed 30 days ago" in result.stdout
    assert "more than the 10 days" in result.stdout


def test_version_names_the_installed_release(tmp_path):
    from importlib.metadata import version

    result = pilotbook("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"pilotbook {version('pilotbook')}"


def test_github_annotations_name_files_from_the_repositorys_root(tmp_path):
    """GitHub attaches an annotation by the path from the repository's root, wherever
    the check ran and wherever the handbook lies in the repository."""
    handbook = tmp_path / "repo" / "handbooks" / "video"
    write(handbook, "stakeholders/it/a.yml", "name: A\ndiscipline: legl\n")
    assert run(["git", "init", "-q"], tmp_path / "repo").returncode == 0
    result = pilotbook("check", "--format", "github", cwd=handbook)
    assert result.stdout.startswith(
        "::error file=handbooks/video/stakeholders/it/a.yml,line=2,col=13,"
    )


def _commit_all(folder) -> None:
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.email=a@b.c", "-c", "user.name=A", "commit", "-qm", "base"],
    ):
        assert run(["git", *args], folder).returncode == 0


def test_a_number_too_long_to_show_is_located_in_every_route(project, tmp_path):
    long = "0x" + "f" * 5000  # read as a number, too long to write as text
    write(project, "stakeholders/it/a.yml", f"name: A\ndiscipline: it\nextra:\n  n: {long}\n")
    expected = "stakeholders/it/a.yml:4:6: error: the number has more than 4,300 digits"
    _commit_all(project)
    for result in (
        pilotbook("check", cwd=project),
        pilotbook("report", cwd=project),
        run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")], project),
    ):
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert expected in output and "Traceback" not in output
        assert "internal error" not in output
    diff = pilotbook("diff", "HEAD", cwd=project)
    assert diff.returncode == 0, diff.stderr
    assert f"HEAD:{expected}" in diff.stdout


def test_a_number_too_long_in_mkdocs_yml_is_located(project):
    config = (project / "mkdocs.yml").read_text()
    line = config[: config.index("      pilot: ")].count("\n") + 2
    for value in ("1" * 5000, "0x" + "f" * 5000):
        configure(project, f"pilot: P\nreview_after_days: {value}\n")
        for command in ("check", "report"):
            result = pilotbook(command, cwd=project)
            assert result.returncode == 1, result.stderr
            assert result.stderr.startswith(
                f"mkdocs.yml:{line}:26: error: the number has more than 4,300 digits"
            )
        (project / "mkdocs.yml").write_text(config)


@pytest.mark.parametrize(
    "value",
    [
        "0x" + "f" * 5000,  # a number to both readers
        "0o" + "7" * 6000,  # text to MkDocs (YAML 1.1), a number to ruamel.yaml (YAML 1.2)
        ":".join(["59"] * 3000),  # a number in base 60 to MkDocs, text to ruamel.yaml
    ],
    ids=["hex", "octal", "base60"],
)
def test_a_long_number_in_mkdocs_yml_is_located_by_check_and_the_build(project, tmp_path, value):
    config = (project / "mkdocs.yml").read_text()
    line = config[: config.index("      pilot: ")].count("\n") + 2
    configure(project, f"pilot: P\nreview_after_days: {value}\n")
    for result in (
        pilotbook("check", cwd=project),
        run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")], project),
    ):
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert f"mkdocs.yml:{line}:26: error: " in output
        assert "Traceback" not in output and "mkdocs.yml:1:1:" not in output


@pytest.mark.parametrize(
    "args",
    [
        ["check", b"st\xff"],
        ["report", "-f", b"m\xffkdocs.yml"],
        ["new", b"Anna \xff", "--discipline", "it"],
        ["new", "Anna", "--discipline", "it", "--folder", b"l\xffegal"],
        ["init", b"hb\xff", "--pilot", "X"],
        ["init", "hb", "--pilot", b"P\xff"],
    ],
    ids=lambda args: args[0],
)
def test_an_argument_that_is_not_utf8_is_named_and_nothing_written(tmp_path, args):
    result = subprocess.run(
        [sys.executable, "-m", "pilotbook", *args],
        cwd=tmp_path,
        env=ENV,
        capture_output=True,
        check=False,
    )
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert stderr.startswith("pilotbook: error: the argument '")
    assert "' holds the byte 0xff, which is not UTF-8: pilotbook reads arguments" in stderr
    assert list(tmp_path.iterdir()) == []


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """`folder` as one that nothing may be written in: without permission to write
    where that means something, immutable where the tests run as root."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if run(["chattr", "+i", str(folder)], folder.parent).returncode != 0:
        pytest.skip("running as root on a file system without chattr +i")
    try:
        yield
    finally:
        run(["chattr", "-i", str(folder)], folder.parent)


_REFUSED = (
    "permission denied: give the user who runs pilotbook permission to it",
    "the operation is not permitted (the file or folder may be locked or immutable)",
)


def test_a_folder_that_cannot_be_written_is_named_with_the_fix(tmp_path):
    (tmp_path / "stakeholders" / "it").mkdir(parents=True)
    with _locked(tmp_path / "stakeholders" / "it"):
        new = pilotbook("new", "Anna", "--discipline", "it", cwd=tmp_path)
    assert new.returncode == 1, new.stderr
    assert new.stderr.startswith("pilotbook: error: stakeholders/it: ")
    assert any(refused in new.stderr for refused in _REFUSED), new.stderr
    assert list((tmp_path / "stakeholders" / "it").iterdir()) == []
    (tmp_path / "out").mkdir()
    with _locked(tmp_path / "out"):
        init = pilotbook("init", "out/hb", "--pilot", "X", cwd=tmp_path)
    assert init.returncode == 1 and init.stderr.startswith("pilotbook: error: out: ")
    assert "internal error" not in new.stderr + init.stderr


def test_init_that_fails_half_way_leaves_nothing_behind(tmp_path):
    content = tmp_path / "hb" / "content"
    content.mkdir(parents=True)
    with _locked(content):  # mkdocs.yml is written first, then the pages fail
        result = pilotbook("init", "hb", "--pilot", "X", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("pilotbook: error: hb/content: ")
    assert [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")] == [
        "hb",
        "hb/content",
    ]


def test_a_file_in_the_way_of_a_folder_is_named(tmp_path):
    write(tmp_path, "stakeholders/legal", "a file, not a folder\n")
    result = pilotbook("new", "Anna", "--discipline", "legal", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "pilotbook: error: stakeholders/legal: this file stands where new needs a folder: "
        "rename or move it\n"
    )
    write(tmp_path, "in-the-way", "a file\n")
    result = pilotbook("generate", "in-the-way/out", "-f", str(REPO / "mkdocs.yml"), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "pilotbook: error: in-the-way: this file stands where a folder is needed"
    )


def test_a_configuration_that_cannot_be_read_is_named_with_the_fix(project, monkeypatch):
    from mkdocs.config import base

    from pilotbook.commands.cli import main

    def refused(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.chdir(project)
    monkeypatch.setattr(base, "open", refused, raising=False)
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        assert main(["check"]) == 1
    assert errors.getvalue() == (
        "pilotbook: error: mkdocs.yml: permission denied: give the user who runs pilotbook "
        "permission to it, or run pilotbook as a user who has\n"
    )


def test_diff_names_a_missing_git_object_and_the_fix(project):
    _commit_all(project)
    blob = run(["git", "rev-parse", "HEAD:stakeholders/it/jeroen-meijer.yml"], project)
    sha = blob.stdout.strip()
    (project / ".git" / "objects" / sha[:2] / sha[2:]).unlink()
    result = pilotbook("diff", "HEAD", cwd=project)
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        f"pilotbook: error: git has no object {sha}: the repository may lack objects of the "
        "revision (a shallow, partial or damaged clone): fetch the revision again, such as "
        "'git fetch origin main', or run 'git fsck'\n"
    )
