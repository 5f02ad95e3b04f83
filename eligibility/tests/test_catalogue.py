"""The criteria catalogue (docs/criteria.md) and version diffs, in Chinese."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from click.testing import CliRunner

from eligibility.api import default_criteria_dir, load_library
from eligibility.authoring.model import ParameterInfo
from eligibility.catalogue import diff_sets, render_catalogue, render_diff
from eligibility.catalogue.bandtables import range_text
from eligibility.catalogue.labels import jurisdiction_name, quantity_text
from eligibility.catalogue.wording import Wording
from eligibility.ir import MONEY, RATIO
from zjtx.cli import main
from zjtx.engine_commands import default_catalogue_path

FIXTURES = Path(__file__).parent / "fixtures" / "criteria"


def wording() -> Wording:
    params = {
        "rd_min": ParameterInfo("rd_min", "研发费用下限", "万元", MONEY, Decimal(100),
                                Fraction(1_000_000)),
        "rd_share": ParameterInfo("rd_share", "研发强度", "%", RATIO, Decimal(3),
                                  Fraction(3, 100)),
    }
    return Wording(params)


def test_the_committed_catalogue_is_the_commands_output() -> None:
    committed = default_catalogue_path().read_text(encoding="utf-8")
    assert committed == render_catalogue(load_library(default_criteria_dir())), (
        "docs/criteria.md 已过期：请运行 zjtx criteria docs")


def test_it_words_a_rule_in_plain_chinese_with_units() -> None:
    rule = {"all": [{"ge": ["rd_expense", "rd_min"]},
                    {"ge": [{"ratio": ["rd_expense", "revenue"]}, "rd_share"]}]}
    assert wording().condition(rule) == (
        "上年度研发费用 ≥ 100万元，且上年度研发费用占营业收入比重 ≥ 3%")


def test_it_words_years_titles_judgements_and_manual_review() -> None:
    w = wording()
    assert w.condition({"each_year": {"years": 2, "rule": {"ge": [
        {"ratio": ["total_liabilities", "total_assets"]}, "70%"]}}}) == "近2年每年资产负债率 ≥ 70%"
    assert w.condition({"ge": [{"sum": {"years": 2, "of": "qualified_equity"}}, "8000万元"]}) \
        == "近2年合格机构投资者新增股权融资（实缴）合计 ≥ 8,000万元"
    assert w.condition({"not": {"holds_title": {"tier": "single_champion",
                                                "level": "national"}}}) \
        == "未持有有效的国家级制造业单项冠军称号"
    assert w.condition({"attested": "key_field"}) == "经认定主导产品属于“小巨人”重点领域"
    assert w.condition({"not_formalised": "原文未找到"}) == "需人工审核：原文未找到"
    assert w.condition({"compound_growth": {"of": "revenue", "years": 2, "at_least": "5%"}}) \
        == "近2年营业收入复合增长率 ≥ 5%（即上年度营业收入 ≥ 上年度前2年营业收入×（1+5%）²）"


def test_it_shows_quantities_ranges_and_places_as_officials_write_them() -> None:
    assert quantity_text("5000万元") == "5,000万元"
    assert quantity_text("2.50%") == "2.5%"
    assert range_text("[3%, 5%)") == "≥ 3% 且 < 5%"
    assert range_text("(, 55%]") == "≤ 55%"
    assert [jurisdiction_name(c) for c in ("000000", "320000", "320500", "320509")] == [
        "全国", "江苏省", "苏州市", "吴江区"]


def test_the_catalogue_shows_every_part_of_a_set() -> None:
    text = render_catalogue(load_library(FIXTURES))
    assert "## 目录（按梯度、施行日期排列）" in text
    assert "| 有效期 | 2022年6月1日起至2026年3月31日 |" in text
    assert "| 申报类型 | 新申报、复核 |" in text
    assert "依据：依据待核实（二手来源）" in text
    assert "- 例外：" in text and "适用情形：申报类型为复核时，本项视为满足" in text
    assert "| 类别 | 指标 | 档位 | 条件 | 分值 |" in text


def test_the_diff_matches_renamed_clauses_and_names_the_direction() -> None:
    library = load_library(default_criteria_dir())
    diff = diff_sets(library.get("cn-2022-little-giant"), library.get("cn-2026-little-giant"))
    pairs = {(p.old.id, p.new.id) for p in diff.pairs}
    assert ("specialisation.main_share", "main_share") in pairs
    assert ("innovation.class1_ip", "class1_ip") in pairs
    text = render_diff(diff)
    assert text.index("## 概要") < text.index("## 修改的条件")
    assert "门槛：上年度主营业务收入占营业收入比重：≥ 70% → ≥ 90%（收紧）" in text
    assert "门槛：上年度资产负债率：≤ 70% → ≤ 75%（放宽）" in text
    assert "- 有效期：2022年6月1日起至2026年3月31日 → 2026年4月1日起（未定截止日期）" in text
    assert "新增例外：近三年获得国家级科技奖励" in text


def test_the_commands_write_the_catalogue_and_print_a_diff(tmp_path: Path) -> None:
    out = tmp_path / "criteria.md"
    runner = CliRunner()
    done = runner.invoke(main, ["criteria", "docs", "--dir", str(FIXTURES), "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert out.read_text(encoding="utf-8") == render_catalogue(load_library(FIXTURES))
    diff = runner.invoke(main, ["criteria", "diff", "cn-2022-srdi-sme", "cn-2026-srdi-sme"])
    assert diff.exit_code == 0 and diff.output.startswith("# 专精特新中小企业认定标准变化")
    missing = runner.invoke(main, ["criteria", "diff", "cn-2022-srdi-sme", "nope"])
    assert missing.exit_code == 1 and "找不到认定标准“nope”" in missing.output
