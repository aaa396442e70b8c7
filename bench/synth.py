"""Synthetic archives of N cables with the structure of real ones, for benchmarks and scale tests.

Templates are the parsed cables of examples/ (and ../shared/corpus when present): their subjects, tags, signers
and paragraphs, so lengths follow real cables (the corpus: about 5 KB and 8 paragraphs a cable, a long tail to
60 KB). Each synthetic cable mixes the paragraphs of several templates and names a few made-up people and
places drawn from a vocabulary that grows with the archive (as the release's does), so entity extraction and
the entity pages see new names at every size. Cables are made in date order (years weighted like the 2010
release, stations weighted by their share of the corpus, serials rising through each station's year), and cite
0-3 earlier cables (a few that are not in the archive), so cited-by lists and missing-cable pages occur as in
the release. Written as WikiLeaks cable pages (70%), plain-text telegrams (20%) and rows of one cables.csv
(10%). Deterministic for a given N and seed.

    .venv/bin/python bench/synth.py N OUT [--seed 1]
"""
from __future__ import annotations

import argparse
import csv
import html
import io
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import ids  # noqa: E402
from generator.reference import load  # noqa: E402

MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
# share of the 2010 release by year (older cables are few), as whole-number weights
YEARS = [(1985, 1), (1990, 1), (1995, 1), (2000, 1), (2001, 1), (2002, 2), (2003, 4), (2004, 6), (2005, 10),
         (2006, 16), (2007, 18), (2008, 20), (2009, 17), (2010, 3)]
CLASSES = [("UNCLASSIFIED", 30), ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", 12), ("CONFIDENTIAL", 38),
           ("CONFIDENTIAL//NOFORN", 6), ("SECRET", 9), ("SECRET//NOFORN", 5)]
SYLLABLES = ["ka", "ri", "mo", "tu", "sel", "van", "dor", "bek", "za", "lin", "hu", "qa", "pre", "os", "mir", "el",
             "ash", "no", "gu", "tar", "fen", "ub", "ly", "shi", "der", "am", "cov", "ji", "pol", "ez"]
TITLES = ["Minister", "Foreign Minister", "Deputy Minister", "Ambassador", "Director General", "Governor",
          "Senator", "General", "President", "Deputy Prime Minister", "Mayor", "Chief Justice"]
ORG_WORDS = ["Ministry of", "Party of", "Council for", "Bank of", "Institute for", "Commission on"]
FORMATS = ["html"] * 7 + ["text"] * 2 + ["csv"]  # by cable index modulo 10
OFFICERS = 300  # officers who sign the classification lines (they recur across cables)
VOCAB = 400_000  # made-up names: rank drawn Zipf-like, so new names keep appearing as N grows


@dataclass(frozen=True)
class Made:
    """One synthetic cable's identity: date, station, serial."""

    year: int
    month: int
    day: int
    station: str
    serial: int

    @property
    def id(self) -> str:
        return f"{self.year % 100:02d}{self.station}{self.serial}"


def templates() -> list:
    """Parsed cables to borrow text and tags from: the examples, plus the real corpus when it is there."""
    paths = [str(ROOT / "examples" / "cables")]
    corpus = ROOT.parent / "shared" / "corpus"
    if corpus.exists():
        paths.append(str(corpus))
    cables, _ = load(paths)
    return [c for c in cables if c.paragraphs and c.format != "annotated"]


def stations() -> list[tuple[str, str, str, int]]:
    """(code, origin name, FM line, weight) of every station the project's table knows."""
    out = []
    for code, row in sorted(ids.stations().items()):
        if code.startswith("EFTO") or not row["from_line"]:
            continue
        out.append((code, row["origin"], row["from_line"], 1))
    weights = _station_weights()
    return [(c, o, f, weights.get(c, 1)) for c, o, f, _w in out]


def _station_weights() -> dict[str, int]:
    """How many cables of the sample each station sent (stations.tsv's last column), STATE much the largest."""
    from importlib import resources

    text = resources.files("generator.data").joinpath("stations.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t"))
    w = {r["station"]: max(1, int(r.get("cables_in_sample") or 1)) for r in rows}
    w["STATE"] = max(w.get("STATE", 1), 3 * max(w.values()))
    return w


def made_up(rng: random.Random, rank: int | None = None) -> str:
    """A made-up proper name of a Zipf-like vocabulary."""
    rank = int(VOCAB ** rng.random()) if rank is None else rank
    out = ""
    while True:
        out += SYLLABLES[rank % len(SYLLABLES)]
        rank //= len(SYLLABLES)
        if not rank:
            return out.capitalize()


def _person(rng: random.Random) -> str:
    rank = int(VOCAB ** rng.random())
    return f"{made_up(rng, rank * 7 + 3)} {made_up(rng, rank)}"


