"""`build`: read every input, resolve the archive and the report, then render and write the Markdown pages.

Large archives use every core: files are read, cables parsed and pages rendered and written by worker processes
(forked, so they share the parsed archive), while the archive-wide passes (year hints, entities, resolving) run
in the main process. Work is cut into chunks whose results are put back in input order, so a parallel build
writes the same bytes as a build in one process (`CABLE_JOBS=1`).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import entities
from .cli import report_skips, report_warnings
from .parse import NotACable, parse, year_hints
from .progress import Progress
from .readers import RawCable, Skip, iter_files, read_file
from .record import Cable
from .render import cable_pages, jobs as render_jobs, merge_snippets, pages, run_job
from .render import report as report_mod
from .resolve import Archive, resolve
from .write import Stats, Writer, write_page

JOBS_ENV = "CABLE_JOBS"  # worker processes; 1 builds in one process
PARALLEL_FROM = 400  # inputs (files, then cables) below which one process is faster than starting workers
READ_CHUNK = 64  # files per reading task
PARSE_CHUNK = 100  # cables per parsing task
RENDER_CHUNK = 100  # cable pages per rendering task

_SHARED: dict = {}  # what forked workers inherit (raws and hints, or the archive): set just before the fork


def job_count(jobs: int | None = None) -> int:
    """Worker processes to use: `jobs`, else $CABLE_JOBS, else the cores this process may run on."""
    if jobs is None:
        env = os.environ.get(JOBS_ENV, "").strip()
        jobs = int(env) if env.isdigit() else len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") \
            else (os.cpu_count() or 1)
    return max(1, jobs)


@contextmanager
def _pool(jobs: int, shared: dict) -> Iterator[multiprocessing.pool.Pool]:
    """Forked workers that inherit `shared`; the heap is frozen first so that their garbage collector does not
    touch (and so copy) the pages they share with this process."""
    _SHARED.clear()
    _SHARED.update(shared)
    gc.collect()
    gc.freeze()
    pool = multiprocessing.get_context("fork").Pool(jobs)
    try:
        yield pool
    finally:
        pool.close()
        pool.join()
        _SHARED.clear()
        gc.unfreeze()


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


# ---------------------------------------------------------------- reading and parsing

def parse_one(raw: RawCable, hints) -> Cable | Skip:
    """One raw cable parsed, or the Skip saying why not (as `cli.load` reports it)."""
    try:
        return parse(raw, hints)
    except NotACable as exc:
        return Skip(raw.source, f"not a cable: {exc}")
    except Exception as exc:  # noqa: BLE001 - one bad input must not stop the build
        return Skip(raw.source, f"parser error: {type(exc).__name__}: {exc}")


def _read_files(files: list[Path]) -> list[RawCable | Skip]:
    return [item for f in files for item in read_file(f)]


def _parse_range(span: tuple[int, int]) -> list[Cable | Skip]:
    raws, hints = _SHARED["raws"], _SHARED["hints"]
    return [parse_one(raw, hints) for raw in raws[span[0]:span[1]]]


def read_inputs(paths: list[str], jobs: int = 1, progress: Progress | None = None
                ) -> tuple[list[RawCable], list[Skip]]:
    """Raw cables and skips of every file under the paths, in sorted order (read by workers when many)."""
    progress = progress or Progress(False)
    files = list(iter_files(paths))
    progress.start("reading", len(files), "files")
    raws: list[RawCable] = []
    skips: list[Skip] = []

    def take(items: list[RawCable | Skip], nfiles: int) -> None:
        for item in items:
            (raws if isinstance(item, RawCable) else skips).append(item)
        progress.advance(nfiles, f"{len(raws):,} cables")

    if jobs > 1 and len(files) >= PARALLEL_FROM:
        with _pool(jobs, {}) as pool:
            chunks = _chunks(files, READ_CHUNK)
            for chunk, items in zip(chunks, pool.imap(_read_files, chunks)):
                take(items, len(chunk))
    else:
        for f in files:
            take(list(read_file(f)), 1)
    return raws, skips


def parse_all(raws: list[RawCable], jobs: int = 1, progress: Progress | None = None
              ) -> tuple[list[Cable], list[Skip]]:
    """Every raw cable parsed with the archive's year hints, in input order; failures become Skips."""
    progress = progress or Progress(False)
    hints = year_hints(raws)
    progress.start("parsing", len(raws), "cables")
    cables: list[Cable] = []
    skips: list[Skip] = []

    def take(items: list[Cable | Skip]) -> None:
        for item in items:
            (cables if isinstance(item, Cable) else skips).append(item)
        progress.advance(len(items))

    if jobs > 1 and len(raws) >= PARALLEL_FROM:
        spans = [(i, min(i + PARSE_CHUNK, len(raws))) for i in range(0, len(raws), PARSE_CHUNK)]
        with _pool(jobs, {"raws": raws, "hints": hints}) as pool:
            for items in pool.imap(_parse_range, spans):
                take(items)
    else:
        for raw in raws:
            take([parse_one(raw, hints)])
    return cables, skips


