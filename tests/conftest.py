"""Shared set-up for the cross-app tests."""

from __future__ import annotations

from typing import Any

import pytest

# PBKDF2 costs about a second per hash on a busy 2-core machine; the demo logins and every
# browser sign-in hash a password. What these tests check is access, not hashing strength.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    # Dashboards cache figures per scope; every test builds its own database.
    from django.core.cache import cache

    cache.clear()
