"""`build`: read every input, find the names, resolve the archive and its report, render and write the pages.

The stages, in order (`build` runs them; each is timed under its name):

1. read+parse: files are read and their cables parsed in chunks spilled to a scratch folder; the main process
   keeps each cable's metadata only; a cable parsed by the last build into the same docs folder is not parsed
   again (cache.py);
2. entities: each cable read alone (workers), what they all taught gathered (here), each cable decided (workers);
3. resolve: the archive (versions, references both ways, listings) and the build report's data;
4. render+write: every page rendered from the spilled cables and written (workers), stale pages removed.

Large archives use every core through an executor (workers.py): tasks are plain functions of a typed context
(what a stage's tasks share, handed to the workers once) and one item. Results come back in input order, so a
parallel build writes the same bytes as a build in one process (`CABLE_JOBS=1`). One build at a time writes a
docs folder (write.docs_lock); an interrupted build leaves nothing the next one would keep (write.Writer).
"""
from __future__ import annotations

import bisect
import gc
import json
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
from .cache import ParseCache, code_digest
from .console import build_summary, report_skips, report_warnings
from .entities.archive import merge_archive
from .entities.decide import second_reading
from .entities.knowledge import Knowledge, Learned, knowledge_part, learn, merge_knowledge
from .entities.reading import first_reading
from .parse import NotACable, hints_of, parse, preamble, year_entry
from .parse.years import ArchiveYears
from .progress import Progress
from .readers import RawCable, Skip, iter_files, read_file
from .record import Cable
from .render import data as data_mod
from .render import entity_chunks, merge_snippets, pages_of_cables, run_job
from .render import job_list as render_job_list
from .report import collect
from .resolve import ENTITY_MIN_CABLES, Archive, resolve
from .search import records as search_records
from .workers import Executor, executor, job_count
from .write import Stats, Writer, docs_lock, write_page

PARALLEL_FROM = 400  # cables below which one process is faster than starting workers
READ_CHUNK = 64  # files per reading task
SPILL_CHUNK = 200  # cables per spilled chunk (the unit of parsing, entity reading and rendering in workers)
SPILL_PREFIX = "cable-build-"  # scratch folders in the temp folder: cable-build-<pid>-<random>


# ---------------------------------------------------------------- the command: the stages in order

def build(paths: list[str], docs: str = "docs", strict: bool = False, quiet: bool = False,
          jobs: int | None = None, timer: Timer | None = None,
          progress: Progress | None = None, timings: str | None = None,
          entity_min_cables: int = ENTITY_MIN_CABLES) -> int:
    """Write the site's generated pages into `docs`; exit status 1 under --strict when an input was skipped.

    Entities named in fewer than `entity_min_cables` cables get no page (resolve.mark_pages).
    """
    t0 = time.monotonic()
    timer = timer or Timer()
    progress = progress or Progress.for_build(quiet)
    with docs_lock(docs), spilled() as spill:
        urls.inputs_stamp(docs).unlink(missing_ok=True)  # docs/ is no longer what `make site` last recorded
        ex = executor(job_count(jobs))
        with timer.stage("read+parse"):
            raw_chunks, entries, skips = read_spilled(paths, spill, ex, progress)
            if sum(n for _c, n in raw_chunks) < PARALLEL_FROM:
                ex = executor(1)  # starting workers costs more than a small archive's work
            chunks, cables, failed, knowledge = parse_spilled(raw_chunks, hints_of(entries), spill, ex, progress,
                                                              ParseCache(docs, code_digest()))
            skips += failed
            del entries
        progress.clear()
        report_warnings(cables)
        report_skips(skips)
        with timer.stage("entities"):
            cables, notes = find_entities(cables, chunks, knowledge, spill, ex, progress)
            del knowledge
        with timer.stage("resolve"), archive_wide():
            archive, data, shown = resolve_all(cables, chunks, spill, skips, notes, entity_min_cables)
        del cables
        with timer.stage("render+write"):
            stats = write_spilled(archive, data, shown, chunks, spill, docs, ex, progress)
    progress.clear()
    if timings:  # for bench/run.py: per-stage time, and clock stamps to place its memory samples in stages
        Path(timings).write_text(json.dumps({"stages": timer.stages, "jobs": ex.jobs}, indent=1))
    if not quiet:
        print(build_summary(data["summary"], len(stats.paths), stats.written, stats.unchanged, stats.removed,
                            time.monotonic() - t0, timer.summary(), ex.jobs), file=sys.stderr)
    return 1 if strict and skips else 0


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


