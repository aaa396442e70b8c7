"""Parsed cables kept between builds (`DOCS/.parsed/`), so that a rebuild parses only the cables it has not seen.

A cable's parse is a pure function of what was read (the raw cable) and of the code that parses it, with one
exception: a cable whose text states no date takes its year from the rest of the archive (parse/years.py), so
it is never kept. An entry is keyed by a hash of the raw cable and of every file of the generator (any change of
code or data tables is a new key), and holds the record pickled. Each build keeps the entries it used and removes
the others, so the folder holds the last build's cables and nothing older, whatever stopped a build before:
entries are written to a scratch name and renamed, and anything else found there is removed.

The cache is the build's own (written under the docs lock, read by its workers); it is a dot-folder, which MkDocs
never publishes. It trusts what it finds there as the generator trusts its own code: pickles are loaded.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

from . import urls
from .readers import RawCable
from .record import Cable

_CODE = Path(__file__).resolve().parent


def code_digest(root: Path = _CODE) -> str:
    """A hash of the generator's files (code and data tables) and of the Python that runs them."""
    h = hashlib.blake2b(sys.version.encode(), digest_size=16)
    for f in sorted(root.rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts:
            h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


class ParseCache:
    """The kept parses of one docs folder, under one version of the code."""

    def __init__(self, docs: str | Path, code: str) -> None:
        self.dir = Path(docs) / urls.PARSED
        self.code = code

    def key(self, raw: RawCable) -> str:
        """The entry of a raw cable: everything the reader gave, and the code."""
        fields = (raw.source, raw.format, raw.text, raw.header, raw.meta, raw.annotations, raw.notes)
        h = hashlib.blake2b(self.code.encode(), digest_size=20)
        h.update(pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL))
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Cable | None:
        """The kept parse, or None (never kept, or unreadable: parsed again)."""
        try:
            cable = pickle.loads(self._path(key).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
            return None
        return cable if isinstance(cable, Cable) else None

    def put(self, key: str, cable: Cable) -> None:
        """Keep a parse (not one whose year the archive gave: see the module's docstring)."""
        if cable.date_inferred:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(cable, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)

    def keep_only(self, keys: Iterable[str]) -> int:
        """Remove every entry but these (and any scratch file); the number removed."""
        wanted = {f"{k}.pickle" for k in keys}
        removed = 0
        if not self.dir.is_dir():
            return 0
        for sub in sorted(self.dir.iterdir()):
            if not sub.is_dir() or sub.is_symlink():
                sub.unlink()
                removed += 1
                continue
            for f in sorted(sub.iterdir()):
                if f.name not in wanted:
                    f.unlink()
                    removed += 1
            if not any(sub.iterdir()):
                sub.rmdir()
        return removed


def remove(docs: str | Path) -> None:
    """The whole cache gone (`generator clean`)."""
    shutil.rmtree(Path(docs) / urls.PARSED, ignore_errors=True)
