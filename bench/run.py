"""`make bench`: the whole build of the real cables (../shared/corpus + ../shared/corpus-2010, when present), stage
by stage; the same at 1,000 and 5,000 synthetic cables calibrated to the real ones (20,000 and 50,000 with --big),
checked against the real run side by side; and what it means for the full release (251,287 cables).

The real archive: `python -m generator build` (stages timed by the build, memory sampled), `generator mkdocs` (in
parts, as `make site` cuts them), the search index alone, then `make site`'s own step (generator/site.py: MkDocs
with the search index written alongside, reusing what it can), then a rebuild of the unchanged archive as `make
site` does it (the generator skipped, every page but the navigation's kept), and, with --real-add K, K cables held
back and added. Skipped (with a line saying so) when the real cables are not there.

The synthetic archives follow bench/calibration.json (fitted on the real cables by bench/calibrate.py, committed;
`--calibrate` fits it again). At the real archive's size the calibrated archive is built too, and pages per cable
by kind and CPU ms per cable by stage are printed beside the real run's (within 20% counts as matching).

For each size: bench/synth.py writes the archive; then `python -m generator build` runs in a fresh process
(its stages, read+parse, entities, resolve and render+write Markdown, timed by the build itself with --timings;
the memory of the process and its workers sampled, so each stage gets its own peak), then `mkdocs build
--strict`, and the search index (`python -m generator search`). In the same run a bare MkDocs site
(the same theme and Markdown settings, no plugins, no hooks) of the same number of plain pages of the same mean
size is built, and the whole build is divided by it. At the smallest size, 100 more cables are added and the
generator re-run, to count the pages an incremental build rewrites.

Timing on a machine shared with other work is noisy: the table gives wall-clock seconds and CPU seconds (this
process and its workers), and the header says how many cores were actually free when the run started.

    .venv/bin/python bench/run.py [--sizes 1000 5000 20000] [--big] [--jobs N] [--shards K] [--add 100]
                                  [--real PATH ... | --no-real] [--real-add K] [--calibrate]
                                  [--out bench/out/run] [--json FILE]
    make bench                                              # real archive, 1,000 and 5,000 calibrated
    make bench BENCH_ARGS="--sizes 1000 5000 50000 --shards 0"  # with the 50,000 size (about an hour on 2 cores)
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import yaml  # noqa: E402  (installed with MkDocs)

from generator.site import PAGES_PER_PART, default_parts  # noqa: E402

RELEASE = 251_287  # cables in the 2010 release
REAL = [ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "corpus-2010"]  # real WikiLeaks pages
CALIBRATION = ROOT / "bench" / "calibration.json"
MATCH = 0.20  # synthetic within 20% of real counts as matching
TARGET_REAL_RATE = 60  # cables per second, whole build of the real archive, 2 cores
TARGET_REBUILD = 0.10  # an unchanged rebuild, share of the whole build
SIZES = [1000, 5000]  # the default: about 5 minutes on 2 cores; with 20,000, about 18 (see README)
BIG = [20000, 50000]
GEN_STAGES = ["read+parse", "entities", "resolve", "render+write"]
PARALLEL_MKDOCS = "mkdocs in parts"  # the site built by several MkDocs processes (`python -m generator mkdocs`)
TARGET_RATE = 1000  # cables per second, generator, both cores
TARGET_RATIO = 1.3  # whole build / bare MkDocs
TARGET_MEM_20K = 3 * 1024  # MB
TARGET_RELEASE_MIN = 30
TARGET_RELEASE_MB = 12 * 1024
PY = sys.executable


# ---------------------------------------------------------------- memory of a process tree

def _descendants(root: int) -> list[int]:
    """Processes below `root` (from /proc: parent of each process)."""
    parent: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            parent[int(d.name)] = int(stat[stat.rfind(")") + 2:].split()[1])
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        kids = [p for p, pp in parent.items() if pp == pid]
        out += kids
        todo += kids
    return out


def tree_pss_mb(root: int) -> float:
    """Memory of a process and its workers, shared pages counted once (sum of proportional set sizes)."""
    kb = 0
    for pid in [root, *_descendants(root)]:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    kb += int(line.split()[1])
                    break
        except OSError:
            continue
    return kb / 1024


class Sampler(threading.Thread):
    """Samples the memory of a process and its workers while it runs; keeps the peak and the samples (clock
    time, MB), so that the peak of each stage of a build can be read off its stage times."""

    def __init__(self, pid: int | None = None, interval: float = 0.5):
        super().__init__(daemon=True)
        self.pid = pid or os.getpid()
        self.interval, self.peak, self.stopped = interval, 0.0, threading.Event()
        self.samples: list[tuple[float, float]] = []

    def run(self) -> None:
        while not self.stopped.is_set():
            mb = tree_pss_mb(self.pid)
            self.samples.append((time.time(), mb))
            self.peak = max(self.peak, mb)
            self.stopped.wait(self.interval)

    def stop(self) -> float:
        self.stopped.set()
        self.join()
        return self.peak


# ---------------------------------------------------------------- running and measuring processes

def run(cmd: list[str], log: Path, env: dict | None = None, interval: float = 0.5) -> dict:
    """Run a command to the end: its wall time, CPU time, and peak memory (the largest of its processes, and
    all of them together, sampled, shared pages counted once)."""
    e = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0", **(env or {}))
    with open(log, "w") as out:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=ROOT, env=e, stdout=out, stderr=subprocess.STDOUT)
        sampler = Sampler(p.pid, interval)
        sampler.start()
        _pid, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        tree = sampler.stop()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}); log {log}:\n{tail}")
    largest = usage.ru_maxrss / 1024
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "largest_mb": largest,
            "peak_mb": max(largest, tree), "samples": sampler.samples}


def generator_build(src: Path | list[Path], docs: Path, work: Path, jobs: int) -> tuple[dict, dict]:
    """`python -m generator build` in a fresh process: the whole run, and each stage (time from the build's
    own --timings, peak memory from the samples taken while the stage ran)."""
    timings = work / "timings.json"
    srcs = [str(x) for x in (src if isinstance(src, list) else [src])]
    r = run([PY, "-m", "generator", "build", *srcs, "--docs", str(docs), "--timings", str(timings)],
            work / "build.log", {"CABLE_JOBS": str(jobs)}, interval=0.1)
    stages = {}
    for name, st in json.loads(timings.read_text())["stages"].items():
        during = [mb for ts, mb in r["samples"] if st["start"] <= ts <= st["end"]]
        if not during:  # a stage shorter than the sampling interval: the first sample after it
            during = [mb for ts, mb in r["samples"] if ts >= st["end"]][:1]
        stages[name] = {"wall": st["wall"], "cpu": st["cpu"], "peak_mb": max(during, default=0.0)}
    r.pop("samples")
    return r, stages


# ---------------------------------------------------------------- sites

def handwritten(docs: Path) -> None:
    """The hand-written pages and assets of docs/ (about page, stylesheet, search box) beside the generated ones."""
    from generator import urls

    src = ROOT / "docs"
    for f in sorted(src.rglob("*")):
        rel = f.relative_to(src).as_posix()
        if f.is_file() and not urls.is_generated(rel) and not urls.is_build_state(rel):
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, docs / rel)


def site_config(docs: Path, site: Path, out: Path, bare: bool = False) -> Path:
    """mkdocs.yml with folders pointing here; `bare`: the same theme (without our overrides) and Markdown, no
    plugins, hooks, nav extras."""
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["docs_dir"], cfg["site_dir"] = str(docs), str(site)
    if cfg.get("theme", {}).get("custom_dir"):
        cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
    if bare:
        cfg["theme"].pop("custom_dir", None)  # Material as it comes (our templates need our hooks)
        for key in ("hooks", "extra_css", "extra_javascript"):
            cfg.pop(key, None)
        cfg["plugins"] = []
        cfg["nav"] = [{"Home": "index.md"}]
        cfg["not_in_nav"] = "/p/\n"
    else:
        cfg["hooks"] = [str(ROOT / h) for h in cfg.get("hooks", [])]
    out.write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    return out


def bare_pages(docs: Path, count: int, size: int, seed: int = 7) -> None:
    """`count` plain Markdown pages (title, headings, paragraphs of ordinary words) of about `size` bytes each."""
    rng = random.Random(seed)
    words = ("the of and to in a that for on is was with said as by at minister government embassy officials "
             "meeting would also which not be has from this it have are will an told their its more security "
             "talks region party election foreign policy economic support president national new").split()
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Bare site\n\nPlain pages, for comparison.\n", encoding="utf-8")
    folder = docs / "p"
    folder.mkdir(exist_ok=True)
    sentences = [" ".join(rng.choice(words) for _ in range(rng.randint(8, 24))).capitalize() + "." for _ in range(400)]
    for i in range(count - 1):
        parts = [f"# Page {i}\n"]
        n = len(parts[0])
        k = 0
        while n < size:
            para = " ".join(rng.choice(sentences) for _ in range(5))
            if k % 6 == 5:
                para = f"## Section {k // 6}\n\n{para}"
            parts.append(para)
            n += len(para) + 2
            k += 1
        (folder / f"{i:06d}.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")


def md_pages(docs: Path) -> tuple[int, int]:
    """Markdown pages under docs and their total bytes."""
    files = [f for f in docs.rglob("*.md")]
    return len(files), sum(f.stat().st_size for f in files)


def tree_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


# ---------------------------------------------------------------- one size

def archive(n: int, out: Path, seed: int = 1) -> Path:
    """The calibrated synthetic archive of n cables (kept between runs; remade when bench/synth.py or the
    calibration changes). Made in a child process: Linux carries a process's peak memory over into the children
    it starts, so this process stays small for the figures of the others to be their own."""
    synth = ROOT / "bench" / "synth.py"
    src = out / f"src-{n}-{seed}"
    stamp = f"{n} {seed} {synth.stat().st_mtime} {CALIBRATION.stat().st_mtime}"
    mark = out / f"src-{n}-{seed}.complete"
    if mark.is_file() and mark.read_text() == stamp:
        return src
    shutil.rmtree(src, ignore_errors=True)
    mark.unlink(missing_ok=True)
    subprocess.run([PY, str(synth), str(n), str(src), "--seed", str(seed), "--calibrated"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    mark.write_text(stamp)
    return src


def differ(a: Path, b: Path) -> list[str]:
    """Files that are not the same bytes in two folders (or in one only)."""
    fa = {f.relative_to(a).as_posix() for f in a.rglob("*") if f.is_file()}
    fb = {f.relative_to(b).as_posix() for f in b.rglob("*") if f.is_file()}
    out = sorted(fa ^ fb)
    out += sorted(p for p in fa & fb if (a / p).read_bytes() != (b / p).read_bytes())
    return out


def measure(n: int, out: Path, jobs: int, shards: int, log, split: bool = False) -> dict:
    """Every stage at one size (`split`: MkDocs in parts a second time, in twice as many parts, so that the
    memory of a part can be told apart from the memory of the whole site every part sees)."""
    t0 = time.perf_counter()
    src = archive(n, out)
    log(f"  {n:,} cables: archive ready ({time.perf_counter() - t0:.0f}s, {tree_mb(src):.0f} MB of input)")
    work = out / f"work-{n}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    docs, site = work / "docs", work / "site"
    docs.mkdir()
    handwritten(docs)
    res: dict = {"n": n, "stages": {}}
    res["generator"], stages = generator_build(src, docs, work, jobs)
    res["stages"].update(stages)
    line = (work / "build.log").read_text().strip().splitlines()[-1]
    res["cables"] = int(line.split()[0])
    res["pages"] = int(re.search(r"\); (\d+) pages:", line).group(1))
    log(f"  {n:,} cables: generator {res['generator']['wall']:.1f}s ("
        + ", ".join(f"{k} {v['wall']:.1f}s" for k, v in stages.items()) + ")")
    pages, size = md_pages(docs)
    res["md_pages"], res["md_mb"] = pages, size / 1e6
    cfg = site_config(docs, site, work / "mkdocs.yml")
    r = run([PY, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(cfg)], work / "mkdocs.log")
    res["stages"]["mkdocs build"] = r
    log(f"  {n:,} cables: mkdocs build {r['wall']:.1f}s ({pages:,} pages)")
    if shards != 1:
        parts = work / "site-parts"
        cut = ["--parts", str(shards)] if shards else []
        r = run([PY, "-m", "generator", "mkdocs", "--config", str(cfg), "--site-dir", str(parts), "--jobs",
                 str(jobs), "--quiet", *cut], work / "mkdocs-parts.log")
        r["differ"] = differ(site, parts)
        r["parts"] = shards or default_parts(pages, jobs)
        res["stages"][PARALLEL_MKDOCS] = r
        log(f"  {n:,} cables: mkdocs in parts ({r['parts']}), {jobs} at a time {r['wall']:.1f}s; "
            + ("the same site byte for byte" if not r["differ"] else f"{len(r['differ'])} files DIFFER, e.g. "
               f"{r['differ'][:3]}"))
        shutil.rmtree(parts, ignore_errors=True)
        if split and r["parts"] >= jobs:
            k = 2 * r["parts"]
            r2 = run([PY, "-m", "generator", "mkdocs", "--config", str(cfg), "--site-dir", str(parts), "--jobs",
                      str(jobs), "--quiet", "--parts", str(k)], work / "mkdocs-parts-split.log")
            r["split"] = {"parts": k, "peak_mb": r2["peak_mb"], "wall": r2["wall"]}
            log(f"  {n:,} cables: mkdocs in {k} parts (for the memory model), peak {r2['peak_mb']:,.0f} MB "
                f"against {r['peak_mb']:,.0f} MB in {r['parts']}")
            shutil.rmtree(parts, ignore_errors=True)
    r = run([PY, "-m", "generator", "search", str(site), "--docs", str(docs), "--quiet"], work / "search.log")
    res["stages"]["search index"] = r
    res["site_mb"] = tree_mb(site)
    log(f"  {n:,} cables: search index {r['wall']:.1f}s")
    bare_docs, bare_site = work / "bare-docs", work / "bare-site"
    bare_pages(bare_docs, pages, size // max(pages, 1))
    cfg = site_config(bare_docs, bare_site, work / "bare.yml", bare=True)
    res["bare"] = run([PY, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(cfg)], work / "bare.log")
    log(f"  {n:,} cables: bare mkdocs {res['bare']['wall']:.1f}s")
    shutil.rmtree(bare_docs, ignore_errors=True)
    shutil.rmtree(bare_site, ignore_errors=True)
    return res


def incremental(n: int, add: int, out: Path, jobs: int, log) -> dict:
    """Build n cables, add `add` more, build again, and a third time unchanged: pages written each time."""
    src = archive(n + add, out, seed=2)
    work = out / f"incremental-{n}"
    shutil.rmtree(work, ignore_errors=True)
    held, copy = work / "held-back", work / "src"
    shutil.copytree(src, copy)
    files = sorted(f for f in copy.rglob("*") if f.suffix in (".html", ".txt"))
    moved = []
    for f in random.Random(3).sample(files, add):
        dest = held / f.relative_to(copy)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(f, dest)
        moved.append((dest, f))
    docs = work / "docs"
    cmd = [PY, "-m", "generator", "build", str(copy), "--docs", str(docs)]
    first = run(cmd, work / "first.log", {"CABLE_JOBS": str(jobs)})
    for dest, f in moved:
        shutil.move(dest, f)
    second = run(cmd, work / "second.log", {"CABLE_JOBS": str(jobs)})
    third = run(cmd, work / "third.log", {"CABLE_JOBS": str(jobs)})
    res = {"n": n, "added": add}
    for name, r in (("first", first), ("second", second), ("third", third)):
        line = (work / f"{name}.log").read_text().strip().splitlines()[-1]
        res[name] = {"wall": r["wall"], "line": line}
    log(f"  incremental: {res['second']['line']}")
    return res


# ---------------------------------------------------------------- the real archive, and the synthetic beside it

def kinds(docs: Path) -> dict[str, int]:
    """Markdown pages by kind: the archive's cables (those with a record), cited cables not in it, names, tags,
    origins, dates, classifications, and the rest (listings, report)."""
    folder = docs / "cable"
    cable_md = sum(1 for _ in folder.glob("*.md")) if folder.is_dir() else 0
    archive = sum(1 for _ in folder.glob("*.json")) if folder.is_dir() else 0
    out = {"cable": archive, "missing cable": cable_md - archive}
    for k in ("entity", "tag", "origin", "date", "classification"):
        out[k] = sum(1 for _ in (docs / k).rglob("*.md")) if (docs / k).is_dir() else 0
    out["other"] = sum(1 for _ in docs.rglob("*.md")) - sum(out.values())
    return out


def whole_run(src: list[Path], work: Path, jobs: int, log, label: str) -> dict:
    """The generator, `generator mkdocs` (in parts, as `make site` cuts them) and the search index alone, in
    fresh processes: time, CPU and peak memory of each stage, pages by kind."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    docs, site = work / "docs", work / "site"
    docs.mkdir()
    handwritten(docs)
    res: dict = {"stages": {}, "sources": [str(x) for x in src]}
    res["generator"], stages = generator_build(src, docs, work, jobs)
    res["stages"].update(stages)
    line = (work / "build.log").read_text().strip().splitlines()[-1]
    res["cables"], res["line"] = int(line.split()[0]), line
    res["kinds"] = kinds(docs)
    res["md_pages"] = sum(res["kinds"].values())
    log(f"  {label}: {res['cables']:,} cables, generator {res['generator']['wall']:.1f}s, "
        f"{res['md_pages']:,} pages")
    cfg = site_config(docs, site, work / "mkdocs.yml")
    res["stages"]["mkdocs in parts"] = run([PY, "-m", "generator", "mkdocs", "--config", str(cfg), "--jobs",
                                            str(jobs), "--quiet"], work / "mkdocs-parts.log")
    res["stages"]["search index"] = run([PY, "-m", "generator", "search", str(site), "--docs", str(docs),
                                         "--quiet"], work / "search.log")
    log(f"  {label}: mkdocs in parts {res['stages']['mkdocs in parts']['wall']:.1f}s, search index "
        f"{res['stages']['search index']['wall']:.1f}s")
    res["site_mb"] = tree_mb(site)
    for st in res["stages"].values():
        st.pop("samples", None)
    return res


