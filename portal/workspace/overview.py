"""Figures for the landing page, in the user's scope: how many enterprises, how many hold or
reach each rung, how many are one criterion short; the enterprise user's own ladder."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from portal.accounts.models import Role
from portal.assessments.distance import ONE_SHORT, PASSES
from portal.assessments.ladder import enterprise_ladder
from portal.assessments.models import Assessment
from portal.enterprises.selectors import enterprises_visible_to
from portal.workspace.forms import rung_choices

RECENT = 8


def home_context(user: Any) -> dict[str, Any]:
    if user.role == Role.ENTERPRISE:
        return _enterprise_context(user)
    visible = enterprises_visible_to(user)
    return {"enterprise_count": visible.count(), "rungs": _rung_counts(visible),
            "assigned": list(visible.order_by("name")[:RECENT])
            if user.role in (Role.COMMISSIONER, Role.EXPERT) else []}


def _rung_counts(visible: Any) -> list[dict[str, Any]]:
    """Per rung: enterprises that pass and that are one criterion short (one grouped query)."""
    counts = (Assessment.objects.filter(enterprise__in=visible.values("pk"))
              .values("tier", "level")
              .annotate(passed=Count("id", filter=PASSES), short=Count("id", filter=ONE_SHORT)))
    by_key = {f"{c['tier']}:{c['level']}": c for c in counts}
    return [{"key": key, "label": label, "passed": by_key.get(key, {}).get("passed", 0),
             "short": by_key.get(key, {}).get("short", 0)} for key, label in rung_choices()]


def _enterprise_context(user: Any) -> dict[str, Any]:
    membership = getattr(user, "enterprise_membership", None)
    if membership is None:
        return {"own": None}
    enterprise = membership.enterprise
    return {"own": enterprise, "ladder": enterprise_ladder(enterprise)}
