"""A pool of forked worker processes served by the calling thread itself, with no helper thread
(Linux and other systems where ``multiprocessing`` forks); :mod:`cleaner.runner` runs batches of files
in it. ``ForkPool(jobs, initializer, initargs)`` forks ``jobs`` workers that each run
``initializer(*initargs)`` once; ``submit(fn, *args)`` returns a job whose ``result()`` waits for it;
``poll()`` reads what is in; ``shutdown()`` lets the workers end after their current call;
``terminate()`` (Ctrl-C) ends them at once. Workers ignore SIGINT: an interrupted run is ended by
the parent, which alone knows what to clean up.
"""

from __future__ import annotations

import collections
import os
import time
from collections.abc import Callable
from contextlib import suppress as _suppress
from typing import Any

__all__ = ["ForkPool", "WorkerLost", "reap_left"]


class WorkerLost(RuntimeError):
    """A worker process ended before it sent back the results of the files it was given."""


class _Cancelled(Exception):
    """A call not run: its pool was shut down first."""


class _Job:
    """A call handed to a :class:`ForkPool`: ``result()`` waits for it (serving the pool meanwhile)
    and returns what the call returned, or raises what it raised."""

    __slots__ = ("_pool", "request", "_reply", "_error", "_done")

    def __init__(self, pool: ForkPool, request: bytes):
        self._pool, self.request = pool, request
        self._reply: bytes | None = None
        self._error: BaseException | None = None
        self._done = False

    def done(self) -> bool:
        return self._done

    def _finish(self, reply: bytes | None, error: BaseException | None = None) -> None:
        self._reply, self._error, self._done = reply, error, True
        self.request = b""

    def result(self) -> Any:
        while not self._done:
            self._pool._serve(block=True)
        if self._error is not None:
            raise self._error
        import pickle

        ok, value = pickle.loads(self._reply)  # type: ignore[arg-type]
        if not ok:
            raise value
        return value


class _Worker:
    __slots__ = ("pid", "sock", "jobs", "queued")

    def __init__(self, pid: int, sock: Any):
        self.pid, self.sock = pid, sock
        self.jobs: collections.deque[_Job] = collections.deque()  # sent, in order; the first one runs
        self.queued = 0  # bytes of the requests sent and not answered


#: Calls a worker holds at once (one running, one waiting): more would be stuck behind a long file.
_PER_WORKER = 2
#: A request longer than this goes only to a worker with nothing to do (see :meth:`ForkPool._room`).
_SMALL_REQUESTS = 32 << 10
#: Bytes of the length that goes before each request and reply (big-endian).
_HEADER = 8


