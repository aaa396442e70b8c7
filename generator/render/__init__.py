"""Render: the resolved archive in, Markdown pages out as (docs path, text) pairs. No I/O here.

Each cable also gets its original text as a plain-text file (`urls.original`) and its full record as JSON
(`urls.record`), which MkDocs copies as they are.

The pages come in two parts so that a build can render them in several processes: the cable pages, in chunks
of cable IDs (they gather the snippets the entity pages show), then the other pages as a list of jobs, each
naming a function of this module and its arguments. `pages()` runs both in one process; every way of running
them gives the same pages.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .. import urls
from ..record import Cable
from ..resolve import Archive, entity_key
from . import cable, data, entity, home, lists, report

Page = tuple[str, str]
Job = tuple[str, tuple]  # (name in JOBS, arguments after the archive and the report data)
ENTITY_CHUNK = 500  # entities per job


def cable_pages(archive: Archive, cids: list[str], snippets: entity.Snippets,
                records: list[dict] | None = None) -> Iterator[Page]:
    """The pages of these cables; each cable's row on the page of each entity it names that has a page (with the
    text around the first mention) goes into `snippets` (key -> ID -> entry), and its record into `records`
    (for the archive-wide downloads, which the caller streams)."""
    return pages_of_cables(archive, (archive.cables[cid] for cid in cids), snippets, records)


def pages_of_cables(archive: Archive, cables: Iterable[Cable], snippets: entity.Snippets,
                    records: list[dict] | None = None) -> Iterator[Page]:
    """`cable_pages` for cables given whole (a build that keeps only their metadata in the archive)."""
    for c in cables:
        rec = data.record(c, archive)
        if records is not None:
            records.append(rec)
        text, first = cable.page(c, archive)
        for key in dict.fromkeys([*(entity_key(e) for e in c.entities), *first]):
            if archive.has_entity_page(key):  # rows of pages not generated would be spilled for nothing
                snippets.setdefault(key, {})[c.id] = entity.cable_entry(c, first.get(key))
        yield urls.cable(c.id), text
        yield urls.original(c.id), cable.original_text(c)
        yield urls.record(c.id), data.record_json(rec)


def merge_snippets(into: entity.Snippets, part: entity.Snippets) -> None:
    """Add the snippets of a later chunk of cables (chunks merged in archive order keep the order of `pages`)."""
    for key, snips in part.items():
        into.setdefault(key, {}).update(snips)


def jobs(archive: Archive, snippets: entity.Snippets) -> list[Job]:
    """Every page but the cable pages, as jobs (entity pages in chunks, each with its entities' snippets)."""
    return job_list(archive, lambda _n, chunk: {k: snippets[k] for k in chunk if k in snippets})


def entity_chunks(archive: Archive) -> list[list[str]]:
    """The entity keys of each entity-page job (in key order: `archive.entities` is sorted); only entities with
    a page are scheduled."""
    keys = [key for key, info in archive.entities.items() if info.has_page]
    return [keys[i:i + ENTITY_CHUNK] for i in range(0, len(keys), ENTITY_CHUNK)]


def job_list(archive: Archive, snippets_of: Callable[[int, list[str]], object]) -> list[Job]:
    """`jobs`, with the snippets of entity chunk n (its keys) given by `snippets_of`: a build that keeps them on
    disk passes where they are, and its worker reads them (`run_job` takes them as a dict)."""
    out: list[Job] = [("missing", ()), ("all_cables", ()), ("tags", ()), ("origins", ()), ("dates", ()),
                      ("classifications", ()), ("missing_index", ())]
    out += [("entities", (chunk, snippets_of(n, chunk))) for n, chunk in enumerate(entity_chunks(archive))]
    out += [("entity_indexes", ()), ("home", ()), ("report", ()), ("schema", ())]
    return out


def _missing(archive: Archive, _data: dict) -> Iterator[Page]:
    for cid in archive.missing:
        yield urls.cable(cid), cable.missing_page(cid, archive)


def _entities(archive: Archive, _data: dict, keys: list[str], snippets: entity.Snippets) -> Iterator[Page]:
    for key in keys:
        yield from entity.entity_page(key, archive, snippets.get(key, {}))


def _home(archive: Archive, data: dict) -> Iterator[Page]:
    yield urls.HOME, home.home(archive, data["summary"]["skipped"])


def _report(_archive: Archive, data: dict) -> Iterator[Page]:
    yield from report.pages(data)


JOBS = {
    "missing": _missing,
    "all_cables": lambda a, _d: lists.all_cables(a),
    "tags": lambda a, _d: lists.tag_pages(a),
    "origins": lambda a, _d: lists.origin_pages(a),
    "dates": lambda a, _d: lists.date_pages(a),
    "classifications": lambda a, _d: lists.classification_pages(a),
    "missing_index": lambda a, _d: lists.missing_index(a),
    "entities": _entities,
    "entity_indexes": lambda a, _d: entity.entity_indexes(a),
    "home": _home,
    "report": _report,
    "schema": lambda _a, _d: iter([(urls.DATA_SCHEMA, data.schema_text())]),
}


def run_job(job: Job, archive: Archive, report_data: dict) -> Iterator[Page]:
    """The pages of one job."""
    name, args = job
    return JOBS[name](archive, report_data, *args)


def pages(archive: Archive, report_data: dict) -> Iterator[Page]:
    """Every generated page of the site, in one process: cable pages first, then every job in order."""
    snippets: entity.Snippets = {}
    yield from cable_pages(archive, archive.order, snippets)
    for job in jobs(archive, snippets):
        yield from run_job(job, archive, report_data)
