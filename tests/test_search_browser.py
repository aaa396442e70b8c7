"""Search in a real browser on the built example site: over http (under a sub-path) and from file://, with the
script index (the default) and with Pagefind bundles (`--pagefind`).

Screenshots go to test-artifacts/ (gitignored).
"""
from __future__ import annotations

import functools
import http.server
import re
import sys
import threading
from pathlib import Path

import pytest

from generator.reference import load

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "cables"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The example site, built once: generator, mkdocs build --strict, then the search step (script index)."""
    sys.path.insert(0, str(Path(__file__).parent))
    import sitebuild

    built = sitebuild.built("search-examples", [EXAMPLES], tmp_path_factory, search=True)
    assert (built.site / "search" / "index.js").is_file()  # the index, from the build's records in built.docs
    return built.site


@pytest.fixture(scope="session")
def pagefind_site(site, tmp_path_factory) -> Path:
    """A copy of the example site whose search step also wrote Pagefind bundles (`--pagefind`)."""
    import shutil

    import sitebuild

    copy = tmp_path_factory.mktemp("search-pagefind") / "site"
    shutil.copytree(site, copy)
    docs = site.parent / "docs"  # sitebuild's layout: work/docs beside work/site
    sitebuild.run([sitebuild.PY, "-m", "generator", "search", str(copy), str(EXAMPLES), "--docs", str(docs),
                   "--pagefind", "--quiet"])
    return copy


def serve(site: Path):
    """Serve a site over http from a sub-path (`/site/`), as on a static host; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{site.name}/"
    server.shutdown()


@pytest.fixture(scope="session")
def http_base(site) -> str:
    yield from serve(site)


@pytest.fixture(scope="session")
def pagefind_base(pagefind_site) -> str:
    yield from serve(pagefind_site)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: D102 - keep test output clean
        pass


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    context.on("request", lambda r: None if r.url.startswith(("file:", "http://127.0.0.1:", "data:", "blob:"))
               else errors.append(f"request to another host: {r.url}"))
    yield pg
    context.close()
    assert not errors, errors


@pytest.fixture(scope="session")
def cables():
    return {c.id: c for c in load([str(EXAMPLES)])[0]}


def saying(cables, word: str) -> set[str]:
    """IDs of the example cables whose subject or body has the word."""
    pat = re.compile(rf"\b{word}\b", re.I)
    return {i for i, c in cables.items()
            if pat.search(c.subject or "") or any(pat.search(p.text) for p in c.paragraphs)}


def search(page, url: str, query: str) -> list[str]:
    """Open a page, press `/`, type the query like a reader; the IDs of the results shown."""
    page.goto(url)
    page.keyboard.press("/")
    page.keyboard.type(query, delay=20)
    return results(page, query)


def results(page, query: str | None = None) -> list[str]:
    """IDs of the results shown once the list shows `query` (default: what the box holds) in full."""
    page.wait_for_function("q => { const d = document.querySelector('[data-cs=dialog]');"
                           " const want = q === null ? document.querySelector('[data-cs=query]').value : q;"
                           " return d && d.dataset.csShown === want &&"
                           " document.querySelectorAll('[data-cable-id]').length"
                           " === Math.min(10, +d.dataset.csCount); }", arg=query, timeout=15000)
    return page.locator("[data-cable-id]").evaluate_all("els => els.map(e => e.dataset.cableId)")


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"search-{name}.png"))


@pytest.mark.parametrize("engine", ["offline", "pagefind"])
def test_a_query_finds_the_right_cables_over_http(page, http_base, pagefind_base, cables, engine):
    want = saying(cables, "misrata")
    base = pagefind_base if engine == "pagefind" else http_base
    found = search(page, base + "index.html", "misrata")
    assert page.get_attribute("[data-cs=dialog]", "data-cs-engine") == engine
    assert set(found) == want
    first = page.locator("[data-cable-id]").first
    cid = first.get_attribute("data-cable-id")
    text = first.inner_text()
    assert cid in text and cables[cid].date in text and (cables[cid].subject or "")[:20] in text
    marks = first.locator("mark").all_inner_texts()
    assert marks and all(m.lower() == "misrata" for m in marks)
    shot(page, f"http-{engine}-query")