def site_step(docs: Path, site: Path, work: Path, jobs: int, name: str) -> tuple[dict, str]:
    """`make site`'s MkDocs step (generator/site.py --reuse --search): its run and what it said."""
    cfg = work / "mkdocs-reuse.yml"
    if not cfg.is_file():
        site_config(docs, site, cfg)
    r = run([PY, "-m", "generator.site", "--config", str(cfg), "--jobs", str(jobs), "--reuse", "--search"],
            work / f"{name}.log")
    r.pop("samples", None)
    return r, (work / f"{name}.log").read_text().strip()


def measure_real(paths: list[Path], out: Path, jobs: int, log, add: int = 0) -> dict | None:
    """The real archive, built as `make site` builds it, then rebuilt unchanged (and with `add` cables added)."""
    missing = [p for p in paths if not p.is_dir()]
    if missing:
        log(f"  real archive: {', '.join(map(str, missing))} not here: skipped")
        return None
    work = out / "real"
    res = whole_run(paths, work, jobs, log, "real archive")
    docs, site2 = work / "docs", work / "site-make"
    r, said = site_step(docs, site2, work, jobs, "make-site")
    res["stages"]["mkdocs + search, overlapped"] = r
    res["same_site"] = differ(work / "site", site2)
    log(f"  real archive: make site's step (MkDocs with the search index alongside) {r['wall']:.1f}s; "
        + ("the same site byte for byte" if not res["same_site"] else f"{len(res['same_site'])} files DIFFER"))
    srcs = [str(p) for p in paths]
    run([PY, "-m", "generator.site", "inputs", "--docs", str(docs), "--save", *srcs], work / "inputs.log")
    check = run([PY, "-m", "generator.site", "inputs", "--docs", str(docs), "--check", *srcs], work / "check.log")
    again, said = site_step(docs, site2, work, jobs, "rebuild")
    res["rebuild"] = {"check": check["wall"], "site": again["wall"], "cpu": check["cpu"] + again["cpu"],
                      "said": said}
    log(f"  real archive: unchanged rebuild {check['wall'] + again['wall']:.1f}s ({said.splitlines()[0]})")
    if add:
        res["added"] = real_added(paths, add, out, jobs, log)
    return res


