"""No local path in the published site: inputs are named relative to the folder given to the build, in every page,
JSON, report and search file. The builder's folders (a journalist's folder names) stay private."""
from __future__ import annotations

import gzip
import shutil
import subprocess

import pytest

from sitebuild import PY, ROOT, config_for, copy_handwritten, env

pytestmark = pytest.mark.slow  # a whole site: generator, mkdocs, search

MARKER = "PRIVATE-FOLDER-3b9d"


def test_the_path_of_the_input_folder_is_nowhere_in_the_site(tmp_path):
    src = tmp_path / MARKER / "cables"
    shutil.copytree(ROOT / "examples" / "cables", src)
    shutil.copytree(ROOT / "tests" / "fixtures" / "versions", tmp_path / MARKER / "versions")  # versions boxes
    work = tmp_path / "work"
    docs, site = work / "docs", work / "site"
    docs.mkdir(parents=True)
    copy_handwritten(docs)
    config = config_for(docs, site, work / "mkdocs.yml")
    for cmd in ([PY, "-m", "generator", "build", str(src), str(tmp_path / MARKER / "versions"), "--docs", str(docs)],
                [PY, "-m", "generator", "mkdocs", "--config", str(config), "--quiet"],
                [PY, "-m", "generator", "search", str(site), "--docs", str(docs), "--pagefind", "--quiet"]):
        p = subprocess.run(cmd, cwd=ROOT, env=env(), capture_output=True, text=True, timeout=600)
        assert p.returncode == 0, p.stderr
        assert MARKER not in p.stderr  # what the build says names the inputs the same way
    leaks = [f.relative_to(site).as_posix() for f in sorted(site.rglob("*"))
             if f.is_file() and MARKER.encode() in _plain(f.read_bytes())]
    assert leaks == []
    assert b"cables/csv/cables.csv#1" in (site / "report.json").read_bytes()
    assert b"versions/copy-a/10ROME360.html" in (site / "cable" / "10ROME360.html").read_bytes()


def _plain(data: bytes) -> bytes:
    """A file's bytes, unpacked when gzipped (Pagefind's fragments and indexes are)."""
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