def _sentence(rng: random.Random) -> str:
    """A sentence naming a made-up person, organisation or place, as cables do."""
    pick = rng.random()
    if pick < 0.5:
        return f"{rng.choice(TITLES)} {_person(rng)} told PolOff that the matter would be raised again."
    if pick < 0.8:
        return f"The {rng.choice(ORG_WORDS)} {made_up(rng)} has not commented publicly."
    return f"Clashes were reported near {made_up(rng)} and {made_up(rng)} last week."


def _paragraphs(rng: random.Random, t, pool: list) -> list:
    """The template's paragraphs, some swapped for other cables' paragraphs, with made-up names added."""
    out = []
    for p in t.paragraphs:
        if rng.random() < 0.4:
            p = rng.choice(pool)
        text = p.text
        for _ in range(rng.random() < 0.2):
            text = f"{text} {_sentence(rng)}" if text else _sentence(rng)
        out.append((p.mark, p.heading, text))
    return out


def _body(rng: random.Random, n: int, m: Made, t, cls: str, refs: list[Made], pool: list,
          written: str) -> tuple[list[str], list[tuple[str | None, str | None, str]], str]:
    """The preamble lines (classification to REF and Classified By), the paragraphs and the signer."""
    level = cls.split("//")[0]
    caveats = ["NOFORN"] if cls.endswith("NOFORN") else []
    lines = [f"{level} {written} {m.serial:06d}", "", *caveats, "SIPDIS", ""]
    lines.append("E.O. 12958: N/A" if level == "UNCLASSIFIED" else
                 f"E.O. 12958: DECL: {m.month:02d}/{m.day:02d}/{m.year + 10}")
    lines.append("TAGS: " + " ".join(t.tags or ("PREL",)))
    lines.append(f"SUBJECT: {(t.subject or 'SYNTHETIC CABLE').upper()[:90]} ({made_up(rng).upper()} {n})")
    lines.append("")
    if refs:
        items = [f"{'ABCDEFGH'[i]}. {r.year % 100:02d} {_written(r.station)} {r.serial}" for i, r in enumerate(refs)]
        lines += ["REF: " + items[0], *(" " * 5 + x for x in items[1:]), ""]
    if level != "UNCLASSIFIED":
        officer = f"{made_up(rng, rng.randrange(OFFICERS) * 7 + 3)} {made_up(rng, rng.randrange(OFFICERS))}"
        lines += [f"Classified By: Political Officer {officer} for reasons 1.4 (b) and (d).", ""]
    paras = _paragraphs(rng, t, pool)
    if refs:
        mark, heading, text = paras[0]
        paras[0] = (mark, heading, f"{text} (Ref {'A' if len(refs) > 1 else 'reftel'})")
    return lines, paras, (t.signer or made_up(rng)).upper()


def _written(code: str) -> str:
    """A station as REF lists write it: `THE HAGUE`, `STATE`."""
    row = ids.stations().get(code)
    if code == "STATE" or not row or not row["from_line"]:
        return code
    return row["from_line"].split(" ", 1)[-1]


def _telegram_text(lines: list[str], paras, signer: str) -> str:
    """Preamble and numbered paragraphs as plain text."""
    out = list(lines)
    for i, (mark, heading, text) in enumerate(paras, 1):
        if heading:
            out += ["", heading, "-" * max(3, len(heading)), ""]
        out += [f"{i}. {f'({mark}) ' if mark else ''}{text}", ""]
    return "\n".join(out + [signer, ""])


def _routing(m: Made, written_from: str, precedence: str) -> str:
    to = "RUEHC/SECSTATE WASHDC PRIORITY 1234" if m.station != "STATE" else "AMEMBASSY PARIS PRIORITY"
    hh, mm = (m.serial * 7) % 24, (m.serial * 13) % 60
    return "\n".join([f"{precedence} {m.day:02d}{hh:02d}{mm:02d}Z {MONTHS[m.month - 1]} {m.year % 100:02d}",
                      "FM SECSTATE WASHDC" if m.station == "STATE" else f"FM {written_from}", f"TO {to}",
                      "INFO RUEHXX/EU MEMBER STATES COLLECTIVE"])


