"""Entity quality: extraction measured on the real archive against the hand-labelled gold set, and on the seeds.

Gold section: the whole archive (../shared/corpus, corpus-2010 and seeds: names are learned across it) goes
through the one-process entity pass; each record of entities-gold/gold.json is matched to its cable by its
source file (by ID only when no file matches) and scored as the gold README's "Matching (suggested)" says:
names normalised (case, whitespace, trailing possessive, typographic apostrophes); a gold entity is found when
a predicted entity of its type has its name or one of its forms as name or alias; a prediction is right when
it finds one; predictions matching an `uncertain` string are dropped; a prediction matching a gold entity of
another type is a type error (it counts against the precision of its own type and is listed apart); counts
are per cable, one per referent. Prints precision, recall and F1 of PER, ORG and LOC against the targets.

Seeds section: annotated seeds 000 and 002, their annotations dropped, are extracted in an archive made of the
OTHER annotated seed (its annotations feed the gazetteer) and, unless --seeds-only, ../shared/corpus; the
cable's own annotations are the gold (MISC included), scored the same way.

    .venv/bin/python bench/entity_quality.py [--shared ../shared] [--verbose] [--json FILE]
                                             [--gold-only | --seeds-only] [--scale 1,4,8]

--verbose lists, per cable and type, the misses, the false positives and the type errors.
--scale repeats corpus + seeds k times (renamed IDs) and prints CPU time per cable: flat figures mean linear.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import load  # noqa: E402

ARCHIVE = ("corpus", "corpus-2010", "seeds")
GOLD = Path("entities-gold") / "gold.json"
SCORED = ("PER", "ORG", "LOC")
ALL_TYPES = ("PER", "ORG", "LOC", "MISC")
SEEDS = ("000_", "002_")
JOBS = 2
_QUOTES = re.compile("[\u00b4\u2018\u2019]")
_POSSESSIVE = re.compile(r"\s*(?:'s|,s)$")
_CSV_ROW = re.compile(r"^(?P<path>.+) row (?P<row>\d+)$")


@dataclass(frozen=True)
class Target:
    """The precision and recall a type must reach (the issue's figures)."""

    type: str
    precision: float
    recall: float


GOLD_TARGETS = (Target("PER", 0.93, 0.90), Target("ORG", 0.85, 0.70), Target("LOC", 0.93, 0.90))
SEED_TARGETS = (Target("PER", 0.80, 0.70), Target("LOC", 0.80, 0.70))


def extract(cables: list) -> tuple[list, list[str]]:
    """The one-process entity pass (the reference the pipelined build is tested against)."""
    from generator.entities.reference import enrich

    return enrich(cables)


# ---------------------------------------------------------------- scoring (the gold README's matching)

@dataclass(frozen=True)
class Referent:
    """One labelled entity of one cable: every normalised form that names it counts as finding it."""

    type: str
    name: str
    forms: frozenset[str]


@dataclass(frozen=True)
class Confusion:
    """A prediction whose string is labelled under another type: listed apart, it is what the developer fixes."""

    predicted: str
    gold: str
    gold_type: str


@dataclass(frozen=True)
class TypeResult:
    """What one cable's extraction got right and wrong for one type (names as labelled or as predicted)."""

    found: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    false: tuple[str, ...] = ()  # predictions of this type matching nothing labelled
    type_errors: tuple[Confusion, ...] = ()  # predictions of this type labelled under another type
    dropped: tuple[str, ...] = ()  # predictions matching an `uncertain` string: neither rewarded nor penalised

    @property
    def tp(self) -> int:
        """Referents found (one per referent, whatever the number of predictions naming it)."""
        return len(self.found)

    @property
    def fp(self) -> int:
        """Wrong predictions: type errors count against the predicted type's precision too."""
        return len(self.false) + len(self.type_errors)

    @property
    def fn(self) -> int:
        """Referents not found with their type."""
        return len(self.missed)


def normalise(s: str) -> str:
    """The README's comparison form: case, whitespace, typographic apostrophes and a trailing possessive ignored."""
    s = " ".join(_QUOTES.sub("'", s).split()).casefold()
    return _POSSESSIVE.sub("", s)


def entity_forms(e) -> frozenset[str]:
    """Every string a predicted entity answers to: its name and its aliases (from the whole archive)."""
    return frozenset(f for f in (normalise(x) for x in (e.name, *e.aliases)) if f)


def referents(record: dict, types: Sequence[str] = ALL_TYPES) -> tuple[Referent, ...]:
    """The labelled entities of a gold record, each with its name and forms normalised."""
    return tuple(Referent(t, item["name"], frozenset(normalise(f) for f in (item["name"], *item.get("forms", ()))))
                 for t in types for item in record.get(t, ()))


def _judge(e, refs: Sequence[Referent], uncertain: frozenset[str]) -> tuple[str, list[int]]:
    """How one prediction scores: ("hit", referents), ("dropped", []), ("type", [referent]) or ("false", [])."""
    forms = entity_forms(e)
    same = [i for i, r in enumerate(refs) if r.type == e.type and r.forms & forms]
    if same:
        return "hit", same
    if forms & uncertain:
        return "dropped", []
    other = [i for i, r in enumerate(refs) if r.forms & forms]
    return ("type", other[:1]) if other else ("false", [])


def score_cable(record: dict, predicted: Iterable, types: Sequence[str] = SCORED) -> dict[str, TypeResult]:
    """Per type, one cable's predictions scored against its gold record (`types` are the labelled ones).

    A prediction matching a gold entity of its own type is right even when it also matches an `uncertain`
    string; false positives are counted once per normalised name, type errors once per gold referent.
    """
    refs = referents(record, types)
    uncertain = frozenset(normalise(u) for u in record.get("uncertain", ()))
    hit: set[int] = set()
    false: dict[str, dict[str, str]] = {}
    errors: dict[str, dict[int, str]] = {}
    dropped: dict[str, dict[str, str]] = {}
    for e in predicted:
        kind, idx = _judge(e, refs, uncertain)
        if kind == "hit":
            hit.update(idx)
        elif kind == "dropped":
            dropped.setdefault(e.type, {}).setdefault(normalise(e.name), e.name)
        elif kind == "type":
            errors.setdefault(e.type, {}).setdefault(idx[0], e.name)
        elif e.type in types:
            false.setdefault(e.type, {}).setdefault(normalise(e.name), e.name)
    out = {}
    for t in dict.fromkeys((*types, *errors, *dropped)):
        mine = [i for i, r in enumerate(refs) if r.type == t]
        out[t] = TypeResult(
            found=tuple(refs[i].name for i in mine if i in hit),
            missed=tuple(refs[i].name for i in mine if i not in hit),
            false=tuple(sorted(false.get(t, {}).values(), key=str.casefold)),
            type_errors=tuple(Confusion(p, refs[i].name, refs[i].type) for i, p in errors.get(t, {}).items()),
            dropped=tuple(sorted(dropped.get(t, {}).values(), key=str.casefold)))
    return out


@dataclass(frozen=True)
class Tally:
    """Counts of one type summed over cables, and the figures drawn from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    type_errors: int = 0

    def __add__(self, r: TypeResult) -> Tally:
        """This tally with one cable's result added."""
        return Tally(self.tp + r.tp, self.fp + r.fp, self.fn + r.fn, self.type_errors + len(r.type_errors))

    @property
    def precision(self) -> float:
        """Right predictions over predictions (1.0 when nothing was predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Referents found over referents labelled (1.0 when none were labelled)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def tally(results: Iterable[dict[str, TypeResult]], types: Sequence[str] = SCORED) -> dict[str, Tally]:
    """Per type, the counts of every cable summed."""
    out = {t: Tally() for t in types}
    for res in results:
        for t in types:
            if t in res:
                out[t] = out[t] + res[t]
    return out


def type_error_counts(results: Iterable[dict[str, TypeResult]]) -> Counter:
    """How often each (predicted type -> gold type) confusion happens, over all cables."""
    return Counter(f"{t}->{e.gold_type}" for res in results for t, r in res.items() for e in r.type_errors)


# ---------------------------------------------------------------- matching gold records to cables

def source_key(source: str) -> str:
    """A cable's source comparable with a gold `file`: the name the build gives it (relative to the folder
    given, under that folder's name: `corpus/csv/cables_sample.csv#2`)."""
    return source


def gold_source(corpus: Path, file: str) -> str:
    """The source key a gold `file` names (`csv/cables_sample.csv row 2` is the file's second data row)."""
    m = _CSV_ROW.match(file)
    return source_key(f"{corpus.name}/{m['path']}#{m['row']}" if m else f"{corpus.name}/{file}")


@dataclass(frozen=True)
class Match:
    """A gold record, the cable it describes (None when none was found) and how it was found."""

    record: dict
    cable: object | None
    how: str  # "source", "id", "id, N versions" or "none"
    twins: tuple[str, ...] = ()  # sources of other versions of the same ID in the archive


def match_gold(gold: list[dict], cables: Sequence, corpus: Path) -> list[Match]:
    """Each gold record's cable by source file, else by ID (preferring the corpus folder, then unannotated text)."""
    by_source = {source_key(c.source): c for c in cables}
    by_id: dict[str, list] = {}
    for c in cables:
        by_id.setdefault(c.id, []).append(c)
    inside = corpus.name + "/"
    out = []
    for rec in gold:
        same_id = by_id.get(rec["id"], [])
        cable, how = by_source.get(gold_source(corpus, rec["file"])), "source"
        if cable is None and same_id:
            ranked = sorted(same_id, key=lambda c: (not source_key(c.source).startswith(inside),
                                                    c.format == "annotated"))
            cable, how = ranked[0], "id" if len(same_id) == 1 else f"id, {len(same_id)} versions"
        twins = tuple(c.source + (" (annotated: its labels feed the archive, so this cable is not scored blind)"
                                  if c.format == "annotated" else "") for c in same_id if c is not cable)
        out.append(Match(rec, cable, how if cable is not None else "none", twins))
    return out


# ---------------------------------------------------------------- printing

def verdict(value: float, target: float) -> str:
    """`met (+1.2 pts)` or `NOT met (-3.4 pts)`: how far a figure is from its target."""
    gap = (value - target) * 100
    return f"{'met' if gap >= -1e-9 else 'NOT met'} ({gap:+.1f} pts)"


def figures(tallies: dict[str, Tally], targets: Sequence[Target]) -> dict:
    """The JSON form of per-type figures, with each target and whether it is met."""
    goals = {g.type: g for g in targets}
    out = {}
    for t, s in tallies.items():
        d = {"tp": s.tp, "fp": s.fp, "fn": s.fn, "type_errors": s.type_errors,
             "precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4)}
        if t in goals:
            g = goals[t]
            d["target"] = {"precision": g.precision, "recall": g.recall}
            d["precision_met"] = s.precision >= g.precision
            d["recall_met"] = s.recall >= g.recall
        out[t] = d
    return out


def print_table(tallies: dict[str, Tally], targets: Sequence[Target]) -> None:
    """One line per type: precision, recall and F1 with their counts, and each target met or not and by how much."""
    goals = {g.type: g for g in targets}
    print(f"  {'type':4}  {'precision':>17}  {'recall':>17}  {'F1':>6}  {'type err':>8}  target")
    for t, s in tallies.items():
        g = goals.get(t)
        aim = (f"P>={g.precision:.0%} {verdict(s.precision, g.precision)}, "
               f"R>={g.recall:.0%} {verdict(s.recall, g.recall)}") if g else "-"
        print(f"  {t:4}  {s.precision:6.1%} ({s.tp:3}/{s.tp + s.fp:3})  {s.recall:6.1%} ({s.tp:3}/{s.tp + s.fn:3})"
              f"  {s.f1:6.1%}  {s.type_errors:8}  {aim}")


def detail_line(t: str, res: dict[str, TypeResult]) -> str:
    """One type of one cable: found/right counts, then the misses, false positives and type errors by name."""
    r = res[t]
    elsewhere = {e.gold: u for u, o in res.items() for e in o.type_errors if e.gold_type == t}
    parts = [f"found {r.tp}/{r.tp + r.fn}, right {r.tp}/{r.tp + r.fp}"]
    if r.missed:
        parts.append("missed: " + ", ".join(f"{m} (as {elsewhere[m]})" if m in elsewhere else m for m in r.missed))
    if r.false:
        parts.append("false: " + ", ".join(r.false))
    if r.type_errors:
        parts.append("type errors: " + ", ".join(
            e.predicted + (f" (gold {e.gold_type})" if normalise(e.predicted) == normalise(e.gold)
                           else f" (gold {e.gold_type} {e.gold})") for e in r.type_errors))
    return f"    {t:4} " + " | ".join(parts)


def print_details(title: str, res: dict[str, TypeResult], types: Sequence[str]) -> None:
    """Every scored type of one cable, and any other predicted type that made type errors (MISC)."""
    print(title)
    for t, r in res.items():
        if t in types or r.type_errors:
            print(detail_line(t, res))


def per_cable_json(res: dict[str, TypeResult]) -> dict:
    """One cable's names by outcome, for the JSON file."""
    return {t: {"found": list(r.found), "missed": list(r.missed), "false": list(r.false), "dropped": list(r.dropped),
                "type_errors": [[e.predicted, e.gold, e.gold_type] for e in r.type_errors]} for t, r in res.items()}


# ---------------------------------------------------------------- the sections

def load_archive(shared: Path, folders: Sequence[str]) -> tuple[list, list]:
    """Parsed cables and skips of the named folders of ../shared, in input order."""
    return load([str(shared / f) for f in folders], jobs=JOBS)


def timed_extract(cables: list) -> tuple[list, float]:
    """The entity pass and its CPU seconds (one process, so process time is the pass's own)."""
    t0 = time.process_time()
    out, _notes = extract(cables)
    return out, time.process_time() - t0


def run_gold(shared: Path, cables: list, skips: list, verbose: bool) -> dict:
    """Gold section: the whole archive enriched, the gold cables scored; returns the figures for --json."""
    gold_file = shared / GOLD
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    out, cpu = timed_extract(cables)
    matches = match_gold(gold, out, shared / "corpus")
    results = [score_cable(m.record, m.cable.entities if m.cable else ()) for m in matches]
    tallies = tally(results)
    how = {k: sum(m.how.split(",")[0] == k for m in matches) for k in ("source", "id", "none")}
    print(f"== Gold: {len(gold)} cables of {gold_file}")
    print(f"archive: {len(cables):,} cables ({', '.join(ARCHIVE)}; {len(skips)} skipped inputs)")
    print(f"enrich over the archive: {cpu:.1f} s CPU, {cpu / max(1, len(cables)) * 1000:.1f} ms per cable")
    print(f"gold matched to cables: {how['source']} by source file, {how['id']} by ID, {how['none']} not found")
    for m in matches:
        if m.how != "source" or m.twins:
            others = f"; other versions: {', '.join(m.twins)}" if m.twins else ""
            print(f"  {m.record['id']}: matched by {m.how}{others}")
    if verbose:
        print("\nper cable (missed = labelled, not found with its type; false = predicted, not labelled;"
              " type errors = predicted under another type than the label):")
        for m, res in zip(matches, results):
            print_details(f"  {m.record['id']}  {m.record['file']}  (by {m.how})", res, SCORED)
    print()
    print_table(tallies, GOLD_TARGETS)
    errs = type_error_counts(results)
    print("  type errors (predicted->gold): " + (", ".join(f"{k} {v}" for k, v in errs.most_common()) or "none"))
    return {"file": str(gold_file), "cables": len(gold), "archive_cables": len(cables), "enrich_cpu_s": round(cpu, 3),
            "cpu_ms_per_cable": round(cpu / max(1, len(cables)) * 1000, 3), "matched": dict(how),
            "types": figures(tallies, GOLD_TARGETS), "type_errors": dict(errs),
            "per_cable": [{"id": m.record["id"], "file": m.record["file"], "matched_by": m.how,
                           "source": m.cable.source if m.cable else None, "types": per_cable_json(r)}
                          for m, r in zip(matches, results)]}


def seed_record(cable) -> dict:
    """An annotated seed's own (cleaned) annotations as a gold record: name and aliases of each entity."""
    rec: dict = {t: [] for t in ALL_TYPES}
    for e in cable.entities:
        rec.setdefault(e.type, []).append({"name": e.name, "forms": list(e.aliases)})
    return rec


def run_seeds(shared: Path, cables: list, seeds_only: bool, verbose: bool) -> dict:
    """Seeds section: each annotated seed extracted bare beside the other one (and the corpus) and scored."""
    seeds_dir, corpus_dir = "seeds/", "corpus/"  # the names the build gives the inputs of these folders
    annotated = [c for c in cables
                 if source_key(c.source).startswith(seeds_dir) and Path(c.source).name.startswith(SEEDS)]
    corpus = [] if seeds_only else [c for c in cables if source_key(c.source).startswith(corpus_dir)]
    print(f"\n== Seeds: annotated {', '.join(SEEDS)} extracted bare; archive: the other annotated seed"
          f"{'' if seeds_only else f' + {len(corpus)} corpus cables'}")
    results, cpu = [], 0.0
    for cable in annotated:
        others = [c for c in annotated if c is not cable]
        out, spent = timed_extract([replace(cable, entities=()), *others, *corpus])
        cpu += spent
        res = score_cable(seed_record(cable), out[0].entities, ALL_TYPES)
        results.append(res)
        title = (f"  {Path(cable.source).name} ({cable.id}): {len(cable.entities)} annotated, "
                 f"{len(out[0].entities)} extracted")
        if verbose:
            print_details(title, res, ALL_TYPES)
        else:
            print(title)
    tallies = tally(results, ALL_TYPES)
    print()
    print_table(tallies, SEED_TARGETS)
    per_run = cpu / max(1, len(annotated))
    print(f"  enrich: {per_run:.2f} s CPU per run ({1 + len(corpus) + len(annotated) - 1} cables)")
    return {"seeds": [Path(c.source).name for c in annotated], "corpus_cables": len(corpus),
            "types": figures(tallies, SEED_TARGETS), "enrich_cpu_s_per_run": round(per_run, 3)}


def scale(shared: Path, factors: list[int]) -> dict:
    """CPU seconds of enrich on corpus + seeds repeated k times: the cost per cable must not grow with k."""
    cables = load_archive(shared, ("corpus", "seeds"))[0]
    extract(cables[:3])  # the place tables load once per process
    out = {}
    for k in factors:
        archive = [replace(c, id=f"{c.id}R{r}") for r in range(k) for c in cables]
        _out, spent = timed_extract(archive)
        out[str(k)] = {"cables": len(archive), "cpu_s": round(spent, 3),
                       "ms_per_cable": round(spent / len(archive) * 1000, 3)}
        print(f"scale x{k}: {len(archive)} cables, {spent:.2f} s CPU, {spent / len(archive) * 1000:.2f} ms per cable")
    return out


def build_figures(sources: Sequence[Path]) -> dict:
    """`generator build` of real folders in a fresh process (as `make site` runs it): the entity stage's CPU per
    cable and the pages it writes, by kind."""
    with tempfile.TemporaryDirectory() as tmp:
        docs, timings = Path(tmp) / "docs", Path(tmp) / "timings.json"
        subprocess.run([sys.executable, "-m", "generator", "build", *map(str, sources), "--docs", str(docs),
                        "--quiet", "--timings", str(timings)], check=True, cwd=ROOT, stderr=subprocess.DEVNULL)
        stages = json.loads(timings.read_text(encoding="utf-8"))["stages"]
        report = json.loads((docs / "report.json").read_text(encoding="utf-8"))
        pages = Counter(p.relative_to(docs).parts[0] for p in docs.rglob("*.md") if p.is_file())
    cables = report["summary"]["cables"]
    return {"cables": cables, "entity_ms_per_cable": stages["entities"]["cpu"] / cables * 1000,
            "entity_pages": pages["entity"], "cable_pages": pages["cable"], "pages": sum(pages.values())}


def speed(shared: Path) -> dict:
    """The entity pass on corpus-2010 (target: at most 5 ms of CPU a cable) and the pages of the whole real corpus."""
    out = {}
    for label, folders in (("corpus-2010", ("corpus-2010",)), ("corpus + corpus-2010 + seeds", ARCHIVE)):
        f = build_figures([shared / d for d in folders])
        out[label] = f
        print(f"{label}: {f['cables']:,} cables; entity pass {f['entity_ms_per_cable']:.1f} ms CPU a cable "
              f"(build stage, both processes); {f['entity_pages']:,} entity pages of {f['pages']:,} "
              f"({f['entity_pages'] / f['cables']:.2f} a cable)")
    met = out["corpus-2010"]["entity_ms_per_cable"] <= 5.0
    print(f"target <= 5 ms a cable on corpus-2010: {'met' if met else 'NOT met'}")
    return out


def missing(shared: Path, args: argparse.Namespace) -> list[str]:
    """The parts of ../shared this run reads that are absent (the run then skips)."""
    need = ("corpus", "seeds") if args.scale else ("seeds",) if args.seeds_only else (GOLD, *ARCHIVE)
    return [str(p) for p in need if not (shared / p).exists()]


def main(argv: list[str] | None = None) -> int:
    """Parse the options, skip cleanly without ../shared, run the sections and write --json."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared folder (default ../shared)")
    ap.add_argument("--verbose", action="store_true", help="per cable and type: misses, false positives, type errors")
    ap.add_argument("--json", metavar="FILE", help="write the figures to FILE")
    only = ap.add_mutually_exclusive_group()
    only.add_argument("--gold-only", action="store_true", help="no seeds section")
    only.add_argument("--seeds-only", action="store_true", help="seeds section only, with no corpus in its archive")
    ap.add_argument("--scale", help="comma-separated repeat factors of corpus + seeds, e.g. 1,4,8 (nothing else runs)")
    ap.add_argument("--speed", action="store_true",
                    help="also build corpus-2010 and the whole real corpus: entity ms a cable, entity pages")
    args = ap.parse_args(argv)
    shared = Path(args.shared).resolve()
    gold, seeds = not args.seeds_only, not args.gold_only
    absent = missing(shared, args)
    if absent:
        reason = f"entity quality skipped: {shared} lacks {', '.join(absent)}"
        print(reason)
        if args.json:
            Path(args.json).write_text(json.dumps({"skipped": reason}) + "\n", encoding="utf-8")
        return 0
    data: dict = {}
    if args.scale:
        data["scale"] = scale(shared, [int(k) for k in args.scale.split(",")])
    else:
        cables, skips = load_archive(shared, ARCHIVE if gold else ("seeds",))
        if gold:
            data["gold"] = run_gold(shared, cables, skips, args.verbose)
        if seeds:
            data["seeds"] = run_seeds(shared, cables, args.seeds_only, args.verbose)
        if args.speed:
            print("\n== Speed and pages: `generator build` of the real corpus")
            data["speed"] = speed(shared)
    if args.json:
        Path(args.json).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
