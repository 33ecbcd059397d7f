"""The repository's own review setup: workflow, pre-commit hook, code owners."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from conftest import REPO, copy_sample, run, write
from ruamel.yaml import YAML

from pilotbook.diff import MARKER

WORKFLOW = REPO / ".github" / "workflows" / "handbook.yml"
BIN = Path(sys.executable).parent


def test_workflow_passes_actionlint():
    actionlint = shutil.which("actionlint", path=str(BIN)) or shutil.which("actionlint")
    assert actionlint, "actionlint is installed with the [test] extra"
    result = run([actionlint, str(WORKFLOW)], REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def _steps(job: str) -> list[dict]:
    return YAML(typ="safe").load(WORKFLOW.read_text())["jobs"][job]["steps"]


def test_pull_requests_are_checked_built_compared_and_kept():
    steps = _steps("review")
    scripts = "\n".join(step.get("run", "") for step in steps)
    assert "pilotbook check --format github" in scripts
    assert "mkdocs build --strict" in scripts
    assert "pilotbook diff FETCH_HEAD" in scripts
    comment = next(s for s in steps if s.get("uses", "").startswith("actions/github-script"))
    assert f'"{MARKER}"' in comment["with"]["script"]
    assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in steps)


def test_main_is_built_and_published():
    scripts = "\n".join(step.get("run", "") for step in _steps("publish"))
    assert "mkdocs build --strict" in scripts
    assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in _steps("publish"))


def _git_repo(path: Path) -> Path:
    for args in (["init", "-q"], ["config", "user.email", "a@b.c"], ["config", "user.name", "A"]):
        assert run(["git", *args], path).returncode == 0
    return path


@pytest.fixture
def handbook_repo(tmp_path):
    return _git_repo(copy_sample(tmp_path / "handbook"))


def test_pre_commit_hook_works_for_another_handbook_repository(handbook_repo, tmp_path):
    env = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def try_hook():
        run(["git", "add", "-A"], handbook_repo)
        return run(
            [str(BIN / "pre-commit"), "try-repo", str(REPO), "pilotbook-check", "--all-files"],
            handbook_repo,
            timeout=600,
            env=env,
        )

    write(handbook_repo, "stakeholders/it/broken.yml", "name: X\ndicipline: it\n")
    failed = try_hook()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "stakeholders/it/broken.yml:2:1: error: unknown key 'dicipline'" in failed.stdout
    (handbook_repo / "stakeholders/it/broken.yml").unlink()
    passed = try_hook()
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_this_repository_runs_the_hook_on_its_own_sample(tmp_path):
    copy = copy_sample(tmp_path / "self")
    shutil.copy(REPO / ".pre-commit-config.yaml", copy)
    _git_repo(copy)
    run(["git", "add", "-A"], copy)
    env = {
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
    }
    result = run([str(BIN / "pre-commit"), "run", "--all-files"], copy, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pilotbook check" in result.stdout


def test_code_owners_example_names_every_stakeholder_folder():
    lines = (REPO / ".github" / "CODEOWNERS.example").read_text().splitlines()
    owned = {line.split()[0] for line in lines if line.strip() and not line.startswith("#")}
    folders = {f"/stakeholders/{p.name}/" for p in (REPO / "stakeholders").iterdir() if p.is_dir()}
    assert folders <= owned