class ForkPool:
    """``jobs`` forked worker processes, each served by this process through its own socket pair,
    with no helper thread.

    ``concurrent.futures.ProcessPoolExecutor`` passes every batch and every result through two
    threads of this process (a queue feeder and a manager) that wake up for each, and imports about
    10 ms of modules before the workers can fork; on a two-core machine the workers pay for both.
    Here :meth:`submit` sends a call straight to the worker with the fewest calls (at most
    :data:`_PER_WORKER` each; the others wait here, in order), and results are read when the caller
    waits for one (:meth:`_Job.result`) or looks in passing (:meth:`poll`). A worker that dies fails
    its own calls (:class:`WorkerLost`); the others go on. ``shutdown`` closes the sockets: each
    worker ends after the call it is running.

    Requests and replies are pickles framed by their length. A request goes to a busy worker only
    when it and the requests still unread there fit in :data:`_SMALL_REQUESTS` (far below a socket's
    buffer): this process never waits to write while the worker waits to write its reply.
    """

    def __init__(self, jobs: int, initializer: Callable[..., Any], initargs: tuple[Any, ...] = ()):
        import pickle  # noqa: F401 - imported once here, before the workers fork, for both sides
        import select
        import signal
        import socket

        self._workers: list[_Worker] = []
        self._pending: collections.deque[_Job] = collections.deque()
        self._poller = select.poll()
        self._by_fd: dict[int, _Worker] = {}
        try:
            for _ in range(jobs):
                mine, theirs = socket.socketpair()
                try:
                    pid = os.fork()
                except OSError:
                    mine.close()
                    theirs.close()
                    raise
                if pid == 0:  # the worker: it serves calls until its socket closes, then ends here
                    code = 1
                    try:
                        # Ctrl-C reaches the whole foreground group: the parent alone handles it (see terminate)
                        signal.signal(signal.SIGINT, signal.SIG_IGN)
                        mine.close()
                        for worker in self._workers:
                            worker.sock.close()
                        code = _work(theirs, initializer, initargs)
                    finally:
                        os._exit(code)
                theirs.close()
                worker = _Worker(pid, mine)
                self._workers.append(worker)
                self._by_fd[mine.fileno()] = worker
                self._poller.register(mine.fileno(), select.POLLIN)
        except BaseException:
            self.shutdown()
            raise

    def submit(self, fn: Callable[..., Any], *args: Any) -> _Job:
        import pickle

        job = _Job(self, pickle.dumps((fn, args), pickle.HIGHEST_PROTOCOL))
        self._pending.append(job)
        self._dispatch()
        return job

    def poll(self) -> None:
        """Read the results that are in and hand the waiting calls to the workers that have room."""
        if self._workers:
            self._serve(block=False)

    def _room(self, size: int) -> _Worker | None:
        best = None
        for worker in self._workers:
            if len(worker.jobs) < _PER_WORKER and (not worker.jobs or worker.queued + size <= _SMALL_REQUESTS):
                if best is None or len(worker.jobs) < len(best.jobs):
                    best = worker
        return best

    def _dispatch(self) -> None:
        while self._pending:
            job = self._pending[0]
            worker = self._room(len(job.request))
            if worker is None:
                return
            self._pending.popleft()
            try:
                worker.sock.sendall(len(job.request).to_bytes(_HEADER, "big") + job.request)
            except OSError:  # the worker is gone: the call waits for another
                self._pending.appendleft(job)
                self._lost(worker)
                continue
            worker.jobs.append(job)
            worker.queued += len(job.request)

    def _serve(self, block: bool) -> None:
        """Send what waits; read the replies that are in (with ``block``, wait for at least one)."""
        self._dispatch()
        if not any(worker.jobs for worker in self._workers):
            if self._pending:  # no worker left to run them
                self._fail_pending(WorkerLost("no worker process is left"))
            return
        for fd, _ in self._poller.poll(None if block else 0):
            worker = self._by_fd.get(fd)
            if worker is None:
                continue
            try:
                reply = _receive(worker.sock)
            except (OSError, ValueError):
                reply = None
            if reply is None or not worker.jobs:  # the end of its socket (or a reply never asked for)
                self._lost(worker)
                continue
            job = worker.jobs.popleft()
            worker.queued -= len(job.request)
            job._finish(reply)
        self._dispatch()

    def _lost(self, worker: _Worker) -> None:
        """``worker`` ended (or its socket failed): its calls fail; the others carry on."""
        self._workers.remove(worker)
        self._close(worker)
        status = self._reap(worker.pid, kill=True)
        if status is None:
            how = "ended"
        elif os.WIFSIGNALED(status):
            how = f"was killed by signal {os.WTERMSIG(status)}"
        else:
            how = f"ended with exit code {os.waitstatus_to_exitcode(status)}"
        error = WorkerLost(f"worker process {worker.pid} {how} before it sent back the results of these files")
        for job in worker.jobs:
            job._finish(None, error)
        worker.jobs.clear()

    def _close(self, worker: _Worker) -> None:
        fd = worker.sock.fileno()
        if fd >= 0:
            self._by_fd.pop(fd, None)
            with _suppress(KeyError, ValueError, OSError):
                self._poller.unregister(fd)
        worker.sock.close()

    @staticmethod
    def _reap(pid: int, kill: bool = False) -> int | None:
        """Wait for worker ``pid`` to end; its wait status (``None``: unknown). ``kill``: its socket
        ended or failed, so it is ending, or of no more use: killed if it has not ended within 1 s."""
        try:
            if kill:
                for _ in range(100):
                    done, status = os.waitpid(pid, os.WNOHANG)
                    if done:
                        return status
                    time.sleep(0.01)
                os.kill(pid, 9)
            return os.waitpid(pid, 0)[1]
        except (ChildProcessError, OSError):
            return None

    def _fail_pending(self, error: BaseException) -> None:
        for job in self._pending:
            job._finish(None, error)
        self._pending.clear()

    def terminate(self) -> list[int]:
        """End every worker now (SIGKILL), wait for each, and return their process ids: on Ctrl-C the
        workers (which ignore SIGINT) stop at once, whatever they were doing, and nothing waits on
        them. Their calls fail (:class:`_Cancelled`); a worker's temporary files are the caller's to
        remove (named with its process id, see :func:`cleaner.textio.cleanup_temp_files`)."""
        import signal

        self._fail_pending(_Cancelled())
        workers, self._workers = self._workers, []
        for worker in workers:
            with _suppress(OSError):
                os.kill(worker.pid, signal.SIGKILL)
        for worker in workers:
            for job in worker.jobs:
                if not job.done():
                    job._finish(None, _Cancelled())
            worker.jobs.clear()
            self._close(worker)
            with _suppress(OSError):
                os.waitpid(worker.pid, 0)
        return [worker.pid for worker in workers]

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Close every worker's socket: each ends after the call it runs. ``wait``: wait for them to
        end; otherwise they are waited for when this process exits. Calls not sent are cancelled."""
        self._fail_pending(_Cancelled())
        workers, self._workers = self._workers, []
        for worker in workers:
            for job in worker.jobs:
                if not job.done():
                    job._finish(None, _Cancelled())
            self._close(worker)
        if wait:
            for worker in workers:
                self._reap(worker.pid)
        elif workers:
            global _REAP_AT_EXIT
            if not _REAP_AT_EXIT:
                import atexit

                atexit.register(reap_left)
                _REAP_AT_EXIT = True
            _LEFT.extend(worker.pid for worker in workers)
        reap_left(block=False)


#: Workers of pools shut down without waiting, not yet waited for: they are at each later shutdown
#: (those that ended by then), and when this process exits.
_LEFT: list[int] = []
_REAP_AT_EXIT = False


def reap_left(block: bool = True) -> None:
    try:
        for pid in list(_LEFT):
            try:
                done = os.waitpid(pid, 0 if block else os.WNOHANG)[0]
            except OSError:  # not a child of this process (any more)
                done = pid
            if done:
                _LEFT.remove(pid)
    except KeyboardInterrupt:
        pass


def _receive(sock: Any) -> bytes | None:
    """One framed message from ``sock``; ``None`` at its end (before a message starts)."""
    header = _receive_exactly(sock, _HEADER, at_start=True)
    if header is None:
        return None
    size = int.from_bytes(header, "big")
    data = _receive_exactly(sock, size)
    if data is None:
        raise ValueError("a message cut short")
    return data


def _receive_exactly(sock: Any, size: int, at_start: bool = False) -> bytes | None:
    buffer = bytearray(size)
    view, got = memoryview(buffer), 0
    while got < size:
        n = sock.recv_into(view[got:])
        if n == 0:
            if got or not at_start:
                raise ValueError("a message cut short")
            return None
        got += n
    return bytes(buffer)


def _work(sock: Any, initializer: Callable[..., Any], initargs: tuple[Any, ...]) -> int:
    """A forked worker's loop: ``initializer(*initargs)``, then run each call received on ``sock`` and
    send back its pickled ``(True, value)`` or ``(False, exception)``, until the socket ends. Returns
    the exit code."""
    import pickle

    try:
        initializer(*initargs)
        while True:
            request = _receive(sock)
            if request is None:
                return 0  # the run is over
            fn, args = pickle.loads(request)
            try:
                reply: tuple[bool, Any] = (True, fn(*args))
            except BaseException as err:  # noqa: BLE001 - sent back: the caller reports those files
                reply = (False, err)
            try:
                data = pickle.dumps(reply, pickle.HIGHEST_PROTOCOL)
            except Exception as err:  # noqa: BLE001 - an exception that does not pickle: its text does
                data = pickle.dumps((False, WorkerLost(f"{type(reply[1]).__name__}: {reply[1]} ({err})")))
            sock.sendall(len(data).to_bytes(_HEADER, "big") + data)
    except (KeyboardInterrupt, OSError, ValueError):  # interrupted, or the parent went away
        return 0
