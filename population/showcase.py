"""Hand-crafted demo enterprises that land on every tier and just beside it.

``showcase(years)`` returns them in the columnar layout (docs/facts.md), ready for
``population.generate(n, seed, extra=showcase())``; ``showcase_documents(years)`` gives the same
enterprises as ``zjtx.facts/1`` documents (user units), and ``designs()`` says what each one
is meant to show, with the outcomes the rules engine must give. ``population/tests/
test_showcase.py`` evaluates every one and asserts its designed outcome, so the showcase stays
true as the criteria evolve.

Cluster memberships (the ``clusters`` column, ``MEMBERSHIPS``) follow the industry as zjtx's
mapping ``reference/data/cluster_industries.yaml`` reads it; firms in industries it maps to no
cluster (机械零部件加工, 涂料, 铸造) belong to none.

Evaluation dates: 2026-11-21 (the 2026 measures; 上年度 = 2025), 2025-06-30 (the 2022 measures;
上年度 = 2024) and 2022-06-30 (Jiangsu's 2020 pool; 上年度 = 2021).

Who is what (企业（地区）：设计结果):

- 吴江恒力精密机械有限公司（吴江开发区）：
    2026：科技型、创新型、专精特新、小巨人均通过；
    2025-06-30（2022年标准）：创新型、专精特新、小巨人均通过；
    单项冠军不通过（全球排名第8、营业收入规模不足）
- 苏州工业园区纳微光电材料股份有限公司（苏州工业园区）：
    单项冠军（两个日期）待定：两项“需人工审核”之外全部满足
- 吴江汾湖芯联传感科技有限公司（汾湖高新区（黎里镇））：
    专精特新（2026）通过；
    小巨人不通过（营业收入3,600万元，近两年研发费用合计560万元）
- 常州新北华锐涂层科技有限公司（常州新北区）：
    创新型（2026）按评分通过（75分），不靠直通条件
- 吴江盛泽锦纶纺织科技有限公司（吴江高新区（盛泽镇））：
    专精特新（2026）差一项：2025年研发强度2.9%（须≥3%）
- 吴江七都海缆装备有限公司（七都镇）：
    小巨人（2026）差一项：营业收入4,990万元（须≥5,000万元）
- 南京江北芯智微电子有限公司（浦口区）：
    创新型（2026）差一项：评分55分（须≥60分，各类最低分均已达到），且无直通条件
- 苏州吴中天成数控科技有限公司（吴中区）：
    科技型（2026）差一项：营业收入2.01亿元（须≤2亿元）
- 吴江震泽恒通精密铸造有限公司（震泽镇）：
    小巨人（2026）恰在边界：营业收入复合增长率恰为5%、主营占比恰为90%、资产负债率恰
    为75%、近两年研发费用合计恰为1,200万元、Ⅰ类知识产权恰为4项、细分市场占有率恰为
    10%、发展评价恰为60分、细分市场恰满3年——全部通过
- 吴江平望云启智能装备有限公司（平望镇）：
    小巨人（2026）待定：只缺2025年发展评价得分和细分市场占有率/排名
- 吴江桃源宏达精工有限公司（桃源镇）：
    小巨人（2025-06-30，2022年标准）差一项：2023年研发强度2.9%（营业收入1亿元以上须≥3%）
- 苏州相城中科自控仪表有限公司（相城区）：
    专精特新（2025-06-30，2022年标准）差一项：研发费用99万元（须≥100万元）
- 无锡锡山聚源智能控制有限公司（锡山区）：
    千企升级培育库创新类（2022-06-30）通过
- 常州武进精工轴承有限公司（武进区）：
    千企升级培育库制造类（2022-06-30）通过
    （需2019—2020年数据：默认2021—2025年的演示库中为待定）
- 扬州广陵优创涂料有限公司（广陵区）：
    千企升级培育库创新类（2022-06-30）差一项：没有有效专利
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl

from indicators.document import parse_facts
from indicators.uscc import check_character, org_check_character
from population.generation import DEFAULT_YEARS
from population.layout import CLUSTERS, annual_column, frame_schema, title_column

ALL_YEARS: tuple[int, ...] = tuple(range(2019, 2026))  # every year the showcase has figures for
DEMO_DAY = date(2026, 11, 21)
MEASURES_2022_DAY = date(2025, 6, 30)
POOL_DAY = date(2022, 6, 30)


@dataclass(frozen=True)
class Expectation:
    """The designed outcome of one set: pass, fail with exactly these main criteria failing,
    or unknown with exactly these main criteria unknown (and none failing)."""

    on: date
    set_id: str
    verdict: str
    criteria: tuple[str, ...] = ()


@dataclass(frozen=True)
class Design:
    name: str
    purpose: str
    document: Mapping[str, Any]
    expectations: tuple[Expectation, ...]


# ---- building blocks ----------------------------------------------------------------------
def _uscc(division: str, serial: int) -> str:
    body = f"MA7XW{serial:03d}"
    code17 = f"91{division}{body}{org_check_character(body)}"
    return code17 + check_character(code17)


def _money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.0001")).normalize())


def _figures(revenue: Mapping[int, str], *, main: str = "0.96", product: str = "0.80",
             rd: str = "0.07", margin: str = "0.12") -> dict[int, dict[str, Any]]:
    """Annual figures in 万元 derived from each year's revenue by fixed shares."""
    out: dict[int, dict[str, Any]] = {}
    for year, text in revenue.items():
        r = Decimal(text)
        out[year] = {
            "revenue": text, "main_revenue": _money(r * Decimal(main)),
            "main_product_revenue": _money(r * Decimal(product)),
            "rd_expense": _money(r * Decimal(rd)), "operating_profit": _money(r * Decimal(margin)),
            "total_profit": _money(r * Decimal(margin) * Decimal("1.02")),
            "net_profit": _money(r * Decimal(margin) * Decimal("0.87")),
            "taxes_paid": _money(r * Decimal("0.045")), "qualified_equity": "0",
            "major_accidents": 0, "serious_violations": 0, "safety_env_violations": 0,
            "national_sti_award_top3": 0, "national_sti_award_top5": 0,
            "province_sti_award_top3": 0, "sti_award_province_plus": 0,
            "maker_china_top50": False, "maker_china_top500": False,
            "standards_led": 0, "standards_participated": 0, "resource_rating": "A",
        }
    return out


