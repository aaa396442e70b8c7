"""Same input, same output: two builds of the example archive, on different days, give the same docs/ and site/."""
from __future__ import annotations

import pytest

from generator import urls
from sitebuild import ROOT, build, built, tree

pytestmark = pytest.mark.slow



def test_two_builds_are_identical(tmp_path_factory):
    first = built("examples", [ROOT / "examples" / "cables"], tmp_path_factory)
    # another day (MkDocs reads the build date from SOURCE_DATE_EPOCH) and another hash seed
    later = {"SOURCE_DATE_EPOCH": "2000000000", "PYTHONHASHSEED": "12345"}
    second = build([ROOT / "examples" / "cables"], tmp_path_factory.mktemp("site-examples-again"), later)
    a, b = tree(first.docs), tree(second.docs)
    assert sorted(a) == sorted(b)
    # hand-written pages are copied into each build; one edited between the two builds is not the build's doing
    edited = {p for p in a if a[p] != b[p] and not urls.is_generated(p) and not urls.is_build_state(p)}
    assert [p for p in a if a[p] != b[p] and p not in edited] == []
    skip = edited | {urls.html_path(p) for p in edited}
    a, b = tree(first.site), tree(second.site)
    assert sorted(a) == sorted(b)
    assert [p for p in a if a[p] != b[p] and p not in skip] == []
    assert "sitemap.xml.gz" in a


def test_corpus_docs_do_not_depend_on_the_hash_seed(shared, tmp_path, tmp_path_factory):
    """Python randomizes str hashes per process: set and dict-of-set order must never reach a page. The corpus
    site the other tests share was generated with PYTHONHASHSEED=0; here the same sources with another seed."""
    from sitebuild import PY, env, handwritten, run

    sources = [shared / "corpus", shared / "seeds"]
    shared_site = built("corpus", sources, tmp_path_factory)
    run([PY, "-m", "generator", "build", *map(str, sources), "--docs", str(tmp_path / "1"), "--quiet"],
        {"PYTHONHASHSEED": "1"})
    assert env()["PYTHONHASHSEED"] == "0"  # what built() generated the shared site with
    a, b = tree(shared_site.docs), tree(tmp_path / "1")
    for p in handwritten():  # copied into the shared site's docs/ before it was generated
        del a[p]
    differ = sorted(p for p in set(a) | set(b) if a.get(p) != b.get(p))
    assert differ == [], f"{len(differ)} files differ, e.g. {differ[:5]}"
    assert len(a) > 300
