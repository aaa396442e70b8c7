"""The parse record: one frozen value per cable, the contract between parse, resolve and render."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


def _by_fields(self) -> tuple:
    """Pickled as the class and its field values, rebuilt through `__init__`: the default for a frozen dataclass
    with slots calls `fields()` for every object unpickled, which made the spilled cables three times slower to
    read back (a build reads each cable's chunk several times, and workers send cables back)."""
    return type(self), tuple(map(self.__getattribute__, self.__match_args__))


@dataclass(frozen=True, slots=True)
class Reference:
    """One item of a REF list; `id` is the canonical cable ID, or None when the item is not a cable."""

    __reduce__ = _by_fields

    label: str
    text: str
    id: str | None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph as written: number (None for unnumbered text), portion mark, preceding heading."""

    __reduce__ = _by_fields

    number: int | None
    mark: str | None
    heading: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity mentioned by the cable; `count` is its number of mentions in this cable."""

    __reduce__ = _by_fields

    type: str  # PER | ORG | LOC | MISC
    name: str
    aliases: tuple[str, ...] = ()
    count: int = 1


@dataclass(frozen=True, slots=True)
class Cable:
    """Every fact a cable states, parsed; values are as written unless a field says canonical."""

    __reduce__ = _by_fields

    id: str
    source: str
    format: str
    aliases: tuple[str, ...] = ()
    date: str | None = None  # YYYY-MM-DD
    time: str | None = None  # HH:MM (UTC), the DTG's where there is one; never a page table's (wrong minutes)
    dtg: str | None = None  # date-time group, in one spelling: "041427Z SEP 08" (day, hour, minute UTC, month, year)
    date_inferred: bool = False
    classification: str | None = None
    caveats: tuple[str, ...] = ()
    precedence: str | None = None
    origin: str | None = None  # canonical station code
    origin_name: str | None = None  # e.g. "Embassy Manama"
    from_: str | None = None
    to: tuple[str, ...] = ()
    info: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    subject: str | None = None
    references: tuple[Reference, ...] = ()
    classified_by: str | None = None
    reasons: str | None = None
    declassify: str | None = None
    signer: str | None = None
    sections: int | None = None
    partial: bool = False
    paragraphs: tuple[Paragraph, ...] = ()
    entities: tuple[Entity, ...] = ()
    header: str = ""  # routing header as written
    text: str = ""  # the cleaned original text (header fields + body), for "see the original"
    released: str | None = None  # WikiLeaks release date, YYYY-MM-DD HH:MM
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def year(self) -> int | None:
        """Four-digit year of the cable, for indexes: its date's, else its ID's (a year inferred without a date)."""
        if self.date:
            return int(self.date[:4])
        if self.id[:2].isdigit():
            yy = int(self.id[:2])
            return 1900 + yy if yy >= 60 else 2000 + yy
        return None

    def to_json(self) -> dict:
        """The JSON object `parse --json` prints: `from_` is spelled `from`."""
        d = asdict(self)
        d["from"] = d.pop("from_")
        for k, v in d.items():
            if isinstance(v, tuple):
                d[k] = list(v)
        for e in d["entities"]:
            e["aliases"] = list(e["aliases"])
        return d
