"""Configure Django lazily, so engine commands never pay for (or depend on) the web framework."""

from __future__ import annotations

import os


def configure_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
