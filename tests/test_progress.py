"""The progress display of long builds: counts, rate and time left on a terminal; silent under --quiet, in CI, and
when stderr is not a terminal."""
from __future__ import annotations

import io
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.progress import Progress, duration, wanted

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "cables"


class Tty(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class Clock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_shown_only_on_a_terminal_outside_ci_and_not_quiet():
    assert wanted(False, Tty(), {})
    assert not wanted(True, Tty(), {})
    assert not wanted(False, io.StringIO(), {})
    assert not wanted(False, Tty(), {"CI": "true"})
    assert wanted(False, Tty(), {"CI": "false"})


def test_line_counts_rate_and_time_left():
    out, clock = Tty(), Clock()
    p = Progress(True, out, clock)
    p.start("parsing", 1000, "cables")
    clock.now += 5  # the stage's setup (loading tables) is not its rate
    p.advance(10)
    assert p.line() == "parsing: 10/1,000 cables"
    clock.now += 2
    p.advance(240)
    assert p.line() == "parsing: 250/1,000 cables · 125/s · 6s left"
    assert out.getvalue().endswith("\rparsing: 250/1,000 cables · 125/s · 6s left")
    clock.now += 0.1  # too soon to redraw
    p.advance(10)
    assert "260" not in out.getvalue()
    p.start("writing pages", 9000, "pages", approx=True)  # an estimate: the listings' extra pages come on top
    clock.now += 1
    p.advance(1000)
    clock.now += 50
    p.advance(5000, "5,000 written")
    assert p.line() == "writing pages: 6,000/~9,000 pages · 5,000 written · 120/s · about 25s left"
    p.advance(3500)
    assert p.line() == "writing pages: 9,500/~9,000 pages · 5,000 written · 190/s"  # past the estimate: no guess
    p.start("listing", None, "pages")
    p.advance(10)
    clock.now += 10
    p.advance(40)
    assert p.line() == "listing: 50 pages · 5/s"
    p.clear()
    assert out.getvalue().endswith("\r" + " " * len(p.line()) + "\r")


def test_disabled_display_writes_nothing():
    out = Tty()
    p = Progress(False, out)
    p.start("reading", 10, "files")
    p.advance(5)
    p.clear()
    assert out.getvalue() == ""


def test_durations():
    assert [duration(s) for s in (0, 42.4, 185, 3720)] == ["0s", "42s", "3m05s", "1h02m"]


def _build_on_a_terminal(tmp_path: Path, *args: str, env: dict | None = None) -> str:
    """Run `build` with stderr on a pseudo-terminal; everything it wrote there."""
    src = tmp_path / "src"
    if not src.exists():
        shutil.copytree(EXAMPLES / "text", src)
    master, slave = pty.openpty()
    e = {k: v for k, v in os.environ.items() if k != "CI"}
    e.update(env or {})
    p = subprocess.Popen([sys.executable, "-m", "generator", "build", str(src), "--docs", str(tmp_path / "docs"),
                          *args], cwd=ROOT, env=e, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    assert p.wait(timeout=60) == 0
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(pty, "openpty"), reason="no pseudo-terminals here")
def test_build_shows_progress_on_a_terminal_only(tmp_path):
    shown = _build_on_a_terminal(tmp_path)
    assert "reading:" in shown and "parsing:" in shown and "entities:" in shown
    assert "writing pages:" in shown
    assert "4 cables" in shown.splitlines()[-1]  # the summary still ends the output, on a clean line
    for args, env in ((("--quiet",), None), ((), {"CI": "true"})):
        quiet = _build_on_a_terminal(tmp_path, *args, env=env)
        assert "\r" not in quiet.replace("\r\n", "\n") and "reading:" not in quiet, quiet
    piped = subprocess.run([sys.executable, "-m", "generator", "build", str(tmp_path / "src"), "--docs",
                            str(tmp_path / "docs")], cwd=ROOT, capture_output=True, text=True, timeout=60,
                           env={k: v for k, v in os.environ.items() if k != "CI"})
    assert piped.returncode == 0 and "\r" not in piped.stderr and "reading:" not in piped.stderr
