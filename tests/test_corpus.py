"""Every cable of ../shared/corpus parses, and agrees with what its WikiLeaks page says of itself.

The page's own facts are read here independently of the readers, with BeautifulSoup: the header table
(Reference ID, Created, Classification, Origin), the tag links and the SUBJECT line of the cable text.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import ids
from generator.reference import load

FIELDS = ("id", "date", "classification", "origin", "tags", "subject")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _csv_rows(path: Path) -> int:
    """Rows of a cables.csv dump, counted with the csv module (MySQL escapes)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.reader(fh, escapechar="\\", doublequote=False))


def test_every_corpus_cable_parses(shared, corpus_cables):
    cables, skips = corpus_cables
    corpus = shared / "corpus"
    assert [Path(s.source).name for s in skips] == ["MANIFEST.tsv"], skips
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in (".html", ".txt"))
    expected = len(files) + sum(_csv_rows(p) for p in corpus.rglob("*.csv"))
    assert len(cables) == expected
    plain = [c.id for c in cables if not c.aliases]
    assert len(set(plain)) == len(plain)
    twins = [c for c in cables if c.aliases]  # a malformed WikiLeaks ID maps to its canonical twin
    assert all(c.id in plain and c.aliases[0] != c.id for c in twins)
    assert all(c.date and c.classification and c.origin and c.paragraphs for c in cables)


def _stations(shared: Path) -> dict[str, str]:
    """Origin name -> station code, from ../shared/reference/stations.tsv."""
    with (shared / "reference" / "stations.tsv").open(encoding="utf-8") as fh:
        return {r["origin"]: r["station"] for r in csv.DictReader(fh, delimiter="\t")}


_SUBJECT = re.compile(
    r"S?UBJECT\s*:\s*(.*?)(?=\n\s*\n|\s(?i:REF|REFS|REFTEL)\s*:|(?<=[A-Z0-9’'])REF:|[Cc]lassified [Bb]y\b|"
    r"\s¶?1\s?\.\s|\s-{5,}|\n(?i:this is an action request)|\Z)", re.S)  # a rule after it: 07MANAMA1089


def _page_subject(text: str) -> str | None:
    """The SUBJECT line as the page writes it: lines joined, trailing portion mark off; the first complete
    one where a page repeats a copy cut short with `...`."""
    found = []
    for m in _SUBJECT.finditer(text):
        s = re.sub(r"\s+", " ", m.group(1)).strip().replace('""', '"')
        s = re.sub(r"^\((?:U|C|S|SBU|S/NF|C/NF)\)\s*", "", re.sub(r"\s*\((?:U|C|S|SBU|S/NF|C/NF)\)$", "", s))
        if s:
            found.append(s)
    complete = [s for s in found if not s.endswith("...")]
    return (complete or found or [None])[0]


def _page_tags(pre, text: str) -> list[str]:
    """Tag links in order (a page that repeats its preamble links them twice); else the TAGS line as written."""
    linked = list(dict.fromkeys(a.get_text(strip=True) for a in pre.find_all("a", href=re.compile(r"/tag/"))))
    if linked:
        return linked
    m = re.search(r"^\s*TAGS?\s*:?\s*(.*)$", text, re.M)
    return [t for t in re.split(r"[\s,]+", m.group(1)) if t] if m else []


def page_facts(path: Path, stations: dict[str, str]) -> dict:
    """What a WikiLeaks cable page says of its cable."""
    page = path.read_text(encoding="utf-8")
    # the cable section only: the browse sidebar before it is large and says nothing of this cable
    soup = BeautifulSoup(page[page.find("<table class='cable'>"):], "html.parser")
    cells = [td.get_text(" ", strip=True) for td in soup.select("table.cable td")]
    pre = soup.find_all("pre")[-1]
    text = re.sub(r"[ \t]*\\[ \t]*\n", "\n", pre.get_text())
    ref_id = cells[0]
    return {
        "id": ref_id,
        "date": cells[1][:10],
        "classification": cells[3].split("//")[0].strip(),
        "origin": stations.get(cells[4]) or re.sub(r"^\d\d|\d+$", "", ref_id),
        "tags": _page_tags(pre, text),
        "subject": _page_subject(text),
    }