# ---------------------------------------------------------------- the scratch folder

@contextmanager
def spilled() -> Iterator[Spill]:
    """A scratch folder for one build, removed however the build ends (but SIGKILL: see `sweep_spills`)."""
    spill = Spill()
    try:
        yield spill
    finally:
        spill.close()


class Spill:
    """A scratch folder holding the inputs, then the parsed cables, in numbered chunks: the main process keeps
    only each cable's metadata (`slim`), so the build's memory follows the metadata, not the text, of the archive.

    Its name carries the build's process id: a build killed outright (SIGKILL) cannot remove its folder, so the
    next build removes the folders of builds that are no longer running.
    """

    def __init__(self) -> None:
        sweep_spills()
        self.dir = Path(tempfile.mkdtemp(prefix=f"{SPILL_PREFIX}{os.getpid()}-"))

    def path(self, name: str) -> Path:
        return self.dir / f"{name}.pickle"

    def put(self, name: str, items: list) -> None:
        self.path(name).write_bytes(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL))

    def get(self, name: str) -> list:
        return pickle.loads(self.path(name).read_bytes())

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def sweep_spills(tmp: str | None = None) -> list[Path]:
    """Remove the scratch folders of builds whose process is gone; the ones removed."""
    gone = []
    for folder in sorted(Path(tmp or tempfile.gettempdir()).glob(SPILL_PREFIX + "*")):
        pid = folder.name[len(SPILL_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            gone.append(folder)
    return gone


def _running(pid: int) -> bool:
    """True when a process with this id exists (it may be another user's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class Chunk:
    """One spilled chunk: its name, the position of its first cable in the archive, and its size."""

    name: str
    number: int
    start: int
    size: int


def slim(c: Cable) -> Cable:
    """A cable without its text (paragraphs, original text, header): what the archive-wide passes need. A cable
    without a subject keeps its paragraphs: listings title it by its first words (render/fallback.py)."""
    return replace(c, paragraphs=c.paragraphs if not c.subject else (), text="", header="")


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


# ---------------------------------------------------------------- stage 1: read and parse

@dataclass(frozen=True)
class ParseContext:
    """What reading and parsing tasks share: the scratch folder, (for parsing) the archive's year hints, and the
    parses kept by the last build into the same docs folder (none for the `parse` command)."""

    spill: Spill
    hints: ArchiveYears | None = None
    cache: ParseCache | None = None


def parse_one(raw: RawCable, hints) -> Cable | Skip:
    """One raw cable parsed, or the Skip saying why not."""
    try:
        return parse(raw, hints)
    except NotACable as exc:
        return Skip(raw.source, f"not a cable: {exc}")
    except Exception as exc:  # noqa: BLE001 - one bad input must not stop the build
        return Skip(raw.source, f"parser error: {type(exc).__name__}: {exc}")


def _read_task(ctx: ParseContext, task: tuple[int, list]) -> tuple[list[tuple[str, int, list]], list[Skip]]:
    """Read some files; spill their raw cables in chunks; return each chunk's year entries, and the skips."""
    number, files = task
    chunks: list[tuple[str, int, list]] = []
    skips: list[Skip] = []
    buf: list[RawCable] = []

    def flush() -> None:
        name = f"{number:06d}-{len(chunks):04d}"
        pres = [preamble(r) for r in buf]  # read once: for the year entries here, for the parser later
        ctx.spill.put(name + "-raw", list(zip(buf, pres)))
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


def _parse_task(ctx: ParseContext, name: str) -> tuple[list[Cable | Skip], object, list[str]]:
    """Parse a spilled chunk of raw cables (or take the last build's parse); spill the cables; return them slim
    (and skips) in input order, with what the chunk tells the entity pass and the cache entries it used."""
    pairs = ctx.spill.get(name + "-raw")
    ctx.spill.path(name + "-raw").unlink()
    hints, cache = ctx.hints, ctx.cache
    hints.preambles = {id(raw): (raw.text, pre) for raw, pre in pairs}  # parse() takes them (this process's copy)
    keys = [cache.key(raw) if cache else "" for raw, _pre in pairs]
    items = [_cached_parse(cache, key, raw, hints) for key, (raw, _pre) in zip(keys, pairs)]
    hints.preambles = {}
    cables = [c for c in items if isinstance(c, Cable)]
    ctx.spill.put(name, cables)
    return [slim(c) if isinstance(c, Cable) else c for c in items], knowledge_part(cables), [k for k in keys if k]


def _cached_parse(cache: ParseCache | None, key: str, raw: RawCable, hints) -> Cable | Skip:
    """The last build's parse of this raw cable, else a parse (kept for the next build when there is a cache)."""
    cable = cache.get(key) if cache else None
    if cable is None:
        cable = parse_one(raw, hints)
        if cache and isinstance(cable, Cable):
            cache.put(key, cable)
    return cable


def read_spilled(paths: list[str], spill: Spill, ex: Executor, progress: Progress
                 ) -> tuple[list[tuple[str, int]], list, list[Skip]]:
    """Every input read and spilled in chunks, in sorted order: the chunks, the year entries, the skips."""
    files = list(iter_files(paths))
    progress.start("reading", len(files), "files")
    tasks = list(enumerate(_chunks(files, READ_CHUNK)))
    chunks: list[tuple[str, int]] = []
    entries: list = []
    skips: list[Skip] = []
    for (_n, group), (made, skipped) in zip(tasks, ex.map(_read_task, tasks, ParseContext(spill))):
        for name, size, ents in made:
            chunks.append((name, size))
            entries += ents
        skips += skipped
        progress.advance(len(group), f"{len(entries):,} cables")
    return chunks, entries, skips


def parse_spilled(chunks: list[tuple[str, int]], hints: ArchiveYears, spill: Spill, ex: Executor, progress: Progress,
                  cache: ParseCache | None = None) -> tuple[list[Chunk], list[Cable], list[Skip], Knowledge]:
    """Every spilled chunk parsed: the chunks of cables, every cable slim in input order, the skips, and what
    the archive tells the entity pass before any extraction (annotated names, vocabulary). The cache keeps the
    parses of this build only."""
    progress.start("parsing", sum(n for _c, n in chunks), "cables")
    out: list[Chunk] = []
    cables: list[Cable] = []
    skips: list[Skip] = []
    parts = []
    used: list[str] = []
    names = [name for name, _n in chunks]
    for items, part, keys in ex.map(_parse_task, names, ParseContext(spill, hints, cache)):
        made = [c for c in items if isinstance(c, Cable)]
        out.append(Chunk(names[len(out)], len(out), len(cables), len(made)))
        cables += made
        skips += [s for s in items if isinstance(s, Skip)]
        parts.append(part)
        used += keys
        progress.advance(len(items))
    if cache:
        cache.keep_only(used)
    return out, cables, skips, merge_knowledge(parts)


def parsed(paths: list[str], jobs: int | None = None) -> Iterator[Cable | Skip]:
    """Stage 1 alone (the `parse` command): every cable whole, in input order, then the skips; one chunk of
    cables in memory at a time."""
    with spilled() as spill:
        ex = executor(job_count(jobs))
        progress = Progress(False)
        raw_chunks, entries, skips = read_spilled(paths, spill, ex, progress)
        if sum(n for _c, n in raw_chunks) < PARALLEL_FROM:
            ex = executor(1)
        chunks, _slim, failed, _knowledge = parse_spilled(raw_chunks, hints_of(entries), spill, ex, progress)
        for ch in chunks:
            yield from spill.get(ch.name)
        yield from skips + failed


def load(paths: list[str], jobs: int | None = None) -> tuple[list[Cable], list[Skip]]:
    """Every cable whole in input order, and the skips (read skips, then parse skips): what `reference.load`
    returns, read and parsed by workers on a large archive (benches, quality scripts)."""
    items = list(parsed(paths, jobs))
    return [c for c in items if isinstance(c, Cable)], [s for s in items if isinstance(s, Skip)]


# ---------------------------------------------------------------- stage 2: entities

@dataclass(frozen=True)
class EntityContext:
    """What the entity pass's tasks share: the scratch folder, the archive's knowledge, and (second reading) what
    every first reading taught."""

    spill: Spill
    knowledge: Knowledge
    learned: Learned | None = None


def _first_reading_task(ctx: EntityContext, chunk: Chunk) -> int:
    """The entity pass's first reading of each cable of a chunk (None for annotated cables), spilled: the main
    process reads them back one chunk at a time, so it never holds the readings of the whole archive."""
    readings = [first_reading(c, ctx.knowledge) for c in ctx.spill.get(chunk.name)]
    ctx.spill.put(chunk.name + "-readings", readings)
    return sum(1 for r in readings if r is not None)


def _second_reading_task(ctx: EntityContext, chunk: Chunk) -> list:
    """The second reading of each cable of a chunk (None where the cable keeps the entities it has)."""
    readings = ctx.spill.get(chunk.name + "-readings")
    ctx.spill.path(chunk.name + "-readings").unlink()
    return [None if r is None else second_reading(r, ctx.knowledge, ctx.learned) for r in readings]


def find_entities(cables: list[Cable], chunks: list[Chunk], knowledge: Knowledge, spill: Spill,
                  ex: Executor, progress: Progress) -> tuple[list[Cable], list[str]]:
    """The archive-wide entity pass (generator/entities/): each cable read alone in the workers, what they
    all taught gathered here, each cable's open phrases decided in the workers, then one name and type per
    entity across the archive. Returns the cables (slim) with their entities, and the report's notes."""
    progress.start("entities", sum(1 for c in cables if not c.entities), "cables")
    knowledge.gaz  # built once here, inherited by the workers  # noqa: B018
    for read in ex.map(_first_reading_task, chunks, EntityContext(spill, knowledge)):
        progress.advance(read)
    with archive_wide():
        learned = learn((r for ch in chunks for r in spill.get(ch.name + "-readings")), knowledge)
        learned.gazetteer(knowledge)  # likewise
    found = [e for part in ex.map(_second_reading_task, chunks, EntityContext(spill, knowledge, learned))
             for e in part]
    with archive_wide():
        cables = [c if e is None else replace(c, entities=e) for c, e in zip(cables, found)]
        cables, notes = merge_archive(cables, learned)
        return shared_entities(cables), notes


@contextmanager
def archive_wide() -> Iterator[None]:
    """A pass of the main process over the whole archive, without the cyclic garbage collector: the process holds
    every cable's metadata, and each full collection scans all of it, so these passes grew faster than the archive
    (resolve: CPU as N^1.24 from 1,000 to 5,000 cables; N^0.99 without). Reference counting still frees what they
    drop; a cycle, if any, waits for the next collection. Never around a fork: workers would inherit it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def shared_entities(cables: list[Cable]) -> list[Cable]:
    """The cables with equal entities made one object (`Bahrain`, named once, in a thousand cables): they arrive
    from the workers as copies, and the archive-wide passes hold every cable's entities at once."""
    one: dict = {}
    out = []
    for c in cables:
        ents = tuple([one.setdefault(e, e) for e in c.entities])
        out.append(replace(c, entities=ents) if ents else c)
    return out


# ---------------------------------------------------------------- stage 3: resolve

def resolve_all(cables: list[Cable], chunks: list[Chunk], spill: Spill, skips: list[Skip], notes: list[str],
                entity_min_cables: int = ENTITY_MIN_CABLES) -> tuple[Archive, dict, dict[int, Cable]]:
    """The archive and the report's data; the inputs of an ID read more than once are read back whole (their
    versions are compared word by word). Also which cable each position shows (the pages to render)."""
    seen = Counter(c.id for c in cables)
    for pos, c in whole(cables, chunks, spill, (p for p, c in enumerate(cables) if seen[c.id] > 1)).items():
        cables[pos] = c
    archive = resolve(cables, entity_min_cables)
    data = collect(cables, skips, archive, notes)
    shown = {p: c for p, c in enumerate(cables) if archive.cables.get(c.id) is c}
    return archive, data, shown


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


# ---------------------------------------------------------------- stage 4: render and write

@dataclass(frozen=True)
class RenderContext:
    """What rendering tasks share: the archive and report, where pages go, which cable each position shows, the
    scratch folder, and the first key of each entity-page job (its snippets are grouped by job)."""

    archive: Archive
    data: dict
    docs: Path
    shown: dict[int, Cable]
    spill: Spill
    bounds: list[str]


def _render_task(ctx: RenderContext, chunk: Chunk
                 ) -> tuple[list[tuple[str, bool]], dict[int, tuple[int, int]], tuple[str, str]]:
    """Render and write the pages of the cables of one spilled chunk that the archive shows; spill the snippets
    they give the entity pages, grouped by entity-page job, and return where each group is in the file, with
    the chunk's lines of the data downloads (the main process streams them, chunk after chunk)."""
    archive, docs, shown = ctx.archive, ctx.docs, ctx.shown
    full = ctx.spill.get(chunk.name)
    cables = [replace(c, entities=shown[chunk.start + i].entities)
              for i, c in enumerate(full) if chunk.start + i in shown]
    snippets: dict = {}
    records: list[dict] = []
    done = [(path, write_page(docs, path, text))
            for path, text in pages_of_cables(archive, cables, snippets, records)]
    path = urls.search_records(chunk.number)  # what the search step indexes (it reads no source again)
    meanings = {t: archive.tag_info[t].meaning or "" for c in cables for t in c.tags}
    done.append((path, write_page(docs, path, search_records.chunk_records(cables, meanings, archive.versions))))
    return done, spill_snippets(ctx.spill, chunk.number, snippets, ctx.bounds), data_mod.downloads(records)


def _render_job(ctx: RenderContext, job) -> list[tuple[str, bool]]:
    """One listing or entity-page job; an entity job reads its snippets from the segments it names."""
    if job[0] == "entities":
        keys, segments = job[1]
        job = ("entities", (keys, read_snippets(ctx.spill, segments)))
    return [(path, write_page(ctx.docs, path, text)) for path, text in run_job(job, ctx.archive, ctx.data)]


def write_spilled(archive: Archive, data: dict, shown: dict[int, Cable], chunks: list[Chunk], spill: Spill,
                  docs: str | Path, ex: Executor, progress: Progress) -> Stats:
    """Render every page from the spilled cables and the archive; write the ones whose bytes changed."""
    writer = Writer(docs)
    progress.start("writing pages", expected_pages(archive), "pages", approx=True)
    bounds = [keys[0] for keys in entity_chunks(archive)]
    ctx = RenderContext(archive, data, writer.docs, shown, spill, bounds)
    segments: dict[int, list[tuple[int, int, int]]] = {}
    with open_downloads(writer) as put:
        for chunk, (done, where, part) in zip(chunks, ex.map(_render_task, chunks, ctx)):
            _record(writer, done, progress)
            put(part)
            for group, (offset, length) in where.items():
                segments.setdefault(group, []).append((chunk.number, offset, length))
    job_list = render_job_list(archive, lambda n, _keys: segments.get(n, []))
    for done in ex.map(_render_job, job_list, ctx, ordered=False):
        _record(writer, done, progress)
    return writer.finish()


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
