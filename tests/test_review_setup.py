"""The repository's own review setup: the pipelines of each CI system, the pre-commit
hook, code owners."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, copy_sample, pilotbook, run, write
from ruamel.yaml import YAML

from pilotbook.review.diff import MARKER

WORKFLOW = REPO / ".github" / "workflows" / "handbook.yml"
GITLAB = REPO / "ci" / "gitlab" / ".gitlab-ci.yml"
AZURE = REPO / "ci" / "azure" / "azure-pipelines.yml"
BIN = Path(sys.executable).parent
PYTHONS = ["3.11", "3.12", "3.13"]


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
    assert "pilotbook check --strict --format github" in scripts
    assert "mkdocs build --strict" in scripts
    assert "pilotbook diff FETCH_HEAD" in scripts
    comment = next(s for s in steps if s.get("uses", "").startswith("actions/github-script"))
    assert f'"{MARKER}"' in comment["with"]["script"]
    assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in steps)


def test_main_is_built_and_published():
    scripts = "\n".join(step.get("run", "") for step in _steps("publish"))
    assert "mkdocs build --strict" in scripts
    assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in _steps("publish"))


def test_github_runs_pilotbook_on_every_supported_python_before_publishing():
    workflow = YAML(typ="safe").load(WORKFLOW.read_text())
    job = workflow["jobs"]["python"]
    assert job["strategy"]["matrix"]["python-version"] == PYTHONS
    scripts = [step.get("run", "") for step in job["steps"]]
    assert _in_order(scripts, "pilotbook check", "mkdocs build --strict")
    assert workflow["jobs"]["publish"]["needs"] == "python"


# GitLab and Azure Pipelines have no offline linter here; check-jsonschema ships
# SchemaStore's schemas of both, which their editors use.
def _vendor_schema(name: str) -> dict:
    path = files("check_jsonschema") / "builtin_schemas" / "vendor" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _in_order(scripts: list[str], *commands: str) -> bool:
    """Whether each command appears in `scripts`, each in a later script than the one before."""
    found = [next((i for i, s in enumerate(scripts) if c in s), -1) for c in commands]
    return -1 not in found and found == sorted(found) and len(set(found)) == len(found)


def _gitlab() -> dict:
    return yaml.safe_load(GITLAB.read_text())


def _azure() -> dict:
    # Azure reads every scalar as text, and its schema says so: load them as text.
    return yaml.load(AZURE.read_text(), Loader=yaml.BaseLoader)


def _first_job(pipeline: dict) -> dict:
    return pipeline["jobs"][0] if "jobs" in pipeline else pipeline["check"]


@pytest.mark.parametrize(
    ("load", "schema"),
    [(_gitlab, "gitlab-ci"), (_azure, "azure-pipelines")],
    ids=["gitlab", "azure"],
)
def test_pipeline_follows_its_platforms_schema(load, schema):
    schema = _vendor_schema(schema)
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = list(validator.iter_errors(load()))
    assert not errors, jsonschema.exceptions.best_match(errors).message
    broken = load()
    _first_job(broken)["scirpt"] = "a typo"
    assert list(validator.iter_errors(broken))  # the schema does reject mistakes


def _gitlab_jobs() -> dict[str, dict]:
    keywords = {"workflow", "stages", "default", "variables", "include"}
    return {name: job for name, job in _gitlab().items() if name not in keywords}


def _gitlab_rules(job: dict) -> list[str]:
    return [rule["if"] for rule in job.get("rules", [])]


MERGE_REQUEST = '$CI_PIPELINE_SOURCE == "merge_request_event"'
DEFAULT_BRANCH = "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"


def test_gitlab_runs_for_merge_requests_and_the_default_branch_only():
    assert _gitlab_rules(_gitlab()["workflow"]) == [MERGE_REQUEST, DEFAULT_BRANCH]
    stages = _gitlab()["stages"]
    for name, job in _gitlab_jobs().items():
        assert job["stage"] in stages, name
        assert isinstance(job["script"], list) and job["script"], name
    assert "python -m pip install -e ." in _gitlab()["default"]["before_script"]


def test_gitlab_merge_requests_are_checked_built_compared_and_noted():
    jobs = _gitlab_jobs()
    stages = _gitlab()["stages"]
    check, build, compare = jobs["check"], jobs["build"], jobs["compare"]
    for job in (build, compare):
        assert _gitlab_rules(job) == [MERGE_REQUEST]
        assert job["needs"] == []  # run even when the check found mistakes
    assert stages.index(check["stage"]) < stages.index(build["stage"])
    assert stages.index(build["stage"]) < stages.index(compare["stage"])
    scripts = [*check["script"], *build["script"], *compare["script"]]
    assert _in_order(
        scripts,
        "pilotbook check --strict --format gitlab",
        "mkdocs build --strict",
        "pilotbook diff",
    )
    (command,) = check["script"]
    written = re.fullmatch(r"pilotbook check --strict --format gitlab > (\S+)", command)
    assert written and check["artifacts"]["reports"]["codequality"] == written[1]
    assert check["artifacts"]["when"] == "always"
    post = compare["script"][-1]
    assert compare["variables"]["PILOTBOOK_MARKER"] == MARKER
    assert "$PILOTBOOK_BOT_TOKEN" in post and "CI_JOB_TOKEN" not in post
    assert ".startswith(sys.argv[1])" in post
    assert post.count("curl ") == 3 == post.count("curl --fail ")
    assert "--request PUT" in post and "--request POST" in post


def test_gitlab_pages_publishes_the_default_branch():
    pages = _gitlab_jobs()["pages"]
    assert _gitlab_rules(pages) == [DEFAULT_BRANCH]
    assert pages["script"] == ["mkdocs build --strict --site-dir public"]
    assert pages["artifacts"]["paths"] == ["public"]
    stages = _gitlab()["stages"]
    assert stages.index(pages["stage"]) > stages.index(_gitlab_jobs()["check"]["stage"])


def test_gitlab_runs_pilotbook_on_every_supported_python():
    job = _gitlab_jobs()["python"]
    assert job["parallel"]["matrix"] == [{"PYTHON_VERSION": PYTHONS}]
    assert job["image"] == "python:${PYTHON_VERSION}"
    assert _in_order(job["script"], "pilotbook check", "mkdocs build --strict")


def _azure_jobs() -> dict[str, dict]:
    return {job["job"]: job for job in _azure()["jobs"]}


def _azure_scripts(job: dict) -> list[str]:
    return [step.get("script") or step.get("bash") or "" for step in job["steps"]]


def test_azure_runs_for_pull_requests_and_main():
    pipeline = _azure()
    assert pipeline["trigger"]["branches"]["include"] == ["main"]
    assert pipeline["pr"]["branches"]["include"] == ["main"]
    assert "vmImage" in pipeline["pool"]
    for job in _azure_jobs().values():
        assert "python -m pip install -e ." in _azure_scripts(job)
    review, publish = _azure_jobs()["review"], _azure_jobs()["publish"]
    assert review["condition"] == "eq(variables['Build.Reason'], 'PullRequest')"
    assert "eq(variables['Build.SourceBranch'], 'refs/heads/main')" in publish["condition"]


def test_azure_pull_requests_are_checked_built_compared_and_commented():
    review = _azure_jobs()["review"]
    scripts = _azure_scripts(review)
    assert _in_order(
        scripts,
        "pilotbook check --strict --format azure",
        "mkdocs build --strict",
        "pilotbook diff",
    )
    assert review["variables"]["PILOTBOOK_MARKER"] == MARKER
    (post,) = (s for s in review["steps"] if "/threads" in s.get("bash", ""))
    assert post["env"]["SYSTEM_ACCESSTOKEN"] == "$(System.AccessToken)"
    assert '["comments"][0].get("content") or "").startswith(sys.argv[1])' in post["bash"]
    assert "--request PATCH" in post["bash"] and "--request POST" in post["bash"]
    assert post["bash"].count("curl ") == 3 == post["bash"].count("curl --fail ")
    # Posted for Azure Repos only (elsewhere the comparison stays in the log), even
    # when the check found mistakes.
    assert post["condition"] == (
        "and(succeededOrFailed(), eq(variables['Build.Repository.Provider'], 'TfsGit'))"
    )


def test_azure_publishes_the_site_from_main_as_an_artifact():
    publish = _azure_jobs()["publish"]
    assert publish["dependsOn"] == "python"
    assert _in_order(_azure_scripts(publish), "pilotbook check", "mkdocs build --strict")
    (artifact,) = (s for s in publish["steps"] if "publish" in s)
    assert artifact["artifact"] == "handbook-site"
    assert artifact["publish"] == "$(Build.ArtifactStagingDirectory)/site"
    assert '--site-dir "$(Build.ArtifactStagingDirectory)/site"' in _azure_scripts(publish)[-2]


def test_azure_runs_pilotbook_on_every_supported_python():
    job = _azure_jobs()["python"]
    versions = [entry["PYTHON_VERSION"] for entry in job["strategy"]["matrix"].values()]
    assert versions == PYTHONS
    assert job["steps"][0]["inputs"]["versionSpec"] == "$(PYTHON_VERSION)"
    assert _in_order(_azure_scripts(job), "pilotbook check", "mkdocs build --strict")


def _git_repo(path: Path) -> Path:
    for args in (["init", "-q"], ["config", "user.email", "a@b.c"], ["config", "user.name", "A"]):
        assert run(["git", *args], path).returncode == 0
    return path


@pytest.fixture
def handbook_repo(tmp_path):
    return _git_repo(copy_sample(tmp_path / "handbook"))


def _hook_repository(folder: Path) -> tuple[Path, str]:
    """This checkout's hook and package (uncommitted changes too, as `pre-commit
    try-repo` takes them), committed in a repository of their own: its path and commit."""
    folder.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(REPO / name, folder / name)
    shutil.copytree(
        REPO / "generator",
        folder / "generator",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    _git_repo(folder)
    assert run(["git", "add", "-A"], folder).returncode == 0
    assert run(["git", "commit", "-qm", "pilotbook"], folder).returncode == 0
    return folder, run(["git", "rev-parse", "HEAD"], folder).stdout.strip()


def test_pre_commit_hook_works_for_another_handbook_repository(handbook_repo, tmp_path):
    """As the documentation tells another handbook repository: the hook of
    .pre-commit-hooks.yaml, pinned to a commit (its environment made once, kept in
    PRE_COMMIT_HOME as for any repository, and used by the second run)."""
    hooks, commit = _hook_repository(tmp_path / "pilotbook")
    write(
        handbook_repo,
        ".pre-commit-config.yaml",
        f"""
        repos:
          - repo: {hooks}
            rev: {commit}
            hooks:
              - id: pilotbook-check
        """,
    )
    env = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def run_hook():
        run(["git", "add", "-A"], handbook_repo)
        return run(
            [str(BIN / "pre-commit"), "run", "pilotbook-check", "--all-files"],
            handbook_repo,
            timeout=600,
            env=env,
        )

    write(handbook_repo, "stakeholders/it/broken.yml", "name: X\ndicipline: it\n")
    failed = run_hook()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "stakeholders/it/broken.yml:2:1: error: unknown key 'dicipline'" in failed.stdout
    (handbook_repo / "stakeholders/it/broken.yml").unlink()
    passed = run_hook()
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


def test_the_wheel_declares_the_pythons_the_pipelines_test_and_its_license(installed):
    script = (
        "import json; from importlib.metadata import metadata; m = metadata('pilotbook'); "
        "print(json.dumps({'license': m['License-Expression'], "
        "'classifiers': m.get_all('Classifier')}))"
    )
    result = run([str(installed / "python"), "-c", script], REPO)
    assert result.returncode == 0, result.stderr
    declared = json.loads(result.stdout)
    assert declared["license"] == "MIT"
    versions = [
        c.removeprefix("Programming Language :: Python :: ")
        for c in declared["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    assert versions == PYTHONS
    for classifier in (
        "Framework :: MkDocs",
        "Operating System :: OS Independent",
        "Topic :: Documentation",
    ):
        assert classifier in declared["classifiers"]


# What a shell or YAML would otherwise read itself: redirections, a list, a glob, a
# variable, quotes, a comment, a key and a backslash.
SPEC = "pilotbook[test] >=0.1,<0.2; python_version >= '3.11' and \"$HOME\" != '*' #: `x` \\ !"
INSTALL_STEPS = {
    "github": (".github/workflows/handbook.yml", yaml.SafeLoader),
    "gitlab": (".gitlab-ci.yml", yaml.SafeLoader),
    "azure": ("azure-pipelines.yml", yaml.BaseLoader),
}


def _install_commands(pipeline: dict) -> list[str]:
    """Every shell line of a pipeline that installs pilotbook."""
    found: list[str] = []
    pending: list = [pipeline]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str) and value.startswith("python -m pip install"):
            found.append(value)
    return found


@pytest.mark.parametrize("spec", [SPEC, "pilotbook>=0.1,<0.2"])
@pytest.mark.parametrize("ci", INSTALL_STEPS)
def test_the_install_step_passes_any_spec_to_pip_as_it_is(tmp_path, ci, spec):
    result = pilotbook("init", "hb", "--pilot", "X", "--ci", ci, "--install", spec, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written, loader = INSTALL_STEPS[ci]
    path = tmp_path / "hb" / written
    pipeline = yaml.load(path.read_text(), Loader=loader)
    if ci == "github":
        actionlint = shutil.which("actionlint", path=str(BIN)) or shutil.which("actionlint")
        linted = run([actionlint, str(path)], tmp_path)
        assert linted.returncode == 0, linted.stdout + linted.stderr
    else:
        schema = _vendor_schema({"gitlab": "gitlab-ci", "azure": "azure-pipelines"}[ci])
        errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(pipeline))
        assert not errors, jsonschema.exceptions.best_match(errors).message
    # Each step's line, run by the shells CI systems use, with a `python` that shows
    # the arguments it was given.
    stub = tmp_path / "bin" / "python"
    stub.parent.mkdir()
    stub.write_text(
        f"#!/bin/sh\nexec {sys.executable} -c "
        "'import json, sys; print(json.dumps(sys.argv[1:]))' \"$@\"\n"
    )
    stub.chmod(0o755)
    commands = _install_commands(pipeline)
    assert commands and len(set(commands)) == 1
    for shell in ("bash", "sh"):
        ran = run(
            [shell, "-e", "-c", commands[0]],
            tmp_path,
            env={"PATH": f"{stub.parent}{os.pathsep}{os.environ['PATH']}"},
        )
        assert ran.returncode == 0, ran.stderr
        assert json.loads(ran.stdout) == ["-m", "pip", "install", spec]
    assert not [p.name for p in tmp_path.iterdir() if p.name not in ("hb", "bin")]