def _staff(annual: dict[int, dict[str, Any]], employees: int, rd_staff: int,
           tech_staff: int) -> None:
    for figures in annual.values():
        figures.update(employees=employees, rd_staff=rd_staff, tech_staff=tech_staff)


def _balance(annual: dict[int, dict[str, Any]], assets: str, liabilities: str) -> None:
    for figures in annual.values():
        figures.update(total_assets=assets, total_liabilities=liabilities)


_ATTESTED_YES = (
    "tech_domestic_leading", "key_field", "chain_key_role", "class1_ip_applied",
    "market_position_leading", "good_governance", "high_recognition", "chain_role_2026",
    "independent_legal_entity", "niche_focus", "advanced_cluster", "four_new",
    "core_team_background", "high_growth_potential", "original_technology",
    "performance_leading", "sustained_innovation", "brand_strategy", "basic_key_field",
    "profit_above_industry", "quality_credit_management", "gap_filling",
)


def _static(**overrides: Any) -> dict[str, Any]:
    static: dict[str, Any] = {
        "invention_patents": 12, "utility_models": 30, "design_patents": 4,
        "software_copyrights": 6, "class1_ip": 12, "class1_ip_self_developed": 10,
        "class1_ip_high_value": 3, "class2_ip": 25, "rd_institution_level": "province",
        "founded_on": "2009-05-18", "niche_since": 2012, "sme_size": "medium",
        "digital_level": 4, "quality_award_level": "city", "quality_system_certified": True,
        "management_system_certified": True, "developed_market_product_cert": True,
        "own_brand": True, "famous_trademark": False, "it_system_core_business": True,
        "chain_leader": False, "large_leader_supplier": True, "strategic_emerging": True,
        "on_abnormal_list": False, "on_dishonesty_list": False, "product_restricted": False,
        "dishonesty_record": False, "distinctive_score": "13", "little_giant_affiliate": False,
        "tech_international_leading": False, "performance_international_leading": False,
    }
    static.update({k: True for k in _ATTESTED_YES})
    static.update(overrides)
    return static


