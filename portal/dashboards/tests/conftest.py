import pytest
from django.core.cache import cache

from portal.assessments.tests.fixtures import enterprises, places, users

__all__ = ["enterprises", "places", "users"]


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    # The yearly figures are cached per scope; each test builds its own data.
    cache.clear()
