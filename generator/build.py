"""`build`: read every input, resolve the archive and the report, then render and write the Markdown pages.

Large archives use every core: files are read, cables parsed and pages rendered and written by worker processes
(forked, so they share the parsed archive), while the archive-wide passes (year hints, entities, resolving) run
in the main process. Work is cut into chunks whose results are put back in input order, so a parallel build
writes the same bytes as a build in one process (`CABLE_JOBS=1`).
"""
from __future__ import annotations

import bisect
import gc
import json
import multiprocessing
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from . import urls
from .entities.archive import merge_archive
from .entities.decide import second_reading
from .entities.knowledge import Knowledge, knowledge_part, learn, merge_knowledge
from .entities.reading import first_reading
from .cli import report_skips, report_warnings
from .parse import NotACable, hints_of, parse, preamble, year_entry, year_hints
from .progress import Progress
from .readers import RawCable, Skip, iter_files, read_file
from .record import Cable
from .render import data as data_mod
from .render import cable_pages, entity_chunks, jobs as render_jobs, merge_snippets, pages, pages_of_cables, run_job
from .render import job_list as render_job_list
from .render import report as report_mod
from .resolve import ENTITY_MIN_CABLES, Archive, resolve
from .search import records as search_records
from .write import Stats, Writer, write_page

JOBS_ENV = "CABLE_JOBS"  # worker processes; 1 builds in one process
PARALLEL_FROM = 400  # inputs (files, then cables) below which one process is faster than starting workers
READ_CHUNK = 64  # files per reading task
PARSE_CHUNK = 100  # cables per parsing task
RENDER_CHUNK = 100  # cable pages per rendering task
TASKS_PER_WORKER = 40  # then a fresh worker: what a worker copied of the shared archive (by touching it) goes
SPILL_CHUNK = 200  # cables per spilled chunk (the unit of parsing, entity reading and rendering in workers)

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
    pool = multiprocessing.get_context("fork").Pool(jobs, maxtasksperchild=TASKS_PER_WORKER)
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


# ---------------------------------------------------------------- the pipeline: chunks spilled to disk

class Spill:
    """A scratch folder holding the inputs, then the parsed cables, in numbered chunks: the main process keeps
    only each cable's metadata (`slim`), so the build's memory follows the metadata, not the text, of the archive."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="cable-build-"))

    def path(self, name: str) -> Path:
        return self.dir / f"{name}.pickle"

    def put(self, name: str, items: list) -> None:
        self.path(name).write_bytes(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL))

    def get(self, name: str) -> list:
        return pickle.loads(self.path(name).read_bytes())

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


@dataclass(frozen=True)
class Chunk:
    """One spilled chunk: its name, the position of its first cable in the archive, and its size."""

    name: str
    number: int
    start: int
    size: int


def slim(c: Cable) -> Cable:
    """A cable without its text (paragraphs, original text, header): what the archive-wide passes need."""
    return replace(c, paragraphs=(), text="", header="")


def _read_task(task: tuple[int, list[Path]]) -> tuple[list[tuple[str, int, list]], list[Skip]]:
    """Read some files; spill their raw cables in chunks; return each chunk's year entries, and the skips."""
    number, files = task
    spill: Spill = _SHARED["spill"]
    chunks: list[tuple[str, int, list]] = []
    skips: list[Skip] = []
    buf: list[RawCable] = []

    def flush() -> None:
        name = f"{number:06d}-{len(chunks):04d}"
        pres = [preamble(r) for r in buf]  # read once: for the year entries here, for the parser later
        spill.put(name + "-raw", list(zip(buf, pres)))
        chunks.append((name, len(buf), [year_entry(r, p) for r, p in zip(buf, pres)]))
        buf.clear()

    for f in files:
        for item in read_file(f):
            if isinstance(item, RawCable):
                buf.append(item)
                if len(buf) >= SPILL_CHUNK:
                    flush()
            else:
                skips.append(item)
    if buf:
        flush()
    return chunks, skips


