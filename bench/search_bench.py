"""Search benchmark: index build time, size on disk, peak memory, and the bytes a browser fetches per query.

For generated archives of 1,000, 5,000 and 20,000 cables (records made directly, no MkDocs pages), both engines:
the file:// script index (generator/search/offline.py) and the Pagefind bundles (generator/search/pagefind.py).
Each build runs in a fresh process, so its peak memory is its own. The bytes per query are counted in Chromium
(Playwright, every response of the page and its workers, cold cache) on a small MkDocs page with the site's theme
and search box, served over http; the script index is measured over http too (`?engine=offline`): it loads the
same files from file://. `gzip` is what a host that compresses would send for the same files.

    .venv/bin/python bench/search_bench.py [--sizes 1000 5000 20000] [--engines offline pagefind] [--out DIR]
    .venv/bin/python bench/search_bench.py --sizes 251287 --engines offline     # the full release's size
    .venv/bin/python bench/search_bench.py --step --sizes 5000 20000            # the `search` command itself

`--step` times the whole `python -m generator search` command on a synthetic source archive (bench/synth.py), in a
fresh process under /usr/bin/time: as it ran before (parsing every source again: `search SITE SRC` with no
records) and from the records the build writes (`search SITE --docs DOCS`; the bench writes them, in chunks of
RECORDS_CHUNK cables as the build does, untimed: that is the build's work).
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import random
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.record import Cable, Paragraph, Reference  # noqa: E402

STATIONS = ["STATE", "STATE", "STATE", "BAGHDAD", "KABUL", "ANKARA", "TOKYO", "PARIS", "LONDON", "BERLIN",
            "MOSCOW", "BEIJING", "CAIRO", "RIYADH", "ISLAMABAD", "NEWDELHI", "AMMAN", "TELAVIV", "ROME", "MADRID",
            "BRASILIA", "MEXICO", "OTTAWA", "CANBERRA", "SEOUL", "JAKARTA", "NAIROBI", "PRETORIA", "ABUJA", "DAKAR",
            "UNVIEVIENNA", "USUNNEWYORK", "USNATO", "GENEVA", "BRUSSELS", "VIENNA", "WARSAW", "KYIV", "TBILISI",
            "MANAMA", "TRIPOLI", "THEHAGUE", "CARACAS", "BOGOTA", "LIMA", "HAVANA", "ATHENS", "SANAA", "DOHA"]
YEARS = [(2003, 2), (2004, 3), (2005, 6), (2006, 12), (2007, 16), (2008, 21), (2009, 24), (2010, 6)]
CLASSES = ["UNCLASSIFIED", "UNCLASSIFIED//FOR OFFICIAL USE ONLY", "CONFIDENTIAL", "CONFIDENTIAL", "SECRET",
           "CONFIDENTIAL//NOFORN", "SECRET//NOFORN"]
SYLLABLES = ["ka", "ri", "mo", "tu", "sel", "van", "dor", "bek", "za", "lin", "hu", "qa", "pre", "os", "mir", "el",
             "ash", "no", "gu", "tar", "fen", "ub", "ly", "shi", "der", "am", "cov", "ji", "pol", "ez"]
QUERIES = [("corruption", {}), ("human rights", {}), ("nuclear energy", {}), ("minister", {}),
           ("human rights", {"year": "2008"})]


# ---------------------------------------------------------------- synthetic archives

def templates() -> list[Cable]:
    """Parsed cables to borrow paragraphs and tags from: the examples, plus ../shared/corpus when present."""
    from generator.reference import load

    paths = [str(ROOT / "examples" / "cables")]
    if (ROOT.parent / "shared" / "corpus").exists():
        paths.append(str(ROOT.parent / "shared" / "corpus"))
    cables, _ = load(paths)
    return [c for c in cables if c.paragraphs]


def rare_word(rank: int) -> str:
    """A made-up proper name for a rank of a Zipf-like vocabulary (names, places, companies of real cables)."""
    out = ""
    while True:
        out += SYLLABLES[rank % len(SYLLABLES)]
        rank //= len(SYLLABLES)
        if not rank:
            return out.capitalize()


def _paragraph(rng: random.Random, p: Paragraph, number: int) -> Paragraph:
    """A template paragraph with some made-up names and figures mixed in, so the vocabulary grows as in reality."""
    words = p.text.split()
    for _ in range(1 + len(words) // 40):
        pick = rng.random()
        token = rare_word(int(400_000 ** rng.random())) if pick < 0.8 else str(rng.randrange(10, 10**6))
        words.insert(rng.randrange(len(words) + 1), token)
    return Paragraph(number, p.mark, p.heading, " ".join(words))


def synthesize(n: int, seed: int = 1) -> list[Cable]:
    """n cables: template paragraphs mixed across cables, made-up names, real tags, release-like years."""
    rng = random.Random(seed)
    tpl = templates()
    years = [y for y, w in YEARS for _ in range(w)]
    out: list[Cable] = []
    for i in range(n):
        t = tpl[rng.randrange(len(tpl))]
        paras = [p if rng.random() < 0.6 else rng.choice(rng.choice(tpl).paragraphs) for p in t.paragraphs]
        year = years[rng.randrange(len(years))]
        station = STATIONS[rng.randrange(len(STATIONS))]
        cid = f"{year % 100:02d}{station}{rng.randrange(1, 200_000)}"
        cited = rng.sample(out[-500:], min(len(out), rng.randint(0, 3)))
        refs = tuple(Reference(chr(65 + k), r.id, r.id) for k, r in enumerate(cited))
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        out.append(Cable(
            id=cid, source=f"synthetic/{i}", format="text", date=date,
            classification=CLASSES[rng.randrange(len(CLASSES))].split("//")[0], origin=station,
            origin_name=t.origin_name if t.origin == station else None, tags=t.tags,
            subject=f"{t.subject or 'SYNTHETIC'} ({rare_word(int(400_000 ** rng.random())).upper()})",
            references=refs, paragraphs=tuple(_paragraph(rng, p, k) for k, p in enumerate(paras, 1))))
    return out


# ---------------------------------------------------------------- building (one process per build)

def rss_kb() -> int:
    """Peak resident memory of this process so far (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def tree_size(path: Path) -> tuple[int, int, int]:
    """Bytes, gzip bytes (what a compressing host sends; Pagefind's files are already compressed), files."""
    size = gz = count = 0
    for f in path.rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            size += len(data)
            gz += len(data) if f.suffix in (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter", ".pagefind") \
                else len(gzip.compress(data, 6))
            count += 1
    return size, gz, count


def worker(n: int, engine: str, site: Path) -> dict:
    """Build one engine's index for n synthetic cables into `site`; report time, size and memory."""
    from generator import ids
    from generator.search import cable_pages, offline, page_template, pagefind
    from generator.search.records import documents

    cables = synthesize(n)
    base_kb = rss_kb()
    start = time.perf_counter()
    docs = documents(cables)
    out: dict = {"n": n, "engine": engine}
    if engine == "pagefind":
        stats = pagefind.write(site, docs)
        out["pagefind_peak_kb"] = stats.peak_kb
        out["bundles"] = stats.bundles
        folder = site / "pagefind"
        manifest = site / "search" / "index.js"
        kind, key, data = offline.read(manifest)
        data["pagefind"] = stats.bundles  # the offline index was written first; point it at the bundles
        manifest.write_bytes(offline._js(kind, key, data))
    else:
        pages = cable_pages(site, cables, [d.id for d in docs])
        stats = offline.write(site / "search", docs, pages, page_template(), station_aliases=ids.STATION_ALIASES,
                              extra={"pagefind": []})
        out["terms"], out["chunks"] = stats.terms, stats.chunks
        folder = site / "search"
    out["seconds"] = time.perf_counter() - start
    out["python_base_kb"], out["python_peak_kb"] = base_kb, rss_kb()
    out["bytes"], out["gzip"], out["files"] = tree_size(folder)
    return out


def run_worker(n: int, engine: str, site: Path) -> dict:
    """`worker` in a fresh interpreter (so each build's peak memory is its own)."""
    p = subprocess.run([sys.executable, __file__, "--worker", str(n), engine, str(site)], capture_output=True,
                       text=True, check=True)
    return json.loads(p.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- a page to search from

def scaffold(out: Path) -> Path:
    """A one-page MkDocs site with the project's theme, header and search box (built once, copied per size)."""
    import yaml

    docs, site = out / "docs", out / "site"
    if site.exists():
        return site
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    if (ROOT / "docs" / "stylesheets").exists():
        shutil.copytree(ROOT / "docs" / "stylesheets", docs / "stylesheets")
    (docs / "index.md").write_text("# Search benchmark\n\nPress `/` and type.\n", encoding="utf-8")
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("nav", "not_in_nav", "hooks", "validation"):
        cfg.pop(key, None)
    cfg.update(docs_dir=str(docs), site_dir=str(site))
    if cfg.get("theme", {}).get("custom_dir"):
        cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
    (out / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(out / "mkdocs.yml")], check=True,
                   env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    return site


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; counts the bytes it sends (a cross-check of what the browser reports)."""

    sent = 0

    def log_message(self, *args) -> None:  # noqa: D102
        pass

    def copyfile(self, source, outputfile) -> None:  # noqa: D102
        data = source.read()
        type(self).sent += len(data)
        outputfile.write(data)


def measure(site: Path, engine: str) -> list[dict]:
    """Bytes Chromium fetches for each query (cold cache), from opening the search box to the results shown."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/index.html?engine={engine}"
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update"])
            for query, filters in QUERIES:
                context = browser.new_context()
                page = context.new_page()
                page.goto(base)
                page.wait_for_load_state("networkidle")
                fetched: list[tuple[str, int]] = []
                context.on("requestfinished", lambda r: fetched.append((r.url, r.sizes()["responseBodySize"])))
                _Handler.sent = 0
                page.keyboard.press("/")
                page.keyboard.type(query)
                done = "q => document.querySelector('[data-cs=dialog]').dataset.csShown === q"
                page.wait_for_function(done, arg=query, timeout=120_000)
                for field, value in filters.items():
                    page.select_option(f"[data-cs-filter={field}]", value)
                    page.wait_for_function(done, arg=query, timeout=120_000)
                page.wait_for_load_state("networkidle")
                count = int(page.get_attribute("[data-cs=dialog]", "data-cs-count") or 0)
                got = page.get_attribute("[data-cs=dialog]", "data-cs-engine")
                rows.append(_row(site, query, filters, engine, got, count, fetched, _Handler.sent))
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return rows


def _row(site: Path, query, filters, engine, got, count, fetched, server_sent) -> dict:
    """One measurement: browser-counted bytes, split into engine code and index data, and the gzip estimate."""
    code = data = gz = 0
    for url, reported in fetched:
        path = site / url.split("/", 3)[3].split("?")[0]
        # Chromium reports 0 for a worker's script; the server does not compress, so the file size is the body
        size = max(reported, path.stat().st_size if path.is_file() else 0)
        is_code = path.suffix in (".js", ".pagefind", ".css") and "/search/" not in url or path.name.startswith("wasm.")
        code += size if is_code else 0
        data += 0 if is_code else size
        raw = path.read_bytes() if path.is_file() else b""
        gz += len(raw) if path.suffix.startswith(".pf_") or path.suffix == ".pagefind" else len(gzip.compress(raw, 6))
    label = query + "".join(f" [{k}={v}]" for k, v in filters.items())
    return {"query": label, "engine": engine, "engine_used": got, "results": count, "requests": len(fetched),
            "bytes": code + data, "code": code, "data": data, "gzip": gz, "server_bytes": server_sent}


# ---------------------------------------------------------------- the search command, before and after

RECORDS_CHUNK = 500


def write_records(src: Path, docs: Path) -> int:
    """The records the build writes for the search step, from the parsed sources; returns the cables."""
    from generator import resolve, urls
    from generator.reference import load
    from generator.search.records import chunk_records

    cables, _ = load([str(src)])
    kept, _dups, others = resolve.versions(cables)
    kept.sort(key=resolve.sort_key, reverse=True)
    meanings = {t: resolve.tag_info(t).meaning or "" for c in kept for t in c.tags}
    shutil.rmtree(docs / urls.SEARCH_RECORDS, ignore_errors=True)
    for n, i in enumerate(range(0, len(kept), RECORDS_CHUNK), 1):
        path = docs / urls.search_records(n)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(chunk_records(kept[i:i + RECORDS_CHUNK], meanings, others), encoding="utf-8")
    return len(kept)


def timed(*args: str) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one `python -m generator` command in a fresh process."""
    p = subprocess.run(["/usr/bin/time", "-f", "%e %M", sys.executable, "-m", "generator", *args], cwd=ROOT,
                       capture_output=True, text=True, check=True)
    wall, kb = p.stderr.strip().splitlines()[-1].split()
    return float(wall), int(kb) / 1024


def step(sizes: list[int], out: Path) -> None:
    """The `search` command before (parsing the sources) and after (reading the build's records)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import synth

    page = scaffold(out / "scaffold")
    for n in sizes:
        src, docs, site = out / f"src-{n}", out / f"docs-{n}", out / f"step-site-{n}"
        if not src.exists():
            synth.generate(n, src)
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(page, site)
        before = timed("search", str(site), str(src), "--docs", str(out / "no-records"), "--quiet")
        shutil.rmtree(site / "search")  # as `mkdocs build` leaves it: no index to remove (not timed)
        kept = write_records(src, docs)
        size = sum(f.stat().st_size for f in (docs / ".search").iterdir())
        after = timed("search", str(site), "--docs", str(docs), "--quiet")
        print(f"== {n:,} cables ({kept:,} after dedupe; records {mb(size)} in {RECORDS_CHUNK}-cable chunks)")
        print(f"  search step, parsing the sources:  {before[0]:7.1f} s  peak {before[1]:6.0f} MB")
        print(f"  search step, reading the records:  {after[0]:7.1f} s  peak {after[1]:6.0f} MB", flush=True)


# ---------------------------------------------------------------- report

def mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "search")
    ap.add_argument("--engines", nargs="+", choices=("offline", "pagefind"), default=["offline", "pagefind"],
                    help="which indexes to build and measure (e.g. only offline for the full release's size)")
    ap.add_argument("--no-browser", action="store_true", help="skip the in-browser byte counts")
    ap.add_argument("--step", action="store_true", help="time the `search` command itself, before and after records")
    ap.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.step:
        step(args.sizes, args.out)
        return 0
    if args.worker:
        n, engine, site = args.worker
        print(json.dumps(worker(int(n), engine, Path(site))))
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    page = scaffold(args.out / "scaffold")
    limit_ok = True
    for n in args.sizes:
        site = args.out / f"site-{n}"
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(page, site)
        shutil.copytree(ROOT / "docs" / "assets" / "search", site / "assets" / "search", dirs_exist_ok=True)
        engines = ["offline"] + [e for e in args.engines if e == "pagefind"]  # pagefind's manifest is offline's
        built = {e: run_worker(n, e, site) for e in engines}
        print(f"\n== {n:,} cables ==")
        for e, r in built.items():
            mem = f"python peak {r['python_peak_kb'] / 1024:.0f} MB (records alone {r['python_base_kb'] / 1024:.0f} MB)"
            if e == "pagefind":
                mem += f", pagefind process peak {r['pagefind_peak_kb'] / 1024:.0f} MB, {len(r['bundles'])} bundle(s)"
            else:
                mem += f"; {r['terms']:,} terms in {r['chunks']} chunks"
            print(f"  build  {e:9s} {r['seconds']:7.1f} s  {mb(r['bytes']):>9s} on disk ({mb(r['gzip'])} gzip) "
                  f"in {r['files']:,} files; {mem}")
        if args.no_browser:
            continue
        for e in [e for e in ("pagefind", "offline") if e in built]:
            for row in measure(site, e):
                print(f"  query  {e:9s} {row['query']:28s} {row['results']:6,} results  fetched {mb(row['bytes']):>9s} "
                      f"in {row['requests']:3d} requests (engine code {mb(row['code'])}, index {mb(row['data'])}; "
                      f"gzip {mb(row['gzip'])}; server sent {mb(row['server_bytes'])})"
                      + ("" if row["engine_used"] == e else f"  [ran {row['engine_used']}!]"))
                if n >= 20000 and row["bytes"] > 2_000_000:
                    limit_ok = False
    if not args.no_browser and max(args.sizes) >= 20000:
        print(f"\nEvery query at 20,000 cables or more fetched at most 2 MB: {'yes' if limit_ok else 'NO'}")
    return 0 if limit_ok else 1


if __name__ == "__main__":
    sys.exit(main())
