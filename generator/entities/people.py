"""The cues that make a capitalised phrase a person: a title, a role, an apposition, a verb of saying."""
from __future__ import annotations

from . import gazetteer as gz
from .cues import (
    APPOSITION,
    ARTICLE_FIRST,
    GOV,
    NAME_END,
    STYLE_TITLES,
    name_word,
)
from .gazetteer import TITLES
from .names import (
    PLACE_PREPS,
    STRONG_TITLES,
    VOWEL,
    initials_match,
    title_case,
)
from .tokens import PARTICLE_WORD, Tok


class People:
    """Person cues, a part of the Extractor: it reads and writes the Extractor's candidates."""

    def _titled(self, run: list[Tok], toks: list[Tok], i: int) -> bool:
        """`Ambassador Gene Cretz`, `PM/WRA Deputy Director Steven Costner`, `his deputy Andrew Ford`."""
        start = 0
        while start < min(3, len(run) - 1) and run[start].key not in TITLES:
            start += 1  # `PM/WRA`, `Treasury`, `Dutch` before the title
        if run[start].key not in TITLES:
            start = 0
        k = start
        while k < len(run) and (run[k].key in TITLES or run[k].key in ("d'affaires", "a.i")):
            k += 1
        titled = k > start and run[k - 1].key in STRONG_TITLES
        if not titled and i > 0 and not run[0].brk:
            prev = toks[i - 1]
            titled = prev.shape == "lower" and prev.key in gz.ROLE_WORDS and k == 0
        if not titled or k >= len(run):
            return False
        name = run[k:]
        cut = next((m for m, t in enumerate(name) if t.key in NAME_END), len(name))
        rest, name = name[cut + 1:], name[:cut]
        while name and name[-1].key in gz.CONNECTORS:
            name = name[:-1]
        if not name and rest:
            name, rest = self._holder(rest), rest  # `Secretary of Defense Gates`: the holder ends the office
            if not name:
                return self._classify_rest(rest, toks, i)  # `Assistant Secretary for European Affairs ...`
            rest = rest[:len(rest) - len(name)]
        if not name or name[0].key in gz.CONNECTORS or not self._namelike(name, titled=True):
            return False
        if name[0].shape == "upper" and not self._caps_surname(name[0]):
            return False
        if len(name) == 1 and self.gaz.get((name[0].key,)):
            return False  # `Minister Bahrain`: a place, not a name
        words = [t.text for t in name]
        if all(t.shape == "upper" for t in name):
            words = title_case(words).split()
        key = self.add("PER", words, person=True)
        if key and len(name) == 1 and run[k - 1].key in STYLE_TITLES:  # noqa: SIM102
            self.cands[key].styled = True
        if start:  # `USAID Deputy Assistant Administrator Mark Silverman`: the body before the office
            self._classify(toks, i, i + start, self._text)
        self._classify_rest(rest, toks, i)
        return True

    def _holder(self, office: list[Tok]) -> list[Tok]:
        """The name that ends an office (`Defense Steve Johnson`, `the Americas Tony Arias`), or nothing."""
        for ln in range(min(4, len(office) - 1), 0, -1):
            name = office[-ln:]
            if office[-ln - 1].key in gz.CONNECTORS or any(t.shape != "cap" for t in name):
                continue
            if self.gaz.get(tuple(t.key for t in name)) or not self._namelike(name, strict=True, titled=True):
                continue
            if self.vocab.common(name[0].key) and name[0].key not in self.given or ln == 1 and self.gaz.get(
                    (name[0].key,)):
                continue  # `National Intelligence Dennis Blair`: the office's words are prose, the name is not
            return name
        return []

    def _classify_rest(self, rest: list[Tok], toks: list[Tok], i: int) -> bool:
        """What follows a titled name (`... for the Interamerican Judicial Committee`) is read on its own."""
        while rest and rest[0].key in gz.CONNECTORS:
            rest = rest[1:]
        if rest:
            start = toks.index(rest[0], i)
            self._classify(toks, start, start + len(rest), self._text)
        return True

    def _person(self, run: list[Tok], toks: list[Tok], i: int, j: int, gap_after: str) -> None:
        """A capitalised phrase with no known meaning becomes a person only with a cue around it."""
        if not self._namelike(run):
            return
        lead = 0
        while len(run) - lead > 2 and self.vocab.common(run[lead].key) and run[lead].key not in self.given \
                and run[lead].key not in gz.NAME_PARTICLES and run[lead + 1].key not in gz.NAME_PARTICLES:
            lead += 1  # `Financial Intelligence Stuart Levey`: the office's words run into the name
        if lead:
            run, i = run[lead:], i + lead
        words = [t.text for t in run]
        nxt = toks[j] if j < len(toks) else None
        multi = len(run) >= 2
        after_prep = i > 0 and toks[i - 1].key in PLACE_PREPS
        if multi and run[0].key in self.given and not self.vocab.common(run[0].key):
            self.add("PER", words, person=True)
        elif multi and gap_after.strip() == "," and nxt is not None and not after_prep and (
                nxt.key in APPOSITION or nxt.key in gz.ROLE_WORDS or nxt.key in TITLES):
            self.add("PER", words, person=True)
        elif multi and gap_after.strip() == "(" and nxt is not None and nxt.shape == "upper" \
                and not initials_match(nxt.text, words) and nxt.text[0].lower() != words[0][0].lower():
            self.add("PER", words, person=True)
        elif nxt is not None and not nxt.brk and nxt.key in gz.SPEECH_VERBS and (
                multi and self._namelike(run, strict=True) and not self.vocab.common(run[-1].key)
                or not multi and not self.vocab.common(run[0].key) and len(run[0].key) >= 3) \
                and run[0].key not in ARTICLE_FIRST:  # `Al Jazeera said`, `Le Monde said`; `Van Diepen said`
            self.add("PER", words, person=multi)
        elif multi and any(t.key in gz.NAME_PARTICLES or PARTICLE_WORD.match(t.text) for t in run[1:]) \
                and run[0].key not in gz.NAME_PARTICLES and self._namelike(run, strict=True) \
                and not after_prep and not (i > 0 and toks[i - 1].key == "the"):
            self.add("PER", words)
        elif multi and run[-1].shape == "upper" and all(t.shape == "cap" for t in run[:-1]):
            self.add("PER", words[:-1] + title_case([words[-1]]).split(), person=True)
        elif len(run) <= 4 and (multi and self._namelike(run, strict=True) or not multi and not run[0].sent
                                and run[0].shape == "cap" and not self.vocab.common(run[0].key)
                                and not (i > 0 and toks[i - 1].key == "the")):
            self.weak.append((tuple(t.key for t in run), tuple(t.text for t in run)))

    def _namelike(self, run: list[Tok], strict: bool = False, titled: bool = False) -> bool:
        """Words that can make up a personal name: capitalised, not cable vocabulary, not a known place.

        After a title a later word may be a demonym (`Director Phil French`, `Ambassador Paul English`)."""
        if not run or len(run) > 5:
            return False
        for n, t in enumerate(run):
            if titled and n and t.key in gz.DEMONYMS and t.shape == "cap":
                continue
            if not name_word(t.text) or t.shape == "upper" and not self._caps_surname(t):
                return False
        if strict and all(self.vocab.common(t.key) for t in run):
            return False
        if run[0].key in gz.NAME_PARTICLES and len(run) == 1:
            return False
        return True

    def _caps_surname(self, t: Tok) -> bool:
        """A word in capitals that reads as a surname (`KUSA`), not an acronym (`MFA`, `GONL`)."""
        w = t.text
        return (len(w) >= 4 and bool(VOWEL.search(w, 1)) and not GOV.match(w)
                and w.upper() not in self.acronyms and w.upper() not in self.definitions
                and not self.gaz.get((t.key,)) and "/" not in w)
