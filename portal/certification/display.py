"""Shaping certification data for pages: the route with each step's state and deadline, the
frozen evaluation as rows, and the frozen facts document as the application form's tables."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from indicators.vocabulary import BY_ID, Kind, Period
from portal.certification.levels import APPROVE_LABELS, level_label
from portal.certification.models import Action, Application, Status, Transition
from portal.core.dates import cn_date

STATUS_LABELS = {"pass": "通过", "fail": "未通过", "unknown": "待定"}


def route_steps(app: Application) -> list[dict[str, Any]]:
    """One row per review step, then expert review, notice and certificate, each "done",
    "current", "returned", "rejected" or "pending"."""
    deadlines = dict(app.round.steps.values_list("level", "deadline"))
    stage, failed = _position(app)
    rows = []
    for index, step in enumerate(app.route):
        rows.append({"label": f"{level_label(step['level'])}审核", "who": step["region_name"],
                     "deadline": deadlines.get(step["level"]),
                     "state": _state(stage == Status.REVIEW, index, app.step_index, failed,
                                     app.status == Status.CORRECTION)})
    later = [(Status.EXPERTS, "专家评审", "随机抽取", app.round.expert_deadline),
             (Status.NOTICE, "公示", f"{app.round.notice_days}天", app.notice_end),
             (Status.CERTIFIED, "认定发证", "", None)]
    for number, (status, label, who, deadline) in enumerate(later, start=1):
        here = _STAGES.index(stage)
        state = _state(True, number, here, failed, False) if here >= 1 else "pending"
        if status == Status.CERTIFIED and stage == Status.CERTIFIED:
            state = "done"
        rows.append({"label": label, "who": who, "deadline": deadline, "state": state})
    return rows


_STAGES = [Status.REVIEW, Status.EXPERTS, Status.NOTICE, Status.CERTIFIED]


def _position(app: Application) -> tuple[Status, bool]:
    """The stage the application is at (for a rejected one: where it was rejected)."""
    if app.status != Status.REJECTED:
        status = Status.REVIEW if app.status == Status.CORRECTION else Status(app.status)
        return status, False
    last = app.transitions.filter(action="reject").order_by("-at", "-id").first()
    before = Status(last.from_status) if last and last.from_status else Status.REVIEW
    return (Status.REVIEW if before == Status.CORRECTION else before), True


def _state(active: bool, index: int, current: int, failed: bool, returned: bool) -> str:
    if not active or index < current:
        return "done"
    if index > current:
        return "pending"
    if failed:
        return "rejected"
    return "returned" if returned else "current"


def criteria_rows(outcome: dict[str, Any]) -> list[dict[str, Any]]:
    """The frozen evaluation, main criteria and their parts, for reading."""
    rows = []
    for c in outcome.get("criteria", []):
        status = "waived" if c.get("waived_by") else c["status"]
        gaps = c.get("gaps") or []
        needs = (gaps[0].get("needs") or {}).get("text") if gaps else ""
        rows.append({
            "id": c["id"], "title": c["title"], "depth": c.get("depth", 1),
            "main": c["role"] == "main", "status": status,
            "status_label": "豁免" if status == "waived" else STATUS_LABELS.get(status, status),
            "value": (c.get("value") or {}).get("text", ""),
            "threshold": (c.get("threshold") or {}).get("text", ""),
            "shortfall": needs or (gaps[0]["shortfall"]["text"] if gaps else ""),
            "missing": "、".join(m["label"] for m in c.get("missing_facts", [])),
            "citation": (c.get("citation") or {}).get("text", ""),
        })
    return rows


def _shown(indicator_id: str, raw: Any) -> str:
    value = raw.get("value") if isinstance(raw, dict) else raw
    ind = BY_ID.get(indicator_id)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if ind is not None and ind.kind is Kind.ENUM:
        return dict(ind.choices).get(str(value), str(value))
    if ind is not None and ind.kind is Kind.MONEY:
        return _money(str(value))
    if ind is not None and ind.kind is Kind.DATE:
        return _day(str(value))
    return str(value)


def _day(text: str) -> str:
    """The facts document keeps dates in ISO form; the form reads them as 2016年11月11日."""
    try:
        return cn_date(dt.date.fromisoformat(text))
    except ValueError:
        return text


def _money(text: str) -> str:
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return text
    return f"{amount:,.2f}".rstrip("0").rstrip(".") if amount % 1 else f"{amount:,.0f}"


def _label(indicator_id: str) -> tuple[str, str, str]:
    ind = BY_ID.get(indicator_id)
    if ind is None:
        return indicator_id, "", "其他"
    return ind.name, ind.unit, ind.group


def static_rows(document: dict[str, Any]) -> list[dict[str, str]]:
    rows = []
    for key, raw in document.get("static", {}).items():
        name, unit, group = _label(key)
        rows.append({"name": name, "unit": unit, "group": group, "value": _shown(key, raw)})
    return sorted(rows, key=lambda r: r["group"])


def annual_table(document: dict[str, Any], years: int = 3) -> dict[str, Any]:
    """The latest ``years`` fiscal years side by side, one row per annual indicator."""
    annual = document.get("annual", {})
    chosen = sorted(annual, reverse=True)[:years]
    ids = [i.id for i in BY_ID.values() if i.period is Period.ANNUAL
           and any(i.id in annual[y] for y in chosen)]
    rows = []
    for indicator_id in ids:
        name, unit, _ = _label(indicator_id)
        rows.append({"name": name, "unit": unit,
                     "values": [_shown(indicator_id, annual[y].get(indicator_id))
                                for y in chosen]})
    return {"years": chosen, "rows": rows}


def days_left(deadline: dt.date | None, today: dt.date) -> int | None:
    return None if deadline is None else (deadline - today).days


# What a level decided about the application. The final level passes its review by drawing
# the expert panel and decides at last by certifying; scoring, notice and objections are
# steps of the procedure, not the level's opinion.
_DECISIONS = (Action.APPROVE, Action.RETURN, Action.REJECT, Action.ASSIGN_EXPERTS,
              Action.CERTIFY)


def step_opinions(app: Application) -> list[dict[str, Any]]:
    """Each review step with its latest decision, worded as an opinion (for the form's
    opinion boxes); ``decision`` is None while the level has not decided."""
    decisions = {t.level: t for t in app.transitions.filter(action__in=_DECISIONS)
                 .select_related("actor").order_by("at", "id")}
    rows = []
    for step in app.route:
        t = decisions.get(step["level"])
        rows.append({"level": level_label(step["level"]), "region": step["region_name"],
                     "decision": t, "opinion": _opinion(t) if t else ""})
    return rows


def _opinion(t: Transition) -> str:
    if t.action == Action.ASSIGN_EXPERTS:
        return f"{APPROVE_LABELS.get(t.level, '审核通过')}，提交专家评审"
    if t.action == Action.CERTIFY:
        return "同意认定"
    said = t.details.get("label") or t.get_action_display()
    if t.reason:
        said = f"{said}：{t.reason}"
    due = t.correction_due
    return f"{said}（补正期限 {cn_date(due)}）" if due else said
