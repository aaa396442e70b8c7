"""`python bench/calibrate.py`: fit the synthetic archive (bench/synth.py) to the real cables, and write the fitted
parameters to bench/calibration.json (committed: the bench runs without the real cables).

The real cables are ../shared/corpus and ../shared/corpus-2010 (real WikiLeaks pages). They are built once with
`python -m generator build` (into bench/out/real/docs, or --docs of a build already made), and the figures are
read from what the build wrote for each cable (cable/<ID>.json: paragraphs, references and whether they are in
the archive, names found with their type and count, station, date, format). Only numbers are kept (shares,
quantiles, fitted exponents), never a name or a sentence of a cable.

Fitted:
  - cables by year, stations by rank (the share of the k-th busiest station), formats;
  - paragraphs per cable and characters per paragraph (quantiles), the share of cables written in capitals;
  - names per cable by type (quantiles), mentions per name in a cable, and the growth of distinct names with the
    size of the archive: distinct(N) = K * N^beta (Heaps' law, fitted over random orders of the cables), and of
    names found in 2 or more cables (those that get a page);
  - references per cable, the share of cited cables not in the archive, and how many times each missing cable
    is cited (distinct missing / references to missing);
  - tags per cable and distinct tags (Heaps' law).

    .venv/bin/python bench/calibrate.py [--docs bench/out/real/docs] [--out bench/calibration.json]
"""
from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REAL = [SHARED / "corpus", SHARED / "corpus-2010"]
OUT = ROOT / "bench" / "calibration.json"
QUANTS = [i / 20 for i in range(21)]  # 0, 5%, ... 100%
TYPES = ["PER", "ORG", "LOC", "MISC"]


def quantiles(values: list[float]) -> list[float]:
    """The 0, 5, ..., 100th percentiles (nearest rank)."""
    v = sorted(values)
    return [float(v[min(len(v) - 1, round(q * (len(v) - 1)))]) for q in QUANTS] if v else [0.0] * len(QUANTS)


def heaps(sets: list[list[str]], seed: int = 1, orders: int = 5, min_cables: int = 1) -> tuple[float, float]:
    """distinct(N) = K * N^beta: names seen in at least `min_cables` of the first N cables, over random orders;
    fitted in log-log from N = 50 up."""
    pts: list[tuple[float, float]] = []
    rng = random.Random(seed)
    n = len(sets)
    marks = sorted({int(n * f) for f in (0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0)} | {50, 100})
    marks = [m for m in marks if 50 <= m <= n]
    for _ in range(orders):
        order = list(range(n))
        rng.shuffle(order)
        seen: Counter = Counter()
        at = set(marks)
        for i, k in enumerate(order, 1):
            seen.update(set(sets[k]))
            if i in at:
                d = sum(1 for c in seen.values() if c >= min_cables)
                if d:
                    pts.append((math.log(i), math.log(d)))
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    b = sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)
    return math.exp(my - b * mx), b


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def build_real(docs: Path) -> None:
    """The real cables built by the generator (its records are what is measured)."""
    docs.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "generator", "build", *map(str, REAL), "--docs", str(docs), "--quiet"],
                   cwd=ROOT, check=True, stderr=subprocess.DEVNULL)


def records(docs: Path) -> list[dict]:
    """The records of the archive's cables (a cited cable not in the archive has a page but no record)."""
    out = []
    for f in sorted((docs / "cable").glob("*.json")):
        out.append(json.loads(f.read_text(encoding="utf-8")))
    return out


def fit(recs: list[dict], docs: Path) -> dict:
    """Every parameter of the synthetic archive, from the records."""
    n = len(recs)
    years = Counter(int(r["date"][:4]) for r in recs if r.get("date"))
    stations = Counter(r["origin"] for r in recs if r.get("origin"))
    formats = Counter(r["format"] for r in recs)
    paras = [len(r["paragraphs"]) for r in recs]
    plen = [len(p["text"]) for r in recs for p in r["paragraphs"]]
    upper = sum(is_upper(" ".join(p["text"] for p in r["paragraphs"])) for r in recs) / n
    names = {t: [sum(1 for e in r["entities"] if e["type"] == t) for r in recs] for t in TYPES}
    mentions = [e["count"] for r in recs for e in r["entities"]]
    sets = [[f"{e['type']}:{e['name']}" for e in r["entities"]] for r in recs]
    k_all, b_all = heaps(sets)
    k_paged, b_paged = heaps(sets, min_cables=2)
    refs = [len(r["references"]) for r in recs]
    cited = [x for r in recs for x in r["references"] if x.get("id")]
    missing = [x["id"] for x in cited if not x.get("in_archive")]
    tags = [[t["code"] for t in r["tags"]] for r in recs]
    k_tag, b_tag = heaps(tags)
    subj = [len(r.get("subject") or "") for r in recs]
    kinds = {k: sum(1 for _ in (docs / k).rglob("*.md")) for k in ("cable", "entity", "tag", "origin", "date")}
    return {
        "source": "../shared/corpus + ../shared/corpus-2010 (real WikiLeaks pages), read from the build's records",
        "cables": n,
        "years": {str(y): c / n for y, c in sorted(years.items())},
        "stations": len(stations),
        "station_shares": [c / n for _s, c in stations.most_common()],
        "formats": {k: c / n for k, c in formats.most_common()},
        "paragraphs": quantiles(paras),
        "paragraph_chars": quantiles(plen),
        "upper_share": upper,
        "subject_chars": quantiles(subj),
        "names_per_cable": {t: quantiles(v) for t, v in names.items()},
        "names_mean": {t: sum(v) / n for t, v in names.items()},
        "mentions_per_name": quantiles(mentions),
        "heaps_names": [k_all, b_all],
        "heaps_paged_names": [k_paged, b_paged],
        "refs_per_cable": {str(k): c / n for k, c in sorted(Counter(min(x, 8) for x in refs).items())},
        "missing_share": len(missing) / max(1, len(cited)),
        "missing_distinct_per_ref": len(set(missing)) / max(1, len(missing)),
        "tags_per_cable": quantiles([len(t) for t in tags]),
        "heaps_tags": [k_tag, b_tag],
        "real_pages": kinds,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=Path, default=None, help="docs/ of a build of the real cables (else built)")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args(argv)
    docs = a.docs
    if docs is None:
        if not all(p.is_dir() for p in REAL):
            print(f"calibrate: the real cables ({', '.join(map(str, REAL))}) are not here", file=sys.stderr)
            return 2
        docs = ROOT / "bench" / "out" / "real" / "calibrate-docs"
        build_real(docs)
    model = fit(records(docs), docs)
    a.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"calibrate: {model['cables']:,} cables -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
