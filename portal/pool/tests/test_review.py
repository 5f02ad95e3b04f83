"""The yearly review as a background task (immediate backend): proposals with reasons that
agree with the engine's own verdicts, bulk confirmation only where the engine decided, and
exits only after an official confirms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from eligibility.api import evaluate
from portal.assessments.tests.fixtures import make_enterprise
from portal.audit.models import AuditEntry
from portal.enterprises import services as registry
from portal.enterprises.documents import facts_document
from portal.pool import services
from portal.pool.entry import combine
from portal.pool.models import (
    ItemDecision,
    MembershipStatus,
    PoolConfig,
    PoolMembership,
    PoolReview,
    ReviewItem,
    RunStatus,
)
from portal.pool.review import review_confirm_bulk, review_item_decide
from portal.pool.standards import entry_standard
from portal.pool.tests.conftest import IMMEDIATE, client_for, fiscal_year

pytestmark = pytest.mark.django_db
WAN = 10_000


@pytest.fixture
def pool(enterprises: dict[str, Any], places: dict[str, Any], users: dict[str, Any],
         pool_facts: Callable[..., None]) -> dict[str, Any]:
    """Six members; after entry, four of them change so the review has something to say."""
    firms = {"keeps": enterprises["wujiang_town"], "fails": enterprises["wujiang"],
             "nanjing": enterprises["nanjing"]}
    for key in ("rated_d", "lost_title", "no_data"):
        firms[key] = make_enterprise(f"吴江{key}有限公司", places["wujiang"], places["machine"])
    for firm in firms.values():
        pool_facts(firm, static={"strategic_emerging": False})
    registry.title_add(enterprise=firms["lost_title"], tier="srdi_sme", level="province",
                       valid_from=dt.date(2024, 1, 1), valid_until=dt.date(2026, 12, 31),
                       actor=None)
    result = services.pool_select(enterprises=list(firms.values()), actor=users["province"])
    assert len(result.entered) == 6
    _after_entry(firms, users["wujiang"])
    return firms


def _after_entry(firms: dict[str, Any], actor: Any) -> None:
    fy = fiscal_year()
    registry.fact_set(enterprise=firms["fails"], indicator="main_product_revenue", year=fy,
                      value=2_000 * WAN, source="audit_report", actor=actor)
    registry.fact_set(enterprise=firms["nanjing"], indicator="on_dishonesty_list", year=None,
                      value=True, source="third_party", actor=actor)
    registry.fact_set(enterprise=firms["rated_d"], indicator="resource_rating", year=fy,
                      value="D", source="third_party", actor=actor)
    registry.fact_set(enterprise=firms["no_data"], indicator="revenue", year=fy - 2,
                      value=None, source="audit_report", actor=actor)
    registry.fact_set(enterprise=firms["no_data"], indicator="strategic_emerging", year=None,
                      value=None, source="audit_report", actor=actor)
    title = firms["lost_title"].titles.get(tier="srdi_sme")
    title.valid_until = timezone.localdate() - dt.timedelta(days=1)  # revoked yesterday
    title.save()


@override_settings(TASKS=IMMEDIATE)
def _run_review(user: Any) -> PoolReview:
    response = client_for(user).post(reverse("pool:review_start"), {"year": 2026})
    review = PoolReview.objects.latest("started_at")
    assert response["Location"] == reverse("pool:review", args=[review.pk])
    assert review.status == RunStatus.FINISHED, review.error
    return review


def _items(review: PoolReview) -> dict[str, ReviewItem]:
    return {i.membership.enterprise.name: i for i in
            review.items.select_related("membership__enterprise")}


def test_it_proposes_exits_that_agree_with_the_engine(pool: dict[str, Any],
                                                      users: dict[str, Any]) -> None:
    review = _run_review(users["wujiang"])
    items = _items(review)
    assert pool["nanjing"].name not in items  # outside the district's jurisdiction
    assert len(items) == 5 and review.counts["members"] == 5
    for name, item in items.items():
        enterprise = item.membership.enterprise
        document = facts_document(enterprise)
        standard = entry_standard(review.on, enterprise.region_id)
        outcomes = [evaluate(s, document, on=review.on, application="re_review")
                    for s in standard.sets]
        expected = combine([o.verdict for o in outcomes])
        assert item.verdict == expected, name
        assert item.safe == (expected == "fail"), name
        criteria = [r["text"] for r in item.reasons if r["kind"] == "criteria"]
        assert bool(criteria) == (expected == "fail"), name
        for outcome, text in zip(outcomes, criteria, strict=False):
            failing = [c.info.title for c in outcome.criteria
                       if c.info.role == "main" and c.status == "fail"]
            assert failing and all(title in text for title in failing), (name, text)


def test_it_gives_each_kind_of_reason(pool: dict[str, Any], users: dict[str, Any]) -> None:
    items = _items(_run_review(users["wujiang"]))
    kinds = {name: {r["kind"] for r in item.reasons} for name, item in items.items()}
    assert kinds[pool["keeps"].name] == set() and not items[pool["keeps"].name].propose_exit
    assert kinds[pool["fails"].name] == {"criteria"}
    assert "主导产品营业收入占企业整体收入的40%以上" in items[pool["fails"].name].reasons[0]["text"]
    assert kinds[pool["rated_d"].name] == {"compliance"}
    assert "资源集约利用综合评价为D类" in items[pool["rated_d"].name].reasons[0]["text"]
    assert kinds[pool["lost_title"].name] == {"title_lost"}
    assert "省级专精特新中小企业" in items[pool["lost_title"].name].reasons[0]["text"]
    no_data = items[pool["no_data"].name]
    assert no_data.verdict == "unknown" and not no_data.propose_exit
    assert all(i.focus for i in items.values())


def test_it_flags_the_dishonesty_list_as_a_compliance_reason(
        pool: dict[str, Any], users: dict[str, Any]) -> None:
    items = _items(_run_review(users["province"]))
    nanjing = items[pool["nanjing"].name]
    assert nanjing.verdict == "fail" and nanjing.safe
    texts = [r["text"] for r in nanjing.reasons]
    assert "列入严重失信主体名单" in texts


def test_it_exits_members_only_when_an_official_confirms(pool: dict[str, Any],
                                                         users: dict[str, Any]) -> None:
    review = _run_review(users["wujiang"])
    items = _items(review)
    assert PoolMembership.objects.filter(status=MembershipStatus.EXITED).count() == 0
    official = users["wujiang"]
    unsafe = items[pool["rated_d"].name]
    with pytest.raises(services.PoolError, match="不能批量确认"):
        review_confirm_bulk(items=[items[pool["fails"].name], unsafe], actor=official)
    client = client_for(official)
    client.post(reverse("pool:review_confirm_bulk", args=[review.pk]),
                {"id": [items[pool["fails"].name].pk]})
    failed = PoolMembership.objects.get(pk=items[pool["fails"].name].membership_id)
    assert failed.status == MembershipStatus.EXITED and failed.exited_by == official
    assert "主导产品营业收入" in failed.exit_reason
    with pytest.raises(services.PoolError, match="须填写处理意见"):
        review_item_decide(item=unsafe, actor=official, confirm=True)
    client.post(reverse("pool:review_decide", args=[unsafe.pk]),
                {"decision": "confirm", "note": "连续两年D类，整治未达标"})
    unsafe.refresh_from_db()
    assert unsafe.decision == ItemDecision.CONFIRMED
    assert unsafe.membership.status == MembershipStatus.EXITED
    lost = items[pool["lost_title"].name]
    client.post(reverse("pool:review_decide", args=[lost.pk]),
                {"decision": "keep", "note": "称号复核材料已补交，仍符合入库标准"})
    lost.refresh_from_db()
    assert lost.decision == ItemDecision.KEPT
    assert lost.membership.status == MembershipStatus.IN and lost.membership.titles_seen == []
    with pytest.raises(services.PoolError, match="没有待确认的出库建议"):
        review_item_decide(item=items[pool["keeps"].name], actor=official, confirm=True)
    assert AuditEntry.objects.filter(action="pool.exit").count() == 2
    assert AuditEntry.objects.filter(action="pool.keep").count() == 1


def test_it_polls_progress_while_running_and_reloads_when_done(
        pool: dict[str, Any], users: dict[str, Any]) -> None:
    client = client_for(users["wujiang"])
    running = PoolReview.objects.create(year=2026, region=users["wujiang"].region,
                                        on=timezone.localdate(), started_by=users["wujiang"],
                                        started_at=timezone.now())
    page = client.get(reverse("pool:review", args=[running.pk])).content.decode()
    assert reverse("pool:review_progress", args=[running.pk]) in page and "hx-trigger" in page
    polled = client.get(reverse("pool:review_progress", args=[running.pk]))
    assert "HX-Refresh" not in polled
    refused = client.post(reverse("pool:review_start"), {"year": 2026}, follow=True)
    assert "已有正在进行的年度复核" in refused.content.decode()
    running.delete()
    done = _run_review(users["wujiang"])
    finished = client.get(reverse("pool:review_progress", args=[done.pk]))
    assert finished["HX-Refresh"] == "true"
    assert "复核 5 家，建议出库 3 家" in finished.content.decode()
    page = client.get(reverse("pool:review", args=[done.pk])).content.decode()
    assert "入库标准沿用" in page and 'data-testid="bulk-confirm"' in page


@override_settings(TASKS=IMMEDIATE)
def test_it_marks_a_review_failed_with_its_reason(pool: dict[str, Any],
                                                  users: dict[str, Any]) -> None:
    PoolConfig.objects.create(entry_set_ids="no-such-set")
    client = client_for(users["wujiang"])
    client.post(reverse("pool:review_start"), {"year": 2026})
    review = PoolReview.objects.latest("started_at")
    assert review.status == RunStatus.FAILED and "no-such-set" in review.error
    page = client.get(reverse("pool:review", args=[review.pk])).content.decode()
    assert "复核失败" in page and "no-such-set" in page
    assert not review.items.exists()
    assert PoolMembership.objects.filter(status=MembershipStatus.IN).count() == 6