@pytest.mark.parametrize("engine", ["offline", "pagefind"])
def test_a_filter_narrows_the_results(page, http_base, pagefind_base, cables, engine):
    http_base = pagefind_base if engine == "pagefind" else http_base
    everything = search(page, http_base + "index.html", "sources")
    total = int(page.get_attribute("[data-cs=dialog]", "data-cs-count"))
    page.select_option("[data-cs-filter=year]", "2010")
    page.wait_for_function(f"() => +document.querySelector('[data-cs=dialog]').dataset.csCount < {total}")
    narrowed = results(page)
    count = int(page.get_attribute("[data-cs=dialog]", "data-cs-count"))
    assert 0 < count < total and everything
    assert all(cables[i].date.startswith("2010") for i in narrowed)
    page.select_option("[data-cs-filter=classification]", "SECRET")
    page.wait_for_function(f"() => +document.querySelector('[data-cs=dialog]').dataset.csCount < {count}")
    assert all(cables[i].classification == "SECRET" and cables[i].date.startswith("2010") for i in results(page))
    shot(page, f"http-{engine}-filtered")


@pytest.mark.parametrize("typed", ["08STATE19406", "08state19406", "08 STATE 19406"])
def test_an_id_goes_straight_to_its_cable(page, http_base, typed):
    page.goto(http_base + "tags.html")
    page.keyboard.press("/")
    page.keyboard.type(typed)
    page.wait_for_selector("[data-cs=jump]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cable/08STATE19406.html")
    assert page.title().startswith("08STATE19406")


def test_an_id_cited_but_not_in_the_archive_goes_to_its_page(page, http_base):
    page.goto(http_base + "index.html")
    page.keyboard.press("s")
    page.keyboard.type("07 state 164220")
    page.wait_for_selector("[data-cs=jump]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cable/07STATE164220.html")


def test_the_same_query_works_from_file(page, site, cables):
    want = saying(cables, "misrata")
    found = search(page, site.joinpath("cable", "10PARIS733.html").as_uri(), "misrata")
    assert page.get_attribute("[data-cs=dialog]", "data-cs-engine") == "offline"
    assert set(found) == want
    assert page.locator("[data-cable-id] mark").count() >= len(want)
    page.select_option("[data-cs-filter=year]", "2009")
    page.wait_for_function("() => [...document.querySelectorAll('[data-cable-id]')]"
                           ".every(e => e.querySelector('.cs-meta').textContent.startsWith('2009'))")
    shot(page, "file-query")
    page.locator("[data-cable-id] a").first.click()
    page.wait_for_url(re.compile(r".*/cable/\w+\.html\?hl=misrata\*(#.*)?$"))
    assert page.url.startswith("file://")


def test_an_id_goes_straight_to_its_cable_from_file(page, site):
    page.goto(site.joinpath("index.html").as_uri())
    page.keyboard.press("/")
    page.keyboard.type("10 state 7114")
    page.wait_for_selector("[data-cs=jump]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cable/10STATE7114.html")


def test_cable_text_is_shown_as_text(page, site):
    """10LONDON205's table has `< 150 TBq`: the result shows the `<`, and nothing in the body becomes markup."""
    search(page, site.joinpath("index.html").as_uri(), "TBq")
    item = page.locator("[data-cable-id='10LONDON205']")
    assert "< 150" in item.inner_text() or "< 40" in item.inner_text()
    assert item.locator("img, script, table").count() == 0


