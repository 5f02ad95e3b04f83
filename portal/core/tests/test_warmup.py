"""A worker warms up before taking requests, and without touching the database (the gunicorn
hook runs before the worker has a connection of its own)."""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

from django.template import engines

from portal.assessments.library import criteria_library
from portal.core.warmup import HOT_TEMPLATES, warm

GUNICORN_CONF = Path(__file__).resolve().parents[3] / "config" / "gunicorn.conf.py"


def test_it_loads_the_library_and_templates_without_the_database() -> None:
    django_engine: Any = engines["django"]
    loader = django_engine.engine.template_loaders[0]  # the cached loader
    loader.reset()
    criteria_library.cache_clear()
    warm()  # pytest-django refuses database access in a test not marked for it
    assert criteria_library.cache_info().currsize == 1
    assert set(HOT_TEMPLATES) <= {key.split("-")[0] for key in loader.get_template_cache}


def test_gunicorn_warms_each_worker() -> None:
    hooks = runpy.run_path(str(GUNICORN_CONF))
    criteria_library.cache_clear()
    hooks["post_worker_init"](object())
    assert criteria_library.cache_info().currsize == 1
