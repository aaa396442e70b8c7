"""The whole entity pass in one process, in archive order: the reference the pipelined build is tested against."""
from __future__ import annotations

import contextlib
import gc
from dataclasses import replace

from ..record import Entity
from . import gazetteer as gz
from .archive import merge_archive
from .decide import resolve, second_reading
from .gazetteer import Gazetteer
from .knowledge import knowledge_part, learn, merge_knowledge, vocab_of
from .reading import Extractor, first_reading
from .tokens import Vocab


def extract(cable, gaz: Gazetteer | None = None, vocab: Vocab | None = None, given: set[str] | None = None,
            acronyms: dict[str, tuple[str, str]] | None = None) -> tuple[Entity, ...]:
    """Entities of one cable read from its plain text (no annotations, no model, no network)."""
    gaz = gaz or gz.base_gazetteer()
    vocab = vocab or vocab_of([cable])
    r = Extractor(gaz, vocab, given, acronyms).run(cable)
    return resolve(r.entities, r.weak, gaz, vocab, given or set(), {}, r.words)


def enrich(cables: list, tick=None) -> tuple[list, list[str]]:
    """Archive-wide entity pass in one process: the map/reduce steps above, composed in archive order.

    Cables without entities get them from their text; then every entity gets one type (by the weight of its
    mentions), one canonical name and its aliases across the archive. Returns the cables and report lines.
    `tick(n)`, when given, is called as cables are read (the build's progress display).
    """
    cables = list(cables)
    with _archive_frozen():
        k = merge_knowledge([knowledge_part(cables)])
        readings = []
        for c in cables:
            readings.append(first_reading(c, k))
            if tick is not None and readings[-1] is not None:
                tick(1)
        learned = learn(readings, k)
        cables = [c if r is None else replace(c, entities=second_reading(r, k, learned))
                  for c, r in zip(cables, readings)]
        return merge_archive(cables, learned)


@contextlib.contextmanager
def _archive_frozen():
    """The objects alive before the pass (the parsed archive) left out of garbage collection while it runs.

    Reading makes millions of short-lived tokens; each full collection would walk the whole archive again (about
    a sixth of the pass's time on 5,000 cables). A worker process can do the same with `gc.freeze()` after fork.
    """
    if gc.get_freeze_count():
        yield  # the caller froze the heap already
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
