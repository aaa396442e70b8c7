"""Parse throughput: cables per second on ../shared/corpus and on examples/, on one core.

The inputs are read once; their raw cables are repeated in memory until a run takes a few seconds, then
`year_hints` and `parse` run over them (what `generator.cli.load` does after reading). Reading is timed apart.

    .venv/bin/python bench/parse_bench.py [--seconds 3] [--profile]

Prints one line per input set, the rate per CPU second of this process (wall time shown too: other work
on the machine slows the wall clock); skips the corpus (with a message, exit 0) when ../shared is absent.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.parse import NotACable, parse, year_hints  # noqa: E402
from generator.readers import RawCable, read_path  # noqa: E402

TARGET = 1000  # cables per second on one core (issue 2)


def _one_core() -> None:
    """Pin the process to one CPU where the platform allows it, so the figure is a one-core figure."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _parse_all(raws: list[RawCable]) -> int:
    """Parse every raw cable as the CLI does; the number parsed."""
    hints = year_hints(raws)
    n = 0
    for raw in raws:
        try:
            parse(raw, hints)
            n += 1
        except NotACable:
            pass
    return n


def bench(name: str, paths: list[Path], seconds: float, profile: bool) -> float:
    """Time reading once and parsing repeated copies; print and return cables per second."""
    t0 = time.perf_counter()
    raws = [r for r in read_path(paths) if isinstance(r, RawCable)]
    read_s = time.perf_counter() - t0
    _parse_all(raws)  # warm up: compile the patterns
    once = time.perf_counter()
    _parse_all(raws)
    per_pass = max(time.perf_counter() - once, 1e-6)
    repeat = max(1, round(seconds / per_pass))
    batch = raws * repeat
    t1, c1 = time.perf_counter(), time.process_time()
    parsed = _parse_all(batch)
    elapsed, cpu = time.perf_counter() - t1, time.process_time() - c1
    rate = parsed / cpu
    print(f"{name}: {len(raws)} cables read in {read_s:.2f} s; parsed {parsed} ({len(raws)} x {repeat}) "
          f"in {cpu:.2f} CPU s ({elapsed:.2f} s wall) = {rate:,.0f} cables/s on one core (target {TARGET:,})")
    if profile:
        prof = cProfile.Profile()
        prof.runcall(_parse_all, raws * max(1, repeat // 4))
        pstats.Stats(prof).sort_stats("tottime").print_stats(15)
    return rate


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=3.0, help="aim for runs of about this long (default 3)")
    ap.add_argument("--profile", action="store_true", help="print the cProfile top functions")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder")
    args = ap.parse_args(argv)
    _one_core()
    corpus = args.shared / "corpus"
    if corpus.is_dir():
        bench("corpus", [corpus], args.seconds, args.profile)
    else:
        print(f"skipped the corpus: {corpus} is absent (the benchmark needs ../shared beside the checkout)")
    bench("examples", [ROOT / "examples" / "cables"], args.seconds, False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
