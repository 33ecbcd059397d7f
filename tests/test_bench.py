"""The benchmark script works (its numbers are for people; nothing here times anything)."""

from __future__ import annotations

import sys

from conftest import REPO, run


def test_quick_benchmark_runs_every_measurement():
    result = run([sys.executable, str(REPO / "bench" / "run.py"), "--quick"], REPO, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    for measurement in (
        "pilotbook check",
        "yamllint (relaxed)",
        "team: mkdocs build with the plugin, repeat build",
        "team: mkdocs build with the plugin, first build (no cache)",
        "team: floor, mkdocs build of generated Markdown",
        "intranet: mkdocs build with the plugin, repeat build",
        "intranet: mkdocs build with the plugin, first build (no cache)",
        "intranet: floor, mkdocs build of generated Markdown",
    ):
        assert f"| 50 | {measurement} |" in out
    for ratio in (
        "team repeat build / its floor",
        "intranet repeat build / its floor",
        "team first build / its floor",
        "intranet first build / its floor",
        "first build N = 50 / N = 50",
        "pilotbook check / yamllint",
        "peak memory first build / floor",
    ):
        (line,) = [line for line in out.splitlines() if line.startswith(f"| {ratio}")]
        # Median, the range of the runs (one run in quick mode: one value) and target.
        measured, spread, _ = [cell.strip() for cell in line.strip("|").split("|")][1:]
        assert spread == f"{measured}–{measured}"
