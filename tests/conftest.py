"""Shared fixtures: the bundled sample sites served on loopback for the whole session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.sampleserver import SampleSites


@pytest.fixture(scope="session")
def sample_sites() -> Iterator[SampleSites]:
    """All sample sites, each on its own loopback port, for the whole test session."""
    with SampleSites() as sites:
        yield sites



@pytest.fixture(scope="session")
def demo_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus, as ``congdoan demo --out DIR`` writes it (crawled once per test session)."""
    from tests.helpers import run_congdoan

    out = tmp_path_factory.mktemp("demo") / "demo"
    result = run_congdoan("demo", "--out", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    return out
