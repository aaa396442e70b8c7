"""Building a whole site for tests: the generator, then `mkdocs build --strict`, into a temporary folder.

Fixtures in several test files share one build per source set through `built()`, so a test run builds each site
once: the pytest-xdist workers of one run share it too (the first to need it builds it under a lock, the others
wait for it and read it). Tests only read a shared site; one that must change it copies it first.
"""
from __future__ import annotations

import fcntl
import functools
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
_BUILDS: dict[str, "Site"] = {}


@dataclass(frozen=True)
class Site:
    """A built site: its docs and site folders and what the two commands printed."""

    docs: Path
    site: Path
    config: Path
    generator_log: str
    mkdocs_log: str

    def html(self, docs_path: str) -> Path:
        """Built file of a docs path (`cable/X.md` -> site/cable/X.html)."""
        return self.site / (docs_path[:-3] + ".html" if docs_path.endswith(".md") else docs_path)


def env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for the build commands (Material's end-of-life banner off, like the Makefile)."""
    e = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    e.pop("SOURCE_DATE_EPOCH", None)
    e["PYTHONHASHSEED"] = "0"  # a fixed seed: a build that depends on it fails the determinism test every time
    return {**e, **(extra or {})}


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path: what two builds are compared by, byte for byte."""
    return {f.relative_to(folder).as_posix(): f.read_bytes() for f in sorted(folder.rglob("*")) if f.is_file()}


def handwritten() -> list[str]:
    """The hand-written pages of docs/ (about page, stylesheet), not anything the generator owns."""
    from generator import urls

    src = ROOT / "docs"
    rels = (f.relative_to(src).as_posix() for f in sorted(src.rglob("*")) if f.is_file())
    return [rel for rel in rels if not urls.is_generated(rel) and not urls.is_build_state(rel)]


def copy_handwritten(docs: Path) -> None:
    """Copy the hand-written pages of docs/ into a test build's docs folder."""
    for rel in handwritten():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / "docs" / rel, docs / rel)


def config_for(docs: Path, site: Path, out: Path) -> Path:
    """A copy of mkdocs.yml whose folders point at the test build (paths made absolute)."""
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["docs_dir"] = str(docs)
    cfg["site_dir"] = str(site)
    if cfg.get("theme", {}).get("custom_dir"):
        cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
    cfg["hooks"] = [str(ROOT / h) for h in cfg.get("hooks", [])]
    out.write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    return out


def run(cmd: list[str], extra_env: dict[str, str] | None = None) -> str:
    """Run a command from the repository root; fail with its output when it fails."""
    p = subprocess.run(cmd, cwd=ROOT, env=env(extra_env), capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} exited {p.returncode}\n{p.stdout}\n{p.stderr}")
    return p.stdout + p.stderr


def build(sources: list[str | Path], work: Path, extra_env: dict[str, str] | None = None,
          search: bool = False) -> Site:
    """Generate docs/ from the sources and build the site with `mkdocs build --strict` (then, with `search`, the
    search step: the script index from the build's records)."""
    docs, site = work / "docs", work / "site"
    docs.mkdir(parents=True, exist_ok=True)
    copy_handwritten(docs)
    gen = run([PY, "-m", "generator", "build", *map(str, sources), "--docs", str(docs)], extra_env)
    config = config_for(docs, site, work / "mkdocs.yml")
    mk = run([PY, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config)], extra_env)
    if search:
        run([PY, "-m", "generator", "search", str(site), "--docs", str(docs), "--quiet"], extra_env)
    return Site(docs, site, config, gen, mk)


def built(name: str, sources: list[str | Path], tmp_path_factory, search: bool = False) -> Site:
    """The site of one source set, built once per test run (by whichever worker process needs it first)."""
    if name not in _BUILDS:
        _BUILDS[name] = _shared_build(name, sources, tmp_path_factory, search)
    return _BUILDS[name]


def _run_folder(tmp_path_factory) -> Path:
    """The temporary folder of the whole run: under pytest-xdist each worker has its own below it."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _shared_build(name: str, sources: list[str | Path], tmp_path_factory, search: bool) -> Site:
    """Build under a lock in the run's folder, or read what another worker built there (its logs kept beside)."""
    root = _run_folder(tmp_path_factory)
    work, done = root / f"shared-site-{name}", root / f"shared-site-{name}.logs.json"
    with open(root / f"shared-site-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also when a worker dies holding it
        if done.is_file():
            logs = json.loads(done.read_text(encoding="utf-8"))
            return Site(work / "docs", work / "site", work / "mkdocs.yml", logs["generator"], logs["mkdocs"])
        shutil.rmtree(work, ignore_errors=True)  # what a build that failed in another worker left
        site = build(sources, work, search=search)
        done.write_text(json.dumps({"generator": site.generator_log, "mkdocs": site.mkdocs_log}), encoding="utf-8")
        return site


def article(path: Path):
    """The page content (Material's <article>) of a built page, parsed; the theme's header and nav left out."""
    from bs4 import BeautifulSoup

    text = path.read_text(encoding="utf-8")
    start, end = text.find("<article"), text.find("</article>")
    return BeautifulSoup(text[start:end + 10] if start >= 0 else text, "html.parser")


def cable_links(path: Path) -> dict[str, list[str]]:
    """The cable IDs a cable page links to from its REF list and its Cited-by list (file stems of the links)."""
    return {name: list(ids) for name, ids in _cable_links(path).items()}


@functools.lru_cache(maxsize=None)
def _cable_links(path: Path) -> dict[str, tuple[str, ...]]:
    """Each page parsed once a run: several tests read the links of every page of the same (unchanging) site."""
    soup = article(path)
    out = {}
    for name, sel in (("refs", "ol.cable-refs a.cable"), ("cited_by", "ul.cited-by a.cable")):
        out[name] = tuple(Path(a["href"].split("#")[0]).stem for a in soup.select(sel))
    return out


def check_reverse(site: Site, cable_ids: set[str]) -> list[str]:
    """Problems with cited-by lists that are not exactly the reverse of the REF links (empty when none)."""
    links = {cid: cable_links(site.site / "cable" / f"{cid}.html") for cid in sorted(cable_ids)}
    problems = []
    for cid, l in links.items():
        for target in set(l["refs"]) & cable_ids:
            if cid not in links[target]["cited_by"]:
                problems.append(f"{cid} cites {target}, which does not list it as citing")
        for citing in l["cited_by"]:
            if citing not in links or cid not in links[citing]["refs"]:
                problems.append(f"{cid} lists {citing} as citing it, but {citing} does not cite it")
        if len(set(l["cited_by"])) != len(l["cited_by"]):
            problems.append(f"{cid}: a citing cable is listed twice")
    return problems