def real_added(paths: list[Path], add: int, out: Path, jobs: int, log) -> dict:
    """`add` real cables held back, the site built, then added and built again as `make site` does: what the
    generator wrote and what MkDocs rendered again, and the time of each step."""
    work = out / "real-add"
    shutil.rmtree(work, ignore_errors=True)
    src, held = work / "src", work / "held"
    for p in paths:
        shutil.copytree(p, src / p.name)
    files = sorted(f for f in src.rglob("*") if f.suffix in (".html", ".txt") and f.name != "MANIFEST.tsv")
    moved = []
    for f in random.Random(3).sample(files, min(add, len(files))):
        dest = held / f.relative_to(src)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(f, dest)
        moved.append((dest, f))
    docs, site = work / "docs", work / "site"
    docs.mkdir(parents=True)
    handwritten(docs)
    gen = [PY, "-m", "generator", "build", str(src), "--docs", str(docs)]
    first = run(gen, work / "first.log", {"CABLE_JOBS": str(jobs)})
    site_step(docs, site, work, jobs, "first-site")
    for dest, f in moved:
        shutil.move(dest, f)
    second = run(gen, work / "second.log", {"CABLE_JOBS": str(jobs)})
    step, said = site_step(docs, site, work, jobs, "second-site")
    res = {"added": len(moved), "generator": second["wall"], "generator_first": first["wall"],
           "site": step["wall"], "gen_line": (work / "second.log").read_text().strip().splitlines()[-1],
           "said": said}
    log(f"  real archive, {len(moved)} cables added: generator {second['wall']:.1f}s, MkDocs step "
        f"{step['wall']:.1f}s ({said.splitlines()[0]})")
    shutil.rmtree(src, ignore_errors=True)
    return res