def _parse_task(name: str) -> tuple[list[Cable | Skip], object]:
    """Parse a spilled chunk of raw cables; spill the cables; return them slim (and skips) in input order,
    with what the chunk tells the entity pass."""
    spill: Spill = _SHARED["spill"]
    pairs = spill.get(name + "-raw")
    spill.path(name + "-raw").unlink()
    hints = _SHARED["hints"]
    hints.preambles = {id(raw): (raw.text, pre) for raw, pre in pairs}  # parse() takes them (this process's copy)
    items = [parse_one(raw, hints) for raw, _pre in pairs]
    hints.preambles = {}
    cables = [c for c in items if isinstance(c, Cable)]
    spill.put(name, cables)
    return [slim(c) if isinstance(c, Cable) else c for c in items], knowledge_part(cables)


def _first_reading_task(chunk: Chunk) -> int:
    """The entity pass's first reading of each cable of a chunk (None for annotated cables), spilled: the main
    process reads them back one chunk at a time, so it never holds the readings of the whole archive."""
    k, spill = _SHARED["knowledge"], _SHARED["spill"]
    readings = [first_reading(c, k) for c in spill.get(chunk.name)]
    spill.put(chunk.name + "-readings", readings)
    return sum(1 for r in readings if r is not None)


def _second_reading_task(chunk: Chunk) -> list:
    """The second reading of each cable of a chunk (None where the cable keeps the entities it has)."""
    k, learned, spill = _SHARED["knowledge"], _SHARED["learned"], _SHARED["spill"]
    readings = spill.get(chunk.name + "-readings")
    spill.path(chunk.name + "-readings").unlink()
    return [None if r is None else second_reading(r, k, learned) for r in readings]


def _render_task(chunk: Chunk) -> tuple[list[tuple[str, bool]], dict[int, tuple[int, int]], tuple[str, str]]:
    """Render and write the pages of the cables of one spilled chunk that the archive shows; spill the snippets
    they give the entity pages, grouped by entity-page job, and return where each group is in the file, with
    the chunk's lines of the data downloads (the main process streams them, chunk after chunk)."""
    archive, docs, shown = _SHARED["archive"], _SHARED["docs"], _SHARED["shown"]
    full = _SHARED["spill"].get(chunk.name)
    cables = [replace(c, entities=shown[chunk.start + i].entities)
              for i, c in enumerate(full) if chunk.start + i in shown]
    snippets: dict = {}
    records: list[dict] = []
    done = [(path, write_page(docs, path, text))
            for path, text in pages_of_cables(archive, cables, snippets, records)]
    path = urls.search_records(chunk.number)  # what the search step indexes (it reads no source again)
    meanings = {t: archive.tag_info[t].meaning or "" for c in cables for t in c.tags}
    done.append((path, write_page(docs, path, search_records.chunk_records(cables, meanings, archive.versions))))
    return done, spill_snippets(_SHARED["spill"], chunk.number, snippets, _SHARED["bounds"]), \
        data_mod.downloads(records)


@contextmanager
def open_downloads(writer: Writer) -> Iterator[Callable[[tuple[str, str]], None]]:
    """The archive as data (`cables.jsonl.gz`, `cables.csv`), open for the (lines, rows) of one chunk of cables
    at a time: streamed to disk, so no process holds every record."""
    with writer.streamed(urls.DATA_JSONL, gzipped=True) as jsonl, writer.streamed(urls.DATA_CSV) as table:
        table.write(data_mod.csv_text([], header=True).encode("utf-8"))

        def put(part: tuple[str, str]) -> None:
            jsonl.write(part[0].encode("utf-8"))
            table.write(part[1].encode("utf-8"))
        yield put


