"""The criteria library, loaded once per process: it is immutable and takes ~2 s to load."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings

from eligibility.api import Library, load_library


@lru_cache(maxsize=1)
def criteria_library() -> Library:
    return load_library(settings.CRITERIA_DIR)