def per_cable(r: dict) -> dict[str, float]:
    """CPU ms per cable of each stage."""
    return {k: 1000 * v["cpu"] / r["cables"] for k, v in r["stages"].items()
            if k in (*GEN_STAGES, "mkdocs in parts", "search index")}


def side_by_side(real: dict, syn: dict, log) -> bool:
    """Pages per cable by kind and CPU ms per cable by stage, real against the calibrated synthetic archive of
    the same size; True when every figure that matters is within MATCH."""
    log(f"Real ({real['cables']:,} cables) against the calibrated synthetic archive ({syn['cables']:,} cables), "
        f"side by side:")
    log(f"  {'':<28} {'real':>8} {'synthetic':>10} {'synth/real':>10}")
    ok = True

    def line(name: str, a: float, b: float, counts: bool = True) -> None:
        nonlocal ok
        ratio = b / a if a else float("inf") if b else 1.0
        inside = abs(ratio - 1) <= MATCH
        ok &= inside or not counts
        log(f"  {name:<28} {a:>8.2f} {b:>10.2f} {ratio:>10.2f} {'' if inside else '<- off by more than 20%'}")

    for k in real["kinds"]:
        big = real["kinds"][k] / real["cables"] >= 0.1  # a kind of a tenth of a page a cable or more counts
        line(f"{k} pages / cable", real["kinds"][k] / real["cables"], syn["kinds"][k] / syn["cables"], big)
    line("all pages / cable", real["md_pages"] / real["cables"], syn["md_pages"] / syn["cables"])
    a, b = per_cable(real), per_cable(syn)
    for k in a:
        line(f"{k} CPU ms / cable", a[k], b[k])
    line("total CPU ms / cable", sum(a.values()), sum(b.values()))
    log(f"  -> {'within' if ok else 'NOT within'} 20% (kinds under a tenth of a page a cable shown, not counted)")
    log("")
    return ok


