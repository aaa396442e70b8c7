"""The cable page, reader first (issue 14): a title for every cable, a summary before the text, references one
line each and folded beyond a few, neighbours of the same origin and day, and a citation.

Rendered Markdown/HTML of small records written here (no I/O); the rows name the real cable whose shape they
copy (the text is the project's own, never a cable's).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.record import Cable, Paragraph, Reference
from generator.render import cable as page_mod
from generator.resolve import resolve

ROOT = Path(__file__).resolve().parent.parent


def record(cid: str, date: str | None = "2009-03-12", subject: str | None = "A SUBJECT", pars: tuple[str, ...] = (),
           refs: tuple[str, ...] = (), **kw) -> Cable:
    """A small record: lettered REFs (a cable ID where the text starts with two digits), numbered paragraphs."""
    references = tuple(Reference(chr(65 + i), r, r if r[:2].isdigit() else None) for i, r in enumerate(refs))
    paragraphs = tuple(Paragraph(i, None, None, t) for i, t in enumerate(pars, 1))
    return Cable(id=cid, source=f"{cid}.txt", format="text", date=date, subject=subject, references=references,
                 paragraphs=paragraphs, origin=kw.pop("origin", cid[2:].rstrip("0123456789")), **kw)


def html(markdown: str) -> BeautifulSoup:
    """The raw HTML blocks of a rendered page."""
    return BeautifulSoup(markdown, "html.parser")


@pytest.mark.parametrize("real, pars, title", [
    ("10STATE284", ("This is an action request; see para 5.", "The two governments can now agree on a plan."),
     "10STATE284: [no subject] The two governments can now agree on a plan."),
    ("03BRASILIA698", ("SENSITIVE BUT UNCLASSIFIED", "Summary. Post recommends that the watch list stay as it is."),
     "03BRASILIA698: [no subject] Post recommends that the watch list stay as it is."),
    ("06SAOPAULO1197", ("2314 SENSITIVE BUT UNCLASSIFIED; PLEASE PROTECT ACCORDINGLY", "Visitors met the council."),
     "06SAOPAULO1197: [no subject] Visitors met the council."),
    ("04BRASILIA222", ("Refs: A) 2003 Sao Paulo 2199 B) 2003 Brasilia 3868", "(u) Members of a commission came."),
     "04BRASILIA222: [no subject] Members of a commission came."),
    ("09STATE4134", (", and (d).", "Background: one two three four five six seven eight nine ten eleven twelve"),
     "09STATE4134: [no subject] Background: one two three four five six seven eight nine…"),
    ("10ABUDHABI9", ("Summary", "SUMMARY. On December 15 a delegation met the bank."),
     "10ABUDHABI9: [no subject] On December 15 a delegation met the bank."),
    ("08STOCKHOLM257", ("SENSITIVE",), "08STOCKHOLM257: [no subject] SENSITIVE"),  # nothing better: the first
    ("09CARACAS1296", (), "09CARACAS1296"),  # no text at all: the ID alone
])
def test_a_cable_without_subject_is_titled_by_its_first_words_marked_as_such(real, pars, title):
    assert page_mod.title(record(real, subject=None, pars=pars)) == title


def test_a_subject_is_the_title_and_the_summary_says_nothing_of_first_words():
    c = record("09PARIS451", subject="SMALL GROUP MEETING", pars=("Text.",))
    text, _ = page_mod.page(c, resolve([c]))
    assert page_mod.title(c) == "09PARIS451: SMALL GROUP MEETING"
    assert not html(text).select(".no-subject")
    bare = record("10STATE284", subject=None, pars=("The two governments can now agree on a plan.",))
    assert "no subject line" in html(page_mod.page(bare, resolve([bare]))[0]).select_one(".no-subject").get_text()


def test_the_summary_comes_before_the_text_and_the_header_is_folded():
    c = record("09PARIS451", pars=("First.",), tags=("PREL", "FR"), classification="CONFIDENTIAL",
               caveats=("NOFORN",), to=("SECSTATE WASHDC",), signer="PRESCOTT")
    text, _ = page_mod.page(c, resolve([c]))
    soup = html(text)
    summary = soup.select_one("div.cable-summary")
    facts = {dt.get_text(): dd.get_text(" ", strip=True) for dt, dd in
             zip(summary.select("dl.cable-facts dt"), summary.select("dl.cable-facts dd"))}
    assert facts == {"Date": "2009-03-12", "Origin": "PARIS", "Classification": "CONFIDENTIAL · NOFORN"}
    tags = {a.get_text(): a["title"] for a in summary.select("ul.cable-tags a.tag")}
    assert tags["FR"].startswith("France") and "External Political Relations" in tags["PREL"]
    links = summary.select_one("p.cable-links")
    assert links.select_one("a.original")["href"] == "09PARIS451.txt"
    assert links.select_one("a.wikileaks")["href"] == "https://wikileaks.org/plusd/cables/09PARIS451_a.html"
    header = soup.select_one("details.cable-header")
    assert header is not None and not header.has_attr("open")
    assert {"To", "Signer", "Declassify"} <= {th.get_text() for th in header.select("table.cable-meta th")}
    assert text.index("cable-summary") < text.index("## Text")


@pytest.mark.parametrize("real, count, shown", [
    ("09TRIPOLI287", 2, 2),
    ("08MANAMA536", 5, 5),  # one more than REFS_SHOWN: folding would hide a single line behind a line
    ("06NEWDELHI2587", 22, 4),
])
def test_references_are_one_line_each_and_folded_beyond_a_few(real, count, shown):
    refs = tuple(f"09STATE{100 + i}" for i in range(count))
    c = record(real, refs=refs)
    soup = html(page_mod.page(c, resolve([c]))[0])
    lists = soup.select("ol.cable-refs")
    assert len(lists[0].select("li")) == shown
    folded = soup.select_one("details.more-refs")
    if count > shown:
        assert folded.summary.get_text() == f"{count - shown} more references" and not folded.has_attr("open")
        assert len(folded.select("ol.cable-refs li")) == count - shown and folded.ol["start"] == str(shown + 1)
    else:
        assert folded is None
    assert [li["id"] for ol in lists for li in ol.select("li")] == [f"ref-{chr(97 + i)}" for i in range(count)]
    assert soup.select("li br") == []  # one line an item


def test_a_missing_reference_says_so_in_words_and_links_to_its_page():
    held = record("09STATE100", subject="HELD ONE")
    c = record("09PARIS451", refs=("09STATE100", "07STATE1", "JONES EMAIL"))
    soup = html(page_mod.page(c, resolve([c, held]))[0])
    items = soup.select("ol.cable-refs li")
    assert items[0].a["href"] == "09STATE100.html" and "HELD ONE" in items[0].get_text()
    assert items[1].a["href"] == "07STATE1.html" and "missing" in items[1].a["class"]
    assert items[1].select_one(".not-held").get_text() == "not in the archive"
    assert "(not a cable)" in items[2].get_text()
    css = (ROOT / "docs" / "stylesheets" / "cable.css").read_text(encoding="utf-8")
    assert "line-through" not in css  # a missing cable is not a broken link


def test_neighbours_are_of_the_same_origin_and_of_the_same_day():
    cables = [record("09PARIS1", "2009-03-11"), record("09PARIS2", "2009-03-12", time="08:00"),
              record("09PARIS3", "2009-03-12", time="09:00"), record("09STATE7", "2009-03-12", time="10:00"),
              record("09PARIS4", "2009-03-13")]
    arch = resolve(cables)

    def steps(cid: str) -> dict[str, list[str]]:
        nav = html(page_mod.page(arch.cables[cid], arch)[0]).select_one("nav.cable-nav")
        return {} if nav is None else {row.select_one(".block-label").get_text(): [
            a.get_text() for a in row.select("a")] for row in nav.select(".nav-row")}

    assert steps("09PARIS2") == {"From PARIS": ["← 09PARIS1", "09PARIS3 →"], "Same day (2009-03-12)": ["09PARIS3 →"]}
    assert steps("09PARIS3") == {"From PARIS": ["← 09PARIS2", "09PARIS4 →"],
                                 "Same day (2009-03-12)": ["← 09PARIS2", "09STATE7 →"]}
    assert steps("09PARIS1") == {"From PARIS": ["09PARIS2 →"]}
    alone = record("09ROME1", "2009-05-01")
    assert html(page_mod.page(alone, resolve([alone]))[0]).select_one("nav.cable-nav") is None


def test_the_citation_names_the_cable_and_its_wikileaks_address():
    c = record("09TRIPOLI287", "2009-05-18", subject="PACKAGING BEGINS", time="15:10", classification="CONFIDENTIAL",
               caveats=("SIPDIS",), origin_name="Embassy Tripoli")
    cite = html(page_mod.page(c, resolve([c]))[0]).select_one("details#cite")
    text = cite.select_one("p.citation").get_text()
    assert text.startswith("09TRIPOLI287, “PACKAGING BEGINS”, Embassy Tripoli, 2009-05-18 15:10 UTC, "
                           "CONFIDENTIAL//SIPDIS.")
    assert "WikiLeaks: https://wikileaks.org/plusd/cables/09TRIPOLI287_a.html" in text
    assert cite.select_one(".cite-url").has_attr("hidden")  # filled in from the canonical link, when there is one
    assert cite.select_one("button.copy")["data-copy"] == "citation"


def test_hostile_first_words_stay_text():
    c = record("10ROME350", subject=None, pars=('<script>alert("x")</script> and *stars* and {{ config }}',))
    text, _ = page_mod.page(c, resolve([c]))
    assert 'title: "10ROME350: [no subject] &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' in text
    assert "<script>" not in text.split("## Text")[0]


def test_a_listing_titles_a_cable_without_subject_by_its_first_words():
    """10STATE284's shape: no SUBJECT line; its row in a listing says so and gives the first words, not a bare ID."""
    from generator.render.lists import cable_row

    bare = record("10STATE284", subject=None, pars=("This is an action request; see para 5.",
                                                     "The two governments can now agree on a plan."))
    row = html(cable_row(bare.id, "cables.md", resolve([bare])))
    assert "[no subject] The two governments can now agree on a plan." in row.get_text(" ")


def test_the_build_keeps_the_words_of_a_cable_without_subject_for_its_listings():
    """The archive-wide passes hold cables without their text (build.slim), except the words a listing needs."""
    from generator.build import slim

    bare = record("10STATE284", subject=None, pars=("The two governments can now agree on a plan.",))
    assert slim(bare).paragraphs == bare.paragraphs
    assert slim(record("09PARIS451", pars=("Text.",))).paragraphs == ()
