"""The corpus of broken files: every case gets a clear message, and nothing worse.

Each folder in tests/data/broken holds the files of one case (or a `make.py` that
builds them, where they are too large, too odd or too risky to commit) and
`expected.txt`: the message `pilotbook check` must print, as the start of a line;
on the second line that line's problem code, in parentheses, as the line ends with
it; then any further text the output must contain.
"""

from __future__ import annotations

import importlib.util
import os
import resource
import shutil
import sys
from pathlib import Path

import pytest
from conftest import REPO, mkdocs_build, run

from pilotbook.problems.codes import Code

CORPUS = Path(__file__).parent / "data" / "broken"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())

# Limits for `pilotbook check` on one broken file: runaway work or memory is a bug.
CPU_SECONDS = 2
MEMORY_BYTES = 200 * 1024**2


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


@pytest.fixture(autouse=True)
def _remove_deep_folders(tmp_path):
    """Removes a case's files deepest first, without recursion: some cases nest 1,100
    folders, more than `shutil.rmtree` (and so pytest's own clean-up) can take."""
    yield
    remove_tree(tmp_path)


def remove_tree(root: Path) -> None:
    folders, pending = [], [str(root)]
    while pending:
        folder = pending.pop()
        folders.append(folder)
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                else:
                    os.unlink(entry.path)
    for folder in reversed(folders):
        os.rmdir(folder)


def materialise(case: str, root: Path) -> list[str]:
    """Lay out the case's files below `root`; returns the expected lines."""
    folder = CORPUS / case
    root.mkdir(parents=True)
    if (folder / "stakeholders").exists():
        shutil.copytree(folder / "stakeholders", root / "stakeholders", symlinks=True)
    if (folder / "make.py").exists():
        spec = importlib.util.spec_from_file_location(f"make_{case}", folder / "make.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.make(root)
    return (folder / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_the_corpus_covers_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES)
def test_check_names_the_place_and_the_fix(case, tmp_path):
    root = tmp_path / "handbook"
    expected = materialise(case, root)
    import subprocess

    from conftest import ENV

    result = subprocess.run(
        [sys.executable, "-m", "pilotbook", "check"],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limits,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    lines = result.stdout.splitlines()
    matching = [line for line in lines if line.startswith(expected[0])]
    assert matching, output
    code = expected[1]
    assert code.strip("()") in list(Code), f"{code} is not a registered problem code"
    assert all(line.endswith(f" {code}") for line in matching), output
    for more in expected[2:]:
        assert more in result.stdout, output
    assert lines[-1].endswith("error") or "errors" in lines[-1]


@pytest.mark.parametrize("case", CASES)
def test_mkdocs_build_fails_with_the_same_message(case, tmp_path):
    root = tmp_path / "handbook"
    expected = materialise(case, root)
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    check = run([sys.executable, "-m", "pilotbook", "check"], root)
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert expected[0] in result.stderr
    for line in check.stdout.splitlines()[:-1]:
        if ": error: " in line:
            assert line in result.stderr
