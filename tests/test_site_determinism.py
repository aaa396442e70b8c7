"""Same input, same output: two builds of the example archive, on different days, give the same docs/ and site/."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator import urls
from sitebuild import ROOT, build, built

pytestmark = pytest.mark.slow


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path."""
    return {f.relative_to(folder).as_posix(): f.read_bytes() for f in sorted(folder.rglob("*")) if f.is_file()}


def test_two_builds_are_identical(tmp_path_factory):
    first = built("examples", [ROOT / "examples" / "cables"], tmp_path_factory)
    # another day (MkDocs reads the build date from SOURCE_DATE_EPOCH) and another hash seed
    later = {"SOURCE_DATE_EPOCH": "2000000000", "PYTHONHASHSEED": "12345"}
    second = build([ROOT / "examples" / "cables"], tmp_path_factory.mktemp("site-examples-again"), later)
    a, b = tree(first.docs), tree(second.docs)
    assert sorted(a) == sorted(b)
    # hand-written pages are copied into each build; one edited between the two builds is not the build's doing
    edited = {p for p in a if a[p] != b[p] and not urls.is_generated(p) and p != urls.MANIFEST}
    assert [p for p in a if a[p] != b[p] and p not in edited] == []
    skip = edited | {urls.html_path(p) for p in edited}
    a, b = tree(first.site), tree(second.site)
    assert sorted(a) == sorted(b)
    assert [p for p in a if a[p] != b[p] and p not in skip] == []
    assert "sitemap.xml.gz" in a


def test_corpus_docs_do_not_depend_on_the_hash_seed(shared, tmp_path):
    """Python randomizes str hashes per process: set and dict-of-set order must never reach a page."""
    import subprocess

    from sitebuild import PY, env

    procs = []
    for seed in ("1", "2"):
        cmd = [PY, "-m", "generator", "build", str(shared / "corpus"), str(shared / "seeds"),
               "--docs", str(tmp_path / seed), "--quiet"]
        procs.append(subprocess.Popen(cmd, cwd=ROOT, env=env({"PYTHONHASHSEED": seed}),
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    assert [p.wait(timeout=600) for p in procs] == [0, 0]
    a, b = tree(tmp_path / "1"), tree(tmp_path / "2")
    differ = sorted(p for p in set(a) | set(b) if a.get(p) != b.get(p))
    assert differ == [], f"{len(differ)} files differ, e.g. {differ[:5]}"