def spill_snippets(spill: Spill, number: int, snippets: dict, bounds: list[str]) -> dict[int, tuple[int, int]]:
    """One chunk's snippets written to the spill, one pickle per entity-page job (`bounds`: each job's first
    key): the main process keeps where they are, not the snippets, and each job reads only its own."""
    groups: dict[int, dict] = {}
    for key, snips in snippets.items():
        groups.setdefault(bisect.bisect_right(bounds, key) - 1, {})[key] = snips
    where: dict[int, tuple[int, int]] = {}
    parts: list[bytes] = []
    offset = 0
    for group in sorted(groups):
        data = pickle.dumps(groups[group], protocol=pickle.HIGHEST_PROTOCOL)
        where[group] = (offset, len(data))
        parts.append(data)
        offset += len(data)
    spill.path(f"snippets-{number:06d}").write_bytes(b"".join(parts))
    return where


def read_snippets(spill: Spill, segments: list[tuple[int, int, int]]) -> dict:
    """The snippets of one entity-page job, from the segments (chunk number, offset, length) of each chunk that
    has some, in chunk order (as `merge_snippets` would have gathered them)."""
    out: dict = {}
    for number, offset, length in segments:
        with open(spill.path(f"snippets-{number:06d}"), "rb") as f:
            f.seek(offset)
            merge_snippets(out, pickle.loads(f.read(length)))
    return out


def _render_job(job) -> list[tuple[str, bool]]:
    archive, data, docs = _SHARED["archive"], _SHARED["data"], _SHARED["docs"]
    if job[0] == "entities" and "spill" in _SHARED:  # the snippets are on disk: where they are is in the job
        keys, segments = job[1]
        job = ("entities", (keys, read_snippets(_SHARED["spill"], segments)))
    return [(path, write_page(docs, path, text)) for path, text in run_job(job, archive, data)]


def _map(fn: Callable, items: list, jobs: int, shared: dict, ordered: bool = True) -> Iterator:
    """fn over items in forked workers (in one process when jobs is 1 or there is one item): results in order."""
    if jobs <= 1 or len(items) <= 1:
        _SHARED.clear()
        _SHARED.update(shared)
        try:
            yield from map(fn, items)
        finally:
            _SHARED.clear()
        return
    with _pool(jobs, shared) as pool:
        yield from (pool.imap if ordered else pool.imap_unordered)(fn, items)


def read_spilled(paths: list[str], spill: Spill, jobs: int, progress: Progress
                 ) -> tuple[list[tuple[str, int]], list, list[Skip]]:
    """Every input read and spilled in chunks, in sorted order: the chunks, the year entries, the skips."""
    files = list(iter_files(paths))
    progress.start("reading", len(files), "files")
    tasks = list(enumerate(_chunks(files, READ_CHUNK)))
    chunks: list[tuple[str, int]] = []
    entries: list = []
    skips: list[Skip] = []
    for (_n, group), (made, skipped) in zip(tasks, _map(_read_task, tasks, jobs, {"spill": spill})):
        for name, size, ents in made:
            chunks.append((name, size))
            entries += ents
        skips += skipped
        progress.advance(len(group), f"{len(entries):,} cables")
    return chunks, entries, skips


def parse_spilled(chunks: list[tuple[str, int]], hints, spill: Spill, jobs: int, progress: Progress
                  ) -> tuple[list[Chunk], list[Cable], list[Skip], Knowledge]:
    """Every spilled chunk parsed: the chunks of cables, every cable slim in input order, the skips, and what
    the archive tells the entity pass before any extraction (annotated names, vocabulary)."""
    progress.start("parsing", sum(n for _c, n in chunks), "cables")
    out: list[Chunk] = []
    cables: list[Cable] = []
    skips: list[Skip] = []
    parts = []
    names = [name for name, _n in chunks]
    for name, (items, part) in zip(names, _map(_parse_task, names, jobs, {"spill": spill, "hints": hints})):
        made = [c for c in items if isinstance(c, Cable)]
        out.append(Chunk(name, len(out), len(cables), len(made)))
        cables += made
        skips += [s for s in items if isinstance(s, Skip)]
        parts.append(part)
        progress.advance(len(items))
    return out, cables, skips, merge_knowledge(parts)


