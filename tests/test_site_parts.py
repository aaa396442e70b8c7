"""`python -m generator mkdocs`: the site built in parts by several MkDocs processes is the site one `mkdocs build
--strict` makes, byte for byte; a warning in any part, or a missing anchor across parts, fails the build."""
from __future__ import annotations

import filecmp
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.site import default_parts, part_of
from sitebuild import PY, ROOT, built, env

EXAMPLES = ROOT / "examples" / "cables"


def tree(site: Path) -> list[str]:
    """Every file of a site, as paths relative to it."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def differences(a: Path, b: Path) -> list[str]:
    """Files only in one site, or with other bytes (empty when the two sites are the same)."""
    ta, tb = tree(a), tree(b)
    out = [f"only in one: {p}" for p in sorted(set(ta) ^ set(tb))]
    out += [f"differs: {p}" for p in ta if p in tb and not filecmp.cmp(a / p, b / p, shallow=False)]
    return out


def in_parts(config: Path, site: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m generator mkdocs` on a configuration, into `site`."""
    return subprocess.run([PY, "-m", "generator", "mkdocs", "--quiet", "--config", str(config), "--site-dir", str(site),
                           *args],
                          cwd=ROOT, env=env(), capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_example_site_in_parts_is_the_same_site(tmp_path_factory):
    one = built("examples", [EXAMPLES], tmp_path_factory)
    site = tmp_path_factory.mktemp("parts") / "site"
    p = in_parts(one.config, site, "--parts", "3", "--jobs", "2")
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""  # strict and quiet: nothing to say
    assert len(tree(site)) > 100 and (site / "cable" / "09STATE71533.txt").is_file()
    assert differences(one.site, site) == []
    assert not list(site.parent.glob("site.part*"))  # the parts' folders are gone


@pytest.mark.slow
def test_corpus_site_in_parts_is_the_same_site(shared, tmp_path_factory):
    one = built("corpus", [shared / "corpus", shared / "seeds"], tmp_path_factory)
    site = tmp_path_factory.mktemp("parts-corpus") / "site"
    p = in_parts(one.config, site, "--parts", "4", "--jobs", "2")
    assert p.returncode == 0, p.stderr
    assert differences(one.site, site) == []


def _tiny(tmp_path: Path, pages: dict[str, str]) -> Path:
    """A small site with the project's hooks and settings; returns its configuration."""
    docs = tmp_path / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    keep = {k: cfg[k] for k in ("markdown_extensions", "validation", "use_directory_urls")}
    conf = tmp_path / "mkdocs.yml"
    conf.write_text(yaml.safe_dump({**keep, "site_name": "t", "docs_dir": str(docs), "site_dir": str(tmp_path / "s"),
                                    "hooks": [str(ROOT / "overrides" / "hooks" / "rawhtml.py")]}), encoding="utf-8")
    return conf


def _apart(k: int) -> tuple[str, str]:
    """Two page names that fall into different parts of k."""
    names = [f"p{i}.md" for i in range(50)]
    a = names[0]
    return a, next(n for n in names if part_of(n, k) != part_of(a, k))


def test_anchors_across_parts_are_checked(tmp_path):
    a, b = _apart(2)
    target = "# B\n\n## Here\n\n" + '<!--raw-->\n<p id="par3">x</p>\n<!--/raw-->\n'
    good = {"index.md": "# Home\n", b: target,
            a: f"# A\n\n[ok](./{b}#here) [ok too]({b}#par3)\n\n<!--raw-->\n<a href=\"{b[:-3]}.html#par3\">x</a>\n<!--/raw-->\n"}
    p = in_parts(_tiny(tmp_path / "good", good), tmp_path / "good" / "site", "--parts", "2")
    assert p.returncode == 0, p.stderr
    for link in (f"{b}#nowhere", f"RAW{b[:-3]}.html#par9"):
        bad = dict(good)
        bad[a] = good[a] + (f"\n[bad]({link})\n" if not link.startswith("RAW") else
                            f'\n<!--raw-->\n<a href="{link[3:]}">bad</a>\n<!--/raw-->\n')
        p = in_parts(_tiny(tmp_path / link[:6], bad), tmp_path / link[:6] / "site", "--parts", "2")
        assert p.returncode == 1
        anchor = link.split("#")[1]
        assert f"the doc '{b}' does not contain an anchor '#{anchor}'" in p.stderr
        assert "anchors across parts" in p.stderr  # found by the parent: the part rendering A never saw B


def test_a_warning_in_any_part_fails_the_build(tmp_path):
    a, b = _apart(3)
    pages = {"index.md": "# Home\n", a: "# A\n", b: "# B\n\n[gone](missing.md)\n"}
    p = in_parts(_tiny(tmp_path, pages), tmp_path / "site", "--parts", "3", "--jobs", "2")
    assert p.returncode == 1
    assert "missing.md" in p.stderr and "failed" in p.stderr
    assert not list(tmp_path.glob("site.part*"))  # the parts' folders are removed whatever happens


def test_default_parts_follow_the_size_and_the_cores():
    assert default_parts(500, 2) == 1  # a small site: one process
    assert default_parts(20_000, 2) == 2
    assert default_parts(20_000, 1) == 1
    assert default_parts(316_000, 2) >= 8  # no part holds more than about 40,000 pages
    assert default_parts(316_000, 1) >= 8