def real_table(real: dict, mach: dict, log) -> None:
    """The real archive's stage table, pages by kind, the unchanged rebuild."""
    n = real["cables"]
    log(f"Real archive: {n:,} cables from {', '.join(real['sources'])}")
    head = f"  {'stage':<30} {'wall s':>7} {'CPU s':>7} {'CPU ms/cable':>12} {'peak MB':>8}"
    log(head)
    log("  " + "-" * (len(head) - 2))
    st = real["stages"]
    for k, v in st.items():
        log(f"  {k:<30} {v['wall']:>7.1f} {v['cpu']:>7.1f} {1000 * v['cpu'] / n:>12.2f} {v['peak_mb']:>8.0f}")
    g = real["generator"]
    log(f"  {'= generator (whole process)':<30} {g['wall']:>7.1f} {g['cpu']:>7.1f} {1000 * g['cpu'] / n:>12.2f} "
        f"{g['peak_mb']:>8.0f}")
    for label, parts in (("= whole, as before", ["mkdocs in parts", "search index"]),
                         ("= whole, make site now", ["mkdocs + search, overlapped"])):
        wall = g["wall"] + sum(st[p]["wall"] for p in parts)
        cpu = g["cpu"] + sum(st[p]["cpu"] for p in parts)
        peak = max([g["peak_mb"]] + [st[p]["peak_mb"] for p in parts])
        log(f"  {label:<30} {wall:>7.1f} {cpu:>7.1f} {1000 * cpu / n:>12.2f} {peak:>8.0f}   "
            f"{n / wall:.1f} cables/s")
    real["whole"] = g["wall"] + st["mkdocs + search, overlapped"]["wall"]
    log("  pages: " + ", ".join(f"{k} {v:,} ({v / n:.2f} a cable)" for k, v in real["kinds"].items())
        + f"; {real['md_pages']:,} in all ({real['md_pages'] / n:.2f} a cable), site {real['site_mb']:.0f} MB")
    rb = real["rebuild"]
    log(f"  unchanged rebuild (make site again): {rb['check'] + rb['site']:.1f}s = "
        f"{(rb['check'] + rb['site']) / real['whole']:.0%} of the whole build "
        f"(inputs check {rb['check']:.1f}s, MkDocs step {rb['site']:.1f}s: {' / '.join(rb['said'].splitlines())})")
    if real.get("added"):
        a = real["added"]
        mk = st["mkdocs + search, overlapped"]["wall"]
        log(f"  {a['added']} cables added: generator {a['generator']:.1f}s (it reads every cable again, parses "
            f"only the new ones and those whose year the archive gives, and runs the archive-wide entity pass and "
            f"rendering again; "
            f"{a['gen_line'].split(';')[1].strip()}), MkDocs step {a['site']:.1f}s = {a['site'] / mk:.0%} of a "
            f"full MkDocs step ({a['said'].splitlines()[0]})")
    log(f"  machine load while it ran: {mach['load'][0]:.1f} at the start, {real.get('load_end', 0):.1f} at the end")
    log("")


def project(real: dict, results: list[dict], mach: dict, log) -> dict:
    """The full release from the real run: each stage's CPU per cable at the real size, times how the calibrated
    synthetic archive's CPU per cable grows from that size to 251,287 cables (a * N^b fitted over the synthetic
    sizes, b at least 1); 'idle' time on this machine's cores (MkDocs in parts and the parallel stages on every
    core); pages from the calibrated growth of names (Heaps' law fitted on the real cables)."""
    model = json.loads(CALIBRATION.read_text(encoding="utf-8"))
    n = real["cables"]
    cores = mach["usable"]
    ns = [r["cables"] for r in results]
    out: dict = {}
    log(f"Full release projected from the real run ({n:,} cables) with the calibrated model "
        f"(growth from the synthetic sizes {', '.join(f'{x:,}' for x in ns)}):")
    total = 0.0
    for k, ms in per_cable(real).items():
        if len(ns) >= 2 and all(k in r["stages"] for r in results):
            _a, b = fit(ns, [r["stages"][k]["cpu"] for r in results])
        else:
            b = 1.0
        b = max(b, 1.0)
        grow = (RELEASE / n) ** (b - 1)
        cpu = ms / 1000 * RELEASE * grow
        par = k in PARALLEL or k == "mkdocs in parts"
        idle = cpu / (cores if par else 1)
        out[k] = idle
        total += idle
        log(f"  {k:<20} {ms:7.2f} ms/cable now, b = {b:.2f} -> {ms * grow:7.2f} ms/cable, {cpu / 60:6.1f} CPU min, "
            f"{idle / 60:6.1f} min idle ({'all cores' if par else 'one core'})")
    k2, b2 = model["heaps_paged_names"]
    entity_now, entity_then = real["kinds"]["entity"] / n, k2 * RELEASE ** b2 / RELEASE
    other = (real["md_pages"] - real["kinds"]["entity"]) / n
    pages = RELEASE * (other + entity_then)
    log(f"  pages: names in 2 cables or more grow as {k2:.2f} * N^{b2:.2f} (real cables): {entity_then:.2f} name "
        f"pages a cable at the full release against {entity_now:.2f} now; about {pages:,.0f} pages in all")
    mem = None
    if len(results) >= 2:  # the stages `make site` runs, each on the line through the two largest sizes
        big, prev = results[-1], results[-2]
        peaks = {k: (big["stages"][k]["peak_mb"], prev["stages"][k]["peak_mb"]) for k in
                 (*GEN_STAGES, "search index") if k in big["stages"] and k in prev["stages"]}
        mem = max(b + max(0.0, (b - a) / (big["cables"] - prev["cables"])) * (RELEASE - big["cables"])
                  for b, a in peaks.values())
        parts = parts_memory(big, pages, cores, lambda _m: None)  # MkDocs in parts: its own model (above)
        mem = max(mem, parts or 0.0)
    out["minutes"], out["gb"], out["pages"] = total / 60, (mem or 0) / 1024, pages
    verdict = "fits" if total <= TARGET_RELEASE_MIN * 60 else \
        f"does NOT fit (missed by {total / 60 / TARGET_RELEASE_MIN:.1f}x)"
    log(f"  whole build on an idle 2-core machine: about {total / 60:.0f} min -> {verdict} {TARGET_RELEASE_MIN} min; "
        + (f"memory about {mem / 1024:.1f} GB (generator and search on the line through the two largest synthetic sizes, MkDocs in parts by its model) -> "
           f"{'fits' if mem <= TARGET_RELEASE_MB else 'does NOT fit'} {TARGET_RELEASE_MB // 1024} GB" if mem else
           "memory: two synthetic sizes are needed"))
    log("")
    return out