def test_keyboard_and_dark_mode(page, http_base):
    page.goto(http_base + "index.html")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.dataset.cs") == "query"
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    search(page, http_base + "index.html", "cesium")
    bg = page.eval_on_selector(".cs-filters", "e => getComputedStyle(e).backgroundColor")
    rgb = [int(x) for x in re.findall(r"\d+", bg)[:3]]
    assert sum(rgb) / 3 < 80, bg  # the dark palette's background, through Material's variables
    shot(page, "http-dark")
    second = results(page)[1]
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf".*/cable/{second}\.html\?hl=cesium\*(#.*)?$"))


def test_a_link_with_a_query_opens_the_search(page, http_base, cables):
    page.goto(http_base + "tags.html?q=misrata")
    assert set(results(page, "misrata")) == saying(cables, "misrata")
    assert page.is_checked("#__search")


def test_small_screen(browser, http_base):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(http_base + "index.html")
    page.click("label.md-header__button[for=__search]")
    page.keyboard.type("sirte")
    assert results(page)
    shot(page, "mobile")
    context.close()


@pytest.mark.parametrize("where", ["http", "file", "pagefind"])
def test_a_plural_also_finds_the_singular(page, site, http_base, pagefind_base, cables, where):
    """`casks` also finds the cables that only say `cask`; `witnessed` those that only say `witness`."""
    url = {"http": http_base + "index.html", "pagefind": pagefind_base + "index.html",
           "file": site.joinpath("index.html").as_uri()}[where]
    assert set(search(page, url, "casks")) == saying(cables, "cask") | saying(cables, "casks")
    if where != "pagefind":  # Pagefind stems `witnessed` to `wit`, then also matches `with` as a prefix
        assert set(search(page, url, "witnessed")) == saying(cables, "witness") | saying(cables, "witnessed")


@pytest.fixture(scope="session")
def large_mode_site(site, tmp_path_factory) -> Path:
    """The example site with its index written as for a large archive: every filter field stored value by
    value (so the browser loads one value's list and shows archive-wide counts), IDs in chunks of three."""
    import shutil

    from generator import ids
    from generator.search import cable_pages, offline, page_template
    from generator.search.records import documents

    copy = tmp_path_factory.mktemp("search-large") / "site"
    shutil.copytree(site, copy)
    cables = load([str(EXAMPLES)])[0]
    docs = documents(cables)
    offline.write(copy / "search", docs, cable_pages(copy, cables, [d.id for d in docs]), page_template(),
                  station_aliases=ids.STATION_ALIASES, field_budget=0, ids_per_chunk=3, extra={"pagefind": []})
    return copy


def test_large_archive_mode_filters_by_loading_one_value(page, large_mode_site, cables):
    found = search(page, large_mode_site.joinpath("index.html").as_uri(), "harbor light")
    assert found
    page.select_option("[data-cs-filter=tag]", "PTER")
    narrowed = results(page)
    assert narrowed and all("PTER" in cables[i].tags for i in narrowed)
    assert "whole archive" in page.get_attribute("[data-cs-filter=tag]", "title")
    page.fill("[data-cs=query]", "")
    page.keyboard.type("09 tripoli 288")
    page.wait_for_selector("[data-cs=jump]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cable/09TRIPOLI288.html")


@pytest.fixture(scope="session")
def merged_base(site, tmp_path_factory):
    """The example site with Pagefind bundles of at most six cables each, merged in the browser."""
    import shutil

    from generator.search import build

    copy = tmp_path_factory.mktemp("search-merged") / "site"
    shutil.copytree(site, copy)
    report = build(copy, load([str(EXAMPLES)])[0], with_pagefind=True, group_size=6)
    assert len(report.pagefind.bundles) > 2
    yield from serve(copy)


def test_pagefind_bundles_are_merged_in_the_browser(page, merged_base, cables):
    found = search(page, merged_base + "index.html", "casks")
    assert page.get_attribute("[data-cs=dialog]", "data-cs-engine") == "pagefind"
    assert set(found) == saying(cables, "cask") | saying(cables, "casks")
    assert {cables[i].date[:4] for i in found} == {"2008", "2009", "2010"}


