"""Choice lists of the enterprise list's filters, read once and cached.

The lists come from reference data (regions, industries, clusters) that changes only when an
administrator reloads it, yet the list page needs ~250 options on every request. Reading and
rendering them per request was most of the page's cost, so the lists are cached for a few
minutes (per process) and the ``<option>`` tags are built here in one pass rather than by a
template loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from portal.industries.models import Cluster, Industry
from portal.regions.models import Region

# Reference data is reloaded rarely; a few minutes of staleness after a reload is harmless.
TTL_SECONDS = 600
Choices = list[tuple[str, str]]
T = TypeVar("T")


def _regions() -> list[tuple[str, str, str]]:
    """(code, name, path) of every region, in tree order."""
    return _cached("workspace:regions", lambda: list(
        Region.objects.order_by("path").values_list("code", "name", "path")))


def region_choices(scope_path: str | None) -> Choices:
    """Regions of the scope's subtree (all when None), indented by depth."""
    return [(code, "　" * max(path.count("/") - 2, 0) + name)
            for code, name, path in _regions()
            if scope_path is None or path.startswith(scope_path)]


def region_subtree(code: str) -> list[str]:
    """The region and every region below it ([] for an unknown code)."""
    regions = _regions()
    path = next((p for c, _, p in regions if c == code), None)
    return [] if path is None else [c for c, _, p in regions if p.startswith(path)]


def industry_choices() -> Choices:
    return _cached("workspace:industries", lambda: [
        (code, f"{code} {name}") for code, name in Industry.objects.filter(
            level__in=["section", "division"]).order_by("code").values_list("code", "name")])


def cluster_choices() -> Choices:
    return _cached("workspace:clusters", lambda: list(
        Cluster.objects.order_by("programme", "sort").values_list("slug", "name")))


def _cached(key: str, build: Callable[[], T]) -> T:
    found: T | None = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, TTL_SECONDS)
    return found


def options_html(choices: Iterable[tuple[object, object]], selected: object) -> SafeString:
    """``<option>`` tags for a select, marking the selected value."""
    tags = _option_tags(tuple((str(value), str(label)) for value, label in choices))
    if selected is None or selected == "":
        return mark_safe(tags)
    opening = f'<option value="{escape(selected)}">'
    return mark_safe(tags.replace(opening, opening[:-1] + " selected>", 1))


@lru_cache(maxsize=64)
def _option_tags(choices: tuple[tuple[str, str], ...]) -> str:
    # Escaping ~250 labels on every request showed up in profiles; the lists repeat.
    return "".join(f'<option value="{escape(value)}">{escape(label)}</option>'
                   for value, label in choices)
