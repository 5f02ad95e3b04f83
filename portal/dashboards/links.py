"""Links from a dashboard number to the enterprise list behind it.

The list (portal.workspace) reads its filters from a form; a number links only when every filter
it needs is one the list understands, so no link ever shows a different set of enterprises than
the number counts. Some of those filters (``passes``, ``two_short``, ``granted``) have no select
on the list; it shows them as removable chips.
"""

from __future__ import annotations

from functools import lru_cache

from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

LIST_URL_NAME = "workspace:list"


@lru_cache(maxsize=1)
def _list_filters() -> frozenset[str]:
    from portal.workspace.forms import EnterpriseFilterForm

    return frozenset(EnterpriseFilterForm.base_fields)


def list_url(**filters: str) -> str | None:
    """The list filtered by ``filters``, or None when the list cannot filter that way."""
    if any(name not in _list_filters() for name in filters):
        return None
    try:
        base = reverse(LIST_URL_NAME)
    except NoReverseMatch:
        return None
    return f"{base}?{urlencode(filters)}" if filters else base
