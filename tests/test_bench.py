"""The benchmark script works (its numbers are for people; nothing here times anything)."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import REPO, load_bench, run


def test_quick_benchmark_runs_every_measurement():
    result = run([sys.executable, str(REPO / "bench" / "run.py"), "--quick"], REPO, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    for measurement in (
        "pilotbook check",
        "pilotbook diff, every file added",
        "yamllint (relaxed)",
        "team: mkdocs build with the plugin, repeat build",
        "team: mkdocs build with the plugin, first build (no cache)",
        "team: floor, mkdocs build of generated Markdown",
        "intranet: mkdocs build with the plugin, repeat build",
        "intranet: mkdocs build with the plugin, first build (no cache)",
        "intranet: floor, mkdocs build of generated Markdown",
    ):
        assert f"| 50 | {measurement} |" in out
    # Several pilots: the same people by one pilot and by three, and half of them by three.
    for what in (
        "pilotbook check",
        "pilotbook report --format json",
        "pilotbook diff, every file added",
        "mkdocs build, first build (no cache)",
    ):
        for row in (
            f"| 50 | 1 pilot: {what} |",
            f"| 50 | 3 pilots: {what} |",
            f"| 25 | 3 pilots: {what} |",
        ):
            assert row in out
    for ratio in (
        "team repeat build / its floor",
        "intranet repeat build / its floor",
        "team first build / its floor",
        "intranet first build / its floor",
        "first build N = 50 / N = 50",
        "pilotbook check / yamllint",
        "pilotbook diff, N added / pilotbook check",
        "peak memory first build / floor",
        "3 pilots / 1 pilot, check + report + diff + first build, N = 50",
        "3 pilots, check + report + diff + first build, N = 50 / N = 25",
    ):
        (line,) = [line for line in out.splitlines() if line.startswith(f"| {ratio}")]
        # Median, the range of the runs (one run in quick mode: one value) and target.
        measured, spread, _ = [cell.strip() for cell in line.strip("|").split("|")][1:]
        assert spread == f"{measured}–{measured}"


def test_the_floor_must_build_the_site_the_plugin_builds(tmp_path):
    bench = load_bench()
    for name in ("plugin", "floor"):
        (tmp_path / name / "people").mkdir(parents=True)
        (tmp_path / name / "index.html").write_text("<p>map</p>")
        (tmp_path / name / "search").mkdir()
        (tmp_path / name / "search" / "search_index.json").write_text(name)
    (tmp_path / "plugin" / ".pilotbook-build").write_text("done")
    # Only what the plugin adds may differ: its search words and its build mark.
    bench.expect_same_site(tmp_path / "plugin", tmp_path / "floor", "team")

    (tmp_path / "floor" / "people" / "a.html").write_text("<p>a</p>")
    with pytest.raises(SystemExit, match=r"team's floor builds another site .*people/a\.html"):
        bench.expect_same_site(tmp_path / "plugin", tmp_path / "floor", "team")


def test_the_snapshot_comparison_names_every_file_that_changed(tmp_path):
    """bench/snapshot.py proves a refactor byte-identical: it must see each kind of change."""
    spec = importlib.util.spec_from_file_location("snapshot", REPO / "bench" / "snapshot.py")
    assert spec is not None and spec.loader is not None
    snapshot = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(snapshot)
    old, new = tmp_path / "old", tmp_path / "new"
    for side in (old, new):
        (side / "site" / "people").mkdir(parents=True)
        (side / "site" / "index.html").write_text("same")
    (old / "site" / "people" / "a.html").write_text("<p>A</p>")
    (new / "site" / "people" / "a.html").write_text("<p>B</p>")
    (old / "site" / "gone.html").write_text("x")
    (new / "report.json").write_text("{}")
    assert snapshot.differences(old, new) == [
        "differs: site/people/a.html",
        "missing: site/gone.html",
        "new: report.json",
    ]
    assert snapshot.differences(old, old) == []
