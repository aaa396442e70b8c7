"""Every kind of page read as a reader would, in Chromium at 1,400 and 390 px (issue 14): nothing wider than the
window or than its column, the cable's text on the first screen of a desktop, chart bars wide enough to hit.

Two sites: the example archive, and one built from a small slice of the real corpus (../shared; skipped without
it). Each page is opened once per width; what it measures is kept for the tests below, and a screenshot of it
goes to test-artifacts/layout/ (gitignored) to be looked at.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitebuild import ROOT, built

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = ROOT / "test-artifacts" / "layout"
WIDTHS = (1400, 390)
SLICE = 40  # real cables: enough for listings, names, references and missing cables; quick to build
FIRST_SCREEN = 900  # px: where the cable's text must start on a desktop
SHOT_HEIGHT = 3000  # px of each page in its screenshot

MEASURE = """() => {
  const inner = document.querySelector('.md-content__inner') || document.body;
  const box = inner.getBoundingClientRect();
  const name = el => `${el.tagName.toLowerCase()}.${el.className.baseVal ?? el.className}`.slice(0, 60);
  const wide = [];
  const clipped = el => {
    for (let p = el; p && p !== inner; p = p.parentElement) {
      const s = getComputedStyle(p);
      if ((s.overflowX === 'hidden' || s.overflowX === 'clip') && s.textOverflow === 'ellipsis') return true;
    }
    return false;
  };
  for (const el of inner.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (!r.width) continue;
    // Material lets a table's scroll wrapper bleed into the page's margins on a phone: up to the window's edge
    const limit = el.closest('.md-typeset__scrollwrap') ? innerWidth : box.right;
    // a line clipped on purpose (one REF a line, cut with an ellipsis) scrolls nowhere: what is inside it is cut
    if (el.parentElement && clipped(el.parentElement)) continue;
    if (r.right > limit + 1) wide.push(`${name(el)}: right ${Math.round(r.right)} > ${Math.round(limit)}`);
    const ox = getComputedStyle(el).overflowX;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && (ox === 'auto' || ox === 'scroll'))
      wide.push(`${name(el)}: scrolls ${el.scrollWidth} > ${el.clientWidth}`);
  }
  const body = document.querySelector('.cable-body');
  const targets = [...document.querySelectorAll('.chart svg a')].filter(a => a.querySelector('rect.hit'))
    .map(a => a.getBoundingClientRect().width);
  return {doc: document.documentElement.scrollWidth, inner: innerWidth, column: Math.round(box.width),
          wide: wide.slice(0, 6), text_top: body ? body.getBoundingClientRect().top + scrollY : null,
          targets: targets.length ? Math.min(...targets) : null, n_targets: targets.length};
}"""


def _largest(site: Path, folder: str, pattern: str) -> str:
    """The biggest page of a folder (the fullest listing), as a site path; first pages of listings only."""
    files = [f for f in (site / folder).glob(pattern) if "_" not in f.stem.lstrip("_")]
    return max(files, key=lambda f: (f.stat().st_size, f.name)).relative_to(site).as_posix()


def kinds(site: Path) -> dict[str, str]:
    """Every kind of page of a built site: kind -> path under site/."""
    out = {"home": "index.html", "cables": "cables.html", "dates": "dates.html", "origins": "origins.html",
           "tags": "tags.html", "classifications": "classifications.html", "names": "entities.html",
           "missing": "missing.html", "report": "report.html", "about": "about.html", "404": "404.html"}
    out["month"] = _largest(site, "date", "????-??.html")
    out["origin"] = _largest(site, "origin", "*.html")
    out["tag"] = _largest(site, "tag", "*.html")
    out["classification"] = _largest(site, "classification", "*.html")
    types = sorted(p for p in (site / "entity").iterdir() if p.is_dir())
    people = next((t for t in types if t.name == "per"), types[0])
    out["names-type"] = f"entity/{people.name}.html"
    out["names-letter"] = _largest(site, f"entity/{people.name}", "_*.html")
    if any(not p.name.startswith("_") for p in people.glob("*.html")):
        out["entity"] = _largest(site, f"entity/{people.name}", "[!_]*.html")
    cables = sorted((site / "cable").glob("*.html"))
    graphs = [c for c in cables if 'class="citations"' in c.read_text(encoding="utf-8")]
    missing = [c for c in cables if "(not in the archive)</h1>" in c.read_text(encoding="utf-8")
               or "is not in the archive." in c.read_text(encoding="utf-8")]
    real = [c for c in graphs or cables if c not in missing]
    out["cable"] = "cable/" + max(real, key=lambda f: (f.stat().st_size, f.name)).name
    if missing:
        out["missing-cable"] = "cable/" + missing[0].name
    return out


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The example site, and the real-corpus slice when ../shared is there."""
    out = {"examples": built("examples", [ROOT / "examples" / "cables"], tmp_path_factory).site}
    shared = ROOT.parent / "shared"
    if (shared / "corpus-2010" / "html").is_dir() and (shared / "seeds").is_dir():
        src = tmp_path_factory.mktemp("corpus-slice")
        for f in sorted((shared / "corpus-2010" / "html").glob("*.html"))[:SLICE]:
            shutil.copy2(f, src / f.name)  # a temporary input folder, not a project file
        out["corpus"] = built("corpus-slice", [src, shared / "seeds"], tmp_path_factory).site
    return out


