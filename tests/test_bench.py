"""`make bench` at a tiny size: every stage of the build is timed and measured (the build's own --timings),
and the table, growth, extrapolation and targets are printed; the real-archive part (run here on the examples,
standing in for ../shared) prints its table beside the calibrated synthetic archive and the projection, and skips
when the real cables are absent; the calibration fits what it is given."""
from __future__ import annotations

import json
import os
import re
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
                           "--out", str(out), "--real", "examples/cables", "--real-add", "2",
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


def test_the_real_archive_is_built_as_make_site_builds_it_and_set_beside_the_synthetic(bench):
    out, text, data = bench
    real = data["real"]
    assert real["cables"] == 18 and real["kinds"]["cable"] == 18  # examples/cables: 18 cables, a page each
    assert real["same_site"] == []  # make site's step (search alongside) gives the site of mkdocs + search after
    for name in ["read+parse", "entities", "render+write", "mkdocs in parts", "search index",
                 "mkdocs + search, overlapped"]:
        assert real["stages"][name]["cpu"] > 0 and real["stages"][name]["peak_mb"] > 5, name
    assert "kept as they were" in real["rebuild"]["said"] and "index kept" in real["rebuild"]["said"]
    assert real["added"]["added"] == 2
    assert data["synthetic_real_size"]["cables"] == 18  # the calibrated archive of the real archive's size
    assert "Real archive: 18 cables" in text and "unchanged rebuild (make site again)" in text
    assert "against the calibrated synthetic archive (18 cables), side by side" in text
    assert "Full release projected from the real run (18 cables)" in text
    assert "whole build >= 60 cables/s on 2 cores" in text and "unchanged rebuild <= 10% of a full build" in text
    assert data["projection"]["minutes"] > 0 and data["projection"]["pages"] > 251_287


def test_the_real_part_skips_when_the_real_cables_are_absent(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    import run

    said = []
    assert run.measure_real([tmp_path / "no-such-corpus"], tmp_path, 1, said.append) is None
    assert said == [f"  real archive: {tmp_path / 'no-such-corpus'} not here: skipped"]


@pytest.mark.parametrize("name, sets, k, beta", [
    ("a new name in every cable", [[f"n{i}"] for i in range(400)], 1.0, 1.0),
    ("four new names in every cable", [[f"n{i}-{j}" for j in range(4)] for i in range(400)], 4.0, 1.0),
    ("the same two names everywhere", [["a", "b"] for _ in range(400)], 2.0, 0.0),
])
def test_heaps_fit_recovers_the_growth_of_distinct_names(name, sets, k, beta):
    sys.path.insert(0, str(ROOT / "bench"))
    import calibrate

    got_k, got_beta = calibrate.heaps(sets)
    assert (round(got_k, 3), round(got_beta, 3)) == (k, beta), name


def test_calibrated_archive_follows_its_model(tmp_path):
    """Same seed, same bytes; no references when the model gives none; every reference missing from the archive
    when the model says so."""
    sys.path.insert(0, str(ROOT / "bench"))
    import synth

    model = json.loads((ROOT / "bench" / "calibration.json").read_text())
    a = synth.generate_calibrated(12, tmp_path / "a", seed=4, model=model)
    b = synth.generate_calibrated(12, tmp_path / "b", seed=4, model=model)
    files = sorted(f.relative_to(a) for f in a.rglob("*") if f.is_file())
    assert len(files) == 12 and all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    none = synth.generate_calibrated(12, tmp_path / "none", seed=4, model={**model, "refs_per_cable": {"0": 1.0}})
    assert not any("REF: " in f.read_text() for f in none.rglob("*.html"))
    gone = synth.generate_calibrated(30, tmp_path / "gone", seed=4,
                                     model={**model, "refs_per_cable": {"2": 1.0}, "missing_share": 1.0})
    cited = {m for f in gone.rglob("*.html") for m in re.findall(r"[A-H]\. \d\d STATE (\d+)", f.read_text())}
    assert cited and all(int(x) >= 900_000 for x in cited)  # the serials of cables not in the archive
