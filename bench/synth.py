"""Synthetic archives of N cables with the structure of real ones, for benchmarks.

Templates are the parsed cables of examples/ (and ../shared/corpus when present): their tags, subjects,
paragraph texts and lengths. Each synthetic cable gets a station, serial and date of its own, REF links to
earlier synthetic cables (so cited-by and missing cables occur as in the release), and is written as a plain-text
telegram (a tenth of them as rows of one cables.csv). Deterministic for a given N and seed.
"""
from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.cli import load  # noqa: E402

STATIONS = ["STATE", "MANAMA", "THEHAGUE", "PARIS", "LONDON", "BERLIN", "TRIPOLI", "MOSCOW", "BEIJING", "TOKYO",
            "CAIRO", "RIYADH", "ANKARA", "KABUL", "ISLAMABAD", "NEWDELHI", "BAGHDAD", "AMMAN", "ROME", "MADRID",
            "BRASILIA", "MEXICO", "OTTAWA", "CANBERRA", "SEOUL", "JAKARTA", "NAIROBI", "PRETORIA", "ABUJA", "DAKAR",
            "UNVIEVIENNA", "USUNNEWYORK", "USNATO", "GENEVA", "BRUSSELS", "VIENNA", "WARSAW", "PRAGUE", "KYIV",
            "TBILISI"]
WRITTEN = {"THEHAGUE": "THE HAGUE", "NEWDELHI": "NEW DELHI", "UNVIEVIENNA": "UNVIE VIENNA",
           "USUNNEWYORK": "USUN NEW YORK"}
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
CLASSES = ["UNCLASSIFIED", "UNCLAS", "CONFIDENTIAL", "CONFIDENTIAL", "SECRET", "LIMITED OFFICIAL USE"]


def templates() -> list:
    """Parsed cables to borrow text and tags from: the examples, plus the real corpus when it is there."""
    paths = [str(ROOT / "examples" / "cables")]
    corpus = ROOT.parent / "shared" / "corpus"
    if corpus.exists():
        paths.append(str(corpus))
    cables, _ = load(paths)
    return [c for c in cables if c.paragraphs]


def _telegram(n: int, rng: random.Random, t, ident: tuple[int, str, int], refs: list[tuple[int, str, int]]) -> str:
    """One synthetic plain-text telegram."""
    year, station, serial = ident
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    hh, mm = rng.randint(0, 23), rng.randint(0, 59)
    written = WRITTEN.get(station, station)
    cls = CLASSES[n % len(CLASSES)]
    lines = [f"P R {day:02d}{hh:02d}{mm:02d}Z {MONTHS[month - 1]} {year % 100:02d}",
             "FM SECSTATE WASHDC" if station == "STATE" else f"FM AMEMBASSY {written}",
             "TO RUEHC/SECSTATE WASHDC PRIORITY 1234" if station != "STATE" else "TO AMEMBASSY PARIS PRIORITY",
             "INFO RUEHXX/EU MEMBER STATES COLLECTIVE",
             "", f"{cls} {written} {serial:06d}", "", "SIPDIS", ""]
    lines.append("E.O. 12958: N/A" if cls.startswith("UNCLAS") else
                 f"E.O. 12958: DECL: {month:02d}/{day:02d}/{year + 10}")
    lines.append("TAGS: " + " ".join(t.tags or ("PREL",)))
    lines.append(f"SUBJECT: {(t.subject or 'SYNTHETIC CABLE').upper()[:90]} ({n})")
    lines.append("")
    if refs:
        items = [f"{'ABCDEFGH'[i]}) {ry % 100:02d} {WRITTEN.get(rs, rs)} {rserial}" for i, (ry, rs, rserial) in enumerate(refs)]
        lines += ["REF: " + items[0], *items[1:], ""]
    if not cls.startswith("UNCLAS"):
        lines += ["Classified By: Synthetic Officer Jane Doe for reasons 1.4 (b) and (d).", ""]
    for i, p in enumerate(t.paragraphs, 1):
        mark = f" ({p.mark})" if p.mark else ""
        if p.heading:
            lines += ["", p.heading, "-" * max(3, len(p.heading)), ""]
        lines += [f"{i}.{mark} {p.text}", ""]
    lines += [t.signer or "DOE", ""]
    return "\n".join(lines)


def generate(n: int, out: Path, seed: int = 1) -> Path:
    """Write a synthetic archive of n cables under `out` and return it."""
    rng = random.Random(seed)
    tpl = templates()
    out.mkdir(parents=True, exist_ok=True)
    made: list[tuple[int, str, int]] = []
    csv_buf = io.StringIO()
    writer = csv.writer(csv_buf, quoting=csv.QUOTE_ALL, escapechar="\\", doublequote=False, lineterminator="\n")
    for i in range(n):
        year = 2000 + (i * 11) // max(n, 1)
        station = STATIONS[rng.randrange(len(STATIONS))]
        ident = (year, station, 1000 + i)
        refs = [made[rng.randrange(len(made))] for _ in range(rng.randint(0, 3))] if made else []
        if rng.random() < 0.05:
            refs.append((year, "STATE", 900000 + i))  # a cable not in the archive
        text = _telegram(i, rng, tpl[i % len(tpl)], ident, sorted(set(refs)))
        made.append(ident)
        if i % 10 == 9:
            cid = f"{year % 100:02d}{station}{1000 + i}"
            writer.writerow([i, f"01/15/{year} 12:00", cid, station.title(), "UNCLASSIFIED", "", "", text])
        else:
            d = out / str(year) / station
            d.mkdir(parents=True, exist_ok=True)
            (d / f"{year % 100:02d}{station}{1000 + i}.txt").write_text(text, encoding="utf-8")
    if csv_buf.tell():
        (out / "cables.csv").write_text(csv_buf.getvalue(), encoding="utf-8")
    return out


def main() -> int:
    """`python bench/synth.py N OUT`"""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    generate(args.n, args.out, args.seed)
    print(f"wrote {args.n} cables under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
