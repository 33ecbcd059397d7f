"""The plugin's options: each checked for type and range, in one place for all routes.

`mkdocs build`, every command (through the plugin) and `diff` (for a revision's
configuration) check the options with `pilotbook.config.options.check_options`, so a wrong
value or an unknown key stops each with the same `mkdocs.yml:line:col` message.
"""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import REPO, SAMPLE_OPTIONS, configure, copy_sample, mkdocs_build, pilotbook, run

from pilotbook.build.plugin import PilotbookConfig
from pilotbook.config.options import OPTION_NAMES, read_options

PLUGIN = "plugins:\n  - pilotbook:\n"


def problems_in(options: str) -> list[tuple[int, int, str]]:
    """(line, column, message) of each problem with `options` below the plugin."""
    checked = read_options((PLUGIN + options).encode(), "mkdocs.yml")
    assert all(p.code == "invalid-option" for p in checked.problems)
    return [(p.position.line, p.position.column, p.message) for p in checked.problems]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("review_after_days: -5", "'review_after_days: -5' must be a whole number of days"),
        ("review_after_days: 0", "'review_after_days: 0' must be a whole number of days"),
        ("review_after_days: true", "'review_after_days: true' must be a whole number"),
        ("review_after_days: 2.5", "'review_after_days: 2.5' must be a whole number"),
        ("review_after_days: '90'", "'review_after_days: 90' must be a whole number"),
        ("review_after_days: 3651", "'review_after_days: 3651' must be a whole number"),
        ("review_after_days: " + "9" * 20, "'review_after_days: (a number of more than 15"),
        ("review_after_days:", "'review_after_days' (empty) must be a whole number"),
        ("summary_after: true", "'summary_after: true' must be a whole number of stakeholders"),
        ("summary_after: -1", "'summary_after: -1' must be a whole number of stakeholders"),
        ("summary_after: [10]", "'summary_after' (a list) must be a whole number"),
        ("home_board: 1", "'home_board: 1' must be true or false"),
        ("home_board: maybe", "'home_board: maybe' must be true or false"),
        ("audience: everyone", "'audience: everyone' must be team or intranet"),
        ("language: de", "'language: de' must be one of nl, en"),
        ("pilot: {name: x}", "'pilot' (a mapping or other) must be a text"),
        ("stakeholders_dir: ''", "'stakeholders_dir: ' must be a folder name"),
        ("stakeholders_dir: 7", "'stakeholders_dir: 7' must be a folder name"),
        ("pages_dir: ../site", "'pages_dir: ../site' must be a folder inside the site"),
        ("pages_dir: false", "'pages_dir: false' must be a folder inside the site"),
        ("enabled: sometimes", "'enabled: sometimes' must be true or false"),
        ("disciplines: 3", "'disciplines' must be a non-empty list of mappings"),
        ("sumary_after: 3", "unknown option 'sumary_after': did you mean 'summary_after'?"),
        ("colour: red", "unknown option 'colour': the pilotbook plugin's options are "),
    ],
)
def test_each_option_is_checked_for_type_and_range_where_it_stands(option, message):
    ((line, column, said),) = problems_in(f"      {option}\n")
    assert said.startswith(message), said
    # The value on the option's line; an unknown key or an empty value: the key.
    key, value = option.split(":", 1)
    at_key = (key not in OPTION_NAMES and key != "enabled") or not value
    assert (line, column) == (3, 7 if at_key else len(key) + 9)


def test_values_within_range_and_mkdocs_yes_and_no_are_accepted():
    assert (
        problems_in(
            "      review_after_days: 3650\n      summary_after: 0\n      home_board: no\n"
            "      audience: team\n      language: en\n      pilot: Video\n"
            "      pages_dir: pilot/people\n      enabled: true\n"
        )
        == []
    )


def test_the_plugin_and_the_core_know_the_same_options():
    assert {name for name, _ in PilotbookConfig._schema} == set(OPTION_NAMES)


WRONG = "review_after_days: -5\nsummary_after: true\nsumary_after: 3"


