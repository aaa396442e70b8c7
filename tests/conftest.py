"""Shared fixtures: where ../shared is (tests that need it skip cleanly when it is absent); the order of the test
files (those with slow tests first)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples" / "cables"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder (seeds, corpus, reference), or skip."""
    if not (SHARED / "seeds" / "expected.json").exists():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def seeds_expected(shared: Path) -> dict:
    """What a correct parse of each seed contains."""
    return json.loads((shared / "seeds" / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def parsed_seeds(shared: Path) -> dict:
    """Seed file name -> parsed Cable."""
    from generator.reference import load

    cables, _skips = load([str(shared / "seeds")])
    return {Path(c.source).name: c for c in cables}


@pytest.fixture(scope="session")
def corpus_cables(shared: Path):
    """Every cable of ../shared/corpus, parsed, and the skips."""
    from generator.reference import load

    return load([str(shared / "corpus")])


def pytest_collection_modifyitems(config, items) -> None:
    """Files with slow tests first, each file's tests kept together: `make test` hands whole files to two processes
    in this order (--dist loadfile --no-loadscope-reorder), so a long file never starts last while the other
    process has nothing left to do."""
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow)  # stable: collection order within each group


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium (never a downloaded one), per module: one Playwright sync API may run at a time."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()
