"""Entity mentions in a paragraph: the word-by-word matcher must find exactly what a plain scan of every position
finds (whole words only, longest name first, no overlaps), whatever the punctuation around the words."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.body import _TOKEN, EntityMatcher

WORDS = ["U", "S", "U.S", "Al", "Al-Qaeda", "Bot", "Bernard", "van", "Doorn", "ISN", "NSS", "ISN/NSS", "é"]
SEPS = [" ", "  ", "\n", ".", "-", "'", "’", "/", "&", ", ", "(", ")", "_", "x", "\t"]
NAMES = st.dictionaries(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
                        st.sampled_from(["k1", "k2", "k3"]), max_size=6)
TEXT = st.lists(st.sampled_from(WORDS + SEPS), max_size=40).map("".join)


def _word_starts(text: str, i: int) -> bool:
    """A word character not joined to a word before it (`S` of `U.S` and `NSS` of `ISN/NSS` are not starts)."""
    def word(j: int) -> bool:
        return j >= 0 and (text[j].isalnum() or text[j] == "_")
    return word(i) and not word(i - 1) and not (i >= 2 and text[i - 1] in "'’.&/-" and word(i - 2))


def plain_find(names: dict[str, str], text: str) -> list[tuple[int, int, str]]:
    """Every position tried in turn: a name matches where a word starts and each of its words follows, spaced."""
    order = sorted(((tuple(_TOKEN.findall(n)), k) for n, k in names.items() if _TOKEN.findall(n)),
                   key=lambda c: (-len(c[0]), c[0]))
    starts = {i for i in range(len(text)) if _word_starts(text, i)}
    out, pos = [], 0
    for i in range(len(text)):
        if i < pos or i not in starts:
            continue
        for words, key in order:
            end, ok = i, True
            for n, w in enumerate(words):
                rest = text[end:]
                stripped = rest.lstrip() if n else rest
                if n and (len(stripped) == len(rest) or not rest[:len(rest) - len(stripped)].isspace()):
                    ok = False
                    break
                tok = _TOKEN.match(text, len(text) - len(stripped))
                if not tok or tok.group() != w:
                    ok = False
                    break
                end = tok.end()
            if ok:
                out.append((i, end, key))
                pos = end
                break
    return out


@settings(max_examples=600)
@given(NAMES, TEXT)
def test_matcher_finds_what_a_scan_of_every_position_finds(names: dict[str, str], text: str) -> None:
    assert EntityMatcher(names).find(text) == plain_find(names, text)


def test_whole_words_only_longest_first() -> None:
    m = EntityMatcher({"Bernard Bot": "bb", "Bot": "b", "U.S": "us", "Al": "al"})
    text = "Dr. Bernard  Bot met Bot of the U.S. and Al-Qaeda, not Botha or XU.S"
    found = [(text[s:e], k) for s, e, k in m.find(text)]
    assert found == [("Bernard  Bot", "bb"), ("Bot", "b"), ("U.S", "us")]


@settings(max_examples=400)
@given(NAMES, st.lists(st.lists(st.sampled_from(WORDS + SEPS + ["\x00"]), max_size=12).map("".join), max_size=5))
def test_paragraphs_scanned_together_match_as_if_alone(names: dict[str, str], texts: list[str]) -> None:
    m = EntityMatcher(names)
    assert m.find_each(texts) == [plain_find(names, t) for t in texts]
