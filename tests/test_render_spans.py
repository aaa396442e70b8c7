"""The spans of a paragraph (what becomes a link or a redaction mark): the quick way for paragraphs with entity
mentions only must give what the general way gives (every span sorted, overlaps dropped, each entity linked at
its first mention), whatever the paragraph holds."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import urls
from generator.render.body import REDACTION, EntityMatcher, Span, _ref_spans, _spans

PAGE = "cable/08STATE34976.md"
NAMES = {"Bernard Bot": "entity/per/bernard-bot.md", "Bot": "entity/per/bot.md", "U.S": "entity/loc/u-s.md",
         "REF": "entity/misc/ref.md", "Al": "entity/per/al.md", "A": "entity/per/a.md"}
WORDS = ["Bernard", "Bot", "U.S", "Al", "REF", "ref", "A", "B", "REFTEL", "XXXXXXXXXXXX", "met", "the"]
SEPS = [" ", "  ", "\n", ". ", ", ", "(", ")", "-"]
TEXT = st.lists(st.sampled_from(WORDS + SEPS), max_size=30).map("".join)
TARGETS = st.sampled_from([{}, {"A": ["08STATE1"]}, {"A": ["08STATE1"], "B": ["08PARIS2", "08PARIS3"]},
                           {"": ["07LONDON9"]}])


def general_spans(text: str, page: str, targets, resolve, mentions) -> list[Span]:
    """The spans as `_spans` first made them for every paragraph: all of them sorted, then overlaps and repeated
    entities dropped."""
    spans = _ref_spans(text, page, targets, resolve)
    spans += [Span(m.start(), m.end(), "redaction") for m in REDACTION.finditer(text)]
    spans += [Span(s, e, "entity", None, None, key) for s, e, key in mentions]
    spans.sort(key=lambda s: (s.start, s.start - s.end))
    out: list[Span] = []
    linked: set[str] = set()
    for s in spans:
        if out and s.start < out[-1].end:
            continue
        if s.key:
            if s.key in linked:
                continue
            linked.add(s.key)
            s = s._replace(href=urls.href(page, s.key))
        out.append(s)
    return out


@settings(max_examples=600)
@given(TEXT, TARGETS, st.sets(st.sampled_from(sorted(NAMES))))
def test_spans_are_those_of_the_general_way(text: str, targets: dict, names: set[str]) -> None:
    mentions = EntityMatcher({n: NAMES[n] for n in sorted(names)}).find(text)
    resolve = str  # every cited cable is in the archive under its own ID
    hrefs: dict[str, str] = {}
    assert _spans(text, PAGE, targets, resolve, mentions, hrefs) == general_spans(text, PAGE, targets, resolve,
                                                                                 mentions)
    assert _spans(text, PAGE, targets, resolve, mentions, hrefs) == general_spans(text, PAGE, targets, resolve,
                                                                                 mentions)  # links made before


def test_first_mention_linked_unless_a_ref_takes_its_place() -> None:
    # no REF mention, no redaction: the quick way links the first mention of each entity
    text = "Bot met Bot"
    plain = _spans(text, PAGE, {}, str, EntityMatcher({"Bot": NAMES["Bot"]}).find(text))
    assert [(s.start, s.kind, s.href) for s in plain] == [(0, "entity", "../entity/per/bot.html")]
    # the general way: `REF A` takes the first mention of the entity named `A`, so its second one is linked
    text = "As REF A says, A agreed"
    mixed = _spans(text, PAGE, {"A": ["08STATE1"]}, str, EntityMatcher({"A": "entity/per/a.md"}).find(text))
    assert [(s.start, text[s.start:s.end], s.kind) for s in mixed] == [(3, "REF A", "ref"), (15, "A", "entity")]
