"""CPU per cable of each step of the entity pass, on a synthetic archive (no profiler: the figures are real).

Makes the archive with bench/synth.py (or reads the folder given), parses it, then times each step in this one
process: knowledge_part (one chunk), merge_knowledge, first_reading, learn, second_reading, merge_archive (on slim
cables: id, format, entities). The place tables load before timing starts.

    .venv/bin/python bench/entity_speed.py [N] [--dir /tmp/syn5k]
"""
from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.entities import archive, decide, knowledge, reading, reference  # noqa: E402
from generator.build import load  # noqa: E402


def timed(label: str, n: int, fn, figures: dict):
    """Run fn once, record its CPU seconds under label, return its result."""
    t0 = time.process_time()
    out = fn()
    figures[label] = time.process_time() - t0
    print(f"  {label:16} {figures[label]:7.2f} s  {figures[label] / n * 1000:6.2f} ms/cable", flush=True)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=5000)
    ap.add_argument("--dir", type=Path, help="an archive folder made by synth.py (default: made in /tmp)")
    ap.add_argument("--no-freeze", action="store_true", help="leave the parsed archive to the garbage collector")
    args = ap.parse_args()
    folder = args.dir or Path(f"/tmp/entity-speed-{args.n}")
    if not folder.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), str(args.n), str(folder)], check=True,
                       stdout=subprocess.DEVNULL)
    cables, _skips = load([str(folder)], jobs=1)
    n = len(cables)
    reference.enrich(cables[:3])  # place tables and base gazetteer: once per process, not per cable
    if not args.no_freeze:
        gc.freeze()  # as enrich() does, and as a worker should after fork: the parsed archive is not re-scanned
    print(f"{n} cables from {folder}{' (gc.freeze() after parsing)' if not args.no_freeze else ''}")
    f: dict[str, float] = {}
    part = timed("knowledge_part", n, lambda: knowledge.knowledge_part(cables), f)
    k = timed("merge_knowledge", n, lambda: knowledge.merge_knowledge([part]), f)
    timed("gazetteer", n, lambda: k.gaz, f)
    readings = timed("first_reading", n, lambda: [reading.first_reading(c, k) for c in cables], f)
    learned = timed("learn", n, lambda: knowledge.learn(readings, k), f)
    timed("learned gaz", n, lambda: learned.gazetteer(k), f)
    found = timed("second_reading", n, lambda: [r and decide.second_reading(r, k, learned) for r in readings], f)
    slim = [replace(c, paragraphs=(), entities=e or c.entities) for c, e in zip(cables, found)]
    timed("merge_archive", n, lambda: archive.merge_archive(slim, learned), f)
    total = sum(f.values())
    print(f"  {'total':16} {total:7.2f} s  {total / n * 1000:6.2f} ms/cable")
    return 0


if __name__ == "__main__":
    sys.exit(main())
