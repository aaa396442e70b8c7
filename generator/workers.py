"""Worker processes behind one small interface: `executor.map(task, items, context)`.

A task is a plain function `task(context, item)`. The context (a frozen dataclass of what a stage's tasks share:
the spill, the archive …) reaches the workers once, when they are forked, never pickled per task; items and
results are pickled. `InProcess` runs the same tasks in this process, so any executor (a distributed one
later) gives the same results in the same order.

An interrupted build must not hang or leave workers behind: workers ignore SIGINT (the terminal sends it to the
whole process group; only the main process decides), and the pool is terminated, not joined, when the main
process stops early.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
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
    """Forked worker processes that inherit the context; the heap is frozen before the fork so that their garbage
    collector does not touch (and so copy) the pages they share with this process."""

    def __init__(self, jobs: int):
        self.jobs = jobs

    def map(self, task: Callable[[C, T], R], items: Sequence[T], context: C, ordered: bool = True) -> Iterator[R]:
        if self.jobs <= 1 or len(items) <= 1:
            yield from InProcess().map(task, items, context)
            return
        gc.collect()
        gc.freeze()
        pool = multiprocessing.get_context("fork").Pool(
            self.jobs, initializer=_start_worker, initargs=(context,), maxtasksperchild=TASKS_PER_WORKER)
        try:
            calls = [(task, item) for item in items]
            yield from (pool.imap if ordered else pool.imap_unordered)(_call, calls)
            pool.close()
        except BaseException:
            pool.terminate()  # interrupted, or a task failed: the workers go now, mid-task or not
            raise
        finally:
            pool.join()
            gc.unfreeze()


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


_context: Any = None  # in a worker process only: the context it was forked with


def _start_worker(context: Any) -> None:
    """A worker's first step: keep the context; leave SIGINT to the main process; die on SIGTERM."""
    global _context
    _context = context
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _call(call: tuple[Callable, Any]) -> Any:
    task, item = call
    return task(_context, item)
