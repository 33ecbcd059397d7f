"""Snapshot what pilotbook produces, and compare a later version's output with it.

    python bench/snapshot.py save SNAPSHOT      # before a refactor
    python bench/snapshot.py compare SNAPSHOT   # after it: exit 0 when byte-identical

A refactor that should change no behaviour must leave every output as it was. The
snapshot holds, for the sample handbook and for a 1,000-person handbook (the bench's
synthetic data), both audiences' built sites, `pilotbook generate`'s output and the
JSON, Markdown and CSV reports. The handbooks are copies in git repositories of
their own, each one commit at a fixed time, built with a fixed SOURCE_DATE_EPOCH and
no build cache, so that the output depends on the code alone.
`compare` rebuilds into a temporary folder and names every file that differs, is
missing or is new.
"""

from __future__ import annotations

import argparse
import filecmp
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "PYTHONUTF8": "1",
    "SOURCE_DATE_EPOCH": "1764547200",  # 2025-12-01
    "PILOTBOOK_CACHE": "off",
}
AUDIENCES = ("team", "intranet")
REPORTS = ("json", "markdown", "csv")


def _bench_data(root: Path, count: int) -> None:
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = bench  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    bench.write_stakeholders(root, count)


def handbooks(workdir: Path) -> dict[str, Path]:
    """The sample and a 1,000-person copy of it, each a git repository of its own."""
    made = {}
    for name, count in (("sample", 0), ("n1000", 1000)):
        root = workdir / name
        root.mkdir(parents=True)
        for folder in ("content", "theme", "callers") + (("stakeholders",) if not count else ()):
            shutil.copytree(REPO / folder, root / folder)
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        if count:
            _bench_data(root, count)
        _commit(root)
        made[name] = root
    return made


def _commit(root: Path) -> None:
    """One commit at a fixed time, so that the dates read from git are the same."""
    when = {"GIT_AUTHOR_DATE": "2025-11-30T12:00:00Z", "GIT_COMMITTER_DATE": "2025-11-30T12:00:00Z"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "snapshot"]):
        subprocess.run(
            ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *args],
            cwd=root,
            env={**ENV, **when},
            check=True,
        )


def _run(args: list[str], cwd: Path, audience: str, out: Path | None = None) -> None:
    result = subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env={**ENV, "PILOTBOOK_AUDIENCE": audience},
        capture_output=True,
        check=False,
    )
    if result.returncode not in (0, 1) or (result.returncode and out is None):
        raise SystemExit(f"{' '.join(args)} in {cwd} failed:\n{result.stderr.decode()}")
    if out is not None:
        out.write_bytes(result.stdout)


def produce(target: Path) -> None:
    """Every output of both handbooks into `target`."""
    with tempfile.TemporaryDirectory(prefix="pilotbook-snapshot-") as scratch:
        for name, root in handbooks(Path(scratch)).items():
            for audience in AUDIENCES:
                where = target / name / audience
                where.mkdir(parents=True)
                _run(["-m", "mkdocs", "build", "-d", str(where / "site")], root, audience)
                _run(["-m", "pilotbook", "generate", str(where / "generate")], root, audience)
                for form in REPORTS:
                    report = ["-m", "pilotbook", "report", "--format", form]
                    _run(
                        [*report, "--audience", audience], root, audience, where / f"report.{form}"
                    )


def differences(old: Path, new: Path) -> list[str]:
    """The files that differ between two snapshots, as paths relative to them."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"missing: {prefix}{n}" for n in compared.left_only)
        found.extend(f"new: {prefix}{n}" for n in compared.right_only)
        found.extend(f"differs: {prefix}{n}" for n in compared.diff_files + compared.funny_files)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    filecmp.clear_cache()
    walk(filecmp.dircmp(old, new, ignore=[]), "")
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("snapshot", type=Path)
    args = parser.parse_args(argv)
    if args.action == "save":
        if args.snapshot.exists():
            parser.error(f"{args.snapshot} exists: choose a new folder")
        produce(args.snapshot)
        print(f"snapshot saved in {args.snapshot}")
        return 0
    if not args.snapshot.is_dir():
        parser.error(f"{args.snapshot} is no snapshot folder")
    with tempfile.TemporaryDirectory(prefix="pilotbook-compare-") as scratch:
        produce(Path(scratch) / "now")
        found = differences(args.snapshot, Path(scratch) / "now")
    print("\n".join(found) if found else "byte-identical to the snapshot")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