def whole(cables: list[Cable], chunks: list[Chunk], spill: Spill, positions: Iterable[int]) -> dict[int, Cable]:
    """The cables at these positions read back whole from the spill (for the few passes that need text)."""
    wanted = set(positions)
    out: dict[int, Cable] = {}
    for ch in chunks:
        if any(p in wanted for p in range(ch.start, ch.start + ch.size)):
            for i, c in enumerate(spill.get(ch.name)):
                if ch.start + i in wanted:
                    out[ch.start + i] = replace(c, entities=cables[ch.start + i].entities)
    return out


def write_spilled(archive: Archive, data: dict, shown: dict[int, Cable], chunks: list[Chunk], spill: Spill,
                  docs: str | Path, jobs: int, progress: Progress) -> Stats:
    """Render every page from the spilled cables and the archive; write the ones whose bytes changed."""
    writer = Writer(docs)
    progress.start("writing pages", expected_pages(archive), "pages", approx=True)
    bounds = [keys[0] for keys in entity_chunks(archive)]
    shared = {"archive": archive, "data": data, "docs": writer.docs, "shown": shown, "spill": spill, "bounds": bounds}
    segments: dict[int, list[tuple[int, int, int]]] = {}
    with open_downloads(writer) as put:
        for chunk, (done, where, part) in zip(chunks, _map(_render_task, chunks, jobs, shared)):
            _record(writer, done, progress)
            put(part)
            for group, (offset, length) in where.items():
                segments.setdefault(group, []).append((chunk.number, offset, length))
    job_list = render_job_list(archive, lambda n, _keys: segments.get(n, []))
    for done in _map(_render_job, job_list, jobs, shared, ordered=False):
        _record(writer, done, progress)
    return writer.finish()


# ---------------------------------------------------------------- rendering and writing from an archive in memory

def _render_cables(cids: list[str]) -> tuple[list[tuple[str, bool]], dict]:
    archive, docs = _SHARED["archive"], _SHARED["docs"]
    snippets: dict = {}
    done = [(path, write_page(docs, path, text)) for path, text in cable_pages(archive, cids, snippets)]
    return done, snippets


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
    with open_downloads(writer) as put:  # in the order the inputs were read, as the spilled build streams them
        for part in _chunks(archive.inputs, SPILL_CHUNK):
            put(data_mod.downloads([data_mod.record(archive.cables[cid], archive) for cid in part]))
    return writer.finish()


def expected_pages(archive: Archive) -> int:
    """About how many pages a build writes (one per cable, cited cable, entity and listing; a few more where
    listings run to several pages), for the progress display's time left."""
    listings = (len(archive.tags) + len(archive.origins) + len(archive.months) + len(archive.years)
                + len(archive.classifications) + len(archive.caveats))
    entity_pages = sum(1 for info in archive.entities.values() if info.has_page)
    return len(archive.order) + len(archive.missing) + entity_pages + listings + 20


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
        t0, c0, start = time.perf_counter(), _cpu(), time.time()
        yield
        self.stages[name] = {"wall": time.perf_counter() - t0, "cpu": _cpu() - c0, "start": start, "end": time.time()}

    def summary(self) -> str:
        return ", ".join(f"{k} {v['wall']:.1f}s" for k, v in self.stages.items())


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def build(paths: list[str], docs: str = "docs", strict: bool = False, quiet: bool = False,
          jobs: int | None = None, timer: Timer | None = None,
          progress: Progress | None = None, timings: str | None = None,
          entity_min_cables: int = ENTITY_MIN_CABLES) -> int:
    """Write the site's generated pages into `docs`; exit status 1 under --strict when an input was skipped.

    Entities named in fewer than `entity_min_cables` cables get no page (resolve.mark_pages).
    """
    t0 = time.monotonic()
    jobs = job_count(jobs)
    timer = timer or Timer()
    progress = progress or Progress.for_build(quiet)
    spill = Spill()
    try:
        with timer.stage("read+parse"):
            raw_chunks, entries, skips = read_spilled(paths, spill, jobs, progress)
            if sum(n for _c, n in raw_chunks) < PARALLEL_FROM:
                jobs = 1  # starting workers costs more than a small archive's work
            chunks, cables, failed, knowledge = parse_spilled(raw_chunks, hints_of(entries), spill, jobs, progress)
            skips += failed
            del entries
        progress.clear()
        report_warnings(cables)
        report_skips(skips)
        with timer.stage("entities"):
            cables, notes = find_entities(cables, chunks, knowledge, spill, jobs, progress)
            del knowledge
        with timer.stage("resolve"):
            archive, data, shown = resolve_all(cables, chunks, spill, skips, notes, entity_min_cables)
        del cables
        with timer.stage("render+write"):
            stats = write_spilled(archive, data, shown, chunks, spill, docs, jobs, progress)
    finally:
        spill.close()
    progress.clear()
    if timings:  # for bench/run.py: per-stage time, and clock stamps to place its memory samples in stages
        Path(timings).write_text(json.dumps({"stages": timer.stages, "jobs": jobs}, indent=1))
    if not quiet:
        s = data["summary"]
        print(f"{s['cables']} cables ({s['skipped']} inputs skipped, {s['duplicates']} duplicates, "
              f"{s['missing_cited']} cited but missing); {len(stats.paths)} pages: {stats.written} written, "
              f"{stats.unchanged} unchanged, {stats.removed} removed; {time.monotonic() - t0:.1f}s "
              f"({timer.summary()}; {jobs} process{'es' if jobs > 1 else ''})", file=sys.stderr)
    return 1 if strict and skips else 0


