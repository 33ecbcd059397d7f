"""A build replaces the site whole or not at all: the last good site survives a killed,
failed or aborted build, and a dirty build keeps no page its audience must not have."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import ENV, built, mkdocs_build, run, write

EXCLUDED = "stakeholders/people/legal/anouk-peters/index.html"


def _hashes(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


def _change_content(project: Path) -> None:
    home = project / "content/index.md"
    home.write_text(home.read_text() + "\nEen alinea die de vorige site niet heeft.\n")


def test_a_killed_build_leaves_the_last_site_and_the_next_build_cleans_up(project, tmp_path):
    # Enough colleagues that the build takes a while to write.
    for number in range(300):
        write(
            project,
            f"stakeholders/it/collega-{number}.yml",
            f"name: Collega {number}\nrole: Ontwikkelaar\ndiscipline: it\n",
        )
    site = built(project, tmp_path / "site")
    before = _hashes(site)
    _change_content(project)
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(site)],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # Kill it once it has written pages into its staging folder.
        writing = False
        while build.poll() is None and not writing:
            time.sleep(0.01)  # a look each hundredth of a second leaves the cores to the build
            writing = any(
                any(staging.rglob("*.html")) for staging in site.parent.glob(".site.pilotbook-*")
            )
        build.send_signal(signal.SIGKILL)
    finally:
        build.wait(timeout=60)
    assert writing, "the build finished before it could be killed"
    assert build.returncode == -signal.SIGKILL
    assert _leftovers(site)
    assert _hashes(site) == before

    built(project, site)
    assert _leftovers(site) == []
    assert "Een alinea die de vorige site niet heeft" in (site / "index.html").read_text()


def test_a_strict_mode_abort_leaves_the_last_site(project, tmp_path):
    site = built(project, tmp_path / "site")
    before = _hashes(site)
    home = project / "content/index.md"
    home.write_text(home.read_text() + "\nZie [de oude pagina](bestaat-niet.md).\n")
    result = mkdocs_build(project, site)
    assert result.returncode == 1
    assert "bestaat-niet.md" in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr
    assert _hashes(site) == before
    assert _leftovers(site) == []


def test_a_failed_stakeholder_file_leaves_the_last_site(project, tmp_path):
    site = built(project, tmp_path / "site")
    before = _hashes(site)
    write(project, "stakeholders/it/broken.yml", "name: X\ndicipline: it\n")
    result = mkdocs_build(project, site)
    assert result.returncode == 1
    assert "broken.yml" in result.stderr
    assert _hashes(site) == before
    assert _leftovers(site) == []


def test_a_build_that_fails_while_writing_leaves_the_last_site(project, tmp_path):
    site = built(project, tmp_path / "site")
    before = _hashes(site)
    # A theme override that fails on every page, after the assets are written.
    write(
        project,
        "theme/main.html",
        '{% extends "base.html" %}\n{% block content %}{{ no_such_value.label }}{% endblock %}\n',
    )
    result = mkdocs_build(project, site)
    assert result.returncode == 1
    assert "no_such_value" in result.stderr
    assert _hashes(site) == before
    assert _leftovers(site) == []


def test_a_dirty_intranet_build_after_a_team_build_keeps_nothing_of_the_team(project, tmp_path):
    site = built(project, tmp_path / "site", env={"PILOTBOOK_AUDIENCE": "team"})
    assert (site / EXCLUDED).exists()
    # MkDocs warns about every dirty build, so it cannot pass in strict mode.
    result = run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty", "--no-strict", "-d", str(site)],
        project,
        env={"PILOTBOOK_AUDIENCE": ""},
    )
    assert result.returncode == 0, result.stderr
    assert not (site / EXCLUDED).exists()
    everything = "\n".join(p.read_text(errors="replace") for p in site.rglob("*.html"))
    assert "Anouk Peters" not in everything
    for answer in (
        "voldoet niet",
        "Deze stakeholder heeft geen invloed",
        "Niet gekozen na gesprek",
    ):
        assert answer not in everything, answer
    # Not chosen in a decided discipline: the intranet does not name him at all.
    assert not (site / "stakeholders/people/legal/thomas-de-graaf").exists()
    page = (site / "stakeholders/people/legal/marieke-smits/index.html").read_text()
    assert "Heeft de stakeholder invloed" not in page
    assert "Marieke Smits" in everything


def test_a_dirty_build_drops_the_page_of_a_removed_stakeholder(project, tmp_path):
    site = built(project, tmp_path / "site")
    person = site / "stakeholders/people/it/esther-koster/index.html"
    assert person.exists()
    (project / "stakeholders/it/esther-koster.yml").unlink()
    result = run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty", "--no-strict", "-d", str(site)],
        project,
    )
    assert result.returncode == 0, result.stderr
    assert not person.exists()
    assert (site / "index.html").exists()


def test_a_full_build_replaces_the_whole_site_but_keeps_hidden_entries(project, tmp_path):
    site = built(project, tmp_path / "site")
    write(site, "stray.html", "<p>from an old build</p>\n")
    write(site, ".git/HEAD", "ref: refs/heads/gh-pages\n")
    _change_content(project)
    built(project, site)
    assert not (site / "stray.html").exists()
    assert (site / ".git/HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert "Een alinea die de vorige site niet heeft" in (site / "index.html").read_text()
    assert _leftovers(site) == []


def test_a_staging_folder_whose_build_is_gone_is_removed_though_a_child_holds_its_lock(tmp_path):
    """A process the killed build started may hold the folder's lock on; the folder's
    name says which build made it, and that build is gone."""
    import fcntl

    from pilotbook.build import swap

    site = tmp_path / "site"
    site.mkdir()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    namespace = os.stat("/proc/self/ns/pid").st_ino
    stale = tmp_path / f".site.pilotbook-new-{gone.pid}.{namespace}-0000"
    running = tmp_path / f".site.pilotbook-new-{os.getpid()}.{namespace}-1111"
    locks = []
    for folder in (stale, running):
        folder.mkdir()
        locks.append(os.open(folder, os.O_RDONLY))
        fcntl.flock(locks[-1], fcntl.LOCK_EX | fcntl.LOCK_NB)  # as an inherited lock
    try:
        swap.remove_stale(site)
        assert _leftovers(site) == [running.name]
    finally:
        for lock in locks:
            os.close(lock)
