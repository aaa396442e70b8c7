"""Readers: one per input format, each turning a file into raw cables (or a reason it holds none).

`read_path` walks files and folders in sorted order and picks the reader by content, not by file name. A file
is judged by its first bytes before it is read: binary files are skipped unread, a `cables.csv` dump is streamed
row by row (the full dump is 1.7 GB), and any other file larger than MAX_BYTES is skipped (a cable page or
telegram is never near that size). A reader that fails on some input costs that input only: it becomes a Skip.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .base import UTF16_BOMS, RawCable, Skip, decode, shown
from .csvdump import looks_like_csv, read_csv, read_csv_file
from .html import looks_like_html, read_html
from .text import read_text

__all__ = ["Input", "RawCable", "Skip", "read_path", "read_file", "read_bytes", "iter_files", "printable", "shown",
           "MAX_BYTES"]

MAX_BYTES = 8 * 1024 * 1024  # a one-cable file (page, telegram) larger than this is skipped unread
HEAD = 64 * 1024  # bytes read first, to judge the file


@dataclass(frozen=True)
class Input:
    """A file to read, and the name it goes by everywhere (site, report, messages): its path relative to the
    folder given, under that folder's own name (`cables/2008/x.html`); the builder's own folders stay private."""

    path: Path
    name: str


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Input | Skip]:
    """Every file under the given paths (a folder's files in sorted order of their path within it), and a Skip
    for each entry that is not read: a symbolic link to a folder, or to a file outside the folders given, and
    anything that is not a regular file (a named pipe would block the build forever).

    Hidden folders (`.git`) are left out; every file is read, dotfiles too (a file named `..%2Fpasswd.txt` may
    hold a cable, and one that holds none is reported, not silently dropped).
    """
    given = [Path(p) for p in paths]
    roots = [Path(os.path.realpath(p)) for p in given if Path(p).is_dir()]
    names = _root_names(given)
    for path, root_name in zip(given, names):
        if path.is_dir():  # a folder given is read, even through a link; links inside it are not followed out
            yield from _walk(path, root_name, roots)
        else:
            yield _entry(path, root_name, roots, given=True)


def _root_names(given: list[Path]) -> list[str]:
    """Each given path's public name: its last part (`.` becomes the folder's name); repeats numbered."""
    out: list[str] = []
    for p in given:
        base = printable(Path(os.path.abspath(p)).name) or "input"
        name, n = base, 1
        while name in out:
            n += 1
            name = f"{base}-{n}"
        out.append(name)
    return out


def _walk(top: Path, top_name: str, roots: list[Path]) -> Iterator[Input | Skip]:
    found: list[tuple[tuple[str, ...], Path]] = []
    for root, dirs, files in os.walk(top):  # symbolic links to folders are listed in dirs, never walked
        here = Path(root)
        for d in sorted(dirs):
            if not d.startswith(".") and (here / d).is_symlink():
                found.append(((here / d).relative_to(top).parts, here / d))
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (here / d).is_symlink()]
        found += [((here / name).relative_to(top).parts, here / name) for name in files]
    for parts, path in sorted(found, key=lambda pf: pf[0]):
        yield _entry(path, "/".join([top_name, *(printable(p) for p in parts)]), roots)


def _entry(path: Path, name: str, roots: list[Path], given: bool = False) -> Input | Skip:
    """The file to read, or why it is not read (without following links out of the folders given)."""
    try:
        st = os.lstat(path)
    except OSError:
        return Input(path, name)  # reading it says why not (no such file …)
    if stat.S_ISLNK(st.st_mode):
        real = Path(os.path.realpath(path))
        if real.is_dir():
            return Skip(name, "symbolic link to a folder: not followed (give the folder itself to read it)")
        if not given and not any(r == real or r in real.parents for r in roots):
            return Skip(name, "symbolic link leading outside the folders given: not followed")
        try:
            st = os.stat(path)
        except OSError:
            return Skip(name, "broken symbolic link")
    if not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
        return Skip(name, f"not a regular file ({_KINDS.get(stat.S_IFMT(st.st_mode), 'special file')}): not read")
    return Input(path, name)


_KINDS = {stat.S_IFIFO: "named pipe", stat.S_IFSOCK: "socket", stat.S_IFCHR: "character device",
          stat.S_IFBLK: "block device"}


def printable(name: str) -> str:
    """A file name as text that can be printed and published: bytes that are not UTF-8 (kept by the OS as
    surrogates) become U+FFFD, invisible format controls go."""
    return shown(name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))


def read_file(item: Input | Path | Skip) -> Iterator[RawCable | Skip]:
    """Raw cables of one file, or one Skip naming why the file holds none; never raises for a bad file."""
    if isinstance(item, Skip):
        yield item
        return
    path, src = (item.path, item.name) if isinstance(item, Input) else (item, printable(str(item)))
    try:
        yield from _read_file(path, src)
    except OSError as exc:
        yield Skip(src, f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - a reader's failure costs this input only
        yield Skip(src, f"reader error: {type(exc).__name__}: {exc}")


def _read_file(path: Path, src: str) -> Iterator[RawCable | Skip]:
    """Judge the file by its head, then stream it (CSV), skip it (binary, too large) or read it whole."""
    with path.open("rb") as f:
        size = os.fstat(f.fileno()).st_size
        head = f.read(HEAD)
        if head.strip() and _is_binary(head) and not head.startswith(UTF16_BOMS):
            yield Skip(src, f"binary file, not text ({size} bytes)")
            return
        if looks_like_csv(decode(head[:4096])[0]):
            f.seek(0)
            yield from read_csv_file(f, src)
            return
        if size > MAX_BYTES:
            yield Skip(src, f"file too large for one cable ({size} bytes; a page or telegram is read up to "
                            f"{MAX_BYTES} bytes, only a cables.csv dump is read row by row)")
            return
        data = head + f.read()
    yield from read_bytes(data, src)


def read_bytes(data: bytes, src: str) -> Iterator[RawCable | Skip]:
    """Pick the reader by content."""
    if not data.strip():
        yield Skip(src, "empty file")
        return
    if _is_binary(data[:HEAD]) and not data.startswith(UTF16_BOMS):
        yield Skip(src, f"binary file, not text ({len(data)} bytes)")
        return
    text, note = decode(data)
    if looks_like_csv(text):
        yield from read_csv(text, src)
    elif looks_like_html(text):
        yield from read_html(text, src, note)
    else:
        yield from read_text(text, src, note)


def read_path(paths: Iterable[str | os.PathLike]) -> Iterator[RawCable | Skip]:
    """Raw cables and skips for every file under the given paths, in sorted order."""
    for f in iter_files(paths):
        yield from read_file(f)


def _is_binary(chunk: bytes) -> bool:
    """A NUL byte in the first 8 KB, or more than 10% control bytes other than whitespace: not text."""
    chunk = chunk[:8192]
    return b"\x00" in chunk or _binary_ratio(chunk) > 0.1


def _binary_ratio(chunk: bytes) -> float:
    """Share of control bytes other than whitespace: text files have almost none."""
    if not chunk:
        return 0.0
    bad = len(chunk.translate(None, _NOT_CONTROL))  # what is left once every other byte is deleted
    return bad / len(chunk)


_NOT_CONTROL = bytes([9, 10, 12, 13, *range(32, 256)])