@pytest.fixture(scope="module")
def measured(browser, sites) -> dict[tuple[str, int], dict[str, dict]]:
    """(site, width) -> kind -> what the page measures; screenshots saved along the way (dark ones at both
    widths for the pages with pictures and tables)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out: dict[tuple[str, int], dict[str, dict]] = {}
    for name, site in sites.items():
        pages = kinds(site)
        for width in WIDTHS:
            for scheme in ("light", "dark"):
                ctx = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                pg = ctx.new_page()
                for kind, path in pages.items():
                    if scheme == "dark" and kind not in ("home", "dates", "origin", "entity", "cable"):
                        continue
                    pg.goto((site / path).as_uri())
                    if scheme == "light":
                        out.setdefault((name, width), {})[kind] = {"path": path, **pg.evaluate(MEASURE)}
                    shot(pg, ARTIFACTS / f"{name}-{width}-{scheme}-{kind}.png")
                ctx.close()
    return out


def shot(pg, path: Path) -> None:
    """The page's first SHOT_HEIGHT px (what a reader sees first; a 500-row listing need not be drawn whole)."""
    height = min(pg.evaluate("document.documentElement.scrollHeight"), SHOT_HEIGHT)
    pg.screenshot(path=str(path), full_page=True, animations="disabled",
                  clip={"x": 0, "y": 0, "width": pg.viewport_size["width"], "height": height})


CASES = [(s, w) for s in ("examples", "corpus") for w in WIDTHS]


def _site(measured, name: str, width: int) -> dict[str, dict]:
    if (name, width) not in measured:
        pytest.skip(f"no {name} site (../shared is not beside the checkout)")
    return measured[(name, width)]


@pytest.mark.parametrize("name, width", CASES)
def test_no_page_is_wider_than_the_window_or_its_column(measured, name, width):
    pages = _site(measured, name, width)
    assert len(pages) >= 17  # every kind of page was read
    wide = {k: (m["path"], m["doc"], m["wide"]) for k, m in pages.items() if m["doc"] > m["inner"] or m["wide"]}
    assert wide == {}


@pytest.mark.parametrize("name, width", CASES)
def test_chart_bars_are_targets_a_finger_can_hit(measured, name, width):
    for kind in ("home", "dates"):
        m = _site(measured, name, width)[kind]
        assert m["n_targets"] >= 1 and m["targets"] >= 4, (kind, m)


@pytest.mark.parametrize("name", ["examples", "corpus"])
def test_cable_text_starts_on_the_first_screen_of_a_desktop(measured, name):
    m = _site(measured, name, 1400)["cable"]
    assert m["text_top"] is not None and m["text_top"] <= FIRST_SCREEN, m
