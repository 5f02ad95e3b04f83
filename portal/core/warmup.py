"""What a fresh web process would otherwise do on its first requests, done before it takes any.

A new gunicorn worker (at start, and whenever ``max_requests`` recycles one) imports every
view module when it first resolves a URL, parses the criteria library and compiles the
templates it renders: about 0.7 s, paid by whichever user happens to hit that process first.
No database access here: the hook runs before the worker opens a connection.
"""

from __future__ import annotations

from django.template.loader import get_template
from django.urls import get_resolver

from portal.assessments.library import criteria_library

# The pages most requests render (the list, the home page) and their layout.
HOT_TEMPLATES = ("workspace/enterprise_list.html", "workspace/base.html", "core/base.html",
                 "core/nav.html", "core/home.html")
HOT_FRAGMENTS = ("workspace/list_rows.html",)


def warm() -> None:
    get_resolver().url_patterns  # noqa: B018 — resolving the URLconf imports every view
    criteria_library()
    for name in HOT_TEMPLATES:
        get_template(name)
    for name in HOT_FRAGMENTS:
        get_template(name, using="jinja2")
