import pytest

from portal.assessments.tests.fixtures import enterprises, places, users

__all__ = ["enterprises", "places", "users"]


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    # The list caches filter choices and large counts; every test builds its own database.
    from django.core.cache import cache

    cache.clear()