def load(paths: list[str], jobs: int = 1, progress: Progress | None = None) -> tuple[list[Cable], list[Skip]]:
    """What `cli.load` returns (cables in input order; read skips, then parse skips), using `jobs` processes."""
    raws, skips = read_inputs(paths, jobs, progress)
    cables, failed = parse_all(raws, jobs, progress)
    return cables, skips + failed


# ---------------------------------------------------------------- rendering and writing

def _render_cables(cids: list[str]) -> tuple[list[tuple[str, bool]], dict]:
    archive, docs = _SHARED["archive"], _SHARED["docs"]
    snippets: dict = {}
    done = [(path, write_page(docs, path, text)) for path, text in cable_pages(archive, cids, snippets)]
    return done, snippets


def _render_job(job) -> list[tuple[str, bool]]:
    archive, data, docs = _SHARED["archive"], _SHARED["data"], _SHARED["docs"]
    return [(path, write_page(docs, path, text)) for path, text in run_job(job, archive, data)]


def write_pages(archive: Archive, data: dict, docs: str | Path, jobs: int = 1,
                progress: Progress | None = None) -> Stats:
    """Render every page and write the ones whose bytes changed; remove the previous build's leftovers."""
    progress = progress or Progress(False)
    writer = Writer(docs)
    progress.start("writing pages", expected_pages(archive), "pages", approx=True)
    if jobs > 1 and len(archive.order) >= PARALLEL_FROM:
        shared = {"archive": archive, "data": data, "docs": writer.docs}
        snippets: dict = {}
        with _pool(jobs, shared) as pool:
            for done, part in pool.imap(_render_cables, _chunks(archive.order, RENDER_CHUNK)):
                _record(writer, done, progress)
                merge_snippets(snippets, part)
            for done in pool.imap_unordered(_render_job, render_jobs(archive, snippets)):
                _record(writer, done, progress)
    else:
        for path, text in pages(archive, data):
            writer.put(path, text)
            progress.advance(1)
    return writer.finish()


def expected_pages(archive: Archive) -> int:
    """About how many pages a build writes (one per cable, cited cable, entity and listing; a few more where
    listings run to several pages), for the progress display's time left."""
    listings = (len(archive.tags) + len(archive.origins) + len(archive.months) + len(archive.years)
                + len(archive.classifications) + len(archive.caveats))
    return len(archive.order) + len(archive.missing) + len(archive.entities) + listings + 20


def _record(writer: Writer, done: list[tuple[str, bool]], progress: Progress) -> None:
    for path, written in done:
        writer.claim(path)
        writer.record(written)
    progress.advance(len(done), f"{writer.stats.written:,} written")


# ---------------------------------------------------------------- the command

class Timer:
    """Seconds of wall clock and of CPU (this process and its finished workers) per stage."""

    def __init__(self):
        self.stages: dict[str, dict[str, float]] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t0, c0 = time.perf_counter(), _cpu()
        yield
        self.stages[name] = {"wall": time.perf_counter() - t0, "cpu": _cpu() - c0}

    def summary(self) -> str:
        return ", ".join(f"{k} {v['wall']:.1f}s" for k, v in self.stages.items())


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def build(paths: list[str], docs: str = "docs", strict: bool = False, quiet: bool = False,
          jobs: int | None = None, timer: Timer | None = None,
          progress: Progress | None = None) -> int:
    """Write the site's generated pages into `docs`; exit status 1 under --strict when an input was skipped."""
    t0 = time.monotonic()
    jobs = job_count(jobs)
    timer = timer or Timer()
    progress = progress or Progress.for_build(quiet)
    with timer.stage("read+parse"):
        cables, skips = load(paths, jobs, progress)
    progress.clear()
    report_warnings(cables)
    report_skips(skips)
    with timer.stage("entities"):
        progress.start("entities", sum(1 for c in cables if not c.entities), "cables")
        enriched, notes = entities.enrich(cables, tick=progress.advance)
    with timer.stage("resolve"):
        archive = resolve(enriched)
        data = report_mod.collect(enriched, skips, archive, notes)
    del cables, enriched
    with timer.stage("render+write"):
        stats = write_pages(archive, data, docs, jobs, progress)
    progress.clear()
    if not quiet:
        s = data["summary"]
        print(f"{s['cables']} cables ({s['skipped']} inputs skipped, {s['duplicates']} duplicates, "
              f"{s['missing_cited']} cited but missing); {len(stats.paths)} pages: {stats.written} written, "
              f"{stats.unchanged} unchanged, {stats.removed} removed; {time.monotonic() - t0:.1f}s "
              f"({timer.summary()}; {jobs} process{'es' if jobs > 1 else ''})", file=sys.stderr)
    return 1 if strict and skips else 0


