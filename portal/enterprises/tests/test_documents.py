"""The JSON facts document, the columnar frame, the population loader and the vocabulary
table in docs/facts.md."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from indicators.document import parse_facts
from indicators.vocabulary import Source
from population import layout
from portal.audit.models import AuditEntry
from portal.enterprises import selectors, services
from portal.enterprises.documents import facts_document
from portal.enterprises.loading import load_population
from portal.enterprises.models import Enterprise, Fact, Title
from portal.enterprises.tests.codes import make_uscc
from portal.enterprises.vocabulary_doc import HEADING, vocabulary_markdown, with_current_section
from zjtx.cli import main

FACTS_MD = Path(__file__).resolve().parents[3] / "docs" / "facts.md"


@pytest.fixture
def enterprise(regions, industries, official, expert) -> Enterprise:
    company = services.enterprise_create(uscc=make_uscc(), name="苏州示例精密机械有限公司",
                                         region=regions["wujiang"],
                                         industry=industries["machine"], actor=official)
    for indicator, year, value, source, actor in (
        ("revenue", 2025, 123_456_789, Source.AUDIT_REPORT, None),
        ("rd_expense", 2024, 4_000_000, Source.AUDIT_REPORT, official),
        ("employees", 2025, 120, Source.STATISTICS, None),
        ("class1_ip", None, 5, Source.THIRD_PARTY, None),
        ("founded_on", None, dt.date(2012, 3, 1), Source.THIRD_PARTY, None),
        ("tech_domestic_leading", None, True, Source.EXPERT, expert),
    ):
        services.fact_set(enterprise=company, indicator=indicator, year=year, value=value,
                          source=source, actor=actor)
    services.title_add(enterprise=company, tier="srdi_sme", level="province",
                       valid_from=dt.date(2023, 1, 1), valid_until=dt.date(2025, 12, 31),
                       certificate_no="JS-ZJTX-2023-0001", actor=official)
    return company


@pytest.mark.django_db
def test_the_facts_document_has_the_documented_shape(enterprise):
    document = facts_document(enterprise)
    assert document["schema"] == "zjtx.facts/1"
    assert document["region_code"] == "320509" and document["industry_code"] == "C3484"
    assert document["static"]["class1_ip"] == 5
    assert document["static"]["founded_on"] == "2012-03-01"
    assert document["annual"]["2025"] == {"revenue": "12345.6789", "employees": 120}
    rd = document["annual"]["2024"]["rd_expense"]
    assert rd["value"] == "400" and rd["entered_by"] == "吴江区 王某"
    attested = document["static"]["tech_domestic_leading"]
    assert attested["value"] is True and attested["entered_by"] == "专家 李某"
    assert attested["entered_at"].endswith("+08:00")
    assert document["titles"] == [{"tier": "srdi_sme", "level": "province",
                                   "valid_from": "2023-01-01", "valid_until": "2025-12-31",
                                   "certificate_no": "JS-ZJTX-2023-0001"}]


@pytest.mark.django_db
def test_the_engine_parses_the_document_back_exactly(enterprise):
    parsed = parse_facts(json.loads(json.dumps(facts_document(enterprise))))
    assert parsed.value("revenue", 2025) == 123_456_789
    assert parsed.value("rd_expense", 2024) == 4_000_000
    assert parsed.value("founded_on") == dt.date(2012, 3, 1)
    assert parsed.latest_title("srdi_sme", "province").valid_until == dt.date(2025, 12, 31)


@pytest.mark.django_db
def test_zjtx_facts_prints_the_document(enterprise):
    result = CliRunner().invoke(main, ["facts", enterprise.uscc])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["annual"]["2025"]["revenue"] == "12345.6789"
    assert "苏州示例" in result.output  # ensure_ascii is off
    missing = CliRunner().invoke(main, ["facts", make_uscc()])
    assert missing.exit_code != 0 and "未找到" in missing.output


@pytest.mark.django_db
def test_the_columnar_frame_follows_the_layout(enterprise):
    frame = selectors.current_facts_frame(years=[2024, 2025])
    assert frame.schema == pl.Schema(layout.schema([2024, 2025]))
    row = frame.row(0, named=True)
    assert row["revenue__2025"] == 123_456_789 and row["revenue__2024"] is None
    assert row["class1_ip"] == 5 and row["tech_domestic_leading"] is True
    assert row["title__srdi_sme__province__until"] == dt.date(2025, 12, 31)
    assert row["invention_patents"] is None  # unknown stays null, never 0


def population_frame(count: int) -> pl.DataFrame:
    schema = layout.schema([2024, 2025])
    rows = []
    for i in range(count):
        row = dict.fromkeys(schema)
        row.update(uscc=make_uscc(5000 + i), name=f"企业{i}", region_code="320509",
                   industry_code="C3484", revenue__2024=1_000_000 * (i + 1),
                   employees__2025=10 + i, own_brand=i % 2 == 0, sme_size="small",
                   founded_on=dt.date(2010, 1, 1), title__hnte__national__from=dt.date(2023, 1, 1))
        rows.append(row)
    return pl.DataFrame(rows, schema=schema)


@pytest.mark.django_db
def test_it_loads_a_population_and_a_second_load_writes_nothing(regions, industries):
    frame = population_frame(20)
    assert load_population(frame) == 20
    facts = Fact.objects.count()
    assert facts == 20 * 5 and Title.objects.count() == 20
    assert Enterprise.objects.filter(sme_size="small").count() == 20  # mirrored columns
    round_trip = selectors.current_facts_frame(years=[2024, 2025])
    assert round_trip.sort("uscc").equals(frame.sort("uscc"))
    assert load_population(frame) == 0
    assert Fact.objects.count() == facts and Title.objects.count() == 20
    assert AuditEntry.objects.filter(action="enterprise.load_population").count() == 2


@pytest.mark.django_db
def test_loading_refuses_unknown_regions(regions, industries):
    frame = population_frame(2).with_columns(region_code=pl.lit("999999"))
    with pytest.raises(services.RegistryError, match="区域代码不在行政区划参考数据中"):
        load_population(frame)
    assert not Enterprise.objects.exists()


def test_docs_facts_md_carries_the_current_vocabulary_table():
    current = FACTS_MD.read_text(encoding="utf-8")
    assert with_current_section(current) == current, (
        "docs/facts.md 的指标目录已过期：运行 zjtx facts vocabulary --into docs/facts.md")


def test_the_generated_section_replaces_only_itself():
    stale = "# 标题\n\n正文\n\n" + HEADING + "\n\n| 旧表 |\n"
    assert with_current_section(stale) == "# 标题\n\n正文\n\n" + vocabulary_markdown()


def test_zjtx_facts_vocabulary_prints_the_table():
    result = CliRunner().invoke(main, ["facts", "vocabulary"])
    assert result.exit_code == 0 and result.output == vocabulary_markdown()
