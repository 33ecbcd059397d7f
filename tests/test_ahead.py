"""Work done ahead in a forked process: the same result, the same errors, nothing left
running; and a build made that way is the build made in one process."""

from __future__ import annotations

import _thread
import contextlib
import gc
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import ENV, built, mkdocs_build, run, write

from pilotbook.build import worker as ahead_module
from pilotbook.build.worker import Ahead, Terminated, can_fork
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import HandbookError, Position, Problem, Severity

# These need what the worker needs: Linux and a second core (CI machines have two).
needs_fork = pytest.mark.skipif(
    sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2,
    reason="a worker process runs only on Linux with two cores or more",
)
HERE = os.getpid()
# What `mkdocs build -v` logs where the pages are made in a worker.
WORKER = "pilotbook: making the pages in a worker process meanwhile"


def in_worker() -> bool:
    return os.getpid() != HERE


@needs_fork
def test_the_work_runs_in_another_process_and_its_result_comes_back():
    ahead = Ahead(lambda: {"pid": os.getpid(), "pages": ("a", "b")})
    assert ahead.forked
    result = ahead.result()
    assert result["pid"] != HERE
    assert result["pages"] == ("a", "b")
    assert not ahead.forked


@needs_fork
@pytest.mark.skipif(
    gc.get_freeze_count() != 0,
    reason="this Python starts with objects frozen (3.12), where the worker freezes none: "
    "test_objects_someone_else_froze_stay_frozen",
)
def test_shared_objects_stay_out_of_collections_until_the_worker_is_done():
    ahead = Ahead(gc.get_freeze_count)
    assert gc.get_freeze_count() > 0
    assert ahead.result() > 0  # the worker's collections leave them alone too
    assert gc.get_freeze_count() == 0


@needs_fork
def test_objects_someone_else_froze_stay_frozen():
    ours = gc.get_freeze_count() == 0  # Python 3.12 starts with some frozen itself
    if ours:
        gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert Ahead(lambda: "done").result() == "done"
        assert gc.get_freeze_count() == frozen
    finally:
        if ours:
            gc.unfreeze()


@needs_fork
def test_a_carried_error_comes_back_with_its_problems():
    problem = Problem(
        "stakeholders/a.yml", Position(3, 7), Severity.ERROR, "unknown key 'nmae'", Code.UNKNOWN_KEY
    )

    def work() -> None:
        raise HandbookError([problem])

    with pytest.raises(HandbookError) as raised:
        Ahead(work, carry=(HandbookError,)).result()
    assert raised.value.problems == [problem]
    assert str(raised.value) == str(HandbookError([problem]))


@needs_fork
@pytest.mark.parametrize("failure", ["uncarried error", "worker dies", "result does not pickle"])
def test_what_the_worker_cannot_deliver_is_done_here(failure):
    def work() -> object:
        if not in_worker():
            return "made here"
        if failure == "uncarried error":
            raise ValueError("not carried")
        if failure == "worker dies":
            os._exit(3)
        return lambda: None  # no pickle for a lambda

    ahead = Ahead(work, carry=(HandbookError,))
    assert ahead.forked
    assert ahead.result() == "made here"


def _sleeping(marker: Path) -> Callable[[], None]:
    """Work that writes its process id to `marker`, then sleeps for a minute."""

    def work() -> None:
        marker.write_text(str(os.getpid()))
        time.sleep(60)

    return work


def _stubborn(marker: Path) -> Callable[[], None]:
    """`_sleeping`, deaf to the SIGINT that asks it to stop: it ends when killed."""

    def work() -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _sleeping(marker)()

    return work


def _writing(marker: Path, written: Path) -> Callable[[], None]:
    """Work that writes a file it removes when it ends, however it ends, as a build
    cache entry's temporary file is removed; then `_sleeping`."""

    def work() -> None:
        written.write_text("...")
        try:
            _sleeping(marker)()
        finally:
            written.unlink()

    return work


def _started(marker: Path) -> int:
    """The worker's process id, once it wrote it to `marker`."""
    deadline = time.monotonic() + 10
    while not marker.exists() or not marker.read_text():
        assert time.monotonic() < deadline, "the worker never started"
        time.sleep(0.01)
    return int(marker.read_text())


@needs_fork
def test_cancel_leaves_no_worker_behind(tmp_path):
    marker = tmp_path / "pid"
    frozen = gc.get_freeze_count()
    ahead = Ahead(_sleeping(marker))
    worker = _started(marker)
    ahead.cancel()
    assert not ahead.forked
    assert gc.get_freeze_count() == frozen
    with pytest.raises(ProcessLookupError):  # ended, and reaped: not even a zombie
        os.kill(worker, 0)


class Interrupted(Exception):
    pass


@contextlib.contextmanager
def _alarm(seconds: float, handler: Callable[[int, object], None]) -> Iterator[None]:
    """`handler` called by SIGALRM `seconds` into the block, if it lasts that long."""
    previous = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@needs_fork
