"""Shared fixtures: the bundled sample sites served on loopback for the whole session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crawler.sampleserver import SampleSites


@pytest.fixture(scope="session")
def sample_sites() -> Iterator[SampleSites]:
    """All sample sites, each on its own loopback port, for the whole test session."""
    with SampleSites() as sites:
        yield sites

