"""The only code that touches docs/: writes generator-owned pages, removes every generated file this build did not
write, and leaves hand-written pages alone.

A page is rewritten only when its bytes change, so an unchanged page keeps its mtime (incremental builds and
`mkdocs serve` see only what changed). What is stale is found by walking the generated folders, not from a list
an earlier build kept: a build stopped at any point (Ctrl-C, SIGKILL, a full disk) leaves pages, and scratch files
(`.<name>.<pid>.tmp`), that the next build removes. The list of written files is kept in docs/.generated (a
dotfile: MkDocs does not publish it) for whoever wants to know. One build at a time holds a docs folder
(`docs_lock`).
"""
from __future__ import annotations

import fcntl
import gzip
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from . import urls


class UnsafePath(ValueError):
    """A page path that is not the generator's to write (hand-written page, outside docs/, `..`)."""


@dataclass
class Stats:
    """What a build did to docs/."""

    written: int = 0
    unchanged: int = 0
    removed: int = 0
    paths: set[str] = field(default_factory=set)


class Writer:
    """Writes pages into one docs directory; call finish() once every page is put."""

    def __init__(self, docs: str | Path):
        self.docs = Path(docs).resolve()
        self.docs.mkdir(parents=True, exist_ok=True)
        _FOLDERS.clear()  # each build looks at its folders afresh
        _MADE.clear()
        self.stats = Stats()

    def target(self, path: str) -> Path:
        """The file for a docs path, refused unless it is generator-owned and inside docs/."""
        return target(self.docs, path)

    def put(self, path: str, text: str) -> None:
        """Write one page unless the file already holds exactly these bytes."""
        self.claim(path)
        self.record(write_page(self.docs, path, text))

    @contextmanager
    def streamed(self, path: str, gzipped: bool = False) -> Iterator[BinaryIO]:
        """A file written piece by piece (a download too big to hold in memory), kept unless its bytes changed.

        Gzipped with no name and mtime 0 in the header, so the same pieces give the same bytes on any day.
        """
        self.claim(path)
        out = StreamedFile(self.docs, path)
        try:
            if gzipped:
                with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=GZIP_LEVEL) as z:
                    yield z
            else:
                yield out
        except BaseException:
            out.discard()
            raise
        self.record(out.finish())

    def claim(self, path: str) -> None:
        """Note that this build makes `path` (refused if another page of this build already did)."""
        if path in self.stats.paths:
            raise UnsafePath(f"two pages with one path: {path!r}")
        self.stats.paths.add(path)

    def record(self, written: bool) -> None:
        """Count one page put (here or by a worker process through `write_page`)."""
        if written:
            self.stats.written += 1
        else:
            self.stats.unchanged += 1

    def finish(self) -> Stats:
        """Remove every generated file this build did not write (and scratch files); record the new list."""
        self._remove_stale()
        f = self.docs / urls.MANIFEST
        if not self.stats.paths:  # `clean`: nothing generated stays, the list neither
            f.unlink(missing_ok=True)
            return self.stats
        manifest = "".join(p + "\n" for p in sorted(self.stats.paths))
        if not f.is_file() or f.read_text(encoding="utf-8") != manifest:
            tmp = f.with_name(f"{f.name}.{os.getpid()}.tmp")
            tmp.write_text(manifest, encoding="utf-8")
            os.replace(tmp, f)
        return self.stats

    def _remove_stale(self) -> None:
        """Walk docs/ once: remove the generated files this build did not write, and the folders left empty."""
        with os.scandir(self.docs) as it:
            entries = sorted(it, key=lambda e: e.name)
        for entry in entries:
            name = entry.name
            if entry.is_dir(follow_symlinks=False):
                if name in urls.GENERATED_DIRS and self._sweep(Path(entry.path), name):
                    os.rmdir(entry.path)
            elif (urls.is_generated(name) and name not in self.stats.paths) or _scratch_of_generated(name):
                self._remove(Path(entry.path), name)

    def _sweep(self, folder: Path, prefix: str) -> bool:
        """Remove what this build did not write under a generated folder, listed once; True when it is empty.

        Each folder is listed once, deepest first: removing stale pages one by one and looking at their folder
        after each listed big folders once per page (quadratic). Symlinked folders are removed, not followed.
        """
        kept = False
        with os.scandir(folder) as it:
            entries = list(it)
        for entry in entries:
            path = f"{prefix}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                if self._sweep(Path(entry.path), path):
                    os.rmdir(entry.path)
                else:
                    kept = True
            elif path in self.stats.paths:
                kept = True
            else:
                self._remove(Path(entry.path), path)
        return not kept

    def _remove(self, full: Path, path: str) -> None:
        full.unlink()
        if not _SCRATCH.match(full.name):
            self.stats.removed += 1


