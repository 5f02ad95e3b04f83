"""Daily reminders: review steps, corrections and expert scoring due within three days, and
titles lapsing in 90 and in 30 days. Each reminder carries a key, so running the job twice on
a day, or on every day of the window, sends each reminder once."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Q
from django.urls import reverse

from portal.certification.levels import level_label, officials_at
from portal.certification.models import Application, ExpertReview, RoundStep, Status
from portal.certification.services import messages
from portal.enterprises.models import Title
from portal.notifications.services import notify

DUE_SOON_DAYS = 3
EXPIRY_THRESHOLDS = (30, 90)  # most urgent first


def send_daily_reminders(on: dt.date) -> dict[str, int]:
    """Run every reminder for ``on``; returns how many messages each kind created."""
    return {
        "review_steps": _review_step_reminders(on),
        "corrections": _correction_reminders(on),
        "expert_reviews": _expert_reminders(on),
        "title_expiry": _expiry_reminders(on),
    }


def _soon(on: dt.date) -> tuple[dt.date, dt.date]:
    return on, on + dt.timedelta(days=DUE_SOON_DAYS)


def _review_step_reminders(on: dt.date) -> int:
    sent = 0
    for step in RoundStep.objects.filter(deadline__range=_soon(on)).select_related("round"):
        waiting: dict[Any, list[Application]] = defaultdict(list)
        for app in Application.objects.filter(round=step.round, status=Status.REVIEW,
                                              current_level=step.level) \
                .select_related("enterprise__region"):
            for official in officials_at(step.level, app.enterprise):
                waiting[official].append(app)
        for official, apps in waiting.items():
            names = "、".join(a.enterprise.name for a in apps[:10])
            sent += len(notify(
                recipients=[official], kind="certification.reminder",
                subject=f"{level_label(step.level)}审核将于{step.deadline:%-m月%-d日}截止",
                body=f"{step.round.name}：尚有 {len(apps)} 件申报待您审核（{names}）。",
                link=reverse("certification:queue"),
                dedup_key=f"step-deadline:{step.pk}:{step.deadline.isoformat()}"))
    return sent


def _correction_reminders(on: dt.date) -> int:
    sent = 0
    for app in Application.objects.filter(status=Status.CORRECTION,
                                          correction_due__range=_soon(on)) \
            .select_related("round", "enterprise"):
        assert app.correction_due is not None
        due = app.correction_due
        sent += messages.tell_enterprise(app, "certification.reminder",
                                 f"补正期限将于{due:%-m月%-d日}届满",
                                 f"补正要求：{app.correction_note}",
                                 dedup_key=f"correction-due:{app.pk}:{due.isoformat()}")
    return sent


def _expert_reminders(on: dt.date) -> int:
    sent = 0
    for review in ExpertReview.objects.filter(
            submitted_at__isnull=True, application__status=Status.EXPERTS,
            application__round__expert_deadline__range=_soon(on)) \
            .select_related("application__round", "application__enterprise", "expert"):
        app = review.application
        sent += len(notify(
            recipients=[review.expert], kind="certification.reminder",
            subject=f"专家评审将于{app.round.expert_deadline:%-m月%-d日}截止",
            body=f"{app.enterprise.name} · {app.round.name}：请及时提交评分。",
            link=messages.link_to(app), dedup_key=f"expert-deadline:{review.pk}"))
    return sent


def _expiry_reminders(on: dt.date) -> int:
    """Enterprises hear 90 and 30 days before a title lapses; if the job first runs inside
    the 30-day window only the 30-day reminder goes out."""
    sent = 0
    horizon = on + dt.timedelta(days=max(EXPIRY_THRESHOLDS))
    titles = (Title.objects.filter(valid_until__range=(on, horizon), revocation__isnull=True,
                                   enterprise__members__isnull=False)
              .filter(Q(valid_from__lte=on)).select_related("enterprise").distinct())
    for title in titles:
        assert title.valid_until is not None
        days = (title.valid_until - on).days
        threshold = next(t for t in EXPIRY_THRESHOLDS if days <= t)
        users = [m.user for m in title.enterprise.members.select_related("user")
                 if m.user.is_active]
        sent += len(notify(
            recipients=users, kind="certification.expiry",
            subject=f"{title}将于{title.valid_until:%Y年%-m月%-d日}到期（剩余 {days} 天）",
            body="有效期届满前请关注复核通知，按要求提交复核申报；逾期未通过复核的称号自动失效。",
            link=reverse("certification:home"),
            dedup_key=f"title-expiry:{title.pk}:{title.valid_until.isoformat()}:{threshold}"))
    return sent