def test_pages_agree_with_parse(shared, corpus_cables):
    cables, _ = corpus_cables
    by_file = {Path(c.source).name: c for c in cables if c.format == "wikileaks-html"}
    stations = _stations(shared)
    pages = sorted((shared / "corpus" / "html").glob("*.html"))
    assert len(pages) == len(by_file)
    wrong: dict[str, list] = {k: [] for k in FIELDS}
    agree = 0
    for path in pages:
        page, c = page_facts(path, stations), by_file[path.name]
        got = {"id": page["id"] if page["id"] in c.aliases else c.id, "date": c.date,
               "classification": c.classification, "origin": c.origin, "tags": list(c.tags), "subject": c.subject}
        bad = [k for k in FIELDS if got[k] != page[k]]
        for k in bad:
            wrong[k].append((path.name, page[k], got[k]))
        agree += not bad
    share = agree / len(pages)
    print(f"\nWikiLeaks pages: {agree}/{len(pages)} = {share:.1%} agree on id, date, classification, origin, "
          f"tags and subject; per field: " + ", ".join(f"{k} {len(pages) - len(v)}" for k, v in wrong.items()))
    assert share >= 0.99, {k: v[:5] for k, v in wrong.items() if v}


def _stated_forms(date: str) -> list[str]:
    """How a text can state a date: ISO, US `M/D/YYYY`, `D Month YYYY`, date-time group `DDHHMMZ MON YY`."""
    y, m, d = (int(x) for x in date.split("-"))
    month = MONTHS[m - 1]
    return [date, f"{m}/{d}/{y}", f"{m:02d}/{d:02d}/{y}", rf"\b{d} {month} {y}\b",
            rf"\b{d:02d}\d{{4}}Z {month[:3].upper()} {y % 100:02d}\b"]


@pytest.fixture(scope="module")
def body_only(shared, tmp_path_factory):
    """The corpus pages cut to their last `<code><pre>` block (as in the seeds), parsed: {page id: cable}."""
    folder = tmp_path_factory.mktemp("body_only")
    truth = {}
    for path in sorted((shared / "corpus" / "html").glob("*.html")):
        blocks = re.findall(r"<code><pre>.*?</pre></code>", path.read_text(encoding="utf-8"), re.S)
        out = folder / f"{path.stem}.txt"
        out.write_text(blocks[-1], encoding="utf-8")
        truth[out.name] = ids.canonical_id(path.stem)
    cables, skips = load([str(folder)])
    return truth, {Path(c.source).name: c for c in cables}, skips, folder


def test_body_only_identity(body_only):
    truth, parsed, skips, _ = body_only
    n = len(truth)
    parts = {name: ids.CANONICAL_ID.match(cid).groups() for name, cid in truth.items()}
    got = {name: ids.CANONICAL_ID.match(c.id).groups() for name, c in parsed.items()}
    station_serial = sum(1 for k, p in parts.items() if k in got and got[k][1:] == p[1:])
    year = sum(1 for k, p in parts.items() if k in got and got[k][0] == p[0])
    print(f"\nbody-only: station and serial {station_serial}/{n} = {station_serial / n:.1%}, "
          f"year {year}/{n} = {year / n:.1%}, skipped {len(skips)}")
    assert station_serial / n >= 0.99
    assert year / n >= 0.85


def test_body_only_marks_every_inferred_year(body_only):
    _truth, parsed, _skips, folder = body_only
    assert sum(c.date_inferred for c in parsed.values()) >= len(parsed) * 0.8
    for name, c in parsed.items():
        text = (folder / name).read_text(encoding="utf-8")
        if not c.date_inferred:  # a date not marked inferred must be one the input states
            assert c.date and any(re.search(p, text) for p in _stated_forms(c.date)), (name, c.date)
        assert c.year == ids.full_year(ids.CANONICAL_ID.match(c.id).group(1))