def _titles(*held: tuple[str, str, str, str]) -> list[dict[str, str]]:
    return [{"tier": t, "level": lv, "valid_from": f, "valid_until": u} for t, lv, f, u in held]


# Titles a strong 专精特新 enterprise holds on both demo dates.
_HNTE = ("hnte", "national", "2024-12-01", "2027-11-30")
_INNOVATIVE = ("innovative_sme", "province", "2024-05-01", "2027-04-30")
_SRDI = ("srdi_sme", "province", "2024-01-01", "2026-12-31")


def _document(name: str, region: str, division: str, serial: int, industry: str,
              static: dict[str, Any], annual: dict[int, dict[str, Any]],
              titles: list[dict[str, str]]) -> dict[str, Any]:
    if "advanced_cluster" in static:  # only a cluster member's product lies in a cluster
        static = {**static, "advanced_cluster": static["advanced_cluster"]
                  and bool(MEMBERSHIPS.get(name))}
    return {"schema": "zjtx.facts/1", "uscc": _uscc(division, serial), "name": name,
            "region_code": region, "industry_code": industry, "static": static,
            "annual": {str(y): f for y, f in sorted(annual.items())}, "titles": titles}


def _set(annual: dict[int, dict[str, Any]], year: int, **values: Any) -> None:
    annual[year].update(values)


# ---- the giant and its relatives ----------------------------------------------------------
_GIANT_REVENUE = {2019: "8000", 2020: "8800", 2021: "9600", 2022: "10400", 2023: "11200",
                  2024: "12400", 2025: "13600"}


def _giant_annual(revenue: Mapping[int, str] = _GIANT_REVENUE) -> dict[int, dict[str, Any]]:
    annual = _figures(revenue)
    _staff(annual, 320, 80, 120)
    _balance(annual, "15000", "6000")
    for year, figures in annual.items():
        figures.update(niche_market_share="15", domestic_rank=2, province_rank=1,
                       global_market_share="3", global_rank=8)
        if year >= 2023:
            figures["development_score"] = "78"
    _set(annual, 2023, standards_led=1, standards_participated=2)
    return annual


def _giant() -> Design:
    doc = _document("吴江恒力精密机械有限公司", "320509901", "320509", 1, "C3484",
                    _static(), _giant_annual(), _titles(_HNTE, _INNOVATIVE, _SRDI))
    return Design(doc["name"], "各梯度均通过（单项冠军除外）", doc, (
        Expectation(DEMO_DAY, "cn-2026-tech-sme", "pass"),
        Expectation(DEMO_DAY, "cn-2026-innovative-sme-interim", "pass"),
        Expectation(DEMO_DAY, "cn-2026-srdi-sme", "pass"),
        Expectation(DEMO_DAY, "cn-2026-little-giant", "pass"),
        Expectation(DEMO_DAY, "cn-2023-single-champion", "fail",
                    ("global_rank", "main_revenue")),
        Expectation(MEASURES_2022_DAY, "cn-2022-innovative-sme", "pass"),
        Expectation(MEASURES_2022_DAY, "cn-2022-srdi-sme", "pass"),
        Expectation(MEASURES_2022_DAY, "cn-2022-little-giant", "pass"),
    ))


