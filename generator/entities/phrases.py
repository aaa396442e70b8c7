"""Capitalised phrases of mixed-case text, each read as a known name, a body, a place or left open."""
from __future__ import annotations

from . import gazetteer as gz
from .cues import (
    BUREAU,
    GOV,
    LOC_AFTER,
    MAX_NAME_WORDS,
    ORG_AFTER,
    PLACE_KINDS,
    defined_type,
)
from .gazetteer import GENERIC, TITLES, norm
from .names import (
    MONTHS,
    NOT_NAME,
    STRONG_TITLES,
    acronym_like,
    initials_match,
    title_case,
)
from .tokens import Tok


class Phrases:
    """Mixed-case phrases, a part of the Extractor: it reads and writes the Extractor's candidates."""

    # mixed-case text
    def _mixed(self, toks: list[Tok], text: str, marks: list[int] | None = None) -> None:
        n = len(toks)
        nxt = 0  # a phrase is read once: the next one starts after it
        for i in range(n) if marks is None else marks:
            if i < nxt:
                continue
            t = toks[i]
            if t.shape != "cap" and t.shape != "upper":
                continue
            if i + 1 == n:
                lone = True
            else:
                u = toks[i + 1]
                lone = u.brk or u.shape == "num" or u.shape == "lower" and u.key not in gz.CONNECTORS
            if lone and t.key in GENERIC and t.key not in TITLES:
                continue  # `The`, `However`: a lone capital that opens a sentence
            j = i + 1 if lone else self._run_end(toks, i)  # nothing after it could join the phrase
            if j < n and toks[j].key in gz.CONNECTORS:
                j = max(j, self._known_end(toks, i))
            self._classify(toks, i, j, text)
            nxt = j

    def _place_lists(self, toks: list[Tok], marks: list[int]) -> None:
        """`in Sanabis, Jidhafs, Hamala, Sehla, ... and Diraz`, `the villages of Jid Hafs, Sanabis, Karzakan`: a
        list of three names or more after a place word names places (villages no data package knows)."""
        n = len(toks)
        for m in marks:  # a list starts with a capitalised word: only those are looked at
            i = m - 1
            if i < 0 or i >= n - 5:
                continue
            cue = toks[i].key
            if not (cue in ("in", "near") or cue == "of" and i and toks[i - 1].key in PLACE_KINDS):
                continue
            items, j, final = [], i + 1, False
            while j < n and len(items) < 30:
                if items and toks[j].key == "and":
                    j, final = j + 1, True  # `..., and Diraz`: the last item
                k = j
                while k < n and k - j < 2 and toks[k].shape == "cap" and (k == j or not toks[k].brk) \
                        and toks[k].key not in NOT_NAME:
                    k += 1
                if k == j or (k < n and not toks[k].brk and toks[k].shape != "lower"):
                    break
                items.append(toks[j:k])
                if final or k >= n or toks[k].sent or not toks[k].brk and toks[k].key != "and":
                    break
                j = k
            if len(items) >= 3:
                for item in items:
                    key = tuple(t.key for t in item)
                    known = self.gaz.get(key)
                    if (not known or known.type == "LOC") and key not in self.cands:
                        self.add("LOC", [t.text for t in item])

    def _known_end(self, toks: list[Tok], i: int) -> int:
        """End of the longest known name starting at i, across small words (`Foreign and Commonwealth Office`)."""
        for ln in range(self.gaz.reach(toks, i), 2, -1):
            sub = toks[i:i + ln]
            if sub[-1].shape in ("cap", "upper") and not any(t.brk for t in sub[1:]) \
                    and self.gaz.get(tuple(t.key for t in sub)):
                return i + ln
        return i

    def _run_end(self, toks: list[Tok], i: int) -> int:
        """End (exclusive) of the capitalised phrase starting at i: `Ministry of Justice and Islamic Affairs`.

        A phrase stops at MAX_NAME_WORDS: a longer run of capitals is a list or a title line, read in pieces, and
        no phrase can make the later steps (mentions, prefixes) grow with the square of its length.
        """
        n = min(len(toks), i + MAX_NAME_WORDS)
        j = i + 1
        has_org = toks[i].key in gz.ORG_WORDS
        if toks[i].text.endswith(("'s", "’s")):
            return j
        while j < n and not toks[j].brk:
            t = toks[j]
            if t.key in MONTHS:
                break  # `PM Tony Blair August 12`: a date follows the name
            if t.shape in ("cap", "upper"):
                has_org = has_org or t.key in gz.ORG_WORDS
                j += 1
                if t.text.endswith(("'s", "’s")):
                    break
                continue
            if t.shape == "lower" and t.key in gz.CONNECTORS and t.key != "the" and j + 1 < n \
                    and not toks[j + 1].brk:
                nxt = toks[j + 1]
                if t.key == "and" and (not has_org or toks[j - 1].key in gz.ORG_WORDS or nxt.key == "the"):
                    break
                if nxt.shape in ("cap", "upper") or (nxt.key == "the" and j + 2 < n
                                                     and toks[j + 2].shape in ("cap", "upper")):
                    j += 2 if nxt.key != "the" else 3
                    has_org = has_org or toks[j - 1].key in gz.ORG_WORDS
                    continue
            break
        return j

    def _classify(self, toks: list[Tok], i: int, j: int, text: str) -> None:
        self._text = text
        run = toks[i:j]
        while run and (run[0].key in ("the", "a", "an") and not self._lookup(tuple(t.key for t in run), run)
                       or (len(run) > 1 and run[0].sent
                                                             and run[0].key not in TITLES
                                                             and self._opener(run, toks, i))):
            run = run[1:]
            i += 1
        if not run:
            return
        if len(run) >= 3 and self._split(toks, i, i + len(run), text):
            return
        single = len(run) == 1  # most phrases: each check below that cannot hold for one word is skipped
        after = toks[j] if j < len(toks) else None
        gap_after = text[run[-1].end:after.start] if after else text[run[-1].end:]
        if "(" in gap_after and self._definition(run, gap_after, toks, j, text):
            return
        if (not single or i > 0 and not run[0].brk and toks[i - 1].key in gz.ROLE_WORDS) \
                and self._titled(run, toks, i):
            return
        key = (run[0].key,) if single else tuple(t.key for t in run)
        known = self._lookup(key, run)
        words = [run[0].text] if single else [t.text for t in run]
        if known:
            self.add(known.type, words, norm(known.name), person=known.type == "PER")
            return
        if not single and self._compound(run, words):
            return
        if after and not after.brk and after.shape == "lower" and (
                after.key in LOC_AFTER or after.key in ORG_AFTER) and len(run) <= 3 and self._namelike(run):
            if after.key in LOC_AFTER:
                self.add("LOC", words)
                return
            if after.key in ORG_AFTER:
                self.add("ORG", words)
                return
        if "," in gap_after and self._town_of(run, toks, j, gap_after):
            return
        if not single and self._partial(run):  # one word: its look-up above said all
            if len(run) >= 3:  # `Ambassador to the U.S. Houda Nonoo`: a name learned elsewhere may follow
                self.spans.append((tuple(t.key for t in run), tuple(t.text for t in run)))
            return
        if single and BUREAU.fullmatch(run[0].text):
            self.add("ORG", words)
            return
        if single and acronym_like(run[0].text):
            if GOV.match(run[0].text):
                self.add("ORG", words)
            else:  # an acronym another cable may define
                self.weak.append(((run[0].key,), (run[0].text,)))
            return
        if len(run) < 3:
            self._person(run, toks, i, j, gap_after)
            return
        before = (len(self.cands), len(self.weak))
        self._person(run, toks, i, j, gap_after)
        if (len(self.cands), len(self.weak)) == before:
            self.spans.append((tuple(t.key for t in run), tuple(t.text for t in run)))  # a name may hide inside

    def _split(self, toks: list[Tok], i: int, j: int, text: str) -> bool:
        """Two names run together, read as two: a body and an office in it (`Central Bank of Iran Vice Governor
        ... Mohammed Jaffar Mojarrad`), or a person and the body he is of (`Mykola Proskura of the Ministry for
        Emergency Situations`)."""
        run = toks[i:j]
        body_words = gz.ORG_WORDS | gz.LOC_WORDS
        for t in range(2, len(run) - 1):
            prev = run[t - 1].key
            if run[t].key in TITLES and prev not in gz.CONNECTORS and prev not in TITLES \
                    and any(x.key in body_words for x in run[:t]):
                self._classify(toks, i, i + t, text)
                self._classify(toks, i + t, j, text)
                return True
        for p in range(2, min(4, len(run) - 1)):
            if run[p].key != "of":
                continue
            head, tail = run[:p], run[p + 1:]
            if tail and tail[0].key == "the":
                tail = tail[1:]
            if tail and all(x.shape == "cap" for x in head) and self._namelike(head, strict=True) \
                    and not any(x.key in body_words for x in head) and any(x.key in gz.ORG_WORDS for x in tail):
                self._classify(toks, i, i + p, text)
                self._classify(toks, j - len(tail), j, text)
                return True
        return False

    def _compound(self, run: list[Tok], words: list[str]) -> bool:
        """A phrase its own words type: `Ministry of Interior`, `Kandahar Province`; an office or an event, left."""
        last = run[-1].key
        if len(run) >= 3 and run[0].key in STRONG_TITLES and run[1].key in ("of", "for"):
            return True  # `Minister of the Royal Court`: an office, not an organisation
        if last in gz.ORG_WORDS or any(
                t.key in gz.ORG_WORDS and u.key in ("of", "for", "on") for t, u in zip(run, run[1:])):
            self.add("ORG", words)
            return True
        if last in gz.LOC_WORDS:
            self.add("LOC", words)
            return True
        # `Vienna Convention on Civil Liability ...`: a law or an event, and no place or body inside it is named
        return last in gz.MISC_WORDS or any(
            t.key in gz.MISC_WORDS and u.key in ("of", "for", "on") for t, u in zip(run, run[1:]))

    def _opener(self, run: list[Tok], toks: list[Tok], i: int) -> bool:
        """True when the first word of a phrase is just the capital that opens a sentence (`During`, `Most`)."""
        if len(run) == 1:
            return False  # judged later as a lone word
        return self.vocab.common(run[0].key) and not self._lookup((run[0].key,), run)

    def _town_of(self, run: list[Tok], toks: list[Tok], j: int, gap_after: str) -> bool:
        """`Marietta, Georgia`: a town of the data package followed by its state or country."""
        if gap_after.strip() != "," or j >= len(toks) or len(run) > 3:
            return False
        place = gz.places().get(" ".join(t.key for t in run))
        if not place:
            return False
        for ln in (3, 2, 1):
            sub = toks[j:j + ln]
            if len(sub) == ln and not any(t.brk for t in sub[1:]):
                region = gz.places().get(" ".join(t.key for t in sub))
                if region and region.tier == gz.TIER_COUNTRY and sub[0].shape != "lower":
                    self.add("LOC", [t.text for t in run], norm(place.name))
                    return True
        return False

    def _partial(self, run: list[Tok]) -> bool:
        """Known names inside a longer phrase (`Bahrain TV`, `Dutch MFA`): the strong ones only."""
        found = False
        k = 0
        while k < len(run):
            for ln in range(self.gaz.reach(run, k), 0, -1):
                sub = run[k:k + ln]
                known = self._lookup(tuple(t.key for t in sub), sub)
                if known and (known.weight >= 2 or ln >= 2):
                    self.add(known.type, [t.text for t in sub], norm(known.name), person=known.type == "PER")
                    found = True
                    k += ln
                    break
            else:
                k += 1
        return found

    def _definition(self, run: list[Tok], gap: str, toks: list[Tok], j: int, text: str) -> bool:
        """`Missile Technology Control Regime (MTCR)`: an organisation (or place) and its acronym."""
        if gap.strip() != "(" or j >= len(toks) or toks[j].shape not in ("upper", "cap"):
            return False
        acr = toks[j]
        close = text[acr.end:acr.end + 2].strip()
        if not close.startswith(")") or len(run) < 2:
            return False
        for start in range(len(run) - 1):
            if run[start].key not in gz.CONNECTORS and initials_match(acr.text, [t.text for t in run[start:]]):
                break
        else:
            return False
        if start:  # `Partners of the Missile Technology Control Regime (MTCR)`: the name is the tail
            head = run[:start]
            while head and head[-1].key in gz.CONNECTORS:
                head = head[:-1]
            if head:
                first = toks.index(head[0])
                self._classify(toks, first, first + len(head), text)
            run = run[start:]
        words = [t.text for t in run]
        if all(t.shape == "upper" for t in run):
            words = title_case(words).split()
        long = " ".join(words)
        known = self.gaz.get(norm(long))
        at = toks.index(run[0])
        titled = at > 0 and toks[at - 1].key in TITLES  # `President Cristina Fernandez de Kirchner (CFK)`
        typ = known.type if known else defined_type(long, run, self.given, titled)
        if typ == "MISC":
            return True
        key = self.add(typ, long, norm(known.name) if known else None, person=typ == "PER")
        if key:
            self.cands[key].aliases.add(acr.text)
            self.definitions[acr.text.upper()] = (typ, known.name if known else long)
        return True
