from __future__ import annotations

import polars as pl
import pytest

from population import generate

SAMPLE_SIZE = 20_000
SAMPLE_SEED = 2026


@pytest.fixture(scope="session")
def sample() -> pl.DataFrame:
    """One 20,000-enterprise population shared by the read-only tests."""
    return generate(SAMPLE_SIZE, SAMPLE_SEED)
