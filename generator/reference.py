"""The whole build in one process, every stage over the whole archive at once: the reference the pipelined build
(build.py: chunks, spill, workers) is tested against. Not used by the commands."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from . import report
from .build import SPILL_CHUNK, open_downloads
from .entities.reference import enrich
from .parse import NotACable, parse, year_hints
from .readers import RawCable, Skip, read_path
from .record import Cable
from .render import data as data_mod
from .render import pages
from .resolve import ENTITY_MIN_CABLES, Archive, resolve
from .write import Stats, Writer



def load(paths: list[str]) -> tuple[list[Cable], list[Skip]]:
    """Read and parse every cable under the paths; what could not be read or parsed becomes a Skip."""
    raws: list[RawCable] = []
    skips: list[Skip] = []
    for item in read_path(paths):
        (raws if isinstance(item, RawCable) else skips).append(item)
    hints = year_hints(raws)
    cables: list[Cable] = []
    for raw in raws:
        try:
            cables.append(parse(raw, hints))
        except NotACable as exc:
            skips.append(Skip(raw.source, f"not a cable: {exc}"))
        except Exception as exc:  # noqa: BLE001 - one bad input must not stop the build
            skips.append(Skip(raw.source, f"parser error: {type(exc).__name__}: {exc}"))
    return cables, skips


def iter_parsed(paths: list[str]) -> Iterator[Cable | Skip]:
    """Cables and skips in input order."""
    cables, skips = load(paths)
    yield from cables
    yield from skips


def write_pages(archive: Archive, data: dict, docs: str | Path) -> Stats:
    """Render every page of a resolved archive and write the ones whose bytes changed; remove the leftovers."""
    writer = Writer(docs)
    for path, text in pages(archive, data):
        writer.put(path, text)
    with open_downloads(writer) as put:  # in input order, in the chunks the pipelined build streams
        for start in range(0, len(archive.inputs), SPILL_CHUNK):
            put(data_mod.downloads([data_mod.record(archive.cables[cid], archive)
                                    for cid in archive.inputs[start:start + SPILL_CHUNK]]))
    return writer.finish()


def build(paths: list[str], docs: str | Path, entity_min_cables: int = ENTITY_MIN_CABLES) -> Stats:
    """Every page of the archive under `paths`, built in one process (what `build.build` must write)."""
    cables, skips = load(paths)
    cables, notes = enrich(cables)
    archive = resolve(cables, entity_min_cables)
    return write_pages(archive, report.collect(cables, skips, archive, notes), docs)
