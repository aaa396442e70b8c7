"""The cables as the search engines see them: one Doc per archive cable, oldest first."""
from __future__ import annotations

from collections.abc import Iterable

from .. import resolve, urls
from ..record import Cable
from .text import Doc, body_text, key_text


def page_url(cable_id: str) -> str:
    """Site-relative URL of a cable's page (urls.py decides the path)."""
    return urls.html_path(urls.cable(cable_id))


def to_doc(c: Cable, meanings: dict[str, str]) -> Doc:
    """The searchable form of one cable."""
    year = str(resolve.cable_year(c))
    return Doc(id=c.id, url=page_url(c.id), date=c.date or year, year=year, origin=c.origin or "",
               origin_name=c.origin_name or "", classification=c.classification or "",
               subject=c.subject or "", tags=tuple(dict.fromkeys(c.tags)), key=key_text(c, meanings),
               body=body_text(c), refs=" ".join(sorted({r.id for r in c.references if r.id})))


def documents(cables: Iterable[Cable]) -> list[Doc]:
    """One Doc per cable ID (the input the site shows), in the site's chronological order."""
    kept, _dups = resolve.dedupe(list(cables))
    kept.sort(key=resolve.sort_key)
    meanings = {t: resolve.tag_info(t).meaning or "" for c in kept for t in c.tags}
    return [to_doc(c, meanings) for c in kept]


def aliases(cables: Iterable[Cable]) -> dict[str, str]:
    """Other IDs a cable is known by -> its archive ID (for the ID jump)."""
    out: dict[str, str] = {}
    for c in cables:
        for a in c.aliases:
            if a != c.id:
                out.setdefault(a, c.id)
    return out
