"""A new team's first week: pilotbook installs as the README says, carries its licence,
and the pipeline `init` writes installs pilotbook and checks the handbook on its first
run, however pilotbook was installed; what `init` cannot know, it says.

The pipelines' steps run here as a runner runs them: in a fresh virtual environment
whose `python` comes first on PATH, from the handbook's folder, by bash."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
import yaml
from check_jsonschema.catalog import SCHEMA_CATALOG
from conftest import ENV, README, REPO, docs_page, mkdocs_build_here, pilotbook, run, section

from pilotbook.commands.starter import PIPELINES

BIN = Path(sys.executable).parent
VERSION = "0.1.0"
WHEEL = f"pilotbook-{VERSION}-py3-none-any.whl"


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    """This working tree as a fresh clone of it would be: the files git tracks or would
    add, uncommitted changes included; nothing built or installed in it."""
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO)
    assert listed.returncode == 0, listed.stderr
    copy = tmp_path_factory.mktemp("machine") / "pilotbook"
    for name in filter(None, listed.stdout.split("\0")):
        if (REPO / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, copy / name)
    return copy


@pytest.fixture(scope="module")
def release(checkout, tmp_path_factory) -> Path:
    """The sdist of this checkout and the wheel built from that sdist, as a release makes
    them (`python -m build`): the folder holding both."""
    dist = tmp_path_factory.mktemp("dist")
    result = run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(checkout)], dist, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return dist


@pytest.fixture(scope="module")
def runner(tmp_path_factory) -> Path:
    """A CI runner's Python: a fresh virtual environment, without pilotbook. The
    pipelines' install steps fill it; each test takes pilotbook out again."""
    venv = tmp_path_factory.mktemp("runner") / "venv"
    assert run([sys.executable, "-m", "venv", str(venv)], venv.parent).returncode == 0
    return venv / "bin"


