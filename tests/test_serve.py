"""`mkdocs serve`: editing a stakeholder file changes the page being served."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import ENV, write


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, predicate, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode()
                if predicate(last):
                    return last
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not change as expected within {timeout} s:\n{last[:500]}")


def test_an_edited_answer_changes_the_served_page(project):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/stakeholders/people/it/esther-koster/"
        _wait_for(url, lambda page: "Nog niet beoordeeld" in page)
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
        _wait_for(url, lambda page: "Op de shortlist" in page and "Nog niet beoordeeld" not in page)
        shortlist = f"http://127.0.0.1:{port}/stakeholders/shortlist/"
        _wait_for(shortlist, lambda page: "Gesprekken nodig" in page.split(">IT<")[-1])
    finally:
        server.terminate()
        try:
            _, errors = server.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            _, errors = server.communicate()
    assert "Traceback" not in errors
