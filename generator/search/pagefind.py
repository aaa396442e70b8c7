"""The http engine: Pagefind bundles built from the Docs (no HTML crawl), split into groups merged in the browser.

The pinned `pagefind[bin]` package ships the binary; its `--service` mode takes records over a pipe. We speak
that protocol directly (base64 JSON messages ended by a comma): the package's asyncio wrapper polls for every
answer with a 0.1 s sleep, which would cost seven hours on the full release. Pagefind holds about 270 KB per
record while it writes a bundle, so archives are cut into groups of at most `group_size` cables (whole years
when they fit, oldest first), each written by a fresh process; the browser merges the groups (`mergeIndex`).
"""
from __future__ import annotations

import base64
import json
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .text import Doc, term_counts

GROUP_SIZE = 10_000
FOLDER = "pagefind"


class PagefindError(RuntimeError):
    """The Pagefind service answered with an error."""


class Service:
    """One `pagefind --service` process; one request at a time, answers read as they come."""

    def __init__(self) -> None:
        from pagefind_bin import get_executable  # the binary from the pinned pagefind[bin] wheel

        self._proc = subprocess.Popen([str(get_executable()), "--service"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._next = 0
        self.peak_kb = 0

    def send(self, payload: dict) -> dict:
        """Send one request and wait for its answer."""
        assert self._proc.stdin and self._proc.stdout
        self._next += 1
        message = json.dumps({"message_id": self._next, "payload": payload}).encode("utf-8")
        self._proc.stdin.write(base64.b64encode(message) + b",")
        self._proc.stdin.flush()
        raw = bytearray()
        while not raw.endswith(b","):
            chunk = self._proc.stdout.read1(1 << 16)
            if not chunk:
                raise PagefindError("the Pagefind service stopped")
            raw += chunk
        answer = json.loads(base64.b64decode(bytes(raw[:-1])))
        result = answer["payload"]
        if result.get("type") == "Error":
            raise PagefindError(result.get("message", "unknown error"))
        return result

    def measure(self) -> int:
        """Peak resident memory of the service so far, in KB (Linux; 0 elsewhere)."""
        try:
            for line in Path(f"/proc/{self._proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    self.peak_kb = max(self.peak_kb, int(line.split()[1]))
        except OSError:
            pass
        return self.peak_kb

    def close(self) -> None:
        """End the service process (it exits when its input closes; a big index takes a while to let go of)."""
        if self._proc.stdin:
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=600)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()


def _wait_written(bundle: Path, timeout: float = 600.0) -> None:
    """Wait until the bundle's entry file and the metadata it names are on disk: the service may answer WriteFiles
    before its writes are done (a 10,000-record bundle was once left with an empty pagefind-entry.json)."""
    entry = bundle / "pagefind-entry.json"
    deadline = time.monotonic() + timeout
    while True:
        try:
            langs = json.loads(entry.read_text(encoding="utf-8"))["languages"]
            if langs and all((bundle / f"pagefind.{v['hash']}.pf_meta").stat().st_size for v in langs.values()):
                return
        except (OSError, ValueError, KeyError):
            pass
        if time.monotonic() > deadline:
            raise PagefindError(f"{bundle}: Pagefind did not finish writing the bundle")
        time.sleep(0.05)


def spellings(d: Doc, variants: dict[str, list[str]]) -> list[str]:
    """The other spellings (variants.py) of the words of a cable that it does not write itself: Pagefind has no
    OR, so a cable saying `Qadhafi` is given `gaddafi qaddafi` to be found by them."""
    if not variants:
        return []
    have = term_counts(f"{d.body}\n{d.key}")
    return sorted({v for t in have if t in variants for v in variants[t]} - have.keys())


def record(d: Doc, variants: dict[str, list[str]] | None = None) -> dict:
    """A Pagefind custom record: body, then key fields (so excerpts come from the body), then the other
    spellings of its names; meta (with where its paragraphs start, for the result's link); filters; date."""
    meta = {"title": f"{d.id}: {d.subject}" if d.subject else d.id, "id": d.id, "url": d.url, "date": d.date,
            "origin": d.origin, "originName": d.origin_name, "classification": d.classification,
            "subject": d.subject, "pars": json.dumps([list(a) for a in d.anchors], separators=(",", ":"))}
    filters = {"year": [d.year], "origin": [d.origin], "classification": [d.classification], "tag": list(d.tags)}
    content = "\n".join([d.body, d.key, d.refs, *[" ".join(spellings(d, variants or {}))]])
    return {"url": d.url, "content": content, "language": "en", "meta": meta,
            "filters": {k: [x for x in v if x] for k, v in filters.items() if any(v)},
            "sort": {"date": d.date}}


def groups(docs: list[Doc], group_size: int = GROUP_SIZE) -> list[tuple[str, list[Doc]]]:
    """Docs (oldest first) cut into named groups: whole years while they fit, big years in parts."""
    by_year: dict[str, list[Doc]] = {}
    for d in docs:
        by_year.setdefault(d.year, []).append(d)
    out: list[tuple[str, list[Doc]]] = []
    pending: list[Doc] = []
    for year, items in by_year.items():
        if len(items) > group_size:
            for i in range(0, len(items), group_size):
                out.append((f"{year}-{i // group_size + 1}", items[i:i + group_size]))
            continue
        if pending and len(pending) + len(items) > group_size:
            out.append((_name(pending), pending))
            pending = []
        pending = pending + items
    if pending:
        out.append((_name(pending), pending))
    return out


def _name(docs: list[Doc]) -> str:
    """Folder name of a group of whole years: `2008` or `1966-2005`."""
    first, last = docs[0].year, docs[-1].year
    return first if first == last else f"{first}-{last}"


@dataclass(frozen=True)
class PagefindStats:
    """Bundles written and the most memory one Pagefind process held."""

    bundles: list[str]
    peak_kb: int


def write(site: Path, docs: list[Doc], *, folder: str = FOLDER, group_size: int = GROUP_SIZE,
          variants: dict[str, list[str]] | None = None) -> PagefindStats:
    """Write one Pagefind bundle per group under `<site>/<folder>/<group>/`; return their site-relative paths."""
    root = site / folder
    if root.exists():
        shutil.rmtree(root)
    bundles: list[str] = []
    peak = 0
    for name, items in groups(docs, group_size):
        service = Service()
        try:
            index_id = service.send({"type": "NewIndex", "config": {"force_language": "en"}})["index_id"]
            for d in items:
                service.send({"type": "AddRecord", "index_id": index_id, **record(d, variants)})
            service.measure()
            service.send({"type": "WriteFiles", "index_id": index_id, "output_path": str(root / name)})
            _wait_written(root / name)
            peak = max(peak, service.measure())
        finally:
            service.close()
        bundles.append(f"{folder}/{name}/")
    return PagefindStats(bundles=bundles, peak_kb=peak)
