"""The one module that knows where pages live: every docs/ path and every link between pages is made here.

Paths are relative to the docs directory and always end in `.md`; MkDocs (with `use_directory_urls: false`)
turns `cable/08STATE34976.md` into `cable/08STATE34976.html`. Every name that comes from a cable passes
through `slug()`, so no text in a cable can name a path outside its folder.
"""
from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

CABLE_ID = re.compile(r"^[0-9]{2}[A-Z]{2,}[0-9]+$")
_UNSAFE = re.compile(r"[^A-Za-z0-9]+")

# Folders of docs/ the generator owns; everything else in docs/ is hand-written and left alone.
GENERATED_DIRS = ("cable", "tag", "origin", "date", "classification", "entity", "report", ".search", "data")
GENERATED_FILES = ("index.md", "cables.md", "tags.md", "origins.md", "dates.md", "classifications.md",
                   "entities.md", "report.md", "report.json", "missing.md", "cables.jsonl.gz", "cables.csv")
HOME = "index.md"


# Names Windows will not give a file, whatever its extension (`CON.md` too); a slug never takes one bare.
_RESERVED = frozenset(["con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))])
_HASHED = re.compile(r"-[0-9a-f]{6}$")  # what `slug` appends: a text that already ends so gets its own hash
SLUG_MAX = 60  # characters of a name before its hash: far below any filesystem's limit


@functools.lru_cache(maxsize=1 << 16)
def slug(text: str, keep_case: bool = False) -> str:
    """A file-name-safe form of any text; a short hash keeps distinct texts apart when the slug is lossy.

    Distinct texts give names that differ case-insensitively too (`tag/prel.md` and `tag/PREL.md` would be one
    file on macOS and Windows): with `keep_case`, a text with a lower-case letter gets a hash. No slug is empty,
    a reserved name on Windows, or shaped like another text's hashed slug.
    """
    clean = _UNSAFE.sub("-", text).strip("-")
    base = (clean if keep_case else clean.lower())[:SLUG_MAX] or "x"
    exact = (clean == text != "" and len(text) <= SLUG_MAX and base.lower() not in _RESERVED
             and not _HASHED.search(text) and not (keep_case and text != text.upper()))
    return base if exact else base + "-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]


def cable(cable_id: str) -> str:
    """Page of a cable (or of a cited cable missing from the archive)."""
    name = cable_id if CABLE_ID.match(cable_id) and len(cable_id) <= SLUG_MAX else slug(cable_id, keep_case=True)
    return f"cable/{name}.md"


def original(cable_id: str) -> str:
    """The original telegram as a plain-text file beside the cable's page (copied by MkDocs, not rendered)."""
    return cable(cable_id)[:-3] + ".txt"


def record(cable_id: str) -> str:
    """The cable's full record as JSON beside its page (copied by MkDocs as a static file, like the original)."""
    return cable(cable_id)[:-3] + ".json"


def paged(path: str, page: int) -> str:
    """Page `page` (1-based) of a paginated listing whose first page is `path` (`_` is never in a slug)."""
    return path if page <= 1 else f"{path[:-3]}_{page}.md"


def tag(code: str) -> str:
    """Page listing the cables of a TAGS code."""
    return f"tag/{slug(code, keep_case=True)}.md"


def origin(station: str) -> str:
    """Page listing the cables of an origin station."""
    return f"origin/{slug(station, keep_case=True)}.md"


def year(y: int | str) -> str:
    """Page of one year: its months and counts."""
    return f"date/{int(y):04d}.md"


def month(y: int | str, m: int | str) -> str:
    """Page listing the cables of one month."""
    return f"date/{int(y):04d}-{int(m):02d}.md"


def undated() -> str:
    """Page listing cables whose date is unknown."""
    return "date/undated.md"


def classification(name: str) -> str:
    """Page listing the cables of one classification."""
    return f"classification/{slug(name)}.md"


@functools.lru_cache(maxsize=1 << 16)
def entity(kind: str, name: str) -> str:
    """Page of one named entity; spellings that differ only in case or spacing share it."""
    return f"entity/{slug(kind)}/{slug(' '.join(name.lower().split()))}.md"


def entity_index(kind: str, letter: str) -> str:
    """A–Z index page of one entity type; `_` never occurs in a slug, so no entity name can take this path."""
    return f"entity/{slug(kind)}/_{slug(letter)}.md"


def relpath(to_path: str, from_dir: str) -> str:
    """posixpath.relpath for docs paths (relative, no `..`), without its cost (it asks the OS for the cwd)."""
    if not from_dir:
        return to_path
    cut = to_path.rfind("/") + 1
    return _way(to_path[:cut], from_dir) + to_path[cut:]


@functools.lru_cache(maxsize=1 << 12)
def _way(to_folder: str, from_dir: str) -> str:
    """The relative way from a folder to a folder (`to_folder` ends in `/`; the result too, unless empty).

    A build asks for the same few pairs of folders hundreds of thousands of times, hence the cache.
    """
    f, t = from_dir.split("/"), to_folder.split("/")[:-1]
    i = 0
    while i < len(f) and i < len(t) and f[i] == t[i]:
        i += 1
    return "".join(part + "/" for part in [".."] * (len(f) - i) + t[i:])


def link(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """Relative Markdown link target from one docs page to another (MkDocs checks and rewrites it)."""
    rel = relpath(to_path, from_path.rpartition("/")[0])
    return f"{rel}#{anchor}" if anchor else rel


def paragraph_anchor(number: int | None, index: int) -> str:
    """Permalink id of a paragraph: `par1` as on the WikiLeaks pages, `p-3` for unnumbered text."""
    return f"par{number}" if number is not None else f"p-{index}"


# ---- index pages (top level) ----------------------------------------------------------------------------------
MANIFEST = ".generated"  # the list of files the last build wrote (a dotfile: MkDocs does not publish it)
CABLES_LIST = "cables.md"
TAGS = "tags.md"
ORIGINS = "origins.md"
DATES = "dates.md"
CLASSIFICATIONS = "classifications.md"
ENTITIES = "entities.md"
MISSING = "missing.md"
REPORT = "report.md"
REPORT_JSON = "report.json"
DATA_JSONL = "cables.jsonl.gz"  # every cable's record, one a line (the data download)
DATA_CSV = "cables.csv"  # one row a cable, the main fields
DATA_SCHEMA = "data/cable.schema.json"  # the JSON Schema of a record
_PAGED_TOP = re.compile(r"^(?:cables|tags|origins|dates|classifications|entities|missing)_[0-9]+\.md$")


SEARCH_RECORDS = ".search"  # the search step's input (a dot-folder: MkDocs 1.6's exclude_docs always skips `.*`)
PARSED = ".parsed"  # the parses a rebuild reuses (generator/cache.py; a dot-folder, never published)


def search_records(n: int) -> str:
    """Docs path of the n-th chunk of search records the build writes (generator/search/records.py)."""
    return f"{SEARCH_RECORDS}/records-{int(n):05d}.jsonl"


def report_part(name: str) -> str:
    """First page of a part of the build report too long for report.md (`paged` gives the others)."""
    return f"report/{slug(name)}.md"


def caveat(name: str) -> str:
    """Page listing the cables that carry one handling caveat (NOFORN, SENSITIVE …)."""
    return f"classification/caveat/{slug(name)}.md"


def entity_type(kind: str) -> str:
    """Overview of one entity type (PER, ORG, LOC, MISC): its letters and most named entities."""
    return f"entity/{slug(kind)}.md"


def inputs_stamp(docs: str | Path) -> Path:
    """Beside docs/: what `make site` recorded docs/ was built from (generator/site.py `inputs`). A build removes
    it as it starts, so that a build stopped halfway is never taken for the last one."""
    d = Path(docs).resolve()
    return d.parent / f".{d.name}.reuse.json"


def is_generated(path: str) -> bool:
    """True for a docs path the generator owns (and may write or delete); hand-written pages are never owned."""
    if path in GENERATED_FILES or _PAGED_TOP.match(path):
        return True
    first = path.split("/", 1)[0]
    return "/" in path and first in GENERATED_DIRS and ".." not in path.split("/")


def is_build_state(path: str) -> bool:
    """True for what a build keeps in docs/ beside its pages: the list of files it wrote, its parse cache."""
    return path == MANIFEST or path.split("/", 1)[0] == PARSED


def html_path(path: str) -> str:
    """Built-site file of a docs page: `cable/X.md` -> `cable/X.html` (use_directory_urls: false)."""
    return path[:-3] + ".html" if path.endswith(".md") else path


def href(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """Relative link for raw HTML inside a page (MkDocs does not rewrite those): points at the built .html file."""
    rel = relpath(html_path(to_path), from_path.rpartition("/")[0])
    return f"{rel}#{anchor}" if anchor else rel