def _html_page(m: Made, origin: str, cls: str, routing: str, lines: list[str], paras, signer: str) -> str:
    """A WikiLeaks cable page (the 2011 cablegate layout), body newlines as `&#x000A;` and paragraph anchors."""
    nl = "&#x000A;"
    pre = []
    for line in lines:
        if line.startswith("TAGS: "):
            tags = " ".join(f"<a href='/tag/{html.escape(x)}_0.html'>{html.escape(x)}</a>" for x in line[6:].split())
            pre.append("TAGS: " + tags)
        else:
            pre.append(html.escape(line, quote=False))
    for i, (mark, heading, text) in enumerate(paras, 1):
        if heading:
            pre += [html.escape(heading, quote=False), "-" * max(3, len(heading)), ""]
        pre += [f"<a id='par{i}' href='#par{i}'>¶</a>{i}. {f'({mark}) ' if mark else ''}"
                f"{html.escape(text, quote=False)}", ""]
    pre.append(html.escape(signer, quote=False))
    created = f"{m.year:04d}-{m.month:02d}-{m.day:02d} {(m.serial * 7) % 24:02d}:{(m.serial * 13) % 60:02d}"
    return f"""<?xml version='1.0' encoding='utf-8' ?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html lang='en' xml:lang='en' xmlns='http://www.w3.org/1999/xhtml'>
<head>
<title>Cable Viewer</title>
</head>
<body>
<div class='main'>
<div class='pane big'>
<h3>Viewing cable {m.id}</h3>
<div>
Synthetic cable page written by bench/synth.py for benchmarks; not a real document.
<br />
</div>
<table class='cable'>
<tr>
<th>Reference ID</th>
<th>Created</th>
<th>Released</th>
<th>Classification</th>
<th>Origin</th>
</tr>
<tr>
<td>
<a href='/cable/{m.year}/{m.month:02d}/{m.id}.html'>{m.id}</a>
</td>
<td>
<a href='/date/{m.year}-{m.month:02d}_0.html'>{created}</a>
</td>
<td>
<a href='/reldate/2011-08-30_0.html'>2011-08-30 01:44</a>
</td>
<td>
<a href='/classification/1_0.html'>{html.escape(cls)}</a>
</td>
<td>
<a href='/origin/1_0.html'>{html.escape(origin)}</a>
</td>
</tr>
</table>
<code><pre>{html.escape(routing, quote=False).replace(chr(10), nl)}</pre></code>
<code><pre>{nl.join(pre)}</pre></code>
</div>
</div>
</body>
</html>
"""


def plan(n: int, rng: random.Random, where: list[tuple[str, str, str, int]]) -> list[Made]:
    """n cable identities in date order, serials rising through each station's year."""
    years = [y for y, w in YEARS for _ in range(w)]
    codes = [s[0] for s in where]
    weights = [s[3] for s in where]
    dates = sorted((rng.choice(years), rng.randint(1, 12), rng.randint(1, 28), rng.choices(codes, weights)[0])
                   for _ in range(n))
    serial: dict[tuple[int, str], int] = {}
    out = []
    for y, mo, d, st in dates:
        serial[(y, st)] = serial.get((y, st), rng.randint(1, 200)) + rng.randint(1, 40)
        out.append(Made(y, mo, d, st, serial[(y, st)]))
    return out


def generate(n: int, out: Path, seed: int = 1) -> Path:
    """Write a synthetic archive of n cables under `out` and return it."""
    rng = random.Random(seed)
    tpl = templates()
    pool = [p for t in tpl for p in t.paragraphs if p.text]
    where = stations()
    info = {s[0]: s for s in where}
    made = plan(n, rng, where)
    out.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    rows = csv.writer(buf, quoting=csv.QUOTE_ALL, escapechar="\\", doublequote=False, lineterminator="\n")
    for i, m in enumerate(made):
        t = tpl[rng.randrange(len(tpl))]
        lo = max(0, i - 3000)  # cables cite recent cables
        refs = sorted({made[rng.randrange(lo, i)] for _ in range(rng.choice((0, 0, 1, 1, 2, 3)))} if i else set(),
                      key=lambda r: r.id)
        if rng.random() < 0.08:
            refs.append(Made(m.year, 1, 1, "STATE", 900_000 + i))  # a cable not in the archive
        cls = rng.choices([c for c, _w in CLASSES], [w for _c, w in CLASSES])[0]
        code, origin, from_line, _w = info[m.station]
        written = _written(m.station)
        lines, paras, signer = _body(rng, i, m, t, cls, refs[:8], pool, written)
        routing = _routing(m, from_line, rng.choice("PRO"))
        fmt = FORMATS[i % len(FORMATS)]
        folder = out / str(m.year) / m.station
        if fmt == "html":
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{m.id}.html").write_text(_html_page(m, origin, cls, routing, lines, paras, signer),
                                                 encoding="utf-8")
        elif fmt == "text":
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{m.id}.txt").write_text(routing + "\n\n" + _telegram_text(lines, paras, signer),
                                                encoding="utf-8")
        else:
            date = f"{m.month}/{m.day}/{m.year} {(m.serial * 7) % 24}:{(m.serial * 13) % 60:02d}"
            cited = ",".join(r.id for r in refs)
            rows.writerow([i + 1, date, m.id, origin, cls.split("//")[0], cited, routing,
                           _telegram_text(lines, paras, signer)])
    if buf.tell():
        (out / "cables.csv").write_text(buf.getvalue(), encoding="utf-8")
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
