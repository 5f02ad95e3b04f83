"""Reads on certification, always scoped to what the reading user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Q, QuerySet

from portal.accounts.models import OFFICIAL_ROLES, Role
from portal.certification.models import (
    Application,
    ApplicationType,
    ExpertReview,
    Revocation,
    Round,
    Status,
)
from portal.enterprises.models import Enterprise, Fact, Title

REGIONAL = frozenset({Role.CITY, Role.DISTRICT, Role.TOWN, Role.PROVINCE})


def _sees_everything(user: Any) -> bool:
    return bool(user.is_superuser or user.role == Role.ADMIN
                or (user.role == Role.PROVINCE and user.region_id is None))


def applications_visible_to(user: Any) -> QuerySet[Application]:
    """Officials: applications of enterprises in their region subtree; enterprise users:
    their own; experts: those they were drawn to review; everyone else nothing."""
    every = Application.objects.select_related("round", "enterprise__region")
    if not getattr(user, "is_authenticated", False):
        return every.none()
    if _sees_everything(user):
        return every
    if user.role in REGIONAL and user.region_id:
        return every.filter(enterprise__region__path__startswith=user.region.path)
    if user.role == Role.ENTERPRISE:
        return every.filter(enterprise__members__user=user)
    if user.role == Role.EXPERT:
        return every.filter(reviews__expert=user).distinct()
    return every.none()


# --- queues -----------------------------------------------------------------------------------

QUEUE_TABS: dict[str, str] = {
    "todo": "待本级审核", "correction": "退回补正中", "experts": "专家评审中",
    "notice": "公示中", "done": "已办结", "all": "全部",
}


@dataclass(frozen=True)
class QueueFilters:
    tab: str = "todo"
    round_id: int | None = None
    verdict: str = ""
    region: str = ""
    q: str = ""


def review_queue(user: Any, filters: QueueFilters) -> QuerySet[Application]:
    """The official's work list: ``todo`` is what waits for the user's own level."""
    apps = applications_visible_to(user) if user.role in OFFICIAL_ROLES or _sees_everything(
        user) else Application.objects.none()
    apps = _tab(apps, user, filters.tab)
    if filters.round_id:
        apps = apps.filter(round_id=filters.round_id)
    if filters.verdict:
        apps = apps.filter(verdict=filters.verdict)
    if filters.region:
        apps = apps.filter(Q(enterprise__region__path__startswith=f"{filters.region}/")
                           | Q(enterprise__region__path__contains=f"/{filters.region}/"))
    if filters.q:
        apps = apps.filter(Q(enterprise__name__icontains=filters.q)
                           | Q(enterprise__uscc__icontains=filters.q))
    return apps.order_by("submitted_at", "id")


def _tab(apps: QuerySet[Application], user: Any, tab: str) -> QuerySet[Application]:
    if tab == "todo":
        return apps.filter(status=Status.REVIEW, current_level=user.role)
    if tab == "correction":
        return apps.filter(status=Status.CORRECTION)
    if tab in ("experts", "notice"):
        return apps.filter(status=tab)
    if tab == "done":
        return apps.filter(status__in=(Status.CERTIFIED, Status.REJECTED))
    return apps


def rounds_open(on: dt.date) -> QuerySet[Round]:
    return Round.objects.filter(opens_on__lte=on, application_deadline__gte=on)


def rounds_open_to(enterprise: Enterprise, on: dt.date) -> list[Round]:
    """Open rounds whose region contains the enterprise and that it has not applied in."""
    applied = set(Application.objects.filter(enterprise=enterprise)
                  .values_list("round_id", flat=True))
    return [r for r in rounds_open(on).select_related("region")
            if enterprise.region.path.startswith(r.region.path) and r.pk not in applied]


def renewable_title(enterprise: Enterprise, round_: Round, on: dt.date) -> Title | None:
    """For a re-review round: the enterprise's title of the round's tier and level that is in
    force on ``on``, not revoked, and lapses by the round's ``expiring_by``."""
    if round_.application_type != ApplicationType.RE_REVIEW or round_.expiring_by is None:
        return None
    return (Title.objects.filter(enterprise=enterprise, tier=round_.tier, level=round_.level,
                                 valid_from__lte=on, valid_until__gte=on,
                                 valid_until__lte=round_.expiring_by,
                                 revocation__isnull=True)
            .order_by("-valid_until").first())