def test_an_interrupt_while_waiting_stops_and_reaps_the_worker(tmp_path):
    marker = tmp_path / "pid"

    def interrupt(signum: int, frame: object) -> None:
        raise Interrupted

    frozen = gc.get_freeze_count()
    ahead = Ahead(_sleeping(marker))
    worker = _started(marker)
    with _alarm(0.2, interrupt), pytest.raises(Interrupted):  # while result() waits
        ahead.result()
    assert not ahead.forked
    assert gc.get_freeze_count() == frozen
    with pytest.raises(ProcessLookupError):
        os.kill(worker, 0)


@needs_fork
def test_a_cancelled_worker_cleans_up_what_it_wrote(tmp_path):
    marker, written = tmp_path / "pid", tmp_path / "half-written.tmp"
    ahead = Ahead(_writing(marker, written))
    _started(marker)
    ahead.cancel()
    assert not written.exists()


@needs_fork
def test_a_worker_that_will_not_stop_is_killed(tmp_path, monkeypatch):
    monkeypatch.setattr(ahead_module, "STOP_SECONDS", 0.2)
    marker = tmp_path / "pid"
    ahead = Ahead(_stubborn(marker))
    worker = _started(marker)
    started = time.monotonic()
    ahead.cancel()
    assert time.monotonic() - started < 5
    with pytest.raises(ProcessLookupError):
        os.kill(worker, 0)


@needs_fork
def test_a_worker_stops_when_asked_even_where_the_build_ignores_interrupts(tmp_path):
    marker, written = tmp_path / "pid", tmp_path / "half-written.tmp"
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # as for `mkdocs build &`
    try:
        ahead = Ahead(_writing(marker, written))
        _started(marker)
        started = time.monotonic()
        ahead.cancel()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert time.monotonic() - started < ahead_module.STOP_SECONDS
    assert not written.exists()


@needs_fork
def test_a_second_interrupt_waits_until_the_worker_is_reaped(tmp_path, monkeypatch):
    monkeypatch.setattr(ahead_module, "STOP_SECONDS", 0.5)
    marker = tmp_path / "pid"

    def interrupt(signum: int, frame: object) -> None:
        raise Interrupted

    ahead = Ahead(_stubborn(marker))
    worker = _started(marker)
    previous = signal.signal(signal.SIGINT, interrupt)
    try:  # another Ctrl-C while cancel() waits for the worker
        with _alarm(0.1, lambda *_: os.kill(os.getpid(), signal.SIGINT)):
            with pytest.raises(Interrupted):
                ahead.cancel()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert not ahead.forked
    with pytest.raises(ProcessLookupError):
        os.kill(worker, 0)


@needs_fork
def test_sigterm_while_waiting_stops_and_reaps_the_worker(tmp_path):
    """SIGTERM, as `timeout` and CI runners send it, ends the caller as an interrupt
    does: the worker is stopped and reaped, and SIGTERM is as it was."""
    marker, written = tmp_path / "pid", tmp_path / "half-written.tmp"
    ahead = Ahead(_writing(marker, written))
    worker = _started(marker)
    # Else the signal below would end the test run.
    assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    with _alarm(0.2, lambda *_: os.kill(os.getpid(), signal.SIGTERM)):
        with pytest.raises(Terminated) as raised:
            ahead.result()
    assert raised.value.code == 143
    assert not ahead.forked
    assert not written.exists()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    with pytest.raises(ProcessLookupError):
        os.kill(worker, 0)


@needs_fork
def test_a_worker_whose_caller_has_already_ended_does_no_work(monkeypatch):
    """A caller killed before the worker could ask to die with it: the worker sees
    another parent and ends before it starts (here, the work is then done here)."""
    monkeypatch.setattr(os, "getppid", lambda: 1)  # what the worker sees of its parent
    ahead = Ahead(os.getpid)
    monkeypatch.undo()
    assert ahead.forked
    assert ahead.result() == HERE


def test_with_a_thread_started_outside_threading_the_work_is_done_here():
    stop = _thread.allocate_lock()
    stop.acquire()
    _thread.start_new_thread(stop.acquire, ())  # as a C extension starts its threads
    try:
        time.sleep(0.05)
        assert not can_fork()
    finally:
        stop.release()
    deadline = time.monotonic() + 5
    while len(os.listdir("/proc/self/task")) > 1 and time.monotonic() < deadline:
        time.sleep(0.01)


def test_with_another_thread_running_the_work_is_done_here():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        ahead = Ahead(os.getpid)
        assert not ahead.forked
        assert ahead.result() == HERE
    finally:
        stop.set()
        thread.join()


@needs_fork
def test_on_one_core_the_work_is_done_here():
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cores)})
    try:
        ahead = Ahead(os.getpid)
        assert not ahead.forked
        assert ahead.result() == HERE
    finally:
        os.sched_setaffinity(0, cores)