def test_the_build_and_every_command_stop_on_a_wrong_option_with_the_same_lines(tmp_path):
    project = copy_sample(tmp_path / "handbook")
    config = configure(project, SAMPLE_OPTIONS.strip() + "\n" + WRONG)
    line = config.splitlines().index("      review_after_days: -5") + 1
    expected = [
        f"mkdocs.yml:{line}:26: error: 'review_after_days: -5' must be a whole number of days "
        "from 1 to 3,650 (invalid-option)",
        f"mkdocs.yml:{line + 1}:22: error: 'summary_after: true' must be a whole number of "
        "stakeholders from 0 to 100,000 (invalid-option)",
        f"mkdocs.yml:{line + 2}:7: error: unknown option 'sumary_after': did you mean "
        "'summary_after'? (invalid-option)",
    ]
    for command in (["check"], ["report"], ["check", "--format", "json"]):
        result = pilotbook(*command, cwd=project)
        assert result.returncode == 1, result.stderr
        assert result.stderr.splitlines() == expected, result.stderr
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 1
    # One log record, a line per problem.
    assert build.stderr.split("ERROR   -  ", 1)[1].splitlines()[:3] == expected
    assert "Unrecognised configuration name" not in build.stderr
    assert "Traceback" not in build.stderr
    assert not (tmp_path / "site").exists()


def test_diff_checks_a_revisions_options_the_same_way(tmp_path):
    project = copy_sample(tmp_path / "handbook")
    who = ["-c", "user.email=a@example.org", "-c", "user.name=A"]
    assert run(["git", "init", "-q", "-b", "main"], project).returncode == 0
    config = configure(project, SAMPLE_OPTIONS.strip() + "\n" + WRONG)
    assert run(["git", *who, "add", "-A"], project).returncode == 0
    assert run(["git", *who, "commit", "-qm", "wrong options"], project).returncode == 0
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    result = pilotbook("diff", "main", "--format", "json", cwd=project)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["configuration"]["base"] == {"path": "main:mkdocs.yml", "fallback": "broken"}
    line = config.splitlines().index("      review_after_days: -5") + 1
    assert [(p["path"], p["line"], p["column"]) for p in data["problems"]["base"]] == [
        ("main:mkdocs.yml", line, 26),
        ("main:mkdocs.yml", line + 1, 22),
        ("main:mkdocs.yml", line + 2, 7),
    ]
    assert [p["message"] for p in data["problems"]["base"]] == [
        "'review_after_days: -5' must be a whole number of days from 1 to 3,650",
        "'summary_after: true' must be a whole number of stakeholders from 0 to 100,000",
        "unknown option 'sumary_after': did you mean 'summary_after'?",
    ]


@pytest.mark.parametrize(
    "option",
    ['pages_dir: "people\\n"', 'disciplines: [{id: "legal\\n", label: Legal}]'],
)
def test_a_line_break_at_the_end_of_a_name_is_no_part_of_an_address(option):
    """An id or folder becomes a page address and a file name: a trailing line break,
    which a regular expression's `$` lets through, is refused like any other character."""
    assert problems_in(f"      {option}\n")


@pytest.mark.parametrize("folder", ["content", ".", "content/.."])
def test_check_and_the_build_give_one_verdict_on_the_stakeholders_folders_place(
    project, tmp_path, folder
):
    """A stakeholders folder that is or holds the docs: refused by both, at its line
    (with '.', check would otherwise read mkdocs.yml as a stakeholder file)."""
    config = (project / "mkdocs.yml").read_text()
    written = "      stakeholders_dir: stakeholders\n"
    assert written in config
    (project / "mkdocs.yml").write_text(
        config.replace(written, f"      stakeholders_dir: {folder}\n")
    )
    line = config[: config.index(written)].count("\n") + 1
    expected = f"mkdocs.yml:{line}:25: error: the stakeholders folder holds the docs folder"
    check = pilotbook("check", cwd=project)
    build = mkdocs_build(project, tmp_path / "site")
    for result in (check, build):
        assert result.returncode == 1, result.stdout + result.stderr
        assert expected in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()