# ---------------------------------------------------------------- issue 14: search a journalist can use

def phrase_ids(cables, phrase: str) -> set[str]:
    """IDs of the example cables whose subject or body (as the index has it) holds the words in a row."""
    from generator.search.text import body_text

    pat = re.compile(r"(?<![a-z0-9])" + r"[^a-z0-9]+".join(phrase.lower().split()) + r"(?![a-z0-9])")
    return {i for i, c in cables.items() if pat.search(f"{c.subject or ''}\n{body_text(c)}".lower())}


def shown(page) -> tuple[str, int]:
    """What the search shows: its query and its count."""
    return page.input_value("[data-cs=query]"), int(page.get_attribute("[data-cs=dialog]", "data-cs-count"))


@pytest.mark.parametrize("where", ["file", "pagefind"])
def test_quoted_words_find_only_the_phrase(page, site, pagefind_base, cables, where):
    """`"libyan sources"`: 4 example cables say it, 8 have both words; the results mark the phrase, not its words
    one by one."""
    url = pagefind_base + "index.html" if where == "pagefind" else site.joinpath("index.html").as_uri()
    want = phrase_ids(cables, "libyan sources")
    assert 0 < len(want) < len(set(search(page, url, "libyan sources")))
    assert set(search(page, url, '"libyan sources"')) == want
    marks = page.locator("[data-cable-id] .cs-excerpt mark").all_inner_texts()
    assert marks and all(re.fullmatch(r"libyan\W+sources", m.lower()) for m in marks), marks


def test_caveat_words_are_searchable(page, site, cables):
    """Every example cable is SIPDIS in its header and none says it in its body: all 18 are found."""
    want = {i for i, c in cables.items() if "SIPDIS" in c.caveats}
    search(page, site.joinpath("index.html").as_uri(), "SIPDIS")
    assert shown(page) == ("SIPDIS", len(want)) and len(want) == 18


@pytest.mark.parametrize("where", ["http", "file"])
def test_the_search_is_in_the_address_and_back_restores_it(page, site, http_base, where):
    url = http_base + "tags.html" if where == "http" else site.joinpath("tags.html").as_uri()
    search(page, url, "sources")
    total = shown(page)[1]
    assert "q=sources" in page.url
    page.select_option("[data-cs-filter=year]", "2010")
    page.wait_for_function(f"() => +document.querySelector('[data-cs=dialog]').dataset.csCount < {total}")
    narrowed = shown(page)[1]
    assert "q=sources" in page.url and "year=2010" in page.url
    shared_url = page.url

    page.go_back()  # the filter goes, the query stays
    page.wait_for_function(f"() => +document.querySelector('[data-cs=dialog]').dataset.csCount === {total}")
    assert page.input_value("[data-cs-filter=year]") == "" and "year=" not in page.url
    page.go_back()  # before the search: closed
    page.wait_for_function("() => !document.getElementById('__search').checked")
    assert "q=" not in page.url and page.input_value("[data-cs=query]") == ""
    page.go_forward()
    page.go_forward()
    page.wait_for_function(f"() => +document.querySelector('[data-cs=dialog]').dataset.csCount === {narrowed}")
    assert page.input_value("[data-cs-filter=year]") == "2010" and shown(page)[0] == "sources"

    page.goto("about:blank")  # the address, shared: opens the same search
    page.goto(shared_url)
    results(page, "sources")
    assert shown(page) == ("sources", narrowed) and page.input_value("[data-cs-filter=year]") == "2010"