def find_entities(cables: list[Cable], chunks: list[Chunk], knowledge: Knowledge, spill: Spill,
                  jobs: int, progress: Progress) -> tuple[list[Cable], list[str]]:
    """The archive-wide entity pass (generator/entities/): each cable read alone in the workers, what they
    all taught gathered here, each cable's open phrases decided in the workers, then one name and type per
    entity across the archive. Returns the cables (slim) with their entities, and the report's notes."""
    progress.start("entities", sum(1 for c in cables if not c.entities), "cables")
    knowledge.gaz  # built once here, inherited by the workers  # noqa: B018
    shared = {"spill": spill, "knowledge": knowledge}
    for read in _map(_first_reading_task, chunks, jobs, shared):
        progress.advance(read)
    learned = learn((r for ch in chunks for r in spill.get(ch.name + "-readings")), knowledge)
    learned.gazetteer(knowledge)  # likewise
    shared["learned"] = learned
    found = [e for part in _map(_second_reading_task, chunks, jobs, shared) for e in part]
    cables = [c if e is None else replace(c, entities=e) for c, e in zip(cables, found)]
    cables, notes = merge_archive(cables, learned)
    return shared_entities(cables), notes


def shared_entities(cables: list[Cable]) -> list[Cable]:
    """The cables with equal entities made one object (`Bahrain`, named once, in a thousand cables): they arrive
    from the workers as copies, and the archive-wide passes hold every cable's entities at once."""
    one: dict = {}
    out = []
    for c in cables:
        ents = tuple([one.setdefault(e, e) for e in c.entities])
        out.append(replace(c, entities=ents) if ents else c)
    return out


def resolve_all(cables: list[Cable], chunks: list[Chunk], spill: Spill, skips: list[Skip], notes: list[str],
                entity_min_cables: int = ENTITY_MIN_CABLES) -> tuple[Archive, dict, dict[int, Cable]]:
    """The archive and the report; the inputs of an ID read more than once are read back whole (their versions
    are compared word by word). Also which cable each position shows (the pages to render)."""
    seen = Counter(c.id for c in cables)
    for pos, c in whole(cables, chunks, spill, (p for p, c in enumerate(cables) if seen[c.id] > 1)).items():
        cables[pos] = c
    archive = resolve(cables, entity_min_cables)
    data = report_mod.collect(cables, skips, archive, notes)
    shown = {p: c for p, c in enumerate(cables) if archive.cables.get(c.id) is c}
    return archive, data, shown
