"""Shared helpers: a copy of the sample handbook, and the real commands to run on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# Most tests read the project team's view, where every screening rule shows; the
# tests of the intranet's view set PILOTBOOK_AUDIENCE=intranet themselves.
ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "PYTHONUTF8": "1",
    "PILOTBOOK_AUDIENCE": "team",
}


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def run(
    args: list[str], cwd: Path, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env={**ENV, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def pilotbook(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "pilotbook", *args], cwd)


def mkdocs_build(
    project: Path, site: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "mkdocs", "build", "-d", str(site)], project, env=env)


def built(project: Path, site: Path, env: dict[str, str] | None = None) -> Path:
    """Build `project` into `site`, which must succeed; returns `site`."""
    result = mkdocs_build(project, site, env)
    assert result.returncode == 0, result.stderr
    return site


# The sample's plugin options after `stakeholders_dir`, which tests replace.
SAMPLE_OPTIONS = "      pilot: Videobellen met klanten\n"


def copy_sample(target: Path, *, stakeholders: bool = True) -> Path:
    """A copy of the sample handbook at `target` (its stakeholder files optional)."""
    target.mkdir(parents=True)
    for name in ("content", "theme") + (("stakeholders",) if stakeholders else ()):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


def configure(project: Path, options: str, extensions: str = "") -> str:
    """Give the plugin `options` instead of the sample's, and add Markdown extensions."""
    config = (project / "mkdocs.yml").read_text()
    assert SAMPLE_OPTIONS in config
    options = textwrap.indent(textwrap.dedent(options).strip("\n"), " " * 6)
    config = config.replace(SAMPLE_OPTIONS, options + "\n")
    config = config.replace("markdown_extensions:\n", "markdown_extensions:\n" + extensions)
    (project / "mkdocs.yml").write_text(config)
    return config


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the sample handbook that a test may change."""
    return copy_sample(tmp_path / "handbook")


@pytest.fixture
def empty_project(project: Path) -> Path:
    """The sample handbook's site with no stakeholder files yet."""
    shutil.rmtree(project / "stakeholders")
    (project / "stakeholders").mkdir()
    return project


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample handbook, built once with a real `mkdocs build`."""
    return built(REPO, tmp_path_factory.mktemp("sample") / "site")
