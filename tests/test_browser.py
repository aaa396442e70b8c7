"""The built example site in a real browser (Debian's Chromium via Playwright), over http and from file://.

Screenshots go to test-artifacts/ (gitignored).
"""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from sitebuild import ROOT, built

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = ROOT / "test-artifacts"
CABLE = "09STATE71533"  # annotated: entities, a REF list, and cited by two cables


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The example site (shared with the other site tests)."""
    return built("examples", [ROOT / "examples" / "cables"], tmp_path_factory).site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: D102 - keep the test output clean
        pass


@pytest.fixture(scope="session")
def http_base(site):
    """The site served from a sub-path (`/<folder>/`) on 127.0.0.1, at a free port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site.parent)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{site.name}/"
    server.shutdown()


@pytest.fixture()
def page(browser, request):
    """A fresh page that records script errors, failed loads and requests to other hosts."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900},
                              color_scheme=getattr(request, "param", "light"))
    pg = ctx.new_page()
    pg.problems = []
    pg.on("pageerror", lambda e: pg.problems.append(f"script error: {e}"))
    # a load cut short by the next navigation (ERR_ABORTED) is not a broken link; anything else is
    pg.on("requestfailed", lambda r: "ERR_ABORTED" in (r.failure or "")
          or pg.problems.append(f"failed: {r.url} {r.failure}"))
    pg.on("response", lambda r: r.status < 400 or pg.problems.append(f"HTTP {r.status}: {r.url}"))
    pg.on("request", lambda r: r.url.startswith(("http://127.0.0.1", "file://", "data:", "about:"))
          or pg.problems.append(f"other host: {r.url}"))
    yield pg
    ctx.close()


def shot(pg, name: str) -> None:
    """Save a screenshot of the whole page."""
    ARTIFACTS.mkdir(exist_ok=True)
    pg.evaluate("window.scrollTo(0, 0)")  # else the sticky header is drawn in the middle of a full-page shot
    pg.screenshot(path=str(ARTIFACTS / f"site-{name}.png"), full_page=True)


def read_cable_page(pg, base: str, label: str) -> None:
    """Open the cable, see its links, follow a reference and then a cited-by link."""
    pg.goto(f"{base}cable/{CABLE}.html")
    assert pg.locator("h1").inner_text().startswith(f"{CABLE}: HARBOR LIGHT")
    tags = pg.locator("ul.cable-tags a.tag")
    assert tags.all_inner_texts() == ["KNNP", "PREL", "PTER", "LY", "IAEA"]
    assert "Libya" in pg.locator("ul.cable-tags").inner_text()
    refs = pg.locator("ol.cable-refs a.cable")
    assert refs.all_inner_texts() == ["09TRIPOLI288", "09TRIPOLI287", "09UNVIEVIENNA133"]
    entities = pg.locator("div.cable-body a.entity")
    assert entities.count() >= 5
    assert any("Lindqvist" in t for t in entities.all_inner_texts())
    assert pg.locator("div.cable-body .redacted").count() >= 1
    shot(pg, f"cable-{label}")
    pg.locator("a.original", has_text="Original text").click()
    pg.wait_for_url(f"**/cable/{CABLE}.txt")
    assert "STATE 071533" in pg.locator("body").inner_text()  # shown as plain text
    pg.go_back()
    pg.wait_for_url(f"**/cable/{CABLE}.html")

    pg.locator("ol.cable-refs a.cable", has_text="09UNVIEVIENNA133").click()
    pg.wait_for_url("**/cable/09UNVIEVIENNA133.html")
    assert pg.locator("h1").inner_text().startswith("09UNVIEVIENNA133:")
    cited = pg.locator("ul.cited-by a.cable")
    assert set(cited.all_inner_texts()) == {"09TRIPOLI287", CABLE}
    shot(pg, f"reference-{label}")

    cited.filter(has_text="09TRIPOLI287").click()
    pg.wait_for_url("**/cable/09TRIPOLI287.html")
    assert "09UNVIEVIENNA133" in pg.locator("ol.cable-refs").inner_text()

    pg.goto(f"{base}cable/{CABLE}.html#par3")
    assert pg.locator("#par3").is_visible()
    pg.locator("div.cable-body a.entity", has_text="Lindqvist").first.click()
    pg.wait_for_url("**/entity/**")
    assert "Lindqvist" in pg.locator("h1").inner_text()
    assert pg.locator(f'article a[href*="{CABLE}"]').count() >= 1
    shot(pg, f"entity-{label}")
    assert pg.problems == []


def test_cable_page_over_http_from_a_sub_path(page, http_base):
    read_cable_page(page, http_base, "http")
    page.goto(http_base)
    assert page.locator("div.chart svg rect.bar").count() >= 10
    shot(page, "home-http")
    assert page.problems == []


def test_cable_page_from_file(page, site):
    read_cable_page(page, site.as_uri() + "/", "file")


@pytest.mark.parametrize("page", ["dark"], indirect=True)
def test_dark_mode(page, http_base):
    page.goto(f"{http_base}cable/08TRIPOLI702.html")
    assert page.locator("div.cable-body .redacted").first.is_visible()
    shot(page, "cable-dark")
    assert page.problems == []
