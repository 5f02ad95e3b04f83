"""The three entry routes end to end through the views: an enterprise applies and an
official decides; an official selects from the screening list (bulk); a nomination (举荐) is
recorded and decided. Every entry stores the engine's verdict and an audit entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse

from portal.audit.models import AuditEntry
from portal.pool import services
from portal.pool.models import (
    EntryRequest,
    EntryRoute,
    EntryScreening,
    MembershipStatus,
    PoolMembership,
    RequestStatus,
)
from portal.pool.tests.conftest import IMMEDIATE, client_for, fiscal_year

pytestmark = pytest.mark.django_db


def _member(enterprise: Any) -> PoolMembership:
    return PoolMembership.objects.get(enterprise=enterprise, status=MembershipStatus.IN)


def test_it_lets_an_enterprise_apply_and_an_official_approve(
        ready: dict[str, Any], users: dict[str, Any]) -> None:
    own = ready["wujiang_town"]
    page = client_for(users["enterprise"]).get(reverse("pool:enterprise", args=[own.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "未入库" in html and "提交入库申请" in html and "入库标准沿用" in html
    response = client_for(users["enterprise"]).post(reverse("pool:apply", args=[own.pk]),
                                                    {"reason": "主导产品为精密零部件"})
    assert response.status_code == 302
    request = EntryRequest.objects.get(enterprise=own)
    assert (request.route, request.status) == (EntryRoute.APPLICATION, RequestStatus.PENDING)
    assert request.evaluation["verdict"] == "pass"
    assert request.evaluation["standard"]["carried_over"] is True
    again = client_for(users["enterprise"]).post(reverse("pool:apply", args=[own.pk]), follow=True)
    assert "已有待审核的入库申请" in again.content.decode()

    listing = client_for(users["wujiang"]).get(reverse("pool:requests"))
    assert own.name in listing.content.decode()
    client_for(users["wujiang"]).post(reverse("pool:request_decide", args=[request.pk]),
                                      {"decision": "approve", "note": ""})
    member = _member(own)
    assert member.route == EntryRoute.APPLICATION and member.request_id == request.pk
    assert member.entered_by == users["wujiang"] and member.year == fiscal_year() + 1
    assert member.entry_evaluation["verdict"] == "pass" and member.focus
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    assert AuditEntry.objects.filter(action="pool.enter", target_id=str(own.pk)).exists()
    status = client_for(users["enterprise"]).get(reverse("pool:enterprise", args=[own.pk]))
    assert "在库（" in status.content.decode()


def test_it_refuses_to_approve_a_failing_firm_and_requires_a_rejection_reason(
        enterprises: dict[str, Any], users: dict[str, Any],
        pool_facts: Callable[..., None]) -> None:
    firm = enterprises["wujiang"]
    pool_facts(firm, static={"strategic_emerging": False},
               annual={("main_product_revenue", fiscal_year()): 1_000 * 10_000})
    request = services.entry_apply(enterprise=firm, actor=users["wujiang"])
    assert request.evaluation["verdict"] == "fail"
    with pytest.raises(services.PoolError, match=r"不满足入库标准.*主导产品营业收入"):
        services.entry_request_decide(request=request, actor=users["wujiang"], approve=True)
    with pytest.raises(services.PoolError, match="请填写不予入库的理由"):
        services.entry_request_decide(request=request, actor=users["wujiang"], approve=False)
    services.entry_request_decide(request=request, actor=users["wujiang"], approve=False,
                                  note="主导产品占比不足40%")
    request.refresh_from_db()
    assert request.status == RequestStatus.REJECTED and request.decision_note
    assert not PoolMembership.objects.filter(enterprise=firm).exists()


def test_it_needs_a_note_to_approve_an_undecided_firm(
        enterprises: dict[str, Any], users: dict[str, Any],
        pool_facts: Callable[..., None]) -> None:
    firm = enterprises["wujiang"]
    pool_facts(firm, static={"advanced_cluster": False})  # 不属于13个集群: 需人工审核
    request = services.entry_apply(enterprise=firm, actor=users["wujiang"])
    assert request.evaluation["verdict"] == "unknown"
    with pytest.raises(services.PoolError, match="须在审核意见中写明判断依据"):
        services.entry_request_decide(request=request, actor=users["wujiang"], approve=True)
    services.entry_request_decide(request=request, actor=users["wujiang"], approve=True,
                                  note="属吴江区“1+4+2”重点产业链，结合当地实际遴选")
    assert _member(firm).route == EntryRoute.APPLICATION


@override_settings(TASKS=IMMEDIATE)
def test_it_screens_in_the_background_and_selects_in_bulk(
        ready: dict[str, Any], users: dict[str, Any]) -> None:
    official = client_for(users["wujiang"])
    response = official.post(reverse("pool:screening_refresh"))
    assert response.status_code == 302
    screened = set(EntryScreening.objects.values_list("enterprise_id", flat=True))
    assert screened == {ready["wujiang_town"].pk, ready["wujiang"].pk}  # Nanjing is not theirs
    page = official.get(reverse("pool:candidates")).content.decode()
    assert ready["wujiang_town"].name in page and ready["wujiang"].name in page
    assert ready["nanjing"].name not in page
    assert "满足入库标准 2 家" in page

    official.post(reverse("pool:select"), {"id": [ready["wujiang_town"].pk, ready["wujiang"].pk],
                                           "note": "2026年集中遴选"})
    for key in ("wujiang_town", "wujiang"):
        member = _member(ready[key])
        assert member.route == EntryRoute.SELECTION and member.entry_note == "2026年集中遴选"
    after = official.get(reverse("pool:candidates")).content.decode()
    assert "没有待遴选的企业" in after
    again = services.pool_select(enterprises=[ready["wujiang"]], actor=users["wujiang"])
    assert again.entered == [] and again.skipped[0][1] == "已在培育库中"


def test_it_skips_a_selected_firm_that_no_longer_passes(
        enterprises: dict[str, Any], users: dict[str, Any],
        pool_facts: Callable[..., None]) -> None:
    pool_facts(enterprises["wujiang_town"])
    pool_facts(enterprises["wujiang"], static={"on_dishonesty_list": True})
    result = services.pool_select(enterprises=[enterprises["wujiang_town"],
                                               enterprises["wujiang"]], actor=users["wujiang"])
    assert [m.enterprise for m in result.entered] == [enterprises["wujiang_town"]]
    assert result.skipped == [(enterprises["wujiang"], "入库标准评估为不满足")]


def test_it_records_a_nomination_and_enters_the_firm_on_approval(
        ready: dict[str, Any], users: dict[str, Any]) -> None:
    firm = ready["wujiang"]
    official = client_for(users["town"])  # town staff may record nominations
    bad = official.post(reverse("pool:nominate"), {"uscc": firm.uscc, "nominator_name": "",
                                                   "nominator_kind": "investor", "reason": ""})
    assert "举荐单位/举荐人" in bad.content.decode()
    outside = client_for(users["town"]).post(reverse("pool:nominate"), {
        "uscc": ready["nanjing"].uscc, "nominator_name": "某基金",
        "nominator_kind": "investor", "reason": "成长性好"})
    assert "管辖范围内没有该统一社会信用代码的企业" in outside.content.decode()
    client_for(users["wujiang"]).post(reverse("pool:nominate"), {
        "uscc": firm.uscc, "nominator_name": "亨通集团", "nominator_kind": "chain_leader",
        "reason": "核心配套供应商，协作配套关系稳定"})
    request = EntryRequest.objects.get(enterprise=firm, route=EntryRoute.NOMINATION)
    assert (request.nominator_name, request.nominator_kind) == ("亨通集团", "chain_leader")
    assert request.evaluation["verdict"] == "pass"
    town = client_for(users["town"]).post(reverse("pool:request_decide", args=[request.pk]),
                                          {"decision": "approve"})
    assert town.status_code == 403  # towns record, districts decide
    client_for(users["wujiang"]).post(reverse("pool:request_decide", args=[request.pk]),
                                      {"decision": "approve", "note": "同意"})
    assert _member(firm).route == EntryRoute.NOMINATION
    assert AuditEntry.objects.filter(action="pool.nomination", target_id=str(firm.pk)).exists()


def test_it_closes_other_pending_requests_when_a_firm_enters(
        ready: dict[str, Any], users: dict[str, Any]) -> None:
    firm = ready["wujiang_town"]
    application = services.entry_apply(enterprise=firm, actor=users["enterprise"])
    nomination = services.nomination_submit(enterprise=firm, actor=users["wujiang"],
                                            nominator_name="某咨询公司",
                                            nominator_kind="consultancy", reason="管理规范")
    services.entry_request_decide(request=nomination, actor=users["wujiang"], approve=True)
    application.refresh_from_db()
    assert application.status == RequestStatus.CLOSED
    with pytest.raises(services.PoolError, match="已在培育库中"):
        services.entry_apply(enterprise=firm, actor=users["enterprise"])
