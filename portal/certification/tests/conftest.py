from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from portal.certification.tests.fixtures import World, build_world


@pytest.fixture(autouse=True)
def quick_and_isolated(settings: Any, tmp_path: Path) -> None:
    """Attachments go to a temporary MEDIA_ROOT; passwords use a fast hasher (the default
    PBKDF2 costs about a second per user on these machines)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db: None) -> World:
    return build_world()