def _champion() -> Design:
    revenue = {2019: "42000", 2020: "45000", 2021: "48000", 2022: "50500", 2023: "52000",
               2024: "55000", 2025: "58800"}
    annual = _figures(revenue, rd="0.05")
    _staff(annual, 860, 190, 260)
    _balance(annual, "76000", "30400")
    for figures in annual.values():
        figures.update(niche_market_share="32", domestic_rank=1, global_market_share="18",
                       global_rank=2, development_score="88")
    static = _static(sme_size="large", niche_since=2006, founded_on="2004-08-20",
                     class1_ip=46, invention_patents=58, rd_institution_level="national",
                     tech_international_leading=True, performance_international_leading=True)
    doc = _document("苏州工业园区纳微光电材料股份有限公司", "320571", "320500", 2, "C3976",
                    static, annual, _titles(("little_giant", "national", "2021-07-01",
                                             "2027-06-30"), _HNTE))
    return Design(doc["name"], "单项冠军待定：除需人工审核的两项外全部满足", doc, (
        Expectation(DEMO_DAY, "cn-2023-single-champion", "unknown",
                    ("basic", "other_standards")),
        Expectation(MEASURES_2022_DAY, "cn-2023-single-champion", "unknown",
                    ("basic", "other_standards")),
    ))


def _srdi_only() -> Design:
    revenue = {y: str(2400 + 200 * (y - 2019)) for y in ALL_YEARS}  # 2025: 3600
    annual = _figures(revenue, rd="0.08")
    _staff(annual, 120, 35, 50)
    _balance(annual, "5200", "2100")
    for figures in annual.values():
        figures.update(niche_market_share="6", domestic_rank=7, development_score="66")
    static = _static(sme_size="small", class1_ip=5, invention_patents=7, niche_since=2017,
                     founded_on="2016-03-09", rd_institution_level="city")
    doc = _document("吴江汾湖芯联传感科技有限公司", "320509902", "320509", 3, "C3983",
                    static, annual, _titles(_HNTE, _INNOVATIVE, _SRDI))
    return Design(doc["name"], "专精特新通过，小巨人因营业收入不足而不通过", doc, (
        Expectation(DEMO_DAY, "cn-2026-srdi-sme", "pass"),
        Expectation(DEMO_DAY, "cn-2026-little-giant", "fail", ("revenue", "rd")),
    ))


def _innovative_by_score() -> Design:
    """75 分: Ⅰ类知识产权 10 + 研发强度 4% 15 + 主营增长 12% 15 + 负债率 50% 10
    + 其他领域 5 + 主营占比 92% 20; no direct route (no award, title, institution, equity)."""
    revenue = {2021: "1800", 2022: "2000", 2023: "2200", 2024: "2500", 2025: "2800"}
    annual = _figures(revenue, rd="0.04", main="0.92")
    _staff(annual, 60, 9, 14)
    _balance(annual, "3000", "1500")
    # 主营业务收入增长率 2025: 2800×0.92 / (2500×0.92) − 1 = 12% → B 档 15 分
    static = _static(sme_size="small", class1_ip=2, class1_ip_self_developed=0,
                     class1_ip_high_value=0, class2_ip=3, invention_patents=2,
                     rd_institution_level="none", strategic_emerging=False, niche_since=2020,
                     founded_on="2019-10-12", market_position_leading=False)
    doc = _document("常州新北华锐涂层科技有限公司", "320411", "320411", 4, "C2641",
                    static, annual, [])
    return Design(doc["name"], "创新型按评分通过（75分，无直通条件）", doc, (
        Expectation(DEMO_DAY, "cn-2026-innovative-sme-interim", "pass"),
    ))


