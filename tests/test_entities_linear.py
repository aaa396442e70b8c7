"""The entity pass is linear in the text: long runs of capitalised words cost what ordinary text costs.

Work is counted as the Python lines the pass executes (deterministic, whatever the machine is doing), not
timed. Before the phrase cap and the bounded look-up of learned people, a single line of 8,000 `Aaa Bbb ...`
words or `Aaa of Bbb of ...` took minutes; a list of names grew the same way.
"""
from __future__ import annotations

import random
import string
import sys

import pytest

from generator.entities.reference import enrich
from generator.record import Cable, Paragraph


def _word(r: random.Random) -> str:
    return r.choice(string.ascii_uppercase) + "".join(r.choice("aeioulnrst") for _ in range(r.randint(3, 8)))


SHAPES = {  # n words of text in the shapes that grew faster than linearly
    "one line of capitalised words": lambda r, n: " ".join(_word(r) for _ in range(n)),
    "one line in capitals": lambda r, n: " ".join(_word(r).upper() for _ in range(n)),
    "words joined by of": lambda r, n: " of ".join(_word(r) for _ in range(n // 2)),
    "a list of titled names": lambda r, n: "\n".join(
        f"-- {_word(r)} {_word(r)}, Minister of {_word(r)} and {_word(r)}" for _ in range(n // 8)),
    "ordinary prose": lambda r, n: " ".join(
        r.choice(("the", "minister", "said", "that", "talks", "would", "resume", "in", "May", _word(r)))
        for _ in range(n)),
}


def _cable(text: str) -> Cable:
    return Cable(id="09TEST1", source="test/linear", format="text",
                 paragraphs=(Paragraph(1, "C", None, "The list follows. " + text + "."),))


def _work(text: str) -> int:
    """Python lines executed by the whole entity pass over one cable holding `text`."""
    lines = 0

    def tracer(frame, event, arg):
        nonlocal lines
        if event == "line":
            lines += 1
        return tracer

    cable = _cable(text)
    sys.settrace(tracer)
    try:
        enrich([cable])
    finally:
        sys.settrace(None)
    return lines


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    enrich([_cable("Paris and London.")])  # place tables and caches load once, outside the counted work


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_four_times_the_text_is_about_four_times_the_work(shape: str) -> None:
    small = _work(SHAPES[shape](random.Random(1), 300))
    large = _work(SHAPES[shape](random.Random(1), 1200))
    assert large <= 5 * small, f"{shape}: {small} lines for 300 words, {large} for 1,200"


def test_a_long_line_costs_about_what_prose_of_its_length_costs() -> None:
    line = _work(SHAPES["one line of capitalised words"](random.Random(2), 2000))
    prose = _work(SHAPES["ordinary prose"](random.Random(2), 2000))
    assert line <= 10 * prose, f"{line} lines for the capitalised line, {prose} for prose"
