"""Text written in capitals throughout (older cables, subjects): known names, titled names, acronyms."""
from __future__ import annotations

import re

from . import gazetteer as gz
from .cues import (
    CAPS_US_NEXT,
    defined_type,
)
from .gazetteer import GENERIC, TITLES, norm
from .names import (
    ABBREV,
    STRONG_TITLES,
    initials_match,
    title_case,
)
from .tokens import Tok


class Capitals:
    """Text in capitals, a part of the Extractor: it reads and writes the Extractor's candidates."""

    # text in capitals: known names, titled names, acronym definitions
    def _caps(self, toks: list[Tok], text: str) -> None:
        n = len(toks)
        i = 0
        while i < n:
            if toks[i].key in TITLES:
                j = self._caps_titled(toks, i)
                if j > i:
                    i = j
                    continue
            matched = self._caps_known(toks, i)
            if matched:
                i = matched
                continue
            i += 1
        self._caps_definitions(toks, text)

    def _caps_titled(self, toks: list[Tok], i: int) -> int:
        if i > 0 and toks[i - 1].key in ("the", "a", "an", "his", "her", "our", "their", "its") \
                and not toks[i].brk:
            return i  # `THE AMBASSADOR SAID`: a reference, not a name
        k = i
        while k < len(toks) and toks[k].key in TITLES and (k == i or not toks[k].brk):
            k += 1
        if toks[k - 1].key not in STRONG_TITLES or k >= len(toks) or toks[k].brk:
            return i
        name: list[Tok] = []
        while k < len(toks) and len(name) < 3 and (not name or not toks[k].brk):
            t = toks[k]
            if t.shape == "num" or t.key in TITLES or t.key in gz.SPEECH_VERBS or t.key in gz.DEMONYMS or (
                    t.key not in gz.NAME_PARTICLES and self._prose(t.key)):
                break
            if (self.gaz.get((t.key,)) and t.key not in gz.NAME_PARTICLES) or t.key in gz.ORG_WORDS \
                    or len(t.key) < 2:
                break
            name.append(t)
            k += 1
        while name and name[-1].key in gz.NAME_PARTICLES:
            name.pop()
            k -= 1
        if not name or (len(name) == 1 and len(name[0].key) < 3):
            return i
        self.add("PER", title_case([t.text for t in name]), person=True)
        return k

    def _caps_known(self, toks: list[Tok], i: int) -> int:
        for ln in range(self.gaz.reach(toks, i), 0, -1):
            sub = toks[i:i + ln]
            if any(t.brk for t in sub[1:]):
                continue
            key = tuple(t.key for t in sub)
            known = self.gaz.get(key)
            if not known and ln == 1 and key[0].upper() in self.acronyms:
                known = gz.Known(*self.acronyms[key[0].upper()], 2)
            if not known:
                continue
            if ln == 1 and not self._caps_single_ok(known, toks, i):
                continue
            words = [t.text for t in sub]
            form = " ".join(words) if known.name.isupper() or ABBREV.match(words[0].rstrip(".")) \
                else title_case(words)
            self.add(known.type, form, norm(known.name), person=known.type == "PER")
            return i + ln
        return 0

    def _prose(self, key: str) -> bool:
        """A word of prose, or a form of one (`concedes`, `stressed`): never taken for a name in capitals."""
        low = self.vocab.lower
        if self.vocab.common(key) or low[key]:
            return True
        for suffix in ("s", "es", "ed", "d", "ing"):
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                stem = key[:-len(suffix)]
                if low[stem] or low[stem + "e"] or stem in GENERIC:
                    return True
        return False

    def _caps_single_ok(self, known: gz.Known, toks: list[Tok], i: int) -> bool:
        """One word in capitals: a country, a known acronym, or a known name that is not an ordinary word."""
        t = toks[i]
        if t.key == "us":
            prev = toks[i - 1].key if i else ""
            nxt = toks[i + 1].key if i + 1 < len(toks) else ""
            return prev == "the" or nxt in CAPS_US_NEXT
        if known.type == "LOC" and known.weight >= 2:
            return True
        if known.type == "LOC":
            return self.vocab.cap[t.key] > 0 and not self._prose(t.key)  # seen as a name in mixed case
        return not self.vocab.common(t.key) and len(t.key) >= 2

    def _caps_definitions(self, toks: list[Tok], text: str) -> None:
        for j in range(1, len(toks)):
            acr = toks[j]
            if text[toks[j - 1].end:acr.start].strip() != "(" or not text[acr.end:acr.end + 1] == ")":
                continue
            letters = re.sub(r"[^A-Za-z]", "", acr.text)
            for ln in range(min(len(letters) + 3, j), 1, -1):
                run = toks[j - ln:j]
                if any(t.brk for t in run[1:]) or run[0].key in gz.CONNECTORS:
                    continue
                if initials_match(acr.text, [t.text for t in run], exact_start=True):
                    long = title_case([t.text for t in run])
                    known = self.gaz.get(norm(long))
                    typ = known.type if known else defined_type(long, run, self.given, False)
                    if typ != "MISC":
                        key = self.add(typ, long, norm(known.name) if known else None)
                        if key:
                            self.cands[key].aliases.add(acr.text)
                            self.definitions[acr.text.upper()] = (typ, known.name if known else long)
                    break