def real_targets(real: dict, log) -> None:
    """The targets of issue 17 on the real archive."""
    n = real["cables"]
    rate = n / real["whole"]
    log("Targets on the real archive:")
    log(f"  whole build >= {TARGET_REAL_RATE} cables/s on 2 cores ..... {rate:.1f} cables/s: "
        + ("met" if rate >= TARGET_REAL_RATE else f"missed ({TARGET_REAL_RATE / rate:.1f}x too slow)"))
    rb = real["rebuild"]
    share = (rb["check"] + rb["site"]) / real["whole"]
    log(f"  unchanged rebuild <= {TARGET_REBUILD:.0%} of a full build ..... {share:.1%}: "
        + ("met" if share <= TARGET_REBUILD else "missed"))
    log("  search overlapped with MkDocs ............ yes (make site: generator/site.py --search)"
        + ("" if not real["same_site"] else ": but the site DIFFERS"))
    log("")


# ---------------------------------------------------------------- the machine, the table, the extrapolation

def machine() -> dict:
    """Cores, memory, CPU model, load, and how many cores a CPU-bound job actually got."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or "unknown"
    mem = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) // 1024
    except OSError:
        pass
    return {"cores": os.cpu_count(), "usable": len(os.sched_getaffinity(0)), "model": model, "ram_mb": mem,
            "python": platform.python_version(), "load": os.getloadavg(), "free_cores": free_cores()}


def _spin(_: int) -> float:
    t = time.perf_counter()
    x = 0
    for i in range(3_000_000):
        x += i
    return time.perf_counter() - t


def free_cores() -> float:
    """Cores a CPU-bound job gets right now: two spinning processes against one (2.0 on an idle 2-core box)."""
    import multiprocessing

    one = _spin(0)
    jobs = len(os.sched_getaffinity(0))
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        t = time.perf_counter()
        pool.map(_spin, range(jobs))
        many = time.perf_counter() - t
    return round(min(jobs, jobs * one / many), 1)


def fit(ns: list[float], ys: list[float]) -> tuple[float, float]:
    """y = a * n^b by least squares in log-log; (a, b). One point: b = 1."""
    pts = [(math.log(n), math.log(y)) for n, y in zip(ns, ys) if n > 0 and y > 0]
    if len(pts) < 2:
        return (ys[0] / ns[0] if ns and ns[0] else 0.0), 1.0
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    b = sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)
    return math.exp(my - b * mx), b


def sharded(r: dict) -> str | None:
    """The name of the stage that built the site with several MkDocs processes, when it gave the same site."""
    st = r["stages"].get(PARALLEL_MKDOCS)
    return PARALLEL_MKDOCS if st and not st["differ"] else None


def rows(r: dict) -> list[tuple]:
    """Table rows of one size: stage, wall s, CPU s, ms per cable, cables/s, peak MB."""
    n = r["cables"]
    st = r["stages"]

    def row(name: str, wall: float, cpu: float, mb: float) -> tuple:
        return (name, wall, cpu, 1000 * wall / n, n / wall, mb)

    out = [row(name, st[name]["wall"], st[name]["cpu"], st[name]["peak_mb"]) for name in GEN_STAGES]
    g = r["generator"]  # the whole process: its start-up and the report line too
    gen = row("= generator", g["wall"], g["cpu"], g["peak_mb"])
    out.append(gen)
    extra = [k for k in st if k == PARALLEL_MKDOCS]
    for name in ["mkdocs build", *extra, "search index"]:
        out.append(row(name, st[name]["wall"], st[name]["cpu"], st[name]["peak_mb"]))
    for mk, label in (("mkdocs build", "= whole build"), (sharded(r), "= whole, mkdocs parts")):
        if mk:
            parts = [gen, st[mk], st["search index"]]
            wall = gen[1] + st[mk]["wall"] + st["search index"]["wall"]
            cpu = gen[2] + st[mk]["cpu"] + st["search index"]["cpu"]
            out.append(row(label, wall, cpu, max(gen[5], st[mk]["peak_mb"], st["search index"]["peak_mb"])))
    b = r["bare"]
    out.append(row("bare mkdocs", b["wall"], b["cpu"], b["peak_mb"]))
    return out


def report(results: list[dict], mach: dict, inc: dict | None, log) -> dict:
    """Print the table, the growth of each stage, the targets and the full-release extrapolation."""
    log("")
    log(f"Machine: {mach['cores']} cores ({mach['usable']} usable; {mach['free_cores']} free for this run at its "
        f"start, load {mach['load'][0]:.1f}), {mach['ram_mb'] / 1024:.1f} GB RAM, {mach['model']}, "
        f"Python {mach['python']}")
    log("")
    head = f"{'cables':>7} {'stage':<20} {'wall s':>8} {'CPU s':>8} {'ms/cable':>9} {'cables/s':>9} {'peak MB':>8}"
    log(head)
    log("-" * len(head))
    summary: dict = {}
    for r in results:
        tab = rows(r)
        for name, wall, cpu, ms, rate, mb in tab:
            log(f"{r['cables']:>7,} {name:<20} {wall:>8.1f} {cpu:>8.1f} {ms:>9.2f} {rate:>9.0f} {mb:>8.0f}")
        bare = next(x for x in tab if x[0] == "bare mkdocs")
        gen = next(x for x in tab if x[0] == "= generator")
        wholes = [x for x in tab if x[0].startswith("= whole")]
        ratios = "; ".join(f"{x[0][2:]} / bare MkDocs = {x[1] / bare[1]:.2f} (CPU {x[2] / bare[2]:.2f})"
                           for x in wholes)
        log(f"{'':>7} {r['md_pages']:,} pages ({r['md_mb']:.0f} MB Markdown, {r['site_mb']:.0f} MB site); {ratios}")
        for k, v in r["stages"].items():
            if k == PARALLEL_MKDOCS and v["differ"]:
                log(f"{'':>7} {k}: {len(v['differ'])} files differ from the one-process site: not counted")
        log("")
        summary[r["cables"]] = {"rows": tab, "ratio": min(x[1] for x in wholes) / bare[1],
                                "ratios": {x[0]: x[1] / bare[1] for x in wholes}, "gen_rate": gen[4],
                                "peak_mb": max(x[5] for x in wholes), "pages": r["md_pages"]}
    ns = [r["cables"] for r in results]
    log("Growth with the archive: time = a * N^b per stage (b = 1 is linear), from CPU seconds")
    names = [x[0] for x in rows(results[0])]
    growth = {}
    for i, name in enumerate(names):
        _a, b = fit(ns, [summary[n]["rows"][i][2] for n in ns])
        per = " ".join(f"{summary[n]['rows'][i][2] * 1000 / n:.2f}" for n in ns)
        growth[name] = b
        log(f"  {name:<20} b = {b:.2f}   CPU ms/cable at {', '.join(f'{n:,}' for n in ns)}: {per}")
    log("")
    if inc:
        log(f"Incremental ({inc['n']:,} cables, then {inc['added']} added): {inc['second']['line']}")
        log(f"  and again unchanged: {inc['third']['line']}")
        log("")
    extrapolate(results, summary, growth, mach, log)
    targets(results, summary, growth, log)
    return summary


PARALLEL = {"read+parse", "entities", "render+write"}  # stages that use every core (and the sharded MkDocs build)


def extrapolate(results: list[dict], summary: dict, growth: dict, mach: dict, log) -> None:
    """The full release: time scaled from the largest size by each stage's growth (at least linear), memory on
    the straight line through the two largest sizes."""
    ns = [r["cables"] for r in results]
    if len(ns) < 2:
        log("Full release: two sizes or more are needed to extrapolate.\n")
        return
    big, prev = ns[-1], ns[-2]
    a, b = fit(ns, [summary[n]["pages"] for n in ns])
    pages = a * RELEASE ** b
    scale = RELEASE / big
    log(f"Full release: {RELEASE:,} cables, about {pages:,.0f} pages (pages = {a:.1f} * N^{b:.2f}). Time scaled "
        f"from {big:,} cables by each stage's growth; 'idle' assumes both cores free (parallel stages at CPU / "
        f"cores, the others at their CPU time); memory on the line through {prev:,} and {big:,} cables.")
    names = [x[0] for x in summary[big]["rows"]]
    est: dict[str, tuple[float, float, float]] = {}
    for i, name in enumerate(names):
        if name.startswith("=") or name == "bare mkdocs":
            continue
        bw = fit(ns, [summary[n]["rows"][i][1] for n in ns])[1]
        wall, cpu, mb = summary[big]["rows"][i][1], summary[big]["rows"][i][2], summary[big]["rows"][i][5]
        per_cable = max(0.0, (mb - summary[prev]["rows"][i][5]) / (big - prev))
        grow = scale ** max(bw, 1.0)
        cores = mach["usable"] if name in PARALLEL or name == PARALLEL_MKDOCS else 1
        est[name] = (wall * grow, cpu / cores * grow, mb + per_cable * (RELEASE - big))
        log(f"  {name:<20} {wall * grow / 60:7.1f} min measured-rate, {est[name][1] / 60:7.1f} min idle, "
            f"{est[name][2] / 1024:6.1f} GB ({per_cable * 1024:.0f} KB a cable)")
    parts_mb = parts_memory(results[-1], pages, mach["usable"], log)
    if parts_mb is not None and PARALLEL_MKDOCS in est:
        est[PARALLEL_MKDOCS] = (*est[PARALLEL_MKDOCS][:2], parts_mb)
    for mk in [n for n in est if n.startswith("mkdocs")]:
        parts = [*GEN_STAGES, mk, "search index"]
        t = sum(est[p][0] for p in parts)
        idle = sum(est[p][1] for p in parts)
        mem = max(est[p][2] for p in parts)
        log(f"  whole build with {mk}: {t / 60:.0f} min at the rate measured here, {idle / 60:.0f} min on an idle "
            f"machine, {mem / 1024:.1f} GB -> {'fits' if idle <= TARGET_RELEASE_MIN * 60 else 'does NOT fit'} "
            f"{TARGET_RELEASE_MIN} min, {'fits' if mem <= TARGET_RELEASE_MB else 'does NOT fit'} "
            f"{TARGET_RELEASE_MB // 1024} GB")
    log("")


def parts_memory(r: dict, pages: float, jobs: int, log) -> float | None:
    """MkDocs in parts at the full release, in MB, from the two part counts measured at the largest size.

    Each process of `jobs` running at once holds what every part sees (the site's file list and navigation: g MB a
    page of the whole site) and what it renders (p MB a page of its part): peak = jobs * (g * T + p * T / k) for
    T pages in k parts. Two measurements (k and 2k parts) give g and p; at the full release the parts are cut as
    `generator mkdocs` cuts them (at most PAGES_PER_PART pages each)."""
    st = r["stages"].get(PARALLEL_MKDOCS)
    if not st or "split" not in st:
        return None
    t, k1, k2 = r["md_pages"], st["parts"], st["split"]["parts"]
    m1, m2 = st["peak_mb"] / jobs, st["split"]["peak_mb"] / jobs
    p = max(0.0, (m1 - m2) / (t / k1 - t / k2))
    g = max(0.0, (m1 - p * t / k1) / t)
    k = default_parts(int(pages), jobs)
    mb = jobs * (g * pages + p * pages / k)
    log(f"  ({PARALLEL_MKDOCS}: from {k1} and {k2} parts at {r['cables']:,} cables, {g * 1024:.1f} KB a page of "
        f"the site and {p * 1024:.1f} KB a page of a process's part; at the full release {k} parts of at most "
        f"{PAGES_PER_PART:,} pages, {jobs} at a time: about {mb / 1024:.1f} GB, the figure the whole build below uses)")
    return mb


def targets(results: list[dict], summary: dict, growth: dict, log) -> None:
    """Each target of issue 6: met, or by how much it misses."""
    n = max(summary)
    big = summary[n]
    log(f"Targets (at {n:,} cables):")
    rate = big["gen_rate"]
    log(f"  generator >= {TARGET_RATE:,} cables/s ........... {rate:,.0f} cables/s: "
        + ("met" if rate >= TARGET_RATE else f"missed ({TARGET_RATE / rate:.1f}x too slow)"))
    for name, ratio in big["ratios"].items():
        log(f"  {name[2:]} <= {TARGET_RATIO}x bare MkDocs: {ratio:.2f}x: "
            + ("met" if ratio <= TARGET_RATIO else f"missed by {ratio / TARGET_RATIO:.2f}x"))
    steep = {k: v for k, v in growth.items() if not k.startswith("=")}
    worst = max(steep.items(), key=lambda kv: kv[1])
    log(f"  no stage faster than linear ........ steepest: {worst[0]}, b = {worst[1]:.2f}: "
        + ("met" if worst[1] <= 1.1 else "missed") + " (b within 0.1 of 1 counts as linear)")
    if 20000 in summary:
        mb = summary[20000]["peak_mb"]
        log(f"  peak memory at 20,000 <= 3 GB ...... {mb / 1024:.2f} GB: "
            + ("met" if mb <= TARGET_MEM_20K else f"missed by {mb / TARGET_MEM_20K:.2f}x"))


# ---------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=None)
    ap.add_argument("--big", action="store_true", help="add 20,000 and 50,000 cables (also BENCH_BIG=1)")
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: the usable cores)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "run")
    ap.add_argument("--shards", type=int, default=None,
                    help="also build each site in this many parts, --jobs MkDocs processes at a time "
                         "(default: as `make site` cuts it; 1: not)")
    ap.add_argument("--add", type=int, default=100, help="cables added for the incremental run (0: none)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    ap.add_argument("--real", type=Path, nargs="+", default=REAL,
                    help="the real cables (default ../shared/corpus ../shared/corpus-2010; skipped when absent)")
    ap.add_argument("--no-real", action="store_true", help="the synthetic sizes only")
    ap.add_argument("--real-add", type=int, default=0, help="also hold back this many real cables and add them")
    ap.add_argument("--calibrate", action="store_true",
                    help="fit bench/calibration.json again on the real run before the synthetic sizes")
    ap.add_argument("--report", type=Path, help="print the report of a run saved with --json, and nothing else")
    args = ap.parse_args(argv)
    from generator.build import job_count

    jobs = job_count(args.jobs)
    if args.report:
        saved = json.loads(args.report.read_text())
        say = lambda m: print(m, flush=True)  # noqa: E731
        if saved.get("real"):
            real_table(saved["real"], saved["machine"], say)
            side_by_side(saved["real"], saved["synthetic_real_size"], say)
        report(saved["results"], saved["machine"], saved["incremental"], say)
        if saved.get("real"):
            project(saved["real"], saved["results"], saved["machine"], say)
            real_targets(saved["real"], say)
        return 0
    sizes = args.sizes or list(SIZES)
    if args.big or os.environ.get("BENCH_BIG", "") not in ("", "0"):
        sizes += [n for n in BIG if n not in sizes]
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)

    def log(msg: str) -> None:
        print(msg, flush=True)

    mach = machine()
    log(f"bench: sizes {', '.join(f'{n:,}' for n in sizes)}; {jobs} worker processes; output in {out}")
    t0 = time.perf_counter()
    real = syn = None
    if not args.no_real:
        real = measure_real([p.resolve() for p in args.real], out, jobs, log, args.real_add)
        if real:
            real["load_end"] = os.getloadavg()[0]
    if real and args.calibrate:
        import calibrate

        calibrate.main(["--docs", str(out / "real" / "docs"), "--out", str(CALIBRATION)])
    if real:
        syn = whole_run([archive(real["cables"], out)], out / "synthetic-real-size", jobs, log,
                        "calibrated synthetic")
    shards = args.shards if args.shards is not None else 0
    results = [measure(n, out, jobs, shards, log, split=n == max(sizes)) for n in sizes]
    inc = incremental(min(sizes), args.add, out, jobs, log) if args.add else None
    log("")
    matched = proj = None
    if real:
        real_table(real, mach, log)
        matched = side_by_side(real, syn, log)
    summary = report(results, mach, inc, log)
    if real:
        proj = project(real, results, mach, log)
        real_targets(real, log)
    log(f"\nbench: done in {(time.perf_counter() - t0) / 60:.1f} min (load average now {os.getloadavg()[0]:.1f})")
    if args.json:
        args.json.write_text(json.dumps({"machine": mach, "results": results, "incremental": inc,
                                         "summary": {str(k): v for k, v in summary.items()}, "real": real,
                                         "synthetic_real_size": syn, "matched": matched, "projection": proj},
                                        indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
