"""Canonical cable IDs and stations (CABLES.md, "Identifiers"), table-driven on IDs and names of real cables."""
from __future__ import annotations

import pytest

from generator import ids


@pytest.mark.parametrize("written,canonical", [
    ("08ECTION01OF02MANAMA492", "08MANAMA492"),  # corpus page with a malformed ID; 08MANAMA492 is its twin
    ("09SECTION02OF03QRIPOLI583", "09TRIPOLI583"),  # CABLES.md
    ("09EFTOTRIPOLI704", "09TRIPOLI704"),  # CABLES.md
    ("04THEHAGUE1923", "04THEHAGUE1923"),
    ("08STATE034976", "08STATE34976"),  # seed 001's serial as its classification line writes it
])
def test_canonical_id(written, canonical):
    assert ids.canonical_id(written) == canonical


@pytest.mark.parametrize("cable,written,code", [
    ("03THEHAGUE1453", "THE HAGUE", "THEHAGUE"),
    ("08STATE34976", "SECSTATE", "STATE"),
    ("09UNVIEVIENNA279", "UNVIE", "UNVIEVIENNA"),
    ("04DUBLIN1645", "USUN", "USUNNEWYORK"),
    ("04THEHAGUE1919", "USEU", "USEUBRUSSELS"),
    ("07KUALALUMPUR1403", "KUALA LUMPUR", "KUALALUMPUR"),
])
def test_station(cable, written, code):
    assert ids.station(written) == code


@pytest.mark.parametrize("cable,origin,code", [
    ("08MANAMA536", "Embassy Manama", "MANAMA"),
    ("10STATE284", "Secretary of State", "STATE"),
    ("04THEHAGUE1923", "AMEMBASSY THE HAGUE", "THEHAGUE"),
    ("09UNVIEVIENNA285", "USMISSION UNVIE VIENNA", "UNVIEVIENNA"),
    ("09USEUBRUSSELS948", "USEU BRUSSELS", "USEUBRUSSELS"),
])
def test_station_from_origin(cable, origin, code):
    assert ids.station_from_origin(origin) == code


@pytest.mark.parametrize("year,station,serial,cid", [
    (2004, "STATE", "070819", "04STATE70819"),  # 08STATE34976 REF E
    ("08", "THE HAGUE", 640, "08THEHAGUE640"),
    (1966, "BUENOS AIRES", "2481", "66BUENOSAIRES2481"),
])
def test_make_id(year, station, serial, cid):
    assert ids.make_id(year, station, serial) == cid
