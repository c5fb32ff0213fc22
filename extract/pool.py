"""Worker processes that cannot outlive the run or take the batch down with them.

Why not `concurrent.futures.ProcessPoolExecutor`: one worker killed by the
system (out of memory) breaks that pool and every file still queued; its
workers stay alive, blocked on a pipe, when the parent is killed; and it
cannot retire a worker whose module caches grew on a huge file. Here:

- each worker has its own pipe and takes one task at a time, so nothing is
  queued behind a worker and memory holds one document per worker;
- a worker that dies or runs past the time limit costs only its own task,
  which is reported as failed, and is replaced;
- a worker ends with its parent: the kernel sends it SIGTERM when the parent
  dies (Linux `PR_SET_PDEATHSIG`), a watchdog thread checks the parent
  elsewhere, and it exits when its pipe closes;
- a worker retires after it has read a given number of input bytes, so
  caches kept by the parsers are dropped with the process;
- workers ignore Ctrl-C: the parent decides, stops them and reports.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

RETIRE_AFTER_BYTES = 256 * 1024 * 1024
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Task:
    """`function(*args)` in a worker; `cost` counts towards retiring it (input bytes)."""

    function: Callable[..., Any]
    args: tuple
    tag: Any = None
    cost: int = 0


@dataclass(frozen=True)
class Lost:
    """A task whose worker died or ran out of time; `reason` says which."""

    reason: str


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    task: Task | None = None
    started: float = 0.0
    pending: list = field(default_factory=list)


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _die_with_parent(parent: int) -> None:
    """SIGTERM when the parent dies (Linux), or a watchdog thread elsewhere."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0:
            if os.getppid() != parent:  # it died before the request took effect
                os._exit(1)
            return
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _serve(conn: Connection, parent: int, close_fds: tuple[int, ...], retire_after: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)
    for fd in close_fds:  # e.g. the output folder's lock: it must not outlive the parent
        with contextlib.suppress(OSError):
            os.close(fd)
    load = 0
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        if message is None:
            os._exit(0)
        function, args, cost = message
        try:
            outcome = function(*args)
        except BaseException as error:  # tasks report their own failures; this is a backstop
            outcome = Lost(f"{type(error).__name__}: {error}")
        load += cost
        retire = load >= retire_after
        try:
            conn.send((outcome, retire))
        except (OSError, ValueError):
            os._exit(1)
        if retire:
            os._exit(0)


class Pool:
    """`jobs` worker processes; `run(tasks)` yields (task, outcome) as tasks finish."""

    def __init__(self, jobs: int, timeout_s: float | None = None,
                 close_fds: tuple[int, ...] = (), retire_after: int = RETIRE_AFTER_BYTES) -> None:
        self.jobs, self.timeout_s = jobs, timeout_s
        self.close_fds, self.retire_after = close_fds, retire_after
        self.context = _context()
        self.workers: list[_Worker] = []

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def _start(self) -> _Worker:
        parent_end, child_end = self.context.Pipe(duplex=True)
        process = self.context.Process(
            target=_serve, args=(child_end, os.getpid(), self.close_fds, self.retire_after),
            daemon=True)
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        self.workers.append(worker)
        return worker

    def _drop(self, worker: _Worker, kill: bool = False) -> None:
        if kill and worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        self.workers.remove(worker)

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, Any]]:
        queue = iter(tasks)
        exhausted = False
        while True:
            idle = [w for w in self.workers if w.task is None]
            while not exhausted and (idle or len(self.workers) < self.jobs):
                task = next(queue, None)
                if task is None:
                    exhausted = True
                    break
                worker = idle.pop() if idle else self._start()
                self._give(worker, task)
            busy = [w for w in self.workers if w.task is not None]
            if not busy:
                return
            yield from self._collect(busy)

    def _give(self, worker: _Worker, task: Task) -> None:
        worker.task, worker.started = task, time.monotonic()
        worker.conn.send((task.function, task.args, task.cost))

    def _collect(self, busy: list[_Worker]) -> Iterator[tuple[Task, Any]]:
        by_handle: dict[Any, _Worker] = {}
        for worker in busy:
            by_handle[worker.conn] = worker
            by_handle[worker.process.sentinel] = worker
        ready = wait(list(by_handle), timeout=self._wait_s(busy))
        finished: set[int] = set()
        for handle in ready:
            worker = by_handle[handle]
            if id(worker) in finished:
                continue
            finished.add(id(worker))
            yield self._finish(worker)
        for worker in busy:
            if id(worker) not in finished and self._overdue(worker):
                task = worker.task
                self._drop(worker, kill=True)
                yield task, Lost(f"stopped after {self.timeout_s:.0f} s (--timeout)")

    def _finish(self, worker: _Worker) -> tuple[Task, Any]:
        task = worker.task
        try:
            outcome, retire = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(timeout=5)
            code = worker.process.exitcode
            self._drop(worker, kill=True)
            return task, Lost(_death(code))
        worker.task = None
        if retire:
            self._drop(worker)
        return task, outcome

    def _wait_s(self, busy: list[_Worker]) -> float | None:
        if not self.timeout_s:
            return None
        now = time.monotonic()
        return max(0.05, min(w.started + self.timeout_s - now for w in busy))

    def _overdue(self, worker: _Worker) -> bool:
        return bool(self.timeout_s) and time.monotonic() - worker.started > self.timeout_s

    def stop(self) -> None:
        """End every worker now: a graceful request, then SIGKILL for the ones still busy."""
        for worker in list(self.workers):
            if worker.task is None:
                with contextlib.suppress(OSError, ValueError):
                    worker.conn.send(None)
            else:
                worker.process.terminate()
        deadline = time.monotonic() + 2
        for worker in list(self.workers):
            worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
            self._drop(worker, kill=True)


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        hint = " (out of memory?)" if -code == signal.SIGKILL else ""
        return f"the worker process was killed by {name}{hint}"
    return f"the worker process ended unexpectedly (exit code {code})"


def run_tasks(tasks: Iterable[Task], jobs: int, timeout_s: float | None = None,
              close_fds: tuple[int, ...] = ()) -> Iterator[tuple[Task, Any]]:
    """Tasks in worker processes, or here when one process is asked for."""
    if jobs <= 1:
        for task in tasks:
            yield task, task.function(*task.args)
        return
    with Pool(jobs, timeout_s, close_fds) as pool:
        yield from pool.run(tasks)
