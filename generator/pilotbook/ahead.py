"""Work done ahead, in a forked process, while the caller goes on with its own.

A build's pages are made from the stakeholder files before MkDocs needs them. On a
machine with more than one core, MkDocs can prepare its theme and files meanwhile:
`Ahead(work)` forks a process that runs `work` and sends its result back, and
`result()` waits for it.

It forks only where that is safe: on Linux, from a process with one thread (so not
under `mkdocs serve`, whose server runs in threads of its own), with more than one
core to run on. Elsewhere `result()` runs `work` itself. What the worker cannot
deliver (an exception the caller did not name in `carry`, a result that does not
pickle, a worker that died) is also left to `result()`, which then runs `work` in
the caller: what a build says never depends on which of the two ran.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether work can run beside the caller in a process of its own."""
    if sys.platform != "linux" or threading.active_count() != 1:
        return False
    return len(os.sched_getaffinity(0)) > 1


class Ahead(Generic[T]):
    """`work` started in a forked process where `can_fork()`, else left for `result()`.

    Exceptions of the `carry` types raised by `work` in the worker are raised again by
    `result()`; they must pickle back to an equal exception.
    """

    def __init__(self, work: Callable[[], T], carry: tuple[type[BaseException], ...] = ()) -> None:
        self._work = work
        self._worker: tuple[int, int] | None = None  # process id and the pipe's read end
        self._frozen = False
        if not can_fork():
            return
        read, write = os.pipe()
        # The objects both processes share are left out of their garbage collections
        # until the worker is done: a collection writes to every object it visits, and
        # each page written to is copied (see gc.freeze). Not where others froze some.
        self._frozen = gc.get_freeze_count() == 0
        if self._frozen:
            gc.freeze()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            self._thaw()
            return
        if pid == 0:  # the worker: sends its outcome and ends, whatever happens
            status = 1
            try:
                os.close(read)
                try:
                    outcome: tuple[bool, object] = (True, work())
                except carry as error:
                    outcome = (False, error)
                data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
                with open(write, "wb") as pipe:
                    pipe.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        self._worker = (pid, read)

    @property
    def forked(self) -> bool:
        """Whether a worker was started and not yet collected."""
        return self._worker is not None

    def result(self) -> T:
        """What `work` returns (or raises): from the worker where it delivered, else
        from running `work` here."""
        data = self._collect()
        if data is not None:
            try:
                done, value = pickle.loads(data)
            except Exception:  # whatever came, the work is done here
                pass
            else:
                if not done:
                    assert isinstance(value, BaseException)
                    raise value
                return value  # type: ignore[return-value]
        return self._work()

    def cancel(self) -> None:
        """Stop the worker, if there is one, and wait for it to end."""
        if self._worker is not None:
            pid, read = self._worker
            self._worker = None
            os.close(read)
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self._thaw()

    def _thaw(self) -> None:
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    def _collect(self) -> bytes | None:
        """The worker's outcome, once it has ended well; None where there is none."""
        if self._worker is None:
            return None
        pid, read = self._worker
        self._worker = None
        try:
            with open(read, "rb") as pipe:
                data = pipe.read()
        except OSError:
            data = b""
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:  # reaped elsewhere: its outcome cannot be trusted
            return None
        finally:
            self._thaw()
        return data if os.waitstatus_to_exitcode(status) == 0 and data else None
