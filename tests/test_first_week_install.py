"""A new team's first week: pilotbook installs as the README says, carries its licence,
and the pipeline `init` writes installs pilotbook and checks the handbook on its first
run, however pilotbook was installed; what `init` cannot know, it says.

The pipelines' steps run here as a runner runs them: in a fresh virtual environment
whose `python` comes first on PATH, from the handbook's folder, by bash."""

from __future__ import annotations

import re
import shutil
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
import yaml
from check_jsonschema.catalog import SCHEMA_CATALOG
from conftest import REPO, mkdocs_build_here, pilotbook, run

from pilotbook.commands.starter import PIPELINES

BIN = Path(sys.executable).parent
VERSION = "0.1.0"
WHEEL = f"pilotbook-{VERSION}-py3-none-any.whl"


def _readme_section(title: str) -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return readme.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


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
        _readme_section("Start your own handbook"),
    )
    assert named, "the README names the folder of the team's build"
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


def test_this_repository_ignores_every_build_folder_the_readme_names():
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
