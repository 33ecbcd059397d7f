"""One verdict: `pilotbook check` fails where the build of the same configuration fails
(`strict:` in mkdocs.yml, or `--strict`), and a handbook sets each rule's level by its
problem code (`levels:`), which check, report and the build all follow."""

from __future__ import annotations

import datetime
import json

import pytest
from conftest import mkdocs_build_here, pilotbook, write
from test_call_team import options

PILOT = "pilot: Videobellen met klanten"
ALL_YES = "{impact: ja, expectations: ja, relationship: ja, replaceable: nee, appointed: nee}"
NO_SETUP = "stakeholders/legal/lies.yml:1:1: {severity}: nobody on the shortlist of 'legal'"


@pytest.fixture
def no_part(empty_project):
    """A handbook with one warning: Lies (shortlisted for legal) has no part in the setup,
    now that Ada plans her involvement. The sample builds strict."""
    write(
        empty_project,
        "stakeholders/it/ada.yml",
        f"name: Ada\ndiscipline: it\nanswers: {ALL_YES}\ninvolvement: {{setup: consult}}\n",
    )
    write(
        empty_project,
        "stakeholders/legal/lies.yml",
        f"name: Lies\ndiscipline: legal\nanswers: {ALL_YES}\n",
    )
    return empty_project


def strict(project, on: bool) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text()
    config.write_text(
        text.replace(f"strict: {'false' if on else 'true'}", f"strict: {str(on).lower()}")
    )


def line_of(project, text: str) -> int:
    lines = (project / "mkdocs.yml").read_text().splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def test_check_fails_where_a_strict_build_fails_and_passes_where_it_passes(no_part):
    # strict: true, as the sample (and init) write it: the build fails on the warning.
    check = pilotbook("check", cwd=no_part)
    build = mkdocs_build_here(no_part, no_part / "site")
    assert NO_SETUP.format(severity="warning") in check.stdout
    assert (check.returncode, build.returncode) == (1, 1)
    assert "Aborted with 1 warnings in strict mode" in build.stdout + build.stderr
    assert (
        "check failed: 'strict: true' in mkdocs.yml fails the build on warnings, and so check"
        in check.stderr
    )
    # strict: false: the build passes with the warning, and so does check.
    strict(no_part, False)
    check = pilotbook("check", cwd=no_part)
    build = mkdocs_build_here(no_part, no_part / "site")
    assert NO_SETUP.format(severity="warning") in check.stdout
    assert (check.returncode, build.returncode) == (0, 0)
    assert "check failed" not in check.stderr
    # --strict, as `mkdocs build --strict` (which the pipelines run) takes it.
    asked = pilotbook("check", "--strict", cwd=no_part)
    assert asked.returncode == 1
    assert "check failed: --strict fails the build on warnings" in asked.stderr


@pytest.mark.parametrize(
    ("level", "shown", "fails"),
    [
        ("off", None, False),
        ("info", "info", False),
        ("warning", "warning", True),
        ("error", "error", True),
    ],
)
def test_each_level_is_what_check_and_the_strict_build_both_say(no_part, level, shown, fails):
    options(no_part, f"{PILOT}\nlevels:\n  no-part-in-setup: {level}\n")
    check = pilotbook("check", cwd=no_part)
    build = mkdocs_build_here(no_part, no_part / "site")
    assert (check.returncode, build.returncode) == (int(fails), int(fails))
    assert "(no-part-in-setup)" in check.stdout if shown else "no-part-in-setup" not in check.stdout
    if shown:
        assert NO_SETUP.format(severity=shown) in check.stdout
        assert f"1 {shown}" in check.stdout.splitlines()[-1]
        # The build logs it at its level: an info line fails no strict build.
        logged = {"info": "INFO    -  ", "warning": "WARNING -  ", "error": "ERROR   -  "}[shown]
        assert logged + NO_SETUP.format(severity=shown) in build.stderr
        # The pages from the build cache come with their problems at the same levels.
        again = mkdocs_build_here(no_part, no_part / "site")
        assert again.returncode == int(fails)
        assert logged + NO_SETUP.format(severity=shown) in again.stderr
        assert level == "error" or "come from the cache" in again.stderr
    else:
        assert check.stdout.splitlines()[-1] == "2 files checked, no problems"
        assert "no-part-in-setup" not in build.stderr
    # report reads the same levels: a rule set to error stops it as it stops the build.
    report = pilotbook("report", "--format", "json", cwd=no_part)
    assert report.returncode == (1 if level == "error" else 0)


