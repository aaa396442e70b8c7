"""A one-line progress display for long builds (cables read, pages written, time left), on stderr.

It shows only where someone is watching: never under `--quiet`, never when stderr is not a terminal (a log file,
a pipe, a test), never when CI=true. The line is redrawn in place at most a few times a second, so a fast build
pays nothing for it, and it is cleared when the build ends so the summary line stands alone.
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

REDRAW = 0.25  # seconds between redraws


def wanted(quiet: bool, stream: TextIO, environ: dict | None = None) -> bool:
    """True when a live display helps: not quiet, a terminal, and not in CI."""
    env = os.environ if environ is None else environ
    if quiet or str(env.get("CI", "")).lower() in ("true", "1", "yes"):
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


def duration(seconds: float) -> str:
    """`42s`, `3m05s`, `1h02m`: short enough for one line."""
    s = max(0, int(round(seconds)))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


class Progress:
    """Counts work done in named stages and redraws one status line; a no-op when not `enabled`."""

    def __init__(self, enabled: bool, stream: TextIO | None = None, clock: Callable[[], float] = time.monotonic):
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.clock = clock
        self.stage = ""
        self.unit = ""
        self.done = 0
        self.total: int | None = None
        self.started = self.last = 0.0
        self.width = 0
        self.extra = ""
        self.approx = False
        self.mark: tuple[float, int] | None = None  # (time, count) of the first unit done: the rate runs from it

    @classmethod
    def for_build(cls, quiet: bool, stream: TextIO | None = None) -> "Progress":
        """The display a build shows on stderr (or nothing, see `wanted`)."""
        stream = stream or sys.stderr
        return cls(wanted(quiet, stream), stream)

    def start(self, stage: str, total: int | None, unit: str, approx: bool = False) -> None:
        """Begin a stage of `total` units (None when not known in advance; `approx` when it is an estimate)."""
        self.stage, self.total, self.unit, self.done, self.extra = stage, total, unit, 0, ""
        self.approx, self.mark = approx, None
        self.started = self.clock()
        self.last = self.started - REDRAW
        self.draw()

    def advance(self, n: int = 1, extra: str = "") -> None:
        """`n` more units done; redraw if the last redraw is old enough."""
        if self.mark is None:
            self.mark = (self.clock(), self.done)  # what a stage does before its first unit is not its rate
        self.done += n
        if extra:
            self.extra = extra
        if self.enabled and self.clock() - self.last >= REDRAW:
            self.draw()

    def line(self) -> str:
        """The status line: stage, count, rate and time left when they are known."""
        since, before = self.mark or (self.clock(), self.done)
        elapsed = self.clock() - since
        count = f"{self.done:,}" + (f"/{'~' if self.approx else ''}{self.total:,}" if self.total is not None else "")
        parts = [f"{self.stage}: {count} {self.unit}"]
        if self.extra:
            parts.append(self.extra)
        if elapsed > 0.5 and self.done > before:
            rate = (self.done - before) / elapsed
            parts.append(f"{rate:,.0f}/s")
            if self.total and self.done < self.total:
                parts.append(f"{'about ' if self.approx else ''}{duration((self.total - self.done) / rate)} left")
        return " · ".join(parts)

    def draw(self) -> None:
        """Redraw the line in place (padded over what was there)."""
        if not self.enabled:
            return
        self.last = self.clock()
        text = self.line()
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def clear(self) -> None:
        """Erase the line, so what is printed next starts on a clean line."""
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
