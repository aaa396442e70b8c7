"""The cable page, the 404 page and the archive's identity as a reader meets them (issue 14), in Debian's Chromium.

The example site, served from a sub-path as a static host would serve it (a missing address answered with
404.html, status 404), and from file://. Screenshots go to test-artifacts/ (gitignored).
"""
from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from sitebuild import PY, ROOT, built, run

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = ROOT / "test-artifacts"
FIRST_SCREEN = 900  # px: on a 1,400 px desktop the text starts within it
TEXT_TOP = "() => { const p = document.querySelector('div.cable-body p'); " \
           "return p.getBoundingClientRect().top + window.scrollY; }"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return built("examples", [ROOT / "examples" / "cables"], tmp_path_factory).site


def host(site: Path):
    """A static host serving the site under /sub/: a missing address gets 404.html with status 404 (as GitHub
    Pages and most hosts do); HEAD as well as GET."""
    class Host(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # noqa: D102 - keep the test output clean
            pass

        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            path = self.path.split("?")[0].split("#")[0]
            f = site / path[len("/sub/"):] if path.startswith("/sub/") else site / "-"
            f = f / "index.html" if f.is_dir() else f
            code = 200 if f.is_file() else 404
            body = (f if code == 200 else site / "404.html").read_bytes()
            kind = {".css": "text/css", ".js": "text/javascript", ".json": "application/json"}.get(
                f.suffix if code == 200 else "", "text/html; charset=utf-8")
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_HEAD = do_GET

    return http.server.ThreadingHTTPServer(("127.0.0.1", 0), Host)


@pytest.fixture(scope="module")
def base(site):
    server = host(site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sub/"
    server.shutdown()


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])
    pg = ctx.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    ctx.close()


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"page-{name}.png"))


@pytest.mark.parametrize("cid", ["09STATE71533", "09TRIPOLI287", "08STATE19406", "10STATE7114"])
def test_the_text_starts_within_the_first_screen(page, base, cid):
    page.goto(f"{base}cable/{cid}.html")
    assert page.evaluate(TEXT_TOP) < FIRST_SCREEN
    assert page.locator("div.cable-summary a.original").is_visible()  # the original telegram, near the top
    assert not page.locator("table.cable-meta").is_visible()  # the full header, folded
    page.locator("details.cable-header summary").click()
    assert page.locator("table.cable-meta").is_visible()
    shot(page, f"cable-{cid}")
    assert page.errors == []


def test_the_citation_and_a_paragraph_link_are_copied(page, base):
    page.goto(f"{base}cable/09TRIPOLI287.html")
    page.locator("a[href='#cite']").click()
    page.locator("button.copy").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("09TRIPOLI287, “HARBOR LIGHT (PART 1 OF 2)")
    assert copied.endswith("WikiLeaks: https://wikileaks.org/plusd/cables/09TRIPOLI287_a.html")
    assert "This archive" not in copied  # no site_url: the page has no canonical address to give
    page.locator("#par2 a.par-link").click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{base}cable/09TRIPOLI287.html#par2"
    assert page.url.endswith("#par2")
    assert page.errors == []


def test_a_link_into_a_folded_block_unfolds_it(page, site):
    page.goto((site / "cable" / "09TRIPOLI287.html").as_uri() + "#cite")
    assert page.locator("p.citation").is_visible()
    assert page.errors == []


@pytest.mark.parametrize("missing", ["cable/09NOPE1.html", "nothing.html", "a/b/c/nothing.html"])
def test_the_404_page_keeps_its_styles_on_a_sub_path_and_jumps_to_a_cable(page, base, missing):
    page.goto(base + missing)
    assert page.locator("h1").inner_text() == "Page not found"
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header not in ("rgba(0, 0, 0, 0)", "transparent")  # Material's stylesheet is in
    assert page.evaluate("getComputedStyle(document.querySelector('.not-found input')).borderTopStyle") == "solid"
    assert page.locator("a", has_text="all cables").get_attribute("href") == "cables.html"  # relative, to the base
    shot(page, "404-" + missing.replace("/", "-"))
    page.fill("#nf-query", " 09tripoli 287 ")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}cable/09TRIPOLI287.html")
    assert page.locator("h1").inner_text().startswith("09TRIPOLI287:")
    page.goto(base + missing)
    page.fill("#nf-query", "harbor light")
    page.locator("#nf-go").click()
    page.wait_for_url(f"{base}index.html?q=harbor%20light")
    assert page.errors == []


def test_the_home_page_and_the_tab_carry_the_archive_name(page, base):
    page.goto(base)
    assert page.title() == "Cable Archive"  # mkdocs.yml site_name, once
    assert page.locator("article h1").inner_text() == "Cable Archive"
    page.goto(f"{base}about.html")
    assert "fiction" not in page.locator("article").inner_text()  # the example's note is the example's own


def test_the_example_archive_says_it_is_fiction(site, tmp_path):
    """mkdocs.example.yml (what `make site` builds examples/cables with) names the example and says it is fiction,
    on top of mkdocs.yml."""
    example = yaml.safe_load((ROOT / "mkdocs.example.yml").read_text(encoding="utf-8"))
    assert example["INHERIT"] == "mkdocs.yml"
    config = yaml.safe_load((site.parent / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_name"] = example["site_name"]
    config["extra"]["archive"] = example["extra"]["archive"]
    config["site_dir"] = str(tmp_path / "site")
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    run([PY, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")])

    def soup(name: str) -> BeautifulSoup:
        return BeautifulSoup((tmp_path / "site" / name).read_text(encoding="utf-8"), "html.parser")

    home = soup("index.html")
    assert home.title.get_text() == example["site_name"] and home.select_one("article h1").get_text() == \
        example["site_name"]
    assert "Every cable here is fiction" in home.select_one("div.archive-intro").get_text()
    about = soup("about.html").select_one("article")
    assert about.h1.find_next_sibling().get("class") == ["archive-about"]
    assert "This example archive is fiction." in about.select_one("div.archive-about").get_text()
