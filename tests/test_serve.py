"""`mkdocs serve`: data edits show after one rebuild; other edits reuse the pages."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from conftest import ENV, write


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(check, what: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(0.3)
    raise AssertionError(f"{what} did not happen within {timeout} s")


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except (urllib.error.URLError, ConnectionError):
        return ""


@contextlib.contextmanager
def _serving(mkdocs: list[str], cwd: Path, log: Path) -> Iterator[str]:
    """`mkdocs serve` on a free port, stopped afterwards; yields its base URL."""
    port = _free_port()
    with log.open("w") as output:
        server = subprocess.Popen(
            [*mkdocs, "serve", "-a", f"127.0.0.1:{port}"],
            cwd=cwd,
            env=ENV,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    assert "Traceback" not in log.read_text()


def test_serve_rebuilds_pages_from_edited_data_and_reuses_them_otherwise(project, tmp_path):
    log = tmp_path / "serve.log"
    with _serving([sys.executable, "-m", "mkdocs"], project, log) as base:
        person = f"{base}/stakeholders/people/it/esther-koster/"
        _wait_for(lambda: "Nog niet beoordeeld" in _page(person), "the first build")
        # An edit outside the data: MkDocs rebuilds, pilotbook reuses its pages.
        home = project / "content" / "index.md"
        home.write_text(home.read_text() + "\nEen nieuwe alinea over de pilot.\n")
        _wait_for(lambda: "Een nieuwe alinea" in _page(f"{base}/"), "the content edit")
        _wait_for(lambda: "come from the cache" in log.read_text(), "reuse")
        # An edited answer: the pages are made again and show it.
        write(
            project,
            "stakeholders/it/esther-koster.yml",
            """
            name: Esther Koster
            role: Security architect
            discipline: it
            answers: {impact: ja, expectations: ja, relationship: ja, replaceable: nee,
                      appointed: nee}
            """,
        )
        _wait_for(lambda: "Op de shortlist" in _page(person), "the data edit")
        assert "Nog niet beoordeeld" not in _page(person)
        shortlist = _page(f"{base}/stakeholders/shortlist/")
        assert "Gesprekken nodig" in shortlist.split(">IT<")[-1]
        assert log.read_text().count("come from the cache") == 1


def test_a_new_handbook_from_the_wheel_is_served(installed, new_handbooks, tmp_path):
    with _serving([str(installed / "mkdocs")], new_handbooks["en"], tmp_path / "log") as base:
        _wait_for(lambda: "Example Colleague" in _page(f"{base}/stakeholders/"), "the build")
        assert "Clinical staff" in _page(f"{base}/stakeholders/shortlist/")
        assert _page(f"{base}/assets/pilotbook.css").startswith("/* pilotbook")