def _srdi_near_miss() -> Design:
    revenue = {y: str(4000 + 300 * (y - 2019)) for y in ALL_YEARS}  # 2025: 5800
    annual = _figures(revenue, rd="0.045")
    _set(annual, 2025, rd_expense="168.2")  # 168.2 / 5800 = 2.9 %
    _staff(annual, 150, 30, 45)
    _balance(annual, "6500", "3000")
    for figures in annual.values():
        figures.update(development_score="62")
    static = _static(sme_size="small", class1_ip=3, niche_since=2015, founded_on="2011-04-02",
                     rd_institution_level="city")
    doc = _document("吴江盛泽锦纶纺织科技有限公司", "320509903", "320509", 5, "C2822",
                    static, annual, _titles(_INNOVATIVE))
    return Design(doc["name"], "专精特新差一项：2025年研发强度2.9%", doc, (
        Expectation(DEMO_DAY, "cn-2026-srdi-sme", "fail", ("rd",)),
    ))


def _giant_revenue_near_miss() -> Design:
    revenue = {2019: "3600", 2020: "3800", 2021: "4000", 2022: "4100", 2023: "4300",
               2024: "4650", 2025: "4990"}
    annual = _giant_annual(revenue)
    for figures in annual.values():
        figures["rd_expense"] = _money(Decimal(figures["revenue"]) * Decimal("0.13"))
    doc = _document("吴江七都海缆装备有限公司", "320509905", "320509", 6, "C3734",
                    _static(sme_size="small", class1_ip=6), annual,
                    _titles(_HNTE, _INNOVATIVE, _SRDI))
    return Design(doc["name"], "小巨人差一项：营业收入4,990万元", doc, (
        Expectation(DEMO_DAY, "cn-2026-little-giant", "fail", ("revenue",)),
    ))


def _innovative_near_miss() -> Design:
    """55 分, every category at its minimum or above (创新 20 ≥ 20, 成长 15 ≥ 15, 专业 20 ≥ 15):
    Ⅰ类知识产权 10 + 研发强度 2.5% 10 + 主营增长 3% 5 + 负债率 50% 10 + 其他领域 5
    + 主营占比 65% 15; only the total misses 60."""
    revenue = {2021: "2600", 2022: "2800", 2023: "2950", 2024: "3000", 2025: "3090"}
    annual = _figures(revenue, rd="0.025", main="0.65")
    _staff(annual, 80, 8, 12)
    _balance(annual, "4000", "2000")
    static = _static(sme_size="small", class1_ip=1, class1_ip_self_developed=0,
                     class1_ip_high_value=0, class2_ip=2, invention_patents=1,
                     rd_institution_level="city", strategic_emerging=False, niche_since=2019,
                     founded_on="2018-06-30")
    doc = _document("南京江北芯智微电子有限公司", "320111", "320111", 7, "C3973",
                    static, annual, [])
    return Design(doc["name"], "创新型差一项：评分55分，无直通条件", doc, (
        Expectation(DEMO_DAY, "cn-2026-innovative-sme-interim", "fail", ("score",)),
    ))


def _tech_near_miss() -> Design:
    revenue = {2021: "15000", 2022: "16200", 2023: "17500", 2024: "18800", 2025: "20100"}
    annual = _figures(revenue, rd="0.06")
    _staff(annual, 410, 70, 110)
    _balance(annual, "18000", "8100")
    doc = _document("苏州吴中天成数控科技有限公司", "320506", "320506", 8, "C3421",
                    _static(), annual, _titles(_HNTE))
    return Design(doc["name"], "科技型差一项：营业收入2.01亿元", doc, (
        Expectation(DEMO_DAY, "cn-2026-tech-sme", "fail", ("size",)),
    ))


