"""The words and patterns the first reading goes by: titles and offices, bureaus, what ends a name."""
from __future__ import annotations

import functools
import re

from . import gazetteer as gz
from .gazetteer import TITLES, norm
from .names import (
    NON_ACRONYM,
    NOT_NAME,
    PLURAL_ACRONYM,
)
from .tokens import Tok, word_info

MAX_NAME_WORDS = 12  # `International Convention for the Suppression of the Financing of Terrorism` is 10

ARTICLE_FIRST = frozenset("al el la le les the".split())  # a name opened by one is a paper or a party as often

PLACE_KINDS = frozenset("villages towns cities areas districts provinces regions governorates".split())

OFFICE = re.compile(r"^[A-Z]{1,6}(?:/[A-Za-z]{1,8})+$|^(?:ISN|EUR|NEA|SCA|EAP|WHA|AF|IO|PM|INR|DRL|EEB|VCI)$")

BUREAU = re.compile(r"[A-Z]{2,5}/[A-Z]{2,5}|ISN|EUR|NEA|SCA|EAP|WHA|INR|DRL|EEB|VCI|INL|PRM|OES|ECA")  # `WHA/AND`:

# the State Department's bureaus and their offices, as cables name them
GOV = re.compile(r"^G[Oo][A-Z]{1,3}$")  # `GOB`, `GONL`: the government of a country, in cable shorthand

STYLE_TITLES = frozenset("sheikh shaikh shaykh sheik sayed sayyid king queen prince princess emir amir sultan "
                          "crown".split())  # styles used with a first name alone (`King Hamad`)

NAME_END = frozenset("of for on the and".split())  # words that end a name after a title

APPOSITION = frozenset("the a an who whose his her their its former then currently now head chief".split())

LOC_AFTER = gz.LOC_WORDS - {"state", "base", "port", "coast"}  # `Kandahar province`

ORG_AFTER = frozenset("party movement society bloc militia group faction".split())  # `Wifaq party`

CAPS_US_NEXT = frozenset("government embassy officials official position policy policies forces troops side "
                          "delegation military ambassador and or congress navy army president citizens".split())

@functools.lru_cache(maxsize=50_000)
def name_word(w: str) -> bool:
    """What a word alone says of being part of a personal name (words in capitals are judged per cable too)."""
    key, shape = word_info(w)
    if shape == "lower" and key not in gz.NAME_PARTICLES:
        return False
    if key in NOT_NAME or (key[-1:] == "s" and key[:-1] in TITLES):
        return False
    return not (shape == "num" or PLURAL_ACRONYM.fullmatch(w) or NON_ACRONYM.search(w))  # `NGOs`, `Non-NATO`

def defined_type(long: str, run: list[Tok], given: set[str] | frozenset[str], titled: bool) -> str:
    """The type of a long form an acronym is defined for: a place (`Uttar Pradesh (UP)`), a person after a title
    or opened by a given name (`President Cristina Fernandez de Kirchner (CFK)`), an event, or a body."""
    if " ".join(norm(long)) in gz.places():
        return "LOC"
    if (titled or run[0].key in given) and not any(t.key in gz.ORG_WORDS or t.key in gz.LOC_WORDS for t in run):
        return "PER"
    # `Memorandum of Understanding (MOU)`, `Convention on Cluster Munitions (CCM)`: documents, not bodies
    return "MISC" if run[-1].key in gz.MISC_WORDS or run[0].key in gz.MISC_WORDS else "ORG"
