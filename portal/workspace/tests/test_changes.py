"""Audit entries read as 项目 · 修改前 · 修改后 rows, and the history page shows them so."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.urls import reverse

from portal.assessments.tests.fixtures import WAN
from portal.audit.models import AuditEntry
from portal.enterprises import services as registry
from portal.workspace.changes import ChangeRow, change_rows


def _latest(enterprise: Any, action: str) -> AuditEntry:
    entry = AuditEntry.objects.filter(target_id=str(enterprise.pk), action=action).first()
    assert entry is not None, action
    return entry


def _read(enterprise: Any, action: str) -> list[tuple[str, str, str]]:
    return [(r.label, r.old, r.new) for r in change_rows(_latest(enterprise, action))]


def test_an_enterprise_update_reads_by_field_name_with_related_names(
        places: dict[str, Any], enterprises: dict[str, Any]) -> None:
    enterprise = enterprises["wujiang_town"]
    registry.enterprise_update(enterprise=enterprise, actor=None, region=places["wujiang"],
                               contact_name="张敏", name="吴江精工机械股份有限公司")
    assert sorted(_read(enterprise, "enterprise.update")) == [
        ("企业名称", "吴江精工机械有限公司", "吴江精工机械股份有限公司"),
        ("所属区域", "吴江开发区", "吴江区"),
        ("联系人", "—", "张敏"),
    ]


def test_a_new_enterprise_lists_what_was_registered(enterprises: dict[str, Any]) -> None:
    rows = _read(enterprises["nanjing"], "enterprise.create")
    assert ("企业名称", "—", "南京示例装备有限公司") in rows
    assert ("国民经济行业", "—", "C3484 机械零部件加工") in rows


def test_figures_read_in_the_user_unit_with_separators(enterprises: dict[str, Any]) -> None:
    enterprise = enterprises["wujiang"]
    registry.fact_set(enterprise=enterprise, indicator="revenue", year=2025,
                      value=12_345_678 * WAN // 1000, source="self_reported", actor=None)
    registry.fact_set(enterprise=enterprise, indicator="founded_on", year=None,
                      value=dt.date(2012, 3, 1), source="third_party", actor=None)
    registry.fact_set(enterprise=enterprise, indicator="chain_leader", year=None, value=True,
                      source="third_party", actor=None)
    facts = AuditEntry.objects.filter(target_id=str(enterprise.pk), action="fact.set")
    read = [row for entry in facts[:3] for row in change_rows(entry)]
    assert read == [ChangeRow("链主（龙头）企业", "—", "是"),
                    ChangeRow("成立日期", "—", "2012年3月1日"),
                    ChangeRow("2025年营业收入（万元）", "2,000", "12,345.678")]


def test_a_title_added_reads_with_choice_labels(enterprises: dict[str, Any]) -> None:
    rows = _read(enterprises["wujiang"], "record.add")
    assert ("称号", "—", "创新型中小企业") in rows
    assert ("级别", "—", "省级") in rows
    assert ("有效期止", "—", "2028年12月31日") in rows
    assert all(label != "证书编号" for label, _, _ in rows)  # left blank: not a change


def test_a_deleted_record_shows_what_was_there(enterprises: dict[str, Any]) -> None:
    enterprise = enterprises["wujiang"]
    registry.record_delete(record=enterprise.titles.get(), actor=None)
    assert ("称号", "创新型中小企业", "—") in _read(enterprise, "record.delete")


def test_clusters_and_assignments_read_as_names(
        users: dict[str, Any], enterprises: dict[str, Any]) -> None:
    assert _read(enterprises["wujiang_town"], "enterprise.clusters") == [
        ("所属集群/产业链", "—", "高端装备")]
    assert _read(enterprises["wujiang"], "service.commissioner_assign") == [
        ("服务专员", "—", "服务专员 commissioner")]
    assert _read(enterprises["nanjing"], "service.expert_assign") == [
        ("专家", "—", "评审专家 expert"), ("任务", "—", "诊断")]


def test_pool_and_revocation_entries_read_through_their_fields() -> None:
    focus = AuditEntry(action="pool.focus", changes={
        "membership": 7, "from": "重点关注", "to": "重点推荐", "reason": "获评省级专精特新"})
    assert change_rows(focus) == [ChangeRow("重点分类", "重点关注", "重点推荐"),
                                  ChangeRow("调整理由", "—", "获评省级专精特新")]
    revoke = AuditEntry(action="certification.revoke", changes={
        "title": None, "ground": "missed_updates", "reason": "两次未更新",
        "valid_until": {"old": "2027-12-31", "new": "2026-05-31"}, "missed_years": [2024, 2025]})
    assert change_rows(revoke) == [
        ChangeRow("撤销事由", "—", "有效期内累计两次未按期（5月31日前）更新企业信息"),
        ChangeRow("事实与依据", "—", "两次未更新"),
        ChangeRow("有效期止", "2027年12月31日", "2026年5月31日"),
        ChangeRow("未按期更新的年度", "—", "2024；2025")]
    exit_ = AuditEntry(action="pool.exit", changes={
        "membership": 7, "review_item": 9, "reasons": [{"code": "engine", "text": "营收不足"}],
        "note": ""})
    assert change_rows(exit_) == [ChangeRow("出库理由", "—", "营收不足")]


def test_history_page_shows_readable_changes_and_no_stored_dicts(
        users: dict[str, Any], places: dict[str, Any], enterprises: dict[str, Any]) -> None:
    enterprise = enterprises["wujiang_town"]
    registry.enterprise_update(enterprise=enterprise, actor=users["wujiang"],
                               region=places["wujiang"], contact_phone="0512-63000000")
    client = Client()
    client.force_login(users["wujiang"])
    page = client.get(reverse("workspace:history", args=[enterprise.pk])).content.decode()
    assert "所属区域" in page and "吴江开发区" in page and "0512-63000000" in page
    assert "2025年营业收入（万元）" in page and "1,200" in page
    assert "{&#x27;" not in page and "{'" not in page and "[1]" not in page


def test_the_admin_shows_the_same_rows(users: dict[str, Any], places: dict[str, Any],
                                       enterprises: dict[str, Any]) -> None:
    enterprise = enterprises["wujiang"]
    registry.enterprise_update(enterprise=enterprise, actor=None, region=places["suzhou"])
    entry = _latest(enterprise, "enterprise.update")
    client = Client()
    client.force_login(users["admin"])
    page = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk])).content.decode()
    assert "变更明细" in page
    assert "<td>所属区域</td><td>吴江区</td><td>苏州市</td>" in page
