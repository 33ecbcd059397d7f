"""The corpus of broken files: every case gets a clear message, and nothing worse.

Each folder in tests/data/broken holds the files of one case (or a `make.py` that
builds them, where they are too large, too odd or too risky to commit) and
`expected.txt`: the message `pilotbook check` must print, as the start of a line;
on the second line that line's problem code, in parentheses, as the line ends with
it; then any further text the output must contain.

Every case runs `pilotbook check` and `mkdocs build` in this process (the command's
`main` within the limits below; MkDocs' own build with the plugin). A sample that
takes every route from a file to a printed line (a file read and judged, one not
read at all, one judged beside another, odd bytes and characters on their way to a
terminal, the largest and the most costly) runs both as processes of their own,
which must print those lines too.
"""

from __future__ import annotations

import importlib.util
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import (
    ENV,
    REPO,
    limits,
    mkdocs_build,
    mkdocs_build_here,
    pilotbook,
    pilotbook_process,
    write,
)

from pilotbook.problems.codes import Code

CORPUS = Path(__file__).parent / "data" / "broken"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())

# Limits for `pilotbook check` on one broken file: runaway work or memory is a bug.
CPU_SECONDS = 2
MEMORY_BYTES = 200 * 1024**2
# How long a check may take in all: as long as the test waited for its process.
WALL_SECONDS = 60

# Cases that together take every route from a file to a printed line, run as
# processes: a file read and judged, one judged beside another, files and folders
# not read at all (a link, a pipe, a submodule, a file too large), odd bytes and
# characters in a file name and a key, and the most costly to read.
IN_PROCESSES = [
    "unknown-key",
    "duplicate-id",
    "symlink-outside",
    "fifo-named-yml",
    "git-submodule",
    "sparse-gigabyte",
    "file-name-invalid-utf8-bytes",
    "key-terminal-escape",
    "alias-bomb",
]


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


def assert_check_names_the_place_and_the_fix(
    result: subprocess.CompletedProcess[str], expected: list[str]
) -> None:
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


def assert_build_stops_with_the_lines_of_check(
    build: subprocess.CompletedProcess[str],
    check: subprocess.CompletedProcess[str],
    expected: list[str],
) -> None:
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert expected[0] in build.stderr
    for line in check.stdout.splitlines()[:-1]:
        if ": error: " in line:
            assert line in build.stderr


def test_the_corpus_covers_at_least_forty_cases():
    assert len(CASES) >= 40


def test_the_cases_run_as_processes_are_cases_of_the_corpus():
    assert set(IN_PROCESSES) <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_check_names_the_place_and_the_fix(case, tmp_path):
    root = tmp_path / "handbook"
    expected = materialise(case, root)
    with limits(memory_bytes=MEMORY_BYTES, cpu_seconds=CPU_SECONDS, wall_seconds=WALL_SECONDS):
        result = pilotbook("check", cwd=root)
    assert_check_names_the_place_and_the_fix(result, expected)


@pytest.mark.parametrize("case", CASES)
def test_mkdocs_build_fails_with_the_same_message(case, tmp_path):
    root = tmp_path / "handbook"
    expected = materialise(case, root)
    with_the_samples_site(root)
    check = pilotbook("check", cwd=root)
    build = mkdocs_build_here(root, tmp_path / "site")
    assert_build_stops_with_the_lines_of_check(build, check, expected)


@pytest.mark.parametrize("case", IN_PROCESSES)
def test_the_command_and_the_build_in_processes_of_their_own_print_those_lines(case, tmp_path):
    """What the tests above see in this process is what a process prints: `check` on
    its own and beside the handbook's mkdocs.yml, and `mkdocs build`."""
    root = tmp_path / "handbook"
    expected = materialise(case, root)
    alone = subprocess.run(
        [sys.executable, "-m", "pilotbook", "check"],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=WALL_SECONDS,
        preexec_fn=_limits,
        check=False,
    )
    assert_check_names_the_place_and_the_fix(alone, expected)
    assert _said(alone) == _said(pilotbook("check", cwd=root))
    with_the_samples_site(root)
    check = pilotbook_process("check", cwd=root)
    assert _said(check) == _said(pilotbook("check", cwd=root))
    build = mkdocs_build(root, tmp_path / "site")
    assert_build_stops_with_the_lines_of_check(build, check, expected)
    assert _said(build) == _said(mkdocs_build_here(root, tmp_path / "site"))


def _said(result: subprocess.CompletedProcess[str]) -> tuple[int, str, str]:
    """A command's exit status and output, the name of a build's staging folder left out."""
    staging = re.compile(r"(\.pilotbook-new-)[0-9a-f.-]+")
    return result.returncode, result.stdout, staging.sub(r"\1…", result.stderr)


def with_the_samples_site(root: Path) -> None:
    """The sample's pages, theme and mkdocs.yml beside a case's stakeholders folder."""
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")


# Codes of what only a stakeholder file has (a discipline, answers, an interview...):
# the same mistake in a caller's file is an unknown key instead.
_STAKEHOLDER_ONLY = {
    Code.MISSING_DISCIPLINE,
    Code.INTERNAL_AND_EXTERNAL,
    Code.ANSWERS_ON_EXTERNAL,
    Code.INTERVIEW_ON_EXTERNAL,
    Code.UNKNOWN_QUESTION,
    Code.UNKNOWN_PHASE,
    Code.INVALID_INVOLVEMENT,
    Code.INVALID_ANSWER,
    Code.UNKNOWN_VALUE,
    Code.NO_STAKEHOLDERS_FOLDER,  # a handbook may have no callers folder at all
    Code.PAGE_ADDRESS_COLLISION,  # callers have no pages of their own
}


@pytest.mark.parametrize("case", CASES)
def test_a_callers_file_broken_the_same_way_is_refused_as_plainly(case, tmp_path):
    """Callers' files are read by the code that reads stakeholders' files: each broken
    case, laid out in the callers folder, is a located error of a caller's file, within
    the same limits, and never a traceback."""
    root = tmp_path / "handbook"
    expected = materialise(case, root)
    if (root / "stakeholders").is_dir():
        (root / "stakeholders").rename(root / "callers")
    (root / "stakeholders").mkdir()
    write(root, "stakeholders/it/ada.yml", "name: Ada\ndiscipline: it\n")
    with limits(memory_bytes=MEMORY_BYTES, cpu_seconds=CPU_SECONDS, wall_seconds=WALL_SECONDS):
        result = pilotbook("check", cwd=root)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert all(line.startswith("callers/") for line in errors), output
    code = Code(expected[1].strip("()"))
    if code in _STAKEHOLDER_ONLY:
        return
    assert result.returncode == 1, output
    # A case's stakeholder keys are unknown in a caller's file, and may be all it shows.
    stakeholder_keys = re.compile(r"unknown key '(discipline|external|answers|expectation)'")
    assert any(line.endswith(f"({code})") for line in errors) or all(
        stakeholder_keys.search(line) for line in errors
    ), output