def _giant_on_boundary() -> Design:
    revenue = {2019: "4000", 2020: "4200", 2021: "4400", 2022: "4600", 2023: "4800",
               2024: "5040", 2025: "5292"}  # 4800 × 1.05² = 5292: CAGR exactly 5 %
    annual = _giant_annual(revenue)
    _set(annual, 2025, main_revenue="4762.8",  # exactly 90 %
         rd_expense="635.04", niche_market_share="10", domestic_rank=5, global_market_share="1",
         development_score="60")
    _set(annual, 2024, rd_expense="564.96")  # 635.04 + 564.96 = 1200 exactly
    _balance(annual, "8000", "6000")  # exactly 75 %
    static = _static(sme_size="small", class1_ip=4, niche_since=2022, founded_on="2014-09-01")
    doc = _document("吴江震泽恒通精密铸造有限公司", "320509907", "320509", 9, "C3391",
                    static, annual, _titles(_INNOVATIVE, _SRDI))
    return Design(doc["name"], "小巨人恰在各项边界上，全部通过", doc, (
        Expectation(DEMO_DAY, "cn-2026-little-giant", "pass"),
    ))


def _giant_unknown() -> Design:
    annual = _giant_annual()
    for key in ("development_score", "niche_market_share", "domestic_rank",
                "global_market_share", "global_rank", "province_rank"):
        del annual[2025][key]
    doc = _document("吴江平望云启智能装备有限公司", "320509908", "320509", 10, "C3491",
                    _static(niche_since=2013), annual, _titles(_HNTE, _INNOVATIVE, _SRDI))
    return Design(doc["name"], "小巨人待定：只缺发展评价得分和细分市场数据", doc, (
        Expectation(DEMO_DAY, "cn-2026-little-giant", "unknown",
                    ("market_position", "development_score")),
    ))


def _giant_2022_near_miss() -> Design:
    annual = _giant_annual()
    _set(annual, 2023, rd_expense="324.8")  # 324.8 / 11200 = 2.9 %
    doc = _document("吴江桃源宏达精工有限公司", "320509906", "320509", 11, "C3484",
                    _static(), annual, _titles(_HNTE, _INNOVATIVE, _SRDI))
    return Design(doc["name"], "小巨人（2022年标准）差一项：2023年研发强度2.9%", doc, (
        Expectation(MEASURES_2022_DAY, "cn-2022-little-giant", "fail", ("innovation",)),
    ))


def _srdi_2022_near_miss() -> Design:
    revenue = {y: str(2200 + 150 * (y - 2019)) for y in ALL_YEARS}  # 2024: 3000
    annual = _figures(revenue, rd="0.05")
    _set(annual, 2024, rd_expense="99")  # 3.3 % but under 100万元
    _staff(annual, 95, 20, 30)
    _balance(annual, "3600", "1500")
    static = _static(sme_size="small", class1_ip=3, niche_since=2018, founded_on="2015-01-20",
                     rd_institution_level="city")
    doc = _document("苏州相城中科自控仪表有限公司", "320507", "320507", 12, "C4011",
                    static, annual, _titles(_INNOVATIVE))
    return Design(doc["name"], "专精特新（2022年标准）差一项：研发费用99万元", doc, (
        Expectation(MEASURES_2022_DAY, "cn-2022-srdi-sme", "fail", ("rd_input",)),
    ))


def _pool(name: str, region: str, serial: int, industry: str, **static: Any
          ) -> dict[str, Any]:
    revenue = {2019: "1500", 2020: "1650", 2021: "1820", 2022: "2000", 2023: "2150",
               2024: "2300", 2025: "2500"}
    annual = _figures(revenue, rd="0.05", product="0.55")
    _staff(annual, 70, 12, 18)
    _balance(annual, "2600", "1200")
    base = _static(sme_size="small", class1_ip=2, niche_since=2016, founded_on="2015-07-07",
                   rd_institution_level="city")
    base.update(static)
    return _document(name, region, region, serial, industry, base, annual, [])


