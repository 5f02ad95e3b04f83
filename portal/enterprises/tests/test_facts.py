"""Facts: versions, history, no-op writes, audit entries, attestations and derived facts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from indicators.vocabulary import Source
from portal.audit.models import AuditEntry
from portal.enterprises import selectors, services
from portal.enterprises.models import Enterprise, Fact, Standard
from portal.enterprises.tests.codes import make_uscc

pytestmark = pytest.mark.django_db


@pytest.fixture
def enterprise(regions, industries, official) -> Enterprise:
    return services.enterprise_create(uscc=make_uscc(), name="苏州示例精密机械有限公司",
                                      region=regions["wujiang"], industry=industries["machine"],
                                      actor=official)


def test_it_registers_an_enterprise_with_an_audit_entry(enterprise, official):
    entry = AuditEntry.objects.get(action="enterprise.create")
    assert entry.actor == official
    assert entry.target_id == str(enterprise.pk)
    assert enterprise.uscc in entry.summary


def test_it_refuses_an_invalid_uscc(regions, industries):
    valid = make_uscc()
    wrong_check = valid[:17] + ("0" if valid[17] != "0" else "1")
    with pytest.raises(services.RegistryError, match="第18位校验码"):
        services.enterprise_create(uscc=wrong_check, name="某公司", region=regions["wujiang"],
                                   industry=industries["machine"], actor=None)
    assert not Enterprise.objects.exists()


def test_a_corrected_figure_keeps_its_history(enterprise, official, expert):
    first = services.fact_set(enterprise=enterprise, indicator="revenue", year=2024,
                              value=123_456_789, source=Source.SELF_REPORTED, actor=official)
    second = services.fact_set(enterprise=enterprise, indicator="revenue", year=2024,
                               value=120_000_000, source=Source.AUDIT_REPORT, actor=expert)
    history = selectors.fact_history(enterprise=enterprise, indicator="revenue", year=2024)
    assert [f.pk for f in history] == [second.pk, first.pk]
    first.refresh_from_db()
    assert first.superseded_at is not None and first.value_int == 123_456_789
    assert history[0].is_current and history[0].entered_by == expert
    assert [f.value_int for f in selectors.current_facts(enterprise)] == [120_000_000]
    audit = AuditEntry.objects.filter(action="fact.set").order_by("id").last()
    assert audit.changes["old"] == "12345.6789" and audit.changes["new"] == "12000"


def test_setting_an_unchanged_value_writes_nothing(enterprise, official):
    services.fact_set(enterprise=enterprise, indicator="employees", year=2024, value=120,
                      source=Source.STATISTICS, actor=official)
    audits = AuditEntry.objects.count()
    again = services.fact_set(enterprise=enterprise, indicator="employees", year=2024,
                              value=120, source=Source.STATISTICS, actor=official)
    assert again is None
    assert Fact.objects.count() == 1 and AuditEntry.objects.count() == audits


def test_the_database_allows_one_current_version_per_fact(enterprise):
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    Fact.objects.create(enterprise=enterprise, indicator="class1_ip", value_int=3,
                        source="third_party", entered_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        Fact.objects.create(enterprise=enterprise, indicator="class1_ip", value_int=4,
                            source="third_party", entered_at=now)


def test_static_and_annual_periods_are_enforced(enterprise):
    with pytest.raises(services.RegistryError, match="必须给出年度"):
        services.fact_set(enterprise=enterprise, indicator="revenue", year=None, value=1,
                          source="tax", actor=None)
    with pytest.raises(services.RegistryError, match="不分年度"):
        services.fact_set(enterprise=enterprise, indicator="class1_ip", year=2024, value=1,
                          source="tax", actor=None)
    with pytest.raises(services.RegistryError, match="晚于当前年份"):
        services.fact_set(enterprise=enterprise, indicator="revenue",
                          year=dt.date.today().year + 1, value=1, source="tax", actor=None)


def test_values_of_the_wrong_type_are_refused(enterprise):
    with pytest.raises(services.RegistryError, match="类型不正确"):
        services.fact_set(enterprise=enterprise, indicator="revenue", year=2024,
                          value="12.5", source="tax", actor=None)
    with pytest.raises(services.RegistryError, match="不能为负数"):
        services.fact_set(enterprise=enterprise, indicator="revenue", year=2024, value=-1,
                          source="tax", actor=None)
    loss = services.fact_set(enterprise=enterprise, indicator="net_profit", year=2024,
                             value=-50_000, source="tax", actor=None)
    assert loss is not None and loss.value_int == -50_000


def test_an_attested_judgement_names_who_attested_it(enterprise, expert):
    with pytest.raises(services.RegistryError, match="具名人员"):
        services.fact_set(enterprise=enterprise, indicator="tech_domestic_leading", year=None,
                          value=True, source=Source.EXPERT, actor=None)
    services.fact_set(enterprise=enterprise, indicator="tech_domestic_leading", year=None,
                      value=True, source=Source.EXPERT, actor=expert)
    [attested] = selectors.attestations(enterprise)
    assert attested.value_bool is True and attested.entered_by == expert
    assert attested.entered_at is not None


def test_mirrored_static_facts_update_the_enterprise(enterprise, official):
    services.fact_set(enterprise=enterprise, indicator="founded_on", year=None,
                      value=dt.date(2012, 3, 1), source="third_party", actor=official)
    services.fact_set(enterprise=enterprise, indicator="sme_size", year=None, value="small",
                      source="statistics", actor=official)
    enterprise.refresh_from_db()
    assert enterprise.founded_on == dt.date(2012, 3, 1) and enterprise.sme_size == "small"


def test_standards_records_derive_the_standards_indicators(enterprise, official):
    for level, role in (("national", "lead"), ("industry", "participate"), ("group", "lead")):
        services.record_add(record_type=Standard, enterprise=enterprise, actor=official,
                            name=f"{level} 标准", level=level, role=role, year=2024)
    facts = {(f.indicator, f.year): f.value_int for f in selectors.current_facts(enterprise)}
    assert facts[("standards_led", 2024)] == 1  # the group standard does not count
    assert facts[("standards_participated", 2024)] == 2
    standard = Standard.objects.get(level="national")
    services.record_delete(record=standard, actor=official)
    facts = {(f.indicator, f.year): f.value_int for f in selectors.current_facts(enterprise)}
    assert facts[("standards_led", 2024)] == 0
    assert AuditEntry.objects.filter(action="record.delete").count() == 1


def test_titles_are_checked_against_the_vocabulary(enterprise, official):
    with pytest.raises(services.RegistryError, match="没有“city”级别"):
        services.title_add(enterprise=enterprise, tier="srdi_sme", level="city",
                           valid_from=dt.date(2023, 1, 1), actor=official)
    title = services.title_add(enterprise=enterprise, tier="srdi_sme", level="province",
                               valid_from=dt.date(2023, 1, 1), valid_until=dt.date(2025, 12, 31),
                               certificate_no="JS-2023-0001", actor=official)
    assert selectors.titles_held(enterprise) == [title]
