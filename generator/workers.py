"""Worker processes behind one small interface: `executor.map(task, items, context)`.

A task is a plain function `task(context, item)`. The context (a frozen dataclass of what a stage's tasks share:
the spill, the archive …) reaches the workers once, when they are forked, never pickled per task; items and
results are pickled. `InProcess` runs the same tasks in this process, so any executor (a distributed one
later) gives the same results in the same order.

An interrupted build must not hang or leave workers behind: workers ignore SIGINT (the terminal sends it to the
whole process group; only the main process decides), and they are killed, not waited for, when the main process
stops early.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol, TypeVar

C = TypeVar("C")
T = TypeVar("T")
R = TypeVar("R")

JOBS_ENV = "CABLE_JOBS"  # worker processes; 1 builds in one process
TASKS_PER_WORKER = 40  # then a fresh worker: what a worker copied of the shared archive (by touching it) goes


class Executor(Protocol):
    """Runs a stage's tasks: results in the order of the items unless `ordered` is False."""

    jobs: int

    def map(self, task: Callable[[C, T], R], items: Sequence[T], context: C, ordered: bool = True) -> Iterator[R]:
        ...


class InProcess:
    """Every task in this process, one after the other (small archives, `CABLE_JOBS=1`, the tests' reference)."""

    jobs = 1

    def map(self, task: Callable[[C, T], R], items: Sequence[T], context: C, ordered: bool = True) -> Iterator[R]:
        return (task(context, item) for item in items)


class ForkPool:
    """Forked worker processes that inherit the context, each fed one task at a time through a pipe of its own.

    Not multiprocessing.Pool: its workers share queue locks, so a worker killed mid-task (SIGTERM sent to the
    process group, the OOM killer) can leave a lock held and `terminate()` waiting for it forever. Here a worker
    that dies only closes its own pipe: the build stops with one line, and an interrupted build kills every
    worker and goes on at once. The heap is frozen before the fork so that the workers' garbage collector does not
    touch (and so copy) the pages they share with this process.
    """

    def __init__(self, jobs: int, tasks_per_worker: int = TASKS_PER_WORKER):
        self.jobs = jobs
        self.tasks_per_worker = tasks_per_worker

    def map(self, task: Callable[[C, T], R], items: Sequence[T], context: C, ordered: bool = True) -> Iterator[R]:
        if self.jobs <= 1 or len(items) <= 1:
            yield from InProcess().map(task, items, context)
            return
        gc.collect()
        gc.freeze()
        crew = _Crew(context, min(self.jobs, len(items)), self.tasks_per_worker)
        try:
            yield from crew.run(task, items, ordered)
            crew.stop()
        finally:
            crew.kill()  # interrupted, or a task failed: the workers go now, mid-task or not
            gc.unfreeze()


class _Worker:
    """One forked worker: its process, its end of the pipe, and the tasks it has done."""

    def __init__(self, context: Any):
        fork = multiprocessing.get_context("fork")
        self.conn, child = fork.Pipe()
        self.process = fork.Process(target=_serve, args=(child, context), daemon=True)
        self.process.start()
        child.close()
        self.done = 0


class _Crew:
    """The workers of one `map`: tasks handed out as workers become free, results put back in order."""

    def __init__(self, context: Any, size: int, tasks_per_worker: int):
        self.context = context
        self.tasks_per_worker = tasks_per_worker
        self.workers = [_Worker(context) for _ in range(size)]

    def run(self, task: Callable, items: Sequence, ordered: bool) -> Iterator:
        todo = deque(enumerate(items))
        for w in self.workers:
            self._feed(w, task, todo)
        ready: dict[int, Any] = {}
        given = 0
        while given < len(items):
            for conn in wait([w.conn for w in self.workers]):
                w = next(x for x in self.workers if x.conn is conn)
                i, value = self._result(w)
                w = self._fresh(w) if w.done >= self.tasks_per_worker and todo else w
                self._feed(w, task, todo)
                if not ordered:
                    given += 1
                    yield value
                    continue
                ready[i] = value
                while given in ready:
                    given += 1
                    yield ready.pop(given - 1)

    def _feed(self, w: _Worker, task: Callable, todo: deque) -> None:
        if todo:
            i, item = todo.popleft()
            try:
                w.conn.send((i, task, item))
            except (BrokenPipeError, ConnectionResetError):
                raise _died(w) from None

    def _result(self, w: _Worker) -> tuple[int, Any]:
        try:
            i, ok, value = w.conn.recv()
        except (EOFError, ConnectionResetError):
            raise _died(w) from None
        if not ok:
            raise value
        w.done += 1
        return i, value

    def _fresh(self, w: _Worker) -> _Worker:
        """A new worker in place of one that did its share: what it copied of the shared archive goes."""
        self._end(w)
        new = _Worker(self.context)
        self.workers[self.workers.index(w)] = new
        return new

    def _end(self, w: _Worker) -> None:
        try:
            w.conn.send(None)
        except OSError:
            pass
        w.process.join(5)
        if w.process.is_alive():
            w.process.kill()
            w.process.join()
        w.conn.close()

    def stop(self) -> None:
        """Every task done: the workers leave."""
        for w in self.workers:
            self._end(w)
        self.workers = []

    def kill(self) -> None:
        for w in self.workers:
            if w.process.is_alive():
                w.process.kill()
            w.process.join()
            w.conn.close()
        self.workers = []


def _died(w: _Worker) -> ChildProcessError:
    """A worker that ended without its result (killed, out of memory): the build cannot go on without it."""
    w.process.join(1)
    code = w.process.exitcode
    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
    return ChildProcessError(f"a worker process ended without its result ({how}); nothing was published")


def executor(jobs: int) -> Executor:
    """The executor for `jobs` processes."""
    return ForkPool(jobs) if jobs > 1 else InProcess()


def job_count(jobs: int | None = None) -> int:
    """Worker processes to use: `jobs`, else $CABLE_JOBS, else the cores this process may run on."""
    if jobs is None:
        env = os.environ.get(JOBS_ENV, "").strip()
        jobs = int(env) if env.isdigit() else len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") \
            else (os.cpu_count() or 1)
    return max(1, jobs)


def _serve(conn: Connection, context: Any) -> None:
    """A worker: tasks in, results out, until told to stop; SIGINT is the main process's to decide."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            call = conn.recv()
        except EOFError:
            return
        if call is None:
            return
        i, task, item = call
        try:
            out = (i, True, task(context, item))
        except BaseException as exc:  # noqa: BLE001 - sent to the main process, which raises it
            out = (i, False, exc)
        try:
            conn.send(out)
        except Exception as exc:  # noqa: BLE001 - an exception that does not pickle
            conn.send((i, False, RuntimeError(f"{type(exc).__name__}: {exc}")))