GZIP_LEVEL = 6  # zlib's default: level 9 costs several times the time for a few per cent


class StreamedFile:
    """A generated file written to a dot-named scratch file beside it (MkDocs publishes no dotfile), then put in
    place only if its bytes differ from the file already there, so an unchanged download keeps its mtime."""

    def __init__(self, docs: Path, path: str):
        self.full = target(docs, path)
        self.full.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = self.full.with_name(f".{self.full.name}.{os.getpid()}.tmp")
        self.file = open(self.tmp, "wb")  # noqa: SIM115 - closed by finish() or discard()

    def write(self, data: bytes) -> int:
        """Append bytes (file-like, so gzip can write through it)."""
        return self.file.write(data)

    def flush(self) -> None:
        """File-like: gzip flushes its output object when it closes."""
        self.file.flush()

    def finish(self) -> bool:
        """Put the file in place; True when it was written (its bytes changed)."""
        self.file.close()
        if self.full.is_file() and not self.full.is_symlink() and _same_bytes(self.tmp, self.full):
            self.tmp.unlink()
            return False
        os.replace(self.tmp, self.full)
        return True

    def discard(self) -> None:
        """Drop the scratch file (the build failed)."""
        self.file.close()
        self.tmp.unlink(missing_ok=True)


def _same_bytes(a: Path, b: Path, block: int = 1 << 20) -> bool:
    """True when two files hold the same bytes; read a block at a time, however big (filecmp caches by stat)."""
    if a.stat().st_size != b.stat().st_size:
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            x, y = fa.read(block), fb.read(block)
            if x != y:
                return False
            if not x:
                return True


_MADE: set[Path] = set()  # folders this build made or found
_FOLDERS: dict[tuple[Path, str], Path] = {}  # (docs, folder path) -> the folder resolved and checked once


def target(docs: Path, path: str) -> Path:
    """The file for a docs path under the (resolved) docs folder; refused unless generator-owned and inside it.

    Folders are resolved (symlinks followed) once each, not once per page: a build writes many pages into few
    folders. The file itself may be a symlink: it is replaced, never written through (see `write_page`).
    """
    if not urls.is_generated(path) or path.startswith("/") or "\\" in path:
        raise UnsafePath(f"not a generated docs path: {path!r}")
    folder, _, name = path.rpartition("/")
    if name in ("", ".", "..") or ".." in folder.split("/"):
        raise UnsafePath(f"outside the docs directory: {path!r}")
    where = _FOLDERS.get((docs, folder))
    if where is None:
        where = (docs / folder).resolve() if folder else docs
        if where != docs and docs not in where.parents:
            raise UnsafePath(f"outside the docs directory: {path!r}")
        _FOLDERS[(docs, folder)] = where
    return where / name


def write_page(docs: Path, path: str, text: str) -> bool:
    """Write one page unless its file already holds exactly these bytes; True when it was written.

    Safe to call from several processes at once for different paths (worker processes of a parallel build).
    """
    full = target(docs, path)
    data = text.encode("utf-8")
    try:
        if full.stat().st_size == len(data) and full.read_bytes() == data:
            return False
    except FileNotFoundError:
        if full.parent not in _MADE:  # a new page: its folder made once per build, not once per page
            full.parent.mkdir(parents=True, exist_ok=True)
            _MADE.add(full.parent)
    tmp = full.with_name(f".{full.name}.{os.getpid()}.tmp")  # a dotfile: never published, removed if left
    try:
        tmp.write_bytes(data)
        os.replace(tmp, full)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a full disk, or the build stopped: no half-written scratch file stays
        raise
    return True


_SCRATCH = re.compile(r"^\..+\.[0-9]+\.tmp$")  # `.<name>.<pid>.tmp`: a page being written


def _scratch_of_generated(name: str) -> bool:
    """True for a top-level scratch file of a generated file (`.index.md.123.tmp`, `.cables.csv.9.tmp`)."""
    if not _SCRATCH.match(name):
        return False
    base = name[1:].rsplit(".", 2)[0]
    return urls.is_generated(base) or "." + base == urls.MANIFEST


@contextmanager
def docs_lock(docs: str | Path, wait: bool = True) -> Iterator[None]:
    """Hold the docs folder for one command (build, clean, mkdocs, search): a second one waits, never mixes.

    The lock is on the folder itself (flock), so no lock file is left behind and a killed build releases it.
    """
    folder = Path(docs)
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise Busy(f"{docs}: another build is using this folder") from None
            print(f"{docs}: another build is using this folder; waiting for it to finish", file=sys.stderr)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


class Busy(RuntimeError):
    """Another command holds the docs folder."""
