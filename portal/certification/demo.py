"""Demo data for certification: one open round for 专精特新中小企业 under the criteria set in
force today. ``portal.demo.setup`` calls ``certification_demo_ensure()``; idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from portal.assessments.library import criteria_library
from portal.certification.models import Round
from portal.certification.services.rounds import RoundSpec, round_create
from portal.regions.models import Region

PROVINCE = "320000"
# The demo has one expert login, so each application gets a panel of one.
DEMO_PANEL_SIZE = 1


def certification_demo_ensure() -> Round | None:
    """Create the demo round unless an open round for the tier exists; None without regions
    or without a criteria set in force."""
    region = Region.objects.filter(code=PROVINCE).first()
    day = timezone.localdate()
    criteria_set = criteria_library().select("srdi_sme", "province", day, PROVINCE, "new")
    if region is None or criteria_set is None:
        return None
    existing = Round.objects.filter(tier="srdi_sme", application_type="new",
                                    criteria_set_id=criteria_set.id,
                                    application_deadline__gte=day).first()
    if existing is not None:
        return existing

    def later(days: int) -> dt.date:
        return day + dt.timedelta(days=days)

    spec = RoundSpec(
        name=f"{day.year}年度江苏省专精特新中小企业认定（演示批次）", tier="srdi_sme",
        level="province", criteria_set_id=criteria_set.id, opens_on=later(-7),
        application_deadline=later(60),
        steps={"town": later(75), "district": later(90), "city": later(105),
               "province": later(120)},
        expert_deadline=later(135), panel_size=DEMO_PANEL_SIZE)
    return round_create(spec=spec, actor=None, region=region)
