"""Entity quality: extraction from bare text measured against the cleaned annotations of seeds 000 and 002.

For each annotated seed, the annotations are dropped and `enrich` extracts entities from the bare text, in an
archive made of the OTHER annotated seed (its annotations feed the gazetteer) and, unless --seeds-only, the
unannotated corpus. The cable's own annotations never reach the gazetteer. Prints precision and recall per type
(an entity counts as found when an extracted entity of the same type shares a name or alias with it), then the
misses and the extra finds, and how long extraction took.

    .venv/bin/python bench/entity_quality.py [--seeds-only] [--shared ../shared] [--scale 1,4,8]

--scale repeats the corpus k times (renamed IDs) and prints CPU time per cable: flat figures mean linear.
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.cli import load  # noqa: E402
from generator.entities import _canonical_key, enrich, norm  # noqa: E402

SEEDS = ("000_", "002_")
TARGET = {"PER": (0.80, 0.70), "LOC": (0.80, 0.70)}  # (precision, recall) the issue asks for


def forms(e) -> set[tuple[str, ...]]:
    """Every way an entity may be matched: its name, its aliases, and its canonical key."""
    out = {norm(f) for f in (e.name, *e.aliases)}
    out.add(_canonical_key(e.type, e.name))
    return {f for f in out if f}


def score(gold, found, typ: str) -> tuple[int, int, int, int, list[str], list[str]]:
    """(gold found, gold total, extracted right, extracted total, misses, extras) for one type."""
    g = [e for e in gold if e.type == typ]
    f = [e for e in found if e.type == typ]
    gf = [forms(e) for e in g]
    ff = [forms(e) for e in f]
    hit_g = [any(a & b for b in ff) for a in gf]
    hit_f = [any(a & b for b in gf) for a in ff]
    misses = [e.name for e, h in zip(g, hit_g) if not h]
    extras = [e.name for e, h in zip(f, hit_f) if not h]
    return sum(hit_g), len(g), sum(hit_f), len(f), misses, extras


def run(shared: Path, seeds_only: bool) -> bool:
    """Print the figures; True when PER and LOC meet the targets."""
    seeds, _ = load([str(shared / "seeds")])
    annotated = [c for c in seeds if Path(c.source).name.startswith(SEEDS)]
    corpus = [] if seeds_only else load([str(shared / "corpus")])[0]
    totals: dict[str, list[int]] = {t: [0, 0, 0, 0] for t in ("PER", "ORG", "LOC", "MISC")}
    elapsed = 0.0
    print(f"archive: the other annotated seed{'' if seeds_only else f' + {len(corpus)} corpus cables'}")
    for cable in annotated:
        others = [c for c in annotated if c is not cable]
        bare = replace(cable, entities=())
        t0 = time.process_time()
        out, _report = enrich([bare, *others, *corpus])
        elapsed += time.process_time() - t0
        found = out[0].entities
        print(f"\n{Path(cable.source).name} ({cable.id}): {len(cable.entities)} annotated, {len(found)} extracted")
        for typ in totals:
            hg, ng, hf, nf, misses, extras = score(cable.entities, found, typ)
            for k, v in enumerate((hg, ng, hf, nf)):
                totals[typ][k] += v
            print(f"  {typ:4} recall {hg}/{ng}  precision {hf}/{nf}")
            if misses:
                print(f"       missed: {', '.join(sorted(misses))}")
            if extras:
                print(f"       extra:  {', '.join(sorted(extras))}")
    print("\nboth seeds:")
    ok = True
    for typ, (hg, ng, hf, nf) in totals.items():
        r = hg / ng if ng else 1.0
        p = hf / nf if nf else 1.0
        target = TARGET.get(typ)
        mark = ""
        if target:
            met = p >= target[0] and r >= target[1]
            ok = ok and met
            mark = f"  target P>={target[0]:.0%} R>={target[1]:.0%}: {'met' if met else 'NOT met'}"
        print(f"  {typ:4} precision {p:6.1%} ({hf}/{nf})  recall {r:6.1%} ({hg}/{ng}){mark}")
    print(f"\nenrich over the archive: {elapsed / max(1, len(annotated)):.2f} s of CPU per run "
          f"({1 + len(annotated) - 1 + len(corpus)} cables)")
    return ok


def scale(shared: Path, factors: list[int]) -> None:
    """CPU seconds of enrich on the corpus repeated k times: the cost per cable must not grow with k."""
    cables = load([str(shared / "corpus"), str(shared / "seeds")])[0]
    enrich(cables[:3])  # the place tables load once per process
    for k in factors:
        archive = [replace(c, id=f"{c.id}R{r}") for r in range(k) for c in cables]
        t0 = time.process_time()
        enrich(archive)
        spent = time.process_time() - t0
        print(f"scale x{k}: {len(archive)} cables, {spent:.2f} s CPU, {spent / len(archive) * 1000:.2f} ms per cable")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parent.parent.parent / "shared"))
    ap.add_argument("--seeds-only", action="store_true", help="no corpus cables in the archive")
    ap.add_argument("--scale", help="comma-separated repeat factors of the corpus, e.g. 1,4,8")
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / "seeds").is_dir():
        print(f"no seeds at {shared}/seeds", file=sys.stderr)
        return 2
    if args.scale:
        scale(shared, [int(k) for k in args.scale.split(",")])
        return 0
    run(shared, args.seeds_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
