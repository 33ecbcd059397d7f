"""Shared helpers: a copy of the sample handbook, and the real commands to run on it."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
# Most tests read the project team's view, where every screening rule shows; the
# tests of the intranet's view set PILOTBOOK_AUDIENCE=intranet themselves.
# Builds keep their cache in a folder of this test run's, never in the user's own, and
# use it in CI too, so that every test also goes through it.
CACHE = tempfile.mkdtemp(prefix="pilotbook-test-cache-")
ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "PYTHONUTF8": "1",
    "PILOTBOOK_AUDIENCE": "team",
    "PILOTBOOK_CACHE_DIR": CACHE,
}


def load_bench() -> ModuleType:
    """bench/run.py as a module, for its generator of synthetic stakeholders."""
    if "bench_run" in sys.modules:
        return sys.modules["bench_run"]
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = bench
    spec.loader.exec_module(bench)
    return bench


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


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `bin` folder of a fresh virtual environment with pilotbook installed from a
    wheel built from this repository: no editable install, no access to its files."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(
        REPO / "generator",
        source / "generator",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    wheels = root / "dist"
    result = run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), "."],
        source,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = wheels.glob("pilotbook-*.whl")
    venv = root / "venv"
    assert run([sys.executable, "-m", "venv", str(venv)], root).returncode == 0
    result = run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], root, timeout=600)
    assert result.returncode == 0, result.stderr
    return venv / "bin"


# A team that replaces one of the five disciplines with its own.
REPLACED_DISCIPLINE = {
    "en": (
        '- id: sales\n          label: "Sales"',
        '- id: clinical\n          label: "Clinical staff"',
    ),
    "nl": ('- id: sales\n          label: "Sales"', '- id: zorg\n          label: "Zorgverleners"'),
}
NEW_PEOPLE = {
    "en": [("Søren Ørsted", "clinical"), ("Łukasz Nowak", "legal")],
    "nl": [("Đorđe Petrović", "zorg"), ("Straße Müller", "it")],
}


def start_handbook(bin_dir: Path, folder: Path, language: str) -> Path:
    """What a new team does: init, its own discipline, two people added with `new`."""
    pilot = "E-consult by video" if language == "en" else "E-consult via video"
    result = run(
        [str(bin_dir / "pilotbook"), "init", str(folder), "--language", language, "--pilot", pilot],
        folder.parent,
    )
    assert result.returncode == 0, result.stderr
    config = folder / "mkdocs.yml"
    old, new = REPLACED_DISCIPLINE[language]
    assert old in config.read_text()
    config.write_text(config.read_text().replace(old, new))
    for name, discipline in NEW_PEOPLE[language]:
        result = run(
            [str(bin_dir / "pilotbook"), "new", name, "--discipline", discipline],
            folder / "stakeholders",
        )
        assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture(scope="session")
def new_handbooks(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An English and a Dutch handbook started with the installed wheel, each built with
    `mkdocs build --strict` for the intranet into its `site/`."""
    handbooks = {}
    for language in ("en", "nl"):
        folder = start_handbook(installed, tmp_path_factory.mktemp(language) / "handbook", language)
        result = run(
            [str(installed / "mkdocs"), "build", "--strict"],
            folder,
            env={"PILOTBOOK_AUDIENCE": "intranet"},
        )
        assert result.returncode == 0, result.stderr
        handbooks[language] = folder
    return handbooks
