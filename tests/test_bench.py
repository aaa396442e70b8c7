"""`make bench` at a tiny size: every stage of the build is timed and measured (the build's own --timings),
and the table, growth, extrapolation and targets are printed."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

STAGES = ["read+parse", "entities", "resolve", "render+write", "mkdocs build", "mkdocs in parts", "search index"]


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    """One bench run at 24 and 48 cables (and 6 added for the incremental run), two worker processes."""
    out = tmp_path_factory.mktemp("bench")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "bench/run.py", "--sizes", "24", "48", "--add", "6", "--jobs", "2", "--shards", "4",
                           "--out", str(out),
                           "--json", str(out / "bench.json")], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out, done.stdout, json.loads((out / "bench.json").read_text())


def test_every_stage_is_timed_and_measured(bench):
    _out, _text, data = bench
    small, res = data["results"]
    assert (small["cables"], res["cables"]) == (24, 48)
    for name in STAGES:
        s = res["stages"][name]
        assert s["wall"] > 0 and s["cpu"] > 0 and 5 < s["peak_mb"] < 4000, (name, s)  # PSS: shared pages split
    assert res["bare"]["wall"] > 0


def test_site_built_by_several_mkdocs_processes_is_the_same_site(bench):
    _out, text, data = bench
    for res in data["results"]:
        parts = res["stages"]["mkdocs in parts"]
        assert parts["parts"] == 4 and parts["wall"] > 0
        assert parts["differ"] == []  # every file of site/, byte for byte, as one `mkdocs build` writes it
    assert "whole, mkdocs parts / bare MkDocs = " in text
    small, big = data["results"]
    assert "split" not in small["stages"]["mkdocs in parts"]  # only the largest size is built a second time
    assert big["stages"]["mkdocs in parts"]["split"]["parts"] == 8  # in twice as many parts, for the memory model
    assert "KB a page of the site and" in text and "the figure the whole build below uses" in text
    assert res["md_pages"] > 48 and res["pages"] > res["md_pages"]  # and report.json, original texts, search records


def test_table_growth_extrapolation_and_targets_are_printed(bench):
    _out, text, _data = bench
    assert "Machine: " in text and "GB RAM" in text
    for name in STAGES + ["= generator", "= whole build", "= whole, mkdocs parts", "bare mkdocs"]:
        assert f" {name} " in text
    assert "whole build / bare MkDocs = " in text
    assert "Full release: 251,287 cables" in text and "whole build with mkdocs in parts: " in text
    assert "generator >= 1,000 cables/s" in text and "whole build <= 1.3x bare MkDocs" in text
    assert "Incremental (24 cables, then 6 added)" in text and "0 written" in text