def test_a_result_opens_at_its_paragraph_with_the_words_marked(page, site, cables):
    found = search(page, site.joinpath("index.html").as_uri(), "cesium")
    link = page.locator("[data-cable-id] a").first
    href = link.get_attribute("href")
    assert re.search(r"/cable/\w+\.html\?hl=cesium\*#(par\d+|p-\d+)$", href), href
    link.click()
    page.wait_for_url(re.compile(r".*#(par\d+|p-\d+)$"))
    anchor = page.url.rsplit("#", 1)[1]
    target = page.locator(f"[id='{anchor}']")
    assert "cs-target" in target.get_attribute("class")
    assert target.locator("mark.cs-hit").count() >= 1
    marked = page.locator("mark.cs-hit").all_inner_texts()
    assert marked and all(m.lower().startswith("cesium") for m in marked)
    assert int(page.get_attribute("html", "data-cs-marked")) == len(marked)
    box = target.bounding_box()
    assert box and 0 <= box["y"] < 300  # opened there, not at the top of the cable
    assert found[0] in page.url
    shot(page, "arrival")


@pytest.fixture(scope="session")
def keys_site(site, tmp_path_factory) -> Path:
    """The example site with its index written from the example cables under hostile names: one cable tagged
    `__proto__`, one `constructor` whose body says `constructor`, one from origin `__proto__`; and `misrata`
    and `sirte` made spellings of each other (as variants.py would for `qadhafi` and `gaddafi`)."""
    import shutil
    from dataclasses import replace

    from generator import ids
    from generator.search import cable_pages, offline, page_template
    from generator.search.records import documents

    copy = tmp_path_factory.mktemp("search-keys") / "site"
    shutil.copytree(site, copy)
    cables = load([str(EXAMPLES)])[0]
    docs = documents(cables)
    docs[0] = replace(docs[0], tags=("__proto__", "PREL"))
    docs[1] = replace(docs[1], tags=("constructor",), body=docs[1].body + "\nThe constructor of the pier.")
    docs[2] = replace(docs[2], origin="__proto__", origin_name="hasOwnProperty")
    offline.write(copy / "search", docs, cable_pages(copy, cables, [d.id for d in docs]), page_template(),
                  station_aliases=ids.STATION_ALIASES, variants={"misrata": ["sirte"], "sirte": ["misrata"]},
                  extra={"pagefind": []})
    return copy


def test_keys_like_constructor_and_proto_are_words_and_values(page, keys_site):
    from generator.search.records import documents

    docs = documents(load([str(EXAMPLES)])[0])
    url = keys_site.joinpath("index.html").as_uri()
    assert search(page, url, "constructor") == [docs[1].id]
    assert page.locator("[data-cable-id] mark").all_inner_texts() == ["constructor"]
    search(page, url, "__proto__")  # the word `proto`: no error (the page fixture fails on one), whatever it finds
    search(page, url, "harbor")
    options = page.locator("[data-cs-filter=tag] option").evaluate_all("os => os.map(o => o.value)")
    assert "__proto__" in options and "constructor" in options
    page.select_option("[data-cs-filter=tag]", "__proto__")
    page.wait_for_function("() => +document.querySelector('[data-cs=dialog]').dataset.csCount === 1")
    assert results(page) == [docs[0].id] and "tag=__proto__" in page.url
    page.select_option("[data-cs-filter=tag]", "")
    page.wait_for_function("() => +document.querySelector('[data-cs=dialog]').dataset.csCount > 1")
    origins = page.locator("[data-cs-filter=origin] option").all_inner_texts()
    assert any(o.startswith("__proto__ (hasOwnProperty)") for o in origins), origins


def test_a_name_finds_its_other_spellings(page, keys_site, cables):
    url = keys_site.joinpath("index.html").as_uri()
    either = saying(cables, "misrata") | saying(cables, "sirte")
    assert set(search(page, url, "misrata")) == either == set(search(page, url, "sirte"))
    assert set(search(page, url, '"misrata"')) == saying(cables, "misrata")  # quoted: that spelling only
    search(page, url, "sirte")
    marks = {m.lower() for m in page.locator("[data-cable-id] mark").all_inner_texts()}
    assert marks <= {"misrata", "sirte"} and len(marks) == 2