def _on_runner(
    runner: Path | None, command: str, cwd: Path, **env: str
) -> subprocess.CompletedProcess:
    """`command` run by bash as a runner's step runs it: the runner's Python first on
    PATH (None: the machine's), none of this test run's settings of pilotbook, standard
    input closed."""
    environ = {k: v for k, v in ENV.items() if not k.startswith("PILOTBOOK_")}
    if runner is not None:
        environ["PATH"] = f"{runner}{os.pathsep}{os.environ['PATH']}"
    environ.update(env)
    return subprocess.run(
        ["bash", "-e", "-c", command],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def _without_pilotbook(runner: Path) -> None:
    result = run([str(runner / "python"), "-m", "pip", "uninstall", "-q", "-y", "pilotbook"], REPO)
    assert result.returncode == 0, result.stderr


# Azure's macros the steps use, as a runner sets them.
def _azure_macros(handbook: Path) -> dict[str, str]:
    temporary = handbook.parent / f"{handbook.name}-agent"
    return {"Agent.TempDirectory": str(temporary), "Build.ArtifactStagingDirectory": str(temporary)}


def _checking_steps(ci: str, handbook: Path) -> list[str]:
    """The shell steps of the job that installs pilotbook and checks and builds the
    handbook on every Python, in their order, as the runner's shell gets them."""
    text = (handbook / PIPELINES[ci][0]).read_text(encoding="utf-8")
    if ci == "github":
        job = yaml.safe_load(text)["jobs"]["python"]
        return [step["run"] for step in job["steps"] if "run" in step]
    if ci == "gitlab":
        pipeline = yaml.safe_load(text)
        return pipeline["default"]["before_script"] + pipeline["python"]["script"]
    # Azure reads every scalar as text; it replaces its macros before the shell runs.
    job = next(j for j in yaml.load(text, Loader=yaml.BaseLoader)["jobs"] if j["job"] == "python")
    macros = _azure_macros(handbook)
    return [
        re.sub(r"\$\(([\w.]+)\)", lambda m: macros[m[1]], step["script"])
        for step in job["steps"]
        if "script" in step
    ]


def _run_pipeline(ci: str, handbook: Path, runner: Path, **env: str) -> list[str]:
    """Run the checking steps on `runner`, each of which must pass; returns them."""
    steps = _checking_steps(ci, handbook)
    assert steps[0].startswith("python -m pip install ")
    assert any(s.startswith("pilotbook check") for s in steps), steps
    assert any(s.startswith("mkdocs build --strict") for s in steps), steps
    for step in steps:
        done = _on_runner(runner, step, handbook, RUNNER_TEMP=str(handbook.parent), **env)
        assert done.returncode == 0, f"{ci}: {step}\n{done.stdout}{done.stderr}"
    return steps


# Item 1: the first pull request passes, however pilotbook was installed.


@pytest.mark.parametrize("ci", PIPELINES)
def test_the_pipeline_of_a_handbook_begun_with_pilotbook_from_a_wheel_passes_first_time(
    ci, installed, runner, tmp_path
):
    _without_pilotbook(runner)
    handbook = tmp_path / "handbook"
    init = [str(installed / "pilotbook"), "init", str(handbook), "--ci", ci, "--language", "en"]
    result = run([*init, "--pilot", "E-consult"], tmp_path)
    assert result.returncode == 0, result.stderr
    # The runner cannot reach the wheel this machine installed: the handbook holds one.
    assert (handbook / "wheels" / WHEEL).is_file()
    assert result.stderr.endswith(f"commit handbook/wheels/{WHEEL} with the handbook\n")
    steps = _run_pipeline(ci, handbook, runner)
    assert steps[0] == f"python -m pip install wheels/{WHEEL}"
    version = _on_runner(runner, "pilotbook --version", handbook)
    assert version.stdout.strip() == f"pilotbook {VERSION}"


def test_a_wheel_made_from_an_editable_checkout_installs_on_a_runner(runner, tmp_path):
    """The pilotbook of these tests runs from this checkout, installed editable."""
    _without_pilotbook(runner)
    result = pilotbook("init", "handbook", "--pilot", "X", "--ci", "gitlab", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    made = tmp_path / "handbook" / "wheels" / WHEEL
    with zipfile.ZipFile(made) as wheel:
        packaged = {n for n in wheel.namelist() if n.startswith("pilotbook/")}
    package = REPO / "generator" / "pilotbook"
    source = {
        f"pilotbook/{p.relative_to(package).as_posix()}"
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert packaged == source
    _run_pipeline("gitlab", tmp_path / "handbook", runner)


def test_a_pipeline_of_pilotbook_from_an_index_pins_it_and_names_the_lines_to_change(
    release, runner, tmp_path
):
    """Installed by name (here from a folder of wheels, as from an index), pilotbook
    leaves the runners to their index, which init cannot see, and says so last."""
    _without_pilotbook(runner)
    index = {"PIP_FIND_LINKS": str(release)}
    got = _on_runner(runner, "python -m pip install -q --no-index pilotbook", tmp_path, **index)
    assert got.returncode == 0, got.stderr
    for ci in PIPELINES:
        handbook = tmp_path / ci
        result = _on_runner(runner, f"pilotbook init {ci} --pilot X --ci {ci}", tmp_path)
        assert result.returncode == 0, result.stderr
        assert not (handbook / "wheels").exists()
        note = result.stderr.strip().splitlines()[-1]
        assert "init cannot know" in note, result.stderr
        named = re.search(r"change 'pilotbook==(\S+)' on lines? ([\d, and]+) of (\S+) to", note)
        assert named, note
        assert named[1] == VERSION and Path(tmp_path / named[3]) == handbook / PIPELINES[ci][0]
        lines = (tmp_path / named[3]).read_text().splitlines()
        numbers = [int(n) for n in re.findall(r"\d+", named[2])]
        installs = [n for n, line in enumerate(lines, 1) if "pip install" in line]
        assert numbers == installs
        assert all(lines[n - 1].endswith(f"pip install pilotbook=={VERSION}") for n in numbers)
    _without_pilotbook(runner)
    _run_pipeline("azure", tmp_path / "azure", runner, **index)


def test_the_readmes_quick_start_works_on_a_fresh_machine_as_written(checkout, runner):
    """Run in a fresh copy of this checkout, with nothing installed: the three commands
    as written, but the last builds the site (strict) where it would serve it, as a
    server would hold a port that others may be using."""
    start = section(README.read_text(encoding="utf-8"), "## Start your own handbook")
    quick = re.search(r"```sh\n(.*?)```", start, re.S)
    commands = quick[1].strip().splitlines()
    assert len(commands) == 3 and commands[-1].endswith("mkdocs serve")
    commands[-1] = commands[-1].removesuffix("serve") + "build --strict"
    for command in commands:
        done = _on_runner(None, command, checkout)
        assert done.returncode == 0, f"{command}\n{done.stdout}{done.stderr}"
    handbook = checkout.parent / "handbook"
    assert (handbook / "site" / "index.html").is_file()
    # Installed from the checkout, pilotbook gave the handbook a wheel for the pipeline.
    _without_pilotbook(runner)
    _run_pipeline("github", handbook, runner)


# Item 2: the licence travels with pilotbook; the Azure pipeline passes the schema hook.


def test_the_mit_licence_is_in_the_repository_the_sdist_and_the_wheel(release):
    licence = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n\nCopyright (c) the pilotbook authors\n")
    assert "Permission is hereby granted, free of charge" in licence
    (sdist,) = release.glob("pilotbook-*.tar.gz")
    with tarfile.open(sdist) as archive:
        shipped = archive.extractfile(f"pilotbook-{VERSION}/LICENSE")
        assert shipped is not None and shipped.read().decode() == licence
    with zipfile.ZipFile(release / WHEEL) as wheel:
        info = f"pilotbook-{VERSION}.dist-info"
        assert wheel.read(f"{info}/licenses/LICENSE").decode() == licence
        metadata = wheel.read(f"{info}/METADATA").decode().split("\n\n", 1)[0]
    for field in ("License-Expression: MIT", "License-File: LICENSE"):
        assert field in metadata.splitlines()
    assert "Author: the pilotbook authors" in metadata.splitlines()


HOOK_SCHEMAS = {
    "github": "github-workflows",
    "gitlab": "gitlab-ci",
    "azure": "azure-pipelines",
}
SAMPLES = {
    "github": REPO / ".github" / "workflows" / "handbook.yml",
    "gitlab": REPO / "ci" / "gitlab" / ".gitlab-ci.yml",
    "azure": REPO / "ci" / "azure" / "azure-pipelines.yml",
}


@pytest.mark.parametrize("ci", PIPELINES)
def test_each_pipeline_passes_the_schema_hook_a_team_runs(ci, tmp_path):
    """check-jsonschema as its own pre-commit hook runs it (the arguments of its hook),
    on the pipeline init writes and on this repository's copy. Azure's schema asks for
    text where its documentation shows booleans; Azure reads text either way."""
    result = pilotbook("init", "hb", "--pilot", "X", "--ci", ci, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    schema = HOOK_SCHEMAS[ci]
    hook = SCHEMA_CATALOG[schema]["hook_config"].get("add_args", [])
    for pipeline in (tmp_path / "hb" / PIPELINES[ci][0], SAMPLES[ci]):
        command = [str(BIN / "check-jsonschema"), "--builtin-schema", f"vendor.{schema}"]
        checked = run([*command, *hook, str(pipeline)], tmp_path)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    if ci == "azure":
        text = (tmp_path / "hb" / PIPELINES[ci][0]).read_text()
        assert yaml.safe_load(text)["jobs"][1]["steps"][0]["persistCredentials"] == "true"


# Item 8: the team's build stays out of git, in the repository and in a new handbook.


def _team_build_folder() -> str:
    named = re.search(
        r"PILOTBOOK_AUDIENCE=team mkdocs build -d (\S+?)`",
        docs_page("start"),
    )
    assert named, "the documentation names the folder of the team's build"
    return named[1]


def test_the_team_build_of_a_new_handbook_stays_out_of_its_first_commit(tmp_path):
    folder = _team_build_folder()
    result = pilotbook("init", "hb", "--pilot", "X", "--ci", "none", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    handbook = tmp_path / "hb"
    built = mkdocs_build_here(handbook, handbook / folder, env={"PILOTBOOK_AUDIENCE": "team"})
    assert built.returncode == 0, built.stderr
    assert (handbook / folder / "index.html").is_file()
    assert run(["git", "init", "-q"], handbook).returncode == 0
    assert run(["git", "add", "-A"], handbook).returncode == 0
    added = run(["git", "ls-files"], handbook).stdout.splitlines()
    assert "mkdocs.yml" in added and "stakeholders/schema.json" in added
    assert not [path for path in added if path.startswith((f"{folder}/", f".{folder}."))]


def test_this_repository_ignores_every_build_folder_the_documentation_names():
    folder = _team_build_folder()
    for path in (
        f"{folder}/index.html",
        "site/index.html",
        "site-offline/index.html",
        f".{folder}.pilotbook-new-4711.40265-k3x9/index.html",
    ):
        ignored = run(["git", "check-ignore", "-q", "--no-index", path], REPO)
        assert ignored.returncode == 0, f"{path} is not ignored"
    kept = run(["git", "check-ignore", "-q", "--no-index", "content/index.md"], REPO)
    assert kept.returncode == 1
