"""A build that cannot be broken: stopped at any point (SIGINT, SIGTERM, SIGKILL) or run twice at once, the next
build's docs/ and site/ are byte for byte those of a clean build, and nothing is left behind.

The archive stopped is big enough for worker processes (bench/synth.py, more than build.PARALLEL_FROM cables);
the archive built after it is the small example, so any page the stopped build left would show. Kill points are
drawn from a seeded random generator over the time a whole build takes, so they fall in different stages.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import build as build_mod
from sitebuild import PY, ROOT, built, config_for, copy_handwritten, env, tree

sys.path.insert(0, str(ROOT / "bench"))
EXAMPLES = ROOT / "examples" / "cables"
BIG = build_mod.PARALLEL_FROM + 40


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """A synthetic archive that the build reads, parses and renders with workers."""
    import synth

    return synth.generate(BIG, tmp_path_factory.mktemp("big") / "src", seed=11)


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """docs/ and site/ of the example archive built in fresh folders (generator, mkdocs --strict, search; the
    build the run shares): what every later build must equal."""
    site = built("search-examples", [EXAMPLES], tmp_path_factory, search=True)
    return {"docs": tree(site.docs), "site": tree(site.site)}



def _commands(work: Path, sources: list[Path]) -> list[list[str]]:
    docs, site = work / "docs", work / "site"
    work.mkdir(parents=True, exist_ok=True)
    config = config_for(docs, site, work / "mkdocs.yml")
    return [[PY, "-m", "generator", "build", *map(str, sources), "--docs", str(docs), "--quiet"],
            [PY, "-m", "generator", "mkdocs", "--config", str(config), "--reuse", "--quiet"],  # as make site
            [PY, "-m", "generator", "search", str(site), "--docs", str(docs), "--quiet"]]


def _env(tmp: Path) -> dict[str, str]:
    tmp.mkdir(parents=True, exist_ok=True)
    return env({"TMPDIR": str(tmp), "CABLE_JOBS": "2"})


def _site(work: Path, sources: list[Path], tmp: Path) -> dict[str, dict[str, bytes]]:
    """Build docs/ and site/ (the three steps of `make site`) and return both trees."""
    (work / "docs").mkdir(parents=True, exist_ok=True)
    copy_handwritten(work / "docs")
    for cmd in _commands(work, sources):
        p = subprocess.run(cmd, cwd=ROOT, env=_env(tmp), capture_output=True, text=True, timeout=600)
        assert p.returncode == 0, p.stderr
    return {"docs": tree(work / "docs"), "site": tree(work / "site")}


def _stopped(cmd: list[str], tmp: Path, sig: int, after: float) -> tuple[int, str, float]:
    """Run a command in its own process group, send `sig` to the group after `after` seconds (as a terminal's
    Ctrl-C does), and wait: its exit status, stderr, and the seconds it took to end once signalled."""
    p = subprocess.Popen(cmd, cwd=ROOT, env=_env(tmp), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True, start_new_session=True)
    try:
        p.wait(timeout=after)
        return p.returncode, p.stderr.read(), 0.0  # it finished first: nothing to stop
    except subprocess.TimeoutExpired:
        pass
    t0 = time.monotonic()
    os.killpg(p.pid, sig)
    try:
        _out, err = p.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        raise AssertionError(f"{cmd[3]} did not end within 30 s of signal {sig}") from None
    return p.returncode, err, time.monotonic() - t0


def _group_gone(pid: int) -> bool:
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return True
    return False


def _stop_points(n: int, span: float, seed: int) -> list[float]:
    rnd = random.Random(seed)
    return sorted(round(rnd.uniform(0.3, span), 2) for _ in range(n))


@pytest.mark.slow
def test_stopped_anywhere_the_next_site_build_is_a_clean_one(big, clean, tmp_path):
    """Builds of the big archive stopped by each signal at random points, then `mkdocs` and `search` of the
    example stopped too: after each stopped build, a build of the example writes docs/ exactly as a clean build;
    at the end the whole site is the clean site's, byte for byte, and no scratch folder is left."""
    work, tmp = tmp_path / "work", tmp_path / "tmp"
    (work / "docs").mkdir(parents=True)
    copy_handwritten(work / "docs")
    build = _commands(work, [big])[0]
    small = _commands(work, [EXAMPLES])
    points = _stop_points(2, 6.0, seed=15)  # a build of the big archive takes about 10 s here
    for sig, after in zip((signal.SIGINT, signal.SIGKILL), points):
        code, err, took = _stopped(build, tmp, sig, after)
        if sig != signal.SIGKILL and code:  # stopped in time: one line, the conventional status, within seconds
            assert code == (130 if sig == signal.SIGINT else 143), err
            assert err.strip().count("\n") == 0 and "Traceback" not in err, err
            assert took < 10, took
        p = subprocess.run(small[0], cwd=ROOT, env=_env(tmp), capture_output=True, text=True, timeout=600)
        assert p.returncode == 0, p.stderr
        assert tree(work / "docs") == clean["docs"], f"after {signal.Signals(sig).name} at {after}s"
    for cmd, sig in ((small[1], signal.SIGINT), (small[1], signal.SIGKILL), (small[2], signal.SIGKILL)):
        _stopped(cmd, tmp, sig, random.Random(str(cmd) + str(sig)).uniform(0.5, 2.5))
    assert _site(work, [EXAMPLES], tmp) == clean
    assert not list(tmp.glob(build_mod.SPILL_PREFIX + "*"))


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_ctrl_c_in_a_parallel_build_stops_every_worker(big, tmp_path, sig):
    """Workers ignore SIGINT (the terminal sends it to the whole group); the main process stops them. SIGTERM
    (sent to the group by a process manager) stops the build the same way."""
    work, tmp = tmp_path / "work", tmp_path / "tmp"
    cmd = _commands(work, [big])[0]
    p = subprocess.Popen(cmd, cwd=ROOT, env=_env(tmp), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while not list(tmp.glob(build_mod.SPILL_PREFIX + "*/*-raw.pickle")) and time.monotonic() < deadline:
        time.sleep(0.05)  # until the workers are reading
    os.killpg(p.pid, sig)
    _out, err = p.communicate(timeout=30)
    assert p.returncode == (130 if sig == signal.SIGINT else 143), err
    assert err.count("\n") == 1 and ("interrupted" in err or "terminated" in err) and "Traceback" not in err
    time.sleep(0.5)
    assert _group_gone(p.pid), "a worker outlived the build"
    assert not list(tmp.glob(build_mod.SPILL_PREFIX + "*"))


@pytest.mark.slow
def test_two_builds_at_once_wait_for_each_other_and_give_a_clean_build(big, clean, tmp_path):
    work, tmp = tmp_path / "work", tmp_path / "tmp"
    (work / "docs").mkdir(parents=True)
    copy_handwritten(work / "docs")
    first = subprocess.Popen(_commands(work, [big])[0], cwd=ROOT, env=_env(tmp), stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(tmp.glob(build_mod.SPILL_PREFIX + "*")) and time.monotonic() < deadline:
        time.sleep(0.05)  # the first holds the lock once its scratch folder exists
    second = subprocess.run(_commands(work, [EXAMPLES])[0], cwd=ROOT, env=_env(tmp), capture_output=True,
                            text=True, timeout=600)
    first.communicate(timeout=600)
    assert first.returncode == 0 and second.returncode == 0
    assert "another build is using this folder; waiting" in second.stderr
    assert tree(work / "docs") == clean["docs"]  # the second ran after the first, not beside it


def test_a_killed_build_leaves_a_scratch_folder_that_the_next_build_removes(tmp_path):
    dead = tmp_path / f"{build_mod.SPILL_PREFIX}999999999-x"
    dead.mkdir()
    (dead / "0-raw.pickle").write_bytes(b"text of cables")
    alive = tmp_path / f"{build_mod.SPILL_PREFIX}{os.getpid()}-y"
    alive.mkdir()
    assert build_mod.sweep_spills(str(tmp_path)) == [dead]
    assert not dead.exists() and alive.exists()


def _writetree(folder: Path, tree: dict[str, bytes]) -> None:
    for rel, data in tree.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)


@pytest.mark.slow
def test_search_refuses_a_site_that_mkdocs_did_not_finish(clean, tmp_path):
    work, tmp = tmp_path / "work", tmp_path / "tmp"
    for name in ("docs", "site"):  # the clean build's docs/ and site/, byte for byte (not built a second time)
        _writetree(work / name, clean[name])
    (work / "site" / "cable" / "08STATE19406.html").unlink()  # as a stopped mkdocs leaves it
    p = subprocess.run(_commands(work, [EXAMPLES])[2], cwd=ROOT, env=_env(tmp), capture_output=True, text=True)
    assert p.returncode == 2 and "an unfinished site" in p.stderr and "cable/08STATE19406.html" in p.stderr
    assert "Traceback" not in p.stderr


@pytest.mark.slow
def test_a_worker_killed_mid_task_ends_the_build_with_one_line(big, tmp_path):
    """A worker that dies (the OOM killer, a stray SIGKILL) only closes its own pipe: no lock is left held, the
    build stops at once with one line and a non-zero status, the other workers and the scratch folder go."""
    work, tmp = tmp_path / "work", tmp_path / "tmp"
    p = subprocess.Popen(_commands(work, [big])[0], cwd=ROOT, env=_env(tmp), stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, start_new_session=True)
    children: list[int] = []
    deadline = time.monotonic() + 60
    while not children and time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            children = [int(c) for c in Path(f"/proc/{p.pid}/task/{p.pid}/children").read_text().split()]
        except OSError:
            break
    if not children:
        p.kill()
        pytest.skip("no worker seen (no /proc here, or the build ended first)")
    os.kill(children[0], signal.SIGKILL)
    _out, err = p.communicate(timeout=30)
    assert p.returncode in (0, 1), err  # 0: the worker had just finished its share
    if p.returncode:
        assert err.count("\n") == 1 and "a worker process ended without its result" in err, err
    time.sleep(0.5)
    assert _group_gone(p.pid) and not list(tmp.glob(build_mod.SPILL_PREFIX + "*"))


@pytest.mark.slow
def test_a_stopped_mkdocs_that_reuses_pages_leaves_no_page_of_the_previous_site(tmp_path):
    """`make site` renders only changed pages (`mkdocs --reuse`): stopped halfway after the archive changed, the
    next build must not keep a page of the previous site on the word of a state file."""
    versions = ROOT / "tests" / "fixtures" / "versions"
    clean = _site(tmp_path / "clean", [EXAMPLES, versions], tmp_path / "tmp")
    work, tmp = tmp_path / "work", tmp_path / "tmp"
    _site(work, [EXAMPLES], tmp)  # a whole site, and the reuse state that says what each page was made from
    build, mkdocs, _search = _commands(work, [EXAMPLES, versions])
    assert subprocess.run(build, cwd=ROOT, env=_env(tmp), capture_output=True, timeout=600).returncode == 0
    for after in (0.4, 1.2):
        _stopped(mkdocs, tmp, signal.SIGKILL, after)
    assert _site(work, [EXAMPLES, versions], tmp) == clean


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_stopped_as_it_starts_the_build_ends_with_one_line_never_a_traceback(tmp_path, sig):
    """Ctrl-C while Python still loads the program or reads the arguments (a loaded machine took 0.4 s to get
    there, and the build printed a KeyboardInterrupt traceback): one line and the conventional status. Before the
    program is loaded, Python ends as it does for any program: silent, by the signal, or with a traceback of its
    own start-up (site-packages), never through the generator's code."""
    build = _commands(tmp_path / "work", [EXAMPLES])[0]
    for after in (0.02, 0.05, 0.08, 0.15, 0.25, 0.4):
        code, err, _took = _stopped(build, tmp_path / "tmp", sig, after)
        if "Traceback" in err:
            assert "/generator/" not in err, (after, err)
        elif code == -sig:
            assert err == "", (after, err)
        elif code:
            assert code == (130 if sig == signal.SIGINT else 143), (after, code, err)
            assert err.strip().count("\n") == 0, (after, err)
