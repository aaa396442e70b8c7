"""What the commands say on stderr: skipped inputs, warnings, the build's summary line, errors and interruptions.

Kept apart from the commands (cli.py) and the pipeline (build.py), so both can say things without importing
each other.
"""
from __future__ import annotations

import sys
from typing import TextIO

from .readers import Skip
from .record import Cable


def report_skips(skips: list[Skip], stream: TextIO | None = None) -> None:
    """One line per skipped input: file, and why."""
    stream = stream or sys.stderr  # looked up at call time, so a redirected stderr is honoured
    for s in skips:
        print(f"{s.source}: skipped: {s.reason}", file=stream)


def report_warnings(cables: list[Cable], stream: TextIO | None = None) -> None:
    """One line per input problem a cable was read despite (undecodable bytes, a truncated page, a bad ID)."""
    stream = stream or sys.stderr
    for c in cables:
        for w in c.warnings:
            if not w.startswith("annotation"):
                print(f"{c.source}: warning: {w}", file=stream)


def build_summary(summary: dict, pages: int, written: int, unchanged: int, removed: int, seconds: float,
                  stages: str, jobs: int) -> str:
    """The one line a build ends with."""
    return (f"{summary['cables']} cables ({summary['skipped']} inputs skipped, {summary['duplicates']} duplicates, "
            f"{summary['missing_cited']} cited but missing); {pages} pages: {written} written, {unchanged} "
            f"unchanged, {removed} removed; {seconds:.1f}s ({stages}; {jobs} process{'es' if jobs > 1 else ''})")


def error(message: str) -> None:
    """One line for a failure the user can act on (a read-only folder, a full disk): no traceback."""
    print(f"error: {message}", file=sys.stderr)