def _pools() -> list[Design]:
    software = _pool("无锡锡山聚源智能控制有限公司", "320205", 13, "C4011")
    bearing = _pool("常州武进精工轴承有限公司", "320412", 14, "C3451")
    no_patent = _pool("扬州广陵优创涂料有限公司", "321002", 15, "C2641",
                      invention_patents=0, utility_models=0)
    return [
        Design(software["name"], "千企升级培育库（创新类）通过", software, (
            Expectation(POOL_DAY, "js-2020-pool-innovative", "pass"),)),
        Design(bearing["name"], "千企升级培育库（制造类）通过", bearing, (
            Expectation(POOL_DAY, "js-2020-pool-manufacturing", "pass"),)),
        Design(no_patent["name"], "千企升级培育库（创新类）差一项：没有有效专利", no_patent, (
            Expectation(POOL_DAY, "js-2020-pool-innovative", "fail", ("patents",)),)),
    ]


# 13 个先进制造业集群 (clusters.yaml, list js13) each showcase enterprise is in.
MEMBERSHIPS: dict[str, tuple[str, ...]] = {
    "苏州工业园区纳微光电材料股份有限公司": ("js13-13",),  # 新型显示
    "吴江汾湖芯联传感科技有限公司": ("js13-03",),  # 物联网
    "吴江盛泽锦纶纺织科技有限公司": ("js13-06",),  # 高端纺织
    "吴江七都海缆装备有限公司": ("js13-08",),  # 海工装备和高技术船舶
    "南京江北芯智微电子有限公司": ("js13-07",),  # 集成电路
    "苏州吴中天成数控科技有限公司": ("js13-09",),  # 高端装备
    "吴江平望云启智能装备有限公司": ("js13-09",),
    "苏州相城中科自控仪表有限公司": ("js13-09",),
    "无锡锡山聚源智能控制有限公司": ("js13-09",),
    "常州武进精工轴承有限公司": ("js13-09",),
}


def designs() -> list[Design]:
    return [_giant(), _champion(), _srdi_only(), _innovative_by_score(), _srdi_near_miss(),
            _giant_revenue_near_miss(), _innovative_near_miss(), _tech_near_miss(),
            _giant_on_boundary(), _giant_unknown(), _giant_2022_near_miss(),
            _srdi_2022_near_miss(), *_pools()]


# ---- outputs ------------------------------------------------------------------------------
def showcase_documents(years: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """The showcase as facts documents, keeping only the given fiscal years."""
    kept = {str(y) for y in (DEFAULT_YEARS if years is None else years)}
    out = []
    for design in designs():
        doc = copy.deepcopy(dict(design.document))
        doc["annual"] = {y: f for y, f in doc["annual"].items() if y in kept}
        out.append(doc)
    return out


def showcase(years: Iterable[int] | None = None) -> pl.DataFrame:
    """The showcase in the columnar layout for ``years`` (default 2021–2025), with the
    ``clusters`` column of a generated population."""
    chosen = tuple(sorted(set(DEFAULT_YEARS if years is None else years)))
    rows = [_row(doc) for doc in showcase_documents(chosen)]
    for row in rows:
        row[CLUSTERS] = list(MEMBERSHIPS.get(row["name"], ()))
    layout = frame_schema(chosen)
    return pl.DataFrame([{c: row.get(c) for c in layout} for row in rows], schema=layout)


def _row(document: Mapping[str, Any]) -> dict[str, Any]:
    """One facts document (user units) as a layout row (storage units), via the parser."""
    doc = parse_facts(document)
    row: dict[str, Any] = {"uscc": doc.uscc, "name": doc.name, "region_code": doc.region_code,
                           "industry_code": doc.industry_code}
    row.update({k: v.value for k, v in doc.static.items()})
    for year, facts in doc.annual.items():
        row.update({annual_column(k, year): v.value for k, v in facts.items()})
    for title in doc.titles:
        row[title_column(title.tier, title.level, "from")] = title.valid_from
        row[title_column(title.tier, title.level, "until")] = title.valid_until
    return row
