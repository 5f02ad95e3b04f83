from __future__ import annotations

from pathlib import Path

import pytest

from portal.certification.tests.fixtures import World, build_world


@pytest.fixture(autouse=True)
def media_in_tmp(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


@pytest.fixture
def world(db: None) -> World:
    return build_world()