# --- expert review ----------------------------------------------------------------------------

def sheet_criteria(app: Application) -> list[dict[str, str]]:
    """The scoring sheet's lines: the main criteria of the frozen evaluation."""
    snapshot = app.snapshots.order_by("-taken_at", "-id").first()
    if snapshot is None:
        return []
    return [{"id": c["id"], "title": c["title"], "status": c["status"]}
            for c in snapshot.outcome["criteria"] if c["role"] == "main"]


def _two_places(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ScoreSummary:
    submitted: int
    panel: int
    per_criterion: list[dict[str, Any]]  # {"id", "title", "mean", "scores"}
    mean_total: Decimal | None
    recommending: int


def score_summary(app: Application) -> ScoreSummary:
    """Per-criterion means and the mean total over submitted sheets, computed exactly."""
    reviews = list(app.reviews.prefetch_related("items"))
    done = [r for r in reviews if r.submitted_at is not None]
    rows = []
    for line in sheet_criteria(app):
        scores = [i.points for r in done for i in r.items.all() if i.criterion_id == line["id"]]
        mean = _two_places(Fraction(sum(scores), len(scores))) if scores else None
        rows.append({**line, "mean": mean, "scores": scores})
    totals = [sum(i.points for i in r.items.all()) for r in done]
    return ScoreSummary(
        submitted=len(done), panel=len(reviews), per_criterion=rows,
        mean_total=_two_places(Fraction(sum(totals), len(totals))) if totals else None,
        recommending=sum(1 for r in done if r.recommend))


def reviews_of(expert: Any) -> QuerySet[ExpertReview]:
    return (ExpertReview.objects.filter(expert=expert)
            .select_related("application__enterprise", "application__round")
            .order_by("submitted_at", "-assigned_at"))


# --- annual updates and revocation ------------------------------------------------------------

def missed_annual_updates(title: Title, on: dt.date) -> list[int]:
    """Years in the title's validity whose 5-31 deadline has passed without any figure of the
    previous fiscal year entered between 1 January and 31 May of that year."""
    last = min(on, title.valid_until) if title.valid_until else on
    missed = []
    for year in range(title.valid_from.year, last.year + 1):
        deadline = dt.date(year, 5, 31)
        if not title.valid_from < deadline <= last:
            continue
        updated = Fact.objects.filter(
            enterprise_id=title.enterprise_id, year=year - 1,
            entered_at__date__gte=dt.date(year, 1, 1), entered_at__date__lte=deadline).exists()
        if not updated:
            missed.append(year)
    return missed


def revocable_titles(user: Any, on: dt.date) -> QuerySet[Title]:
    """Titles in force on ``on`` that the user's level may revoke, in the user's region."""
    titles = Title.objects.filter(valid_from__lt=on, revocation__isnull=True).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=on)).select_related("enterprise")
    if _sees_everything(user):
        return titles
    if user.role == Role.PROVINCE and user.region_id:
        return titles.filter(level__in=("province", "national"),
                             enterprise__region__path__startswith=user.region.path)
    if user.role in (Role.CITY, Role.DISTRICT) and user.region_id:
        return titles.filter(level=user.role,
                             enterprise__region__path__startswith=user.region.path)
    return titles.none()


def revocations_visible_to(user: Any) -> QuerySet[Revocation]:
    every = Revocation.objects.select_related("title", "enterprise", "decided_by")
    if _sees_everything(user):
        return every
    if user.role in REGIONAL and user.region_id:
        return every.filter(enterprise__region__path__startswith=user.region.path)
    if user.role == Role.ENTERPRISE:
        return every.filter(enterprise__members__user=user)
    return every.none()