def test_an_info_problem_is_a_notice_in_each_ci_format(no_part):
    options(no_part, f"{PILOT}\nlevels:\n  no-part-in-setup: info\n")
    github = pilotbook("check", "--format", "github", cwd=no_part)
    assert github.returncode == 0
    assert github.stdout.startswith("::notice file=")
    gitlab = pilotbook("check", "--format", "gitlab", cwd=no_part)
    assert [issue["severity"] for issue in json.loads(gitlab.stdout)] == ["info"]
    # Azure has no issue of that type: a plain line of the log, never a logging command.
    azure = pilotbook("check", "--format", "azure", cwd=no_part)
    assert azure.stdout.splitlines()[0].startswith(NO_SETUP.format(severity="info"))
    assert "##vso" not in azure.stdout
    data = json.loads(pilotbook("check", "--format", "json", cwd=no_part).stdout)
    assert [p["severity"] for p in data["problems"]] == ["info"]


def test_checks_own_rules_stay_out_of_builds_and_fail_check_only_as_errors(no_part):
    old = (datetime.date.today() - datetime.timedelta(days=400)).isoformat()
    write(no_part, "stakeholders/it/ada.yml", f"name: Ada\ndiscipline: it\nreviewed: {old}\n")
    # A stale review alone: no build fails on it, strict or not, so check does not.
    check = pilotbook("check", cwd=no_part)
    assert "(stale-review)" in check.stdout
    assert check.returncode == 0
    assert "stale-review and stale-schema fail no build" in check.stderr
    assert mkdocs_build_here(no_part, no_part / "site").returncode == 0
    # Set to error, it fails check; builds still do not run it.
    options(no_part, f"{PILOT}\nlevels:\n  stale-review: error\n")
    check = pilotbook("check", cwd=no_part)
    assert check.returncode == 1
    assert "stakeholders/it/ada.yml:3:1: error: last reviewed 400 days ago" in check.stdout
    assert mkdocs_build_here(no_part, no_part / "site").returncode == 0
    # Off: not even check says it.
    options(no_part, f"{PILOT}\nlevels:\n  stale-review: off\n")
    assert "stale-review" not in pilotbook("check", cwd=no_part).stdout


@pytest.mark.parametrize(("level", "status"), [("info", 0), ("error", 1)])
def test_the_builds_own_warnings_follow_their_levels(empty_project, level, status):
    write(empty_project, "stakeholders/it/ada.yml", "name: Ada\ndiscipline: it\n")
    write(empty_project, "content/old/copy.yml", "name: Ada\n")
    options(empty_project, f"{PILOT}\nlevels:\n  yaml-in-site: {level}\n")
    build = mkdocs_build_here(empty_project, empty_project / "site")
    assert build.returncode == status
    assert f"content/old/copy.yml:1:1: {level}: this YAML file is left out" in build.stderr
    assert not (empty_project / "site" / "old" / "copy.yml").exists()


@pytest.mark.parametrize(
    ("written", "at", "message"),
    [
        (
            "no-part-in-set: error",
            "no-part-in-set",
            "unknown problem code 'no-part-in-set' in 'levels': did you mean 'no-part-in-setup'?",
        ),
        (
            "unknown-key: off",
            "unknown-key",
            "'unknown-key' is an error of a file or a setting, which no level can lower: a "
            "site is not built from what cannot be read as written; the codes whose level "
            "can be set are stale-review, ",
        ),
        (
            "call-team-short: warn",
            "warn",
            "the level of 'call-team-short' is 'warn': did you mean 'warning'? write one of "
            "off, info, warning, error",
        ),
        ("stale-review: on", "on", "the level of 'stale-review' is true (as MkDocs reads 'on'"),
        ("call-team-short:", "call-team-short", "the level of 'call-team-short' is empty: "),
    ],
)
def test_a_wrong_level_is_a_located_error_in_check_and_the_build(no_part, written, at, message):
    options(no_part, f"{PILOT}\nlevels:\n  {written}\n")
    line = line_of(no_part, f"  {written}")
    column = (no_part / "mkdocs.yml").read_text().splitlines()[line - 1].index(at) + 1
    where = f"mkdocs.yml:{line}:{column}: error: {message}"
    check = pilotbook("check", cwd=no_part)
    build = mkdocs_build_here(no_part, no_part / "site")
    assert (check.returncode, build.returncode) == (1, 1)
    assert where in check.stderr
    assert where in build.stdout + build.stderr
    assert "(invalid-option)" in check.stderr


def test_levels_must_be_a_mapping(no_part):
    options(no_part, f"{PILOT}\nlevels: error\n")
    check = pilotbook("check", cwd=no_part)
    assert check.returncode == 1
    assert (
        f"mkdocs.yml:{line_of(no_part, 'levels: error')}:15: error: 'levels' must be a mapping "
        "of problem codes to off, info, warning, error, such as 'no-part-in-setup: error'"
    ) in check.stderr
