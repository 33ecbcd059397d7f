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

A worker ends with the caller's wait for it: an interrupt there, or `cancel()`,
asks it to stop (SIGINT, so that what it writes, such as a build cache entry, is
cleaned up), kills it if it does not within `STOP_SECONDS`, and reaps it. While a
worker runs, SIGTERM (what CI runners, `timeout` and systemd send) interrupts the
caller as `Terminated`, so that it stops the worker and cleans up as for Ctrl-C,
then exits with status 143. And a worker never outlives the caller: the kernel
kills it when the caller ends in any other way (SIGKILL, say; Linux'
PR_SET_PDEATHSIG), and one whose caller ended before that was set ends at once.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")

# How long a worker asked to stop may take to clean up before it is killed.
STOP_SECONDS = 2.0
# Signals held back while forking: neither process may be interrupted halfway through
# becoming what it is (the worker would run the caller's code, the caller lose track).
_HELD = {signal.SIGINT, signal.SIGTERM}
# prctl(2): the signal a process gets when the thread that forked it ends.
PR_SET_PDEATHSIG = 1


class Terminated(SystemExit):
    """SIGTERM, while a worker runs: the caller ends as `timeout` and CI runners ask,
    after the cleanup an interrupt gets."""

    def __init__(self) -> None:
        super().__init__(128 + signal.SIGTERM)


def _terminated(signum: int, frame: object) -> None:
    # Once: a second SIGTERM ends the caller at once (and the worker with it).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    raise Terminated


@functools.cache
def _prctl() -> Any:
    """The C library's prctl, or None where it cannot be called."""
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def can_fork() -> bool:
    """Whether work can run beside the caller in a process of its own."""
    if sys.platform != "linux" or threading.active_count() != 1:
        return False
    try:  # threads started outside `threading` too, as C extensions start them
        if len(os.listdir("/proc/self/task")) != 1:
            return False
    except OSError:
        return False
    # Without prctl, nothing would end a worker whose caller is killed.
    return _prctl() is not None and len(os.sched_getaffinity(0)) > 1


class Ahead(Generic[T]):
    """`work` started in a forked process where `can_fork()`, else left for `result()`.

    Exceptions of the `carry` types raised by `work` in the worker are raised again by
    `result()`; they must pickle back to an equal exception.
    """

    def __init__(self, work: Callable[[], T], carry: tuple[type[BaseException], ...] = ()) -> None:
        self._work = work
        self._worker: tuple[int, int] | None = None  # process id and the pipe's read end
        self._frozen = False
        self._on_term: Any = None  # the caller's SIGTERM handler while a worker runs
        if not can_fork():
            return
        caller = os.getpid()
        read, write = os.pipe()
        # The objects both processes share are left out of their garbage collections
        # until the worker is done: a collection writes to every object it visits, and
        # each page written to is copied (see gc.freeze). Not where others froze some.
        self._frozen = gc.get_freeze_count() == 0
        if self._frozen:
            gc.freeze()
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
        try:
            pid = os.fork()
        except OSError:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            os.close(read)
            os.close(write)
            self._release()
            return
        if pid == 0:  # the worker: sends its outcome and ends, whatever happens
            status = 1
            try:
                # Killed when the caller ends; ended now if it already has (the worker
                # then belongs to another process, and nobody waits for its outcome).
                kill, zero = ctypes.c_ulong(signal.SIGKILL), ctypes.c_ulong(0)
                if _prctl()(PR_SET_PDEATHSIG, kill, zero, zero, zero) or os.getppid() != caller:
                    return
                os.close(read)
                # Stopped by SIGINT (see cancel), even where the build ignores it.
                signal.signal(signal.SIGINT, signal.default_int_handler)
                signal.pthread_sigmask(signal.SIG_SETMASK, held)
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
        if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
            with contextlib.suppress(ValueError):  # only the main thread handles signals
                self._on_term = signal.signal(signal.SIGTERM, _terminated)
        try:  # an interrupt held back during the fork arrives here
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        except BaseException:
            self.cancel()
            raise

    @property
    def forked(self) -> bool:
        """Whether a worker was started and not yet collected."""
        return self._worker is not None

    def result(self) -> T:
        """What `work` returns (or raises): from the worker where it delivered, else
        from running `work` here."""
        data = self._collect()
        if data:
            try:
                done, value = pickle.loads(data)
            except Exception:  # cut short or not ours: the work is done here
                pass
            else:
                if not done:
                    assert isinstance(value, BaseException)
                    raise value
                return value  # type: ignore[return-value]
        return self._work()

    def cancel(self) -> None:
        """Stop the worker, if there is one, and wait for it to end. A second interrupt
        meanwhile waits until it has (at most `STOP_SECONDS`)."""
        if self._worker is None:
            return
        pid, read = self._worker
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
        try:
            os.close(read)  # a worker still sending gets a broken pipe
            os.kill(pid, signal.SIGINT)
            deadline = time.monotonic() + STOP_SECONDS
            while os.waitpid(pid, os.WNOHANG) == (0, 0):
                if time.monotonic() > deadline:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                    break
                time.sleep(0.005)
        except (ProcessLookupError, ChildProcessError):  # ended and reaped already
            pass
        finally:
            self._worker = None
            self._release()
            signal.pthread_sigmask(signal.SIG_SETMASK, held)

    def _release(self) -> None:
        """What the caller held while the worker ran: frozen objects, SIGTERM."""
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
        if self._on_term is not None:
            signal.signal(signal.SIGTERM, self._on_term)
            self._on_term = None

    def _collect(self) -> bytes:
        """All the worker sent, once it has ended; empty where there is no worker. A
        complete outcome unpickles whatever the worker did after sending it."""
        if self._worker is None:
            return b""
        pid, read = self._worker
        chunks = []
        try:
            while chunk := os.read(read, 1 << 20):
                chunks.append(chunk)
            os.waitpid(pid, 0)
        except ChildProcessError:  # reaped elsewhere (SIGCHLD ignored, say)
            pass
        except OSError:  # the pipe cannot be read: the work is done here
            self.cancel()
            return b""
        except BaseException:  # an interrupt while waiting: the worker ends here too
            self.cancel()
            raise
        self._worker = None
        os.close(read)
        self._release()
        return b"".join(chunks)
