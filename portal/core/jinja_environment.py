"""The Jinja2 environment for the few fragments rendered on hot paths (the enterprise list's
rows): Django's template engine costs about 0.3 ms per list row, Jinja2's compiled templates
a small fraction of that. Pages and layouts stay Django templates."""

from __future__ import annotations

import functools
from typing import Any

from django.urls import reverse
from jinja2 import Environment


@functools.lru_cache(maxsize=8192)
def url(name: str, *args: Any) -> str:
    # A list page links twenty enterprises; resolving each link costs ~60 µs, and the same
    # links recur from page view to page view. The URLconf does not change while running.
    return reverse(name, args=args)


def environment(**options: Any) -> Environment:
    env = Environment(**options)
    env.globals.update(url=url)
    return env
