"""indicators/document.py: the JSON facts document parsed into storage units, or Chinese errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.document import FactsDocumentError, load_facts, loads_facts, parse_facts

BASE = '{"schema": "zjtx.facts/1", "region_code": "320509", %s}'


def issues(text: str) -> list[str]:
    with pytest.raises(FactsDocumentError) as exc:
        loads_facts(BASE % text)
    return [str(i) for i in exc.value.issues]


def test_it_stores_money_in_yuan_and_percent_in_basis_points() -> None:
    doc = loads_facts(BASE % '"annual": {"2025": {"revenue": "12345.6789", '
                      '"niche_market_share": "10.5", "employees": 120}}')
    assert doc.value("revenue", 2025) == 123456789
    assert doc.value("niche_market_share", 2025) == 1050
    assert doc.value("employees", 2025) == 120


def test_it_rejects_floats_with_the_json_path() -> None:
    assert issues('"annual": {"2025": {"revenue": 1234.5}}') == [
        "$.annual.2025.revenue：不接受浮点数 1234.5，请写成字符串“1234.5”"]


def test_it_reads_null_as_unknown_not_zero() -> None:
    doc = loads_facts(BASE % '"annual": {"2025": {"revenue": null}}')
    assert doc.fact("revenue", 2025) is None


@pytest.mark.parametrize(("body", "path"), [
    ('"static": {"revenu": "1"}', "$.static.revenu"),
    ('"static": {"revenue": "1"}', "$.static.revenue"),
    ('"static": {"rd_institution_level": "galactic"}', "$.static.rd_institution_level"),
    ('"annual": {"2025": {"revenue": "1.00001"}}', "$.annual.2025.revenue"),
    ('"annual": {"2025": {"employees": true}}', "$.annual.2025.employees"),
    ('"annual": {"25": {}}', "$.annual.25"),
    ('"titles": [{"tier": "little_giant", "level": "city", "valid_from": "2024-01-01"}]',
     "$.titles[0].level"),
    ('"static": {"founded_on": "2012-13-01"}', "$.static.founded_on"),
])
def test_it_names_the_path_of_each_bad_value(body: str, path: str) -> None:
    found = issues(body)
    assert len(found) == 1 and found[0].startswith(path + "：")


def test_it_keeps_provenance() -> None:
    doc = parse_facts({"schema": "zjtx.facts/1", "region_code": "320509", "static": {
        "tech_domestic_leading": {"value": True, "source": "expert", "entered_by": "专家 王某"}}})
    fact = doc.fact("tech_domestic_leading")
    assert fact is not None and fact.value is True
    assert fact.provenance is not None and fact.provenance.entered_by == "专家 王某"


def test_it_reads_a_file_and_reports_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(FactsDocumentError) as exc:
        load_facts(path)
    assert "不是合法的JSON" in str(exc.value)
