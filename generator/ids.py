"""Canonical cable IDs and station names (CABLES.md, "Identifiers")."""
from __future__ import annotations

import csv
import functools
import re
from importlib import resources

# Short or variant station names as written in cables and REF lists, and their canonical codes.
STATION_ALIASES = {
    "SECSTATE": "STATE",
    "SECSTATEWASHDC": "STATE",
    "WASHDC": "STATE",
    "UNVIE": "UNVIEVIENNA",
    "USUN": "USUNNEWYORK",
    "USUNNY": "USUNNEWYORK",
    "USEU": "USEUBRUSSELS",
    "EFTOLONDON": "LONDON",
    "EFTOTRIPOLI": "TRIPOLI",
    "QRIPOLI": "TRIPOLI",
}


@functools.lru_cache(maxsize=1)
def stations() -> dict[str, dict[str, str]]:
    """The station table shipped in generator/data: code -> {origin, from_line}."""
    text = resources.files("generator.data").joinpath("stations.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return {r["station"]: {"origin": r["origin"], "from_line": r["from_line"], "written": r.get("written") or ""}
            for r in rows}


@functools.lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    """Origin names and FM lines (spaces removed, upper case) -> station code."""
    out: dict[str, str] = {}
    for code, row in stations().items():
        if code.startswith("EFTO"):
            continue
        for name in (row["origin"], row["from_line"]):
            if name:
                out.setdefault(re.sub(r"\W+", "", name).upper(), code)
    return out


@functools.lru_cache(maxsize=1)
def tag_codes() -> frozenset[str]:
    """Every TAGS code of generator/data/tags.tsv (subject, program, organization and FIPS country codes)."""
    text = resources.files("generator.data").joinpath("tags.tsv").read_text(encoding="utf-8")
    return frozenset(r["code"] for r in csv.DictReader(text.splitlines(), delimiter="\t"))


@functools.lru_cache(maxsize=1)
def tag_words() -> frozenset[str]:
    """The words of the TAGS meanings (`HUMAN`, `RIGHTS`, `EXTERNAL`): a tag written out is made of them."""
    text = resources.files("generator.data").joinpath("tags.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return frozenset(w for r in rows for w in re.findall(r"[A-Z]{3,}", r["description"].upper()))


_OFFICE = re.compile(r"^(?:EMBASSY|CONSULATE|AMEMBASSY|AMCONSUL|USMISSION|MISSION|USDEL|USINT|USOFFICE)\s+", re.I)


@functools.lru_cache(maxsize=1)
def station_names() -> dict[str, str]:
    """Every way the station table writes a station (its code, its Origin name and FM line without the office
    word, its `written` variants), letters only in capitals (`MEXICOCITY`, `NDJAMENA`) -> station code."""
    # the codes and aliases first: a code is itself even where another station's name spells it (the table's
    # BRUSSELS row is named `USEU Brussels`, but USEU BRUSSELS is USEUBRUSSELS)
    out: dict[str, str] = {code: code for code in stations() if not code.startswith("EFTO")}
    out.update((c, c) for c in STATION_ALIASES.values() if c not in out)
    out.update((w, c) for w, c in STATION_ALIASES.items() if w not in out)
    for code, row in stations().items():
        if code.startswith("EFTO"):
            continue
        for name in [row["origin"], row["from_line"]] + (row.get("written") or "").split("|"):
            key = _NOT_CODE.sub("", _OFFICE.sub("", name.strip()).upper())
            if key:
                out.setdefault(key, code)
    return out


@functools.lru_cache(maxsize=1)
def station_name_words() -> frozenset[str]:
    """Words of the stations' names of several words (`CITY`, `PAZ`, `DJAMENA`): alone, none is a station."""
    out: set[str] = set()
    for row in stations().values():
        for name in [row["origin"], row["from_line"]] + (row.get("written") or "").split("|"):
            words = re.split(r"[^A-Z]+", _OFFICE.sub("", name.strip()).upper())
            if len([w for w in words if w]) > 1:
                out.update(w for w in words if w and w not in stations())
    return frozenset(out)


_NOT_CODE = re.compile(r"[^A-Z0-9]")


def station(written: str) -> str:
    """Canonical station code for a station as written: `THE HAGUE` -> THEHAGUE, `SECSTATE` -> STATE."""
    key = _NOT_CODE.sub("", written.upper())
    return STATION_ALIASES.get(key, key)


def station_from_origin(name: str) -> str | None:
    """Station code for a page's Origin name (`Embassy Manama`) or an FM line (`AMEMBASSY MANAMA`)."""
    key = re.sub(r"\W+", "", name).upper()
    if key in STATION_ALIASES.values():  # `USEU Brussels` is USEUBRUSSELS in cable IDs, not the embassy
        return key
    if key in _by_name():
        return _by_name()[key]
    m = re.match(r"^(?:AMEMBASSY|AMCONSUL|USMISSION|EMBASSY|CONSULATE|USDEL|USINT)(.+)$", key)
    return station(m.group(1)) if m else None


def origin_name(code: str) -> str | None:
    """Readable origin name for a station code, when the table knows it."""
    row = stations().get(code)
    return row["origin"] if row else None


def year2(year: int | str) -> str:
    """Two-digit year of a 2- or 4-digit year."""
    return f"{int(year) % 100:02d}"


def full_year(yy: int | str) -> int:
    """Four-digit year of a two-digit cable year (the release spans 1966-2010)."""
    y = int(yy)
    if y >= 100:
        return y
    return 1900 + y if y >= 60 else 2000 + y


def make_id(year: int | str, written_station: str, serial: int | str) -> str:
    """Canonical ID from its parts: year, station as written, serial with leading zeros dropped."""
    return f"{year2(year)}{station(written_station)}{int(str(serial).lstrip('0') or '0')}"


CANONICAL_ID = re.compile(r"^(\d{2})([A-Z]+?)(\d+)$")
MALFORMED_PREFIX = re.compile(r"^(?:S?E?CTION\d+OF\d+|EFTO)")


def canonical_id(raw: str) -> str:
    """Canonical twin of a (possibly malformed) WikiLeaks ID: 08ECTION01OF02MANAMA492 -> 08MANAMA492."""
    s = re.sub(r"\s+", "", raw.upper())
    s = re.sub(r"^(\d{2})(?:S?E?CTION\d+OF\d+|EFTO)(?=[A-Z])", r"\1", s)
    m = CANONICAL_ID.match(s)
    if not m:
        return s
    yy, st, serial = m.groups()
    return make_id(yy, st, serial)