def _one_core() -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _build_on_one_core(
    project: Path, site: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build -v` in a process held to one core, where nothing is forked."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-v", "-d", str(site)],
        cwd=project,
        env={**ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=_one_core,
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@needs_fork
@pytest.mark.parametrize("audience", ["team", "intranet"])
def test_a_build_with_a_worker_is_the_build_in_one_process(project, tmp_path, audience):
    env = {"PILOTBOOK_CACHE": "off", "PILOTBOOK_AUDIENCE": audience}
    forked = run(
        [sys.executable, "-m", "mkdocs", "build", "-v", "-d", str(tmp_path / "forked")],
        project,
        env=env,
    )
    assert forked.returncode == 0, forked.stderr
    alone = _build_on_one_core(project, tmp_path / "alone", env)
    assert alone.returncode == 0, alone.stderr
    assert WORKER in forked.stderr
    assert WORKER not in alone.stderr
    assert _files(tmp_path / "forked") == _files(tmp_path / "alone")


@needs_fork
def test_a_broken_file_stops_a_build_with_a_worker_as_it_stops_one_without(project, tmp_path):
    write(project, "stakeholders/legal/broken.yml", "name: Kim\ndiscipline: legal\nnmae: x\n")
    env = {"PILOTBOOK_CACHE": "off"}
    forked = mkdocs_build(project, tmp_path / "forked", env)
    alone = _build_on_one_core(project, tmp_path / "alone", env)
    assert forked.returncode == alone.returncode == 1
    # The worker's error arrives later in the build, after MkDocs' own first lines.
    errors = [[line for line in r.stderr.splitlines() if "error:" in line] for r in (forked, alone)]
    assert errors[0] == errors[1]
    assert any(
        "stakeholders/legal/broken.yml:3:1: error: unknown key 'nmae'" in e for e in errors[0]
    )
    assert not (tmp_path / "forked").exists()
    assert not (tmp_path / "alone").exists()


@needs_fork
def test_another_plugins_failure_wins_over_a_broken_file_with_a_worker_or_without(
    project, tmp_path
):
    write(project, "stakeholders/legal/broken.yml", "name: Kim\ndiscipline: legal\nnmae: x\n")
    write(project, "hooks.py", "def on_pre_build(config):\n    raise RuntimeError('boom')\n")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "hooks:\n  - hooks.py\n")
    env = {"PILOTBOOK_CACHE": "off"}
    forked = mkdocs_build(project, tmp_path / "forked", env)
    alone = _build_on_one_core(project, tmp_path / "alone", env)
    for result in (forked, alone):
        assert result.returncode == 1
        assert "RuntimeError: boom" in result.stderr
        assert "broken.yml" not in result.stderr


@pytest.mark.parametrize("site", ["a-file/site", "a-file"])
def test_a_site_folder_that_cannot_be_made_is_a_message_not_a_traceback(project, tmp_path, site):
    (tmp_path / "a-file").write_text("not a folder")
    result = mkdocs_build(project, tmp_path / site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert ":1:1: error: the site cannot be written there (a file is in the way)" in result.stderr
    assert "'mkdocs build -d'" in result.stderr
    assert (tmp_path / "a-file").read_text() == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", project.name]


# A page template of the handbook's own that never finishes (10^10 rounds in the sandbox).
ENDLESS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n"


def _state(pid: int) -> str | None:
    """The process's state letter as /proc shows it, or None where there is none."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


def _running(pid: int) -> bool:
    """Whether `pid` still runs: not ended, nor dead and waiting to be reaped."""
    return _state(pid) not in (None, "Z", "X")


def _children(parent: int) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                fields = Path(f"/proc/{name}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == parent:
                found.append(int(name))
    return found


def _worker_of(build: subprocess.Popen[bytes], log: Path) -> int:
    """The worker of a `mkdocs build -v` that logs to `log`, once it was forked."""
    deadline = time.monotonic() + 60
    while WORKER not in log.read_text():
        assert build.poll() is None, log.read_text()
        assert time.monotonic() < deadline, "the build never forked a worker"
        time.sleep(0.05)
    (worker,) = _children(build.pid)
    return worker


@needs_fork
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["TERM", "KILL"])
def test_a_worker_ends_with_a_build_that_is_stopped(project, tmp_path, signum):
    """What CI runners, `timeout` and systemd send to a build leaves no worker behind
    (here one at full CPU in a template that never finishes), and the site as it was."""
    env = {**ENV, "PILOTBOOK_CACHE": "off"}
    site = built(project, tmp_path / "site", env)
    before = _files(site)
    write(project, "theme/pages/external.md", ENDLESS)
    log = tmp_path / "log"
    with log.open("w") as stderr:
        build = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "-v", "-d", str(site)],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    worker = None
    try:
        worker = _worker_of(build, log)
        build.send_signal(signum)
        build.wait(timeout=60)
        deadline = time.monotonic() + 10
        while _running(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _running(worker), "the worker outlived the build"
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
        if worker is not None and _running(worker):
            os.kill(worker, signal.SIGKILL)
    assert _files(site) == before
    if signum == signal.SIGTERM:  # cleaned up as after Ctrl-C, exiting as `timeout` expects
        text = log.read_text()
        assert build.returncode == 128 + signal.SIGTERM
        assert "Traceback" not in text
        assert f"{site} is as it was" in text
        assert sorted(p.name for p in tmp_path.iterdir()) == ["handbook", "log", "site"]
