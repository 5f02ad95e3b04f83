"""The one indicator vocabulary of zjtx.

Every fact the registry stores, the import template offers, the rules engine reads and the batch
engine screens is named here, once. Adding an indicator is one entry in ``INDICATORS``; the
registry, the template, docs/facts.md and the engine's checks all follow from it.

Storage is exact: each numeric kind has a *storage unit* that is an integer multiple of nothing
smaller than the data ever needs (money in 元, percentages in 0.01 %), so values are integers in
databases and Parquet files, and ``scale`` converts them to the unit users read and policy texts
speak (万元, %).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    MONEY = "money"  # user unit 万元, stored as integer 元
    COUNT = "count"  # 项 / 人 / 个 / 名, integer
    PERCENT = "percent"  # user unit %, stored as integer 0.01 % (basis points)
    QUANTITY = "quantity"  # a physical quantity with its own unit and decimal scale
    SCORE = "score"  # points, stored as integer 0.01 分
    YEAR = "year"  # a calendar year, integer
    DATE = "date"  # ISO date
    BOOL = "bool"
    ENUM = "enum"  # one of ``choices``


class Period(StrEnum):
    ANNUAL = "annual"  # one value per fiscal (calendar) year
    STATIC = "static"  # one current value; corrections are new versions


class Source(StrEnum):
    SELF_REPORTED = "self_reported"
    TAX = "tax"
    STATISTICS = "statistics"
    AUDIT_REPORT = "audit_report"
    EXPERT = "expert"
    THIRD_PARTY = "third_party"


SOURCE_LABELS: dict[Source, str] = {
    Source.SELF_REPORTED: "企业自报",
    Source.TAX: "税务",
    Source.STATISTICS: "统计部门",
    Source.AUDIT_REPORT: "审计报告",
    Source.EXPERT: "专家认定",
    Source.THIRD_PARTY: "第三方",
}

# Storage units per user unit, by kind (QUANTITY carries its own scale).
KIND_SCALE: dict[Kind, int] = {
    Kind.MONEY: 10_000,
    Kind.COUNT: 1,
    Kind.PERCENT: 100,
    Kind.SCORE: 100,
    Kind.YEAR: 1,
}

KIND_UNIT: dict[Kind, str] = {
    Kind.MONEY: "万元",
    Kind.PERCENT: "%",
    Kind.SCORE: "分",
    Kind.YEAR: "年",
}


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str  # Chinese name, as users and the import template read it
    kind: Kind
    period: Period
    source: Source  # the typical source
    unit: str = ""  # user-facing unit; defaults from the kind
    scale: int = 1  # storage units per user unit; defaults from the kind
    choices: tuple[tuple[str, str], ...] = ()  # (code, Chinese label) for ENUM
    attested: bool = False  # a judgement someone attests (expert, official), not a measurement
    note: str = ""
    group: str = "其他"

    def __post_init__(self) -> None:
        if not self.unit and self.kind in KIND_UNIT:
            object.__setattr__(self, "unit", KIND_UNIT[self.kind])
        if self.scale == 1 and self.kind in KIND_SCALE:
            object.__setattr__(self, "scale", KIND_SCALE[self.kind])

    @property
    def numeric(self) -> bool:
        return self.kind in (Kind.MONEY, Kind.COUNT, Kind.PERCENT, Kind.QUANTITY,
                             Kind.SCORE, Kind.YEAR)

    @property
    def choice_codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.choices)


RD_INSTITUTION_LEVELS = (
    ("none", "未建立"),
    ("county", "县级"),
    ("city", "市级"),
    ("province", "省级"),
    ("national", "国家级"),
)
AWARD_LEVELS = (("none", "无"), ("city", "市级"), ("province", "省级"), ("national", "国家级"))
RESOURCE_CLASSES = (("A", "A类（优先发展）"), ("B", "B类（鼓励提升）"), ("C", "C类（监管调控）"),
                    ("D", "D类（落后整治）"), ("T", "不适合评价"))
SME_SIZES = (("micro", "微型"), ("small", "小型"), ("medium", "中型"), ("large", "大型"))
PRODUCT_FIELDS_2022 = (
    ("key_link", "在产业链供应链关键环节及关键领域“补短板”“锻长板”“填空白”取得实际成效"),
    ("six_foundations", "属于工业“六基”领域、中华老字号名录或服务关键产业链重点龙头企业"),
    ("other", "不属于以上情况"),
)

_A, _S = Period.ANNUAL, Period.STATIC
_FIN = "财务"
_STAFF = "人员"
_IP = "知识产权与创新"
_MKT = "市场"
_MGMT = "管理与质量"
_COMP = "合规记录"
_RES = "资源利用"
_JUDGE = "认定与评价"


def _m(id: str, name: str, source: Source = Source.AUDIT_REPORT, note: str = "") -> Indicator:
    return Indicator(id, name, Kind.MONEY, _A, source, note=note, group=_FIN)


INDICATORS: tuple[Indicator, ...] = (
    # 财务（年度）
    _m("revenue", "营业收入"),
    _m("main_revenue", "主营业务收入"),
    _m("main_product_revenue", "主导产品销售收入"),
    _m("total_profit", "利润总额"),
    _m("net_profit", "净利润"),
    _m("operating_profit", "营业利润"),
    _m("profit_and_tax", "利税总额"),
    _m("taxes_paid", "实缴税金", Source.TAX),
    _m("total_assets", "资产总额"),
    _m("total_liabilities", "负债总额"),
    _m("total_cost", "成本费用支出总额", note="科技型中小企业研发投入指标（二）的分母"),
    _m("rd_expense", "研发费用"),
    _m("qualified_equity", "合格机构投资者新增股权融资（实缴）", Source.THIRD_PARTY,
       note="当年新增、已实缴的部分"),
    # 人员（年度，年末数）
    Indicator("employees", "职工总数", Kind.COUNT, _A, Source.STATISTICS, unit="人", group=_STAFF),
    Indicator("rd_staff", "研发人员", Kind.COUNT, _A, Source.SELF_REPORTED, unit="人",
              group=_STAFF),
    Indicator("tech_staff", "科技人员", Kind.COUNT, _A, Source.SELF_REPORTED, unit="人",
              note="科技型中小企业评价口径", group=_STAFF),
    # 资源利用（年度）
    Indicator("energy_use", "综合能耗", Kind.QUANTITY, _A, Source.STATISTICS, unit="吨标准煤",
              scale=1000, group=_RES),
    Indicator("land_area", "用地面积", Kind.QUANTITY, _A, Source.THIRD_PARTY, unit="亩",
              scale=100, group=_RES),
    Indicator("resource_rating", "资源集约利用综合评价类别", Kind.ENUM, _A, Source.THIRD_PARTY,
              choices=RESOURCE_CLASSES, group=_RES),
    # 市场（年度）
    Indicator("niche_market_share", "主导产品国内细分市场占有率", Kind.PERCENT, _A,
              Source.THIRD_PARTY, group=_MKT),
    Indicator("global_market_share", "主导产品国际细分市场占有率", Kind.PERCENT, _A,
              Source.THIRD_PARTY, group=_MKT),
    Indicator("domestic_rank", "主导产品国内细分市场排名", Kind.COUNT, _A, Source.THIRD_PARTY,
              unit="名", group=_MKT),
    Indicator("province_rank", "主导产品全省细分市场排名", Kind.COUNT, _A, Source.THIRD_PARTY,
              unit="名", group=_MKT),
    Indicator("global_rank", "主导产品全球细分市场排名", Kind.COUNT, _A, Source.THIRD_PARTY,
              unit="名", group=_MKT),
    # 创新成果（年度，当年取得的项数）
    Indicator("national_sti_award_top3", "国家级科技奖励（获奖单位排名前三）", Kind.COUNT, _A,
              Source.THIRD_PARTY, unit="项", note="当年获得的项数，无则填0", group=_IP),
    Indicator("national_sti_award_top5", "国家级科技奖励（获奖单位排名前五）", Kind.COUNT, _A,
              Source.THIRD_PARTY, unit="项", note="当年获得的项数，无则填0", group=_IP),
    Indicator("province_sti_award_top3", "省部级科技奖励（获奖单位排名前三）", Kind.COUNT, _A,
              Source.THIRD_PARTY, unit="项", note="当年获得的项数，无则填0", group=_IP),
    Indicator("sti_award_province_plus", "省级以上科技奖励（不限排名）", Kind.COUNT, _A,
              Source.THIRD_PARTY, unit="项",
              note="当年获得的国家级、省级科技奖励项数（不论在获奖单位中的排名），无则填0",
              group=_IP),
    Indicator("maker_china_top50", "“创客中国”大赛全国50强企业组", Kind.BOOL, _A,
              Source.THIRD_PARTY, group=_IP),
    Indicator("maker_china_top500", "“创客中国”大赛全国500强企业组", Kind.BOOL, _A,
              Source.THIRD_PARTY, group=_IP),
    Indicator("standards_led", "主导制修订国际/国家/行业标准", Kind.COUNT, _A, Source.THIRD_PARTY,
              unit="项", note="当年发布的项数", group=_IP),
    Indicator("standards_participated", "参与（含主导）制修订国际/国家/行业标准", Kind.COUNT, _A,
              Source.THIRD_PARTY, unit="项", note="当年发布的项数", group=_IP),
    # 合规记录（年度）
    Indicator("major_accidents", "重大安全、质量、环境污染事故", Kind.COUNT, _A,
              Source.THIRD_PARTY, unit="起", note="含网络安全、数据安全事件", group=_COMP),
    Indicator("serious_violations", "偷税漏税、数据造假等严重违法违规", Kind.COUNT, _A,
              Source.THIRD_PARTY, unit="起", group=_COMP),
    # 评价（年度）
    Indicator("development_score", "中小企业专精特新发展评价得分", Kind.SCORE, _A,
              Source.THIRD_PARTY, note="由工信部平台计算，只录入不重算", group=_JUDGE),
    # 知识产权（现有存量）
    Indicator("invention_patents", "有效发明专利", Kind.COUNT, _S, Source.THIRD_PARTY, unit="项",
              group=_IP),
    Indicator("utility_models", "有效实用新型专利", Kind.COUNT, _S, Source.THIRD_PARTY,
              unit="项", group=_IP),
    Indicator("design_patents", "有效外观设计专利", Kind.COUNT, _S, Source.THIRD_PARTY,
              unit="项", group=_IP),
    Indicator("software_copyrights", "软件著作权", Kind.COUNT, _S, Source.THIRD_PARTY,
              unit="项", group=_IP),
    Indicator("class1_ip", "与主导产品相关的Ⅰ类知识产权", Kind.COUNT, _S, Source.THIRD_PARTY,
              unit="项", group=_IP),
    Indicator("class1_ip_self_developed", "自主研发的Ⅰ类知识产权", Kind.COUNT, _S,
              Source.THIRD_PARTY, unit="项", group=_IP),
    Indicator("class1_ip_high_value", "Ⅰ类高价值知识产权", Kind.COUNT, _S, Source.THIRD_PARTY,
              unit="项", group=_IP),
    Indicator("class2_ip", "与主导产品相关的Ⅱ类知识产权", Kind.COUNT, _S, Source.THIRD_PARTY,
              unit="项", group=_IP),
    Indicator("rd_institution_level", "研发机构级别", Kind.ENUM, _S, Source.THIRD_PARTY,
              choices=RD_INSTITUTION_LEVELS, group=_IP),
    # 经营与管理（现状）
    Indicator("founded_on", "成立日期", Kind.DATE, _S, Source.THIRD_PARTY, group=_MGMT),
    Indicator("niche_since", "进入特定细分市场年份", Kind.YEAR, _S, Source.SELF_REPORTED,
              group=_MKT),
    Indicator("sme_size", "企业规模（中小企业划型）", Kind.ENUM, _S, Source.STATISTICS,
              choices=SME_SIZES, group=_MGMT),
    Indicator("digital_level", "数字化水平等级", Kind.COUNT, _S, Source.THIRD_PARTY, unit="级",
              note="由评价平台数字化水平自测生成", group=_MGMT),
    Indicator("quality_award_level", "政府质量奖最高级别", Kind.ENUM, _S, Source.THIRD_PARTY,
              choices=AWARD_LEVELS, group=_MGMT),
    Indicator("quality_system_certified", "通过ISO9001等质量管理体系认证", Kind.BOOL, _S,
              Source.THIRD_PARTY, group=_MGMT),
    Indicator("management_system_certified", "取得相关管理体系认证", Kind.BOOL, _S,
              Source.THIRD_PARTY, group=_MGMT),
    Indicator("developed_market_product_cert", "产品通过发达国家和地区产品认证", Kind.BOOL, _S,
              Source.THIRD_PARTY, group=_MGMT),
    Indicator("own_brand", "拥有自主品牌", Kind.BOOL, _S, Source.SELF_REPORTED, group=_MGMT),
    Indicator("famous_trademark", "驰名商标", Kind.BOOL, _S, Source.THIRD_PARTY, group=_MGMT),
    Indicator("it_system_core_business", "至少1项核心业务采用信息系统支撑", Kind.BOOL, _S,
              Source.SELF_REPORTED, group=_MGMT),
    Indicator("chain_leader", "链主（龙头）企业", Kind.BOOL, _S, Source.THIRD_PARTY, group=_MKT),
    Indicator("large_leader_supplier", "进入国内外大型龙头企业供应链体系", Kind.BOOL, _S,
              Source.SELF_REPORTED, group=_MKT),
    Indicator("strategic_emerging", "主导产品属于《战略性新兴产业分类》", Kind.BOOL, _S,
              Source.SELF_REPORTED, group=_MKT),
    Indicator("on_abnormal_list", "列入经营异常名录", Kind.BOOL, _S, Source.THIRD_PARTY,
              group=_COMP),
    Indicator("on_dishonesty_list", "列入严重失信主体名单", Kind.BOOL, _S, Source.THIRD_PARTY,
              group=_COMP),
    Indicator("product_restricted", "产品属于国家禁止、限制或淘汰类", Kind.BOOL, _S,
              Source.THIRD_PARTY, group=_COMP),
    # 认定与评价（判断类，须注明认定人）
    Indicator("tech_domestic_leading", "主导产品生产技术、工艺及质量性能国内领先", Kind.BOOL, _S,
              Source.EXPERT, attested=True, group=_JUDGE),
    Indicator("tech_international_leading", "生产技术、工艺国际领先", Kind.BOOL, _S,
              Source.EXPERT, attested=True, group=_JUDGE),
    Indicator("gap_filling", "产品关键技术填补国内空白", Kind.BOOL, _S, Source.EXPERT,
              attested=True, group=_JUDGE),
    Indicator("product_field_2022", "主导产品所属领域情况", Kind.ENUM, _S, Source.EXPERT,
              choices=PRODUCT_FIELDS_2022, attested=True, group=_JUDGE),
    Indicator("key_field", "主导产品属于“小巨人”重点领域", Kind.BOOL, _S, Source.EXPERT,
              attested=True, note="核心基础零部件、元器件、关键软件等", group=_JUDGE),
    Indicator("chain_key_role", "位于产业链关键环节，发挥补短板、锻长板、填空白作用", Kind.BOOL,
              _S, Source.EXPERT, attested=True, group=_JUDGE),
    Indicator("class1_ip_applied", "Ⅰ类知识产权实际应用并已产生经济效益", Kind.BOOL, _S,
              Source.EXPERT, attested=True, group=_JUDGE),
    Indicator("market_position_leading", "主导产品细分市场占有率较为靠前、享有一定知名度",
              Kind.BOOL, _S, Source.EXPERT, attested=True, group=_JUDGE),
    Indicator("good_governance", "公司治理规范、信誉良好", Kind.BOOL, _S, Source.EXPERT,
              attested=True, group=_JUDGE),
    Indicator("little_giant_affiliate",
              "与已认定“小巨人”企业存在控股关系或同属一集团且主导产品相似",
              Kind.BOOL, _S, Source.EXPERT, attested=True,
              note="持股或被持股比例超过50%，或同一集团内生产相似主导产品；“是”即不予推荐",
              group=_JUDGE),
    Indicator("high_recognition", "主导产品享有较高知名度和影响力", Kind.BOOL, _S, Source.EXPERT,
              attested=True, group=_JUDGE),
    Indicator("chain_role_2026", "主导产品属于2026年“小巨人”标准所列领域，位于产业链关键环节，"
              "对提升产业链供应链韧性和安全水平发挥重要作用", Kind.BOOL, _S, Source.EXPERT,
              attested=True, group=_JUDGE),
    Indicator("distinctive_score", "地方特色化指标得分（省定，满分15分）", Kind.SCORE, _S,
              Source.EXPERT, attested=True,
              note="江苏特色化指标内容未获取，由审核人员录入得分", group=_JUDGE),
    # 江苏“千企升级”（2020—2022）与吴江（2022—2024）申报条件所需
    Indicator("safety_env_violations", "安全生产、环境保护违法记录", Kind.COUNT, _A,
              Source.THIRD_PARTY, unit="起",
              note="当年因安全生产、生态环境违法受到行政处罚等记录的起数，无则填0", group=_COMP),
    Indicator("dishonesty_record", "企业信用报告有失信记录", Kind.BOOL, _S, Source.THIRD_PARTY,
              note="以市公共信用信息中心出具的企业信用报告为准", group=_COMP),
    Indicator("new_product_since", "开始生产经营新产品的年份", Kind.YEAR, _S,
              Source.SELF_REPORTED, note="主导产品属于新产品时填写", group=_MKT),
    Indicator("independent_legal_entity",
              "具有独立法人资格，产权明晰，实行独立核算、自主经营、自负盈亏", Kind.BOOL, _S,
              Source.EXPERT, attested=True, group=_JUDGE),
    Indicator("niche_focus", "聚焦特定细分产品市场（主要产品之间有直接关联性）", Kind.BOOL, _S,
              Source.EXPERT, attested=True, group=_JUDGE),
    Indicator("advanced_cluster", "主导产品属于江苏省先进制造业集群", Kind.BOOL, _S,
              Source.EXPERT, attested=True, note="2020年为13个集群，2022年起为16个集群",
              group=_JUDGE),
    Indicator("four_new", "具有“四新”特点（新技术、新产业、新业态、新模式）", Kind.BOOL, _S,
              Source.EXPERT, attested=True, group=_JUDGE),
    Indicator("core_team_background", "创业核心团队具有较好的专业背景", Kind.BOOL, _S,
              Source.EXPERT, attested=True, group=_JUDGE),
    Indicator("high_growth_potential", "具有高成长潜力", Kind.BOOL, _S, Source.EXPERT,
              attested=True, group=_JUDGE),
    Indicator("original_technology", "拥有原创技术或产品", Kind.BOOL, _S, Source.EXPERT,
              attested=True, group=_JUDGE),
    Indicator("performance_leading", "产品关键性能指标处于同类产品领先水平", Kind.BOOL, _S,
              Source.EXPERT, attested=True, group=_JUDGE),
    Indicator("performance_international_leading", "产品关键性能指标处于国际领先水平",
              Kind.BOOL, _S, Source.EXPERT, attested=True, group=_JUDGE),
    Indicator("sustained_innovation", "企业具有持续创新能力", Kind.BOOL, _S, Source.EXPERT,
              attested=True, group=_JUDGE),
    Indicator("brand_strategy", "制定并实施品牌战略，建立完善的品牌培育管理体系并取得良好绩效",
              Kind.BOOL, _S, Source.EXPERT, attested=True, group=_JUDGE),
    Indicator("basic_key_field",
              "产品市场属于制造业关键基础材料、核心零部件、专用高端产品等重点领域", Kind.BOOL,
              _S, Source.EXPERT, attested=True, group=_JUDGE),
    Indicator("profit_above_industry", "利润率超过同期同行业企业的总体水平", Kind.BOOL, _S,
              Source.EXPERT, attested=True, group=_JUDGE),
    Indicator("quality_credit_management", "具有较高的质量管理和信用管理水平", Kind.BOOL, _S,
              Source.EXPERT, attested=True, group=_JUDGE),
)

BY_ID: dict[str, Indicator] = {ind.id: ind for ind in INDICATORS}
ANNUAL: tuple[Indicator, ...] = tuple(i for i in INDICATORS if i.period is Period.ANNUAL)
STATIC: tuple[Indicator, ...] = tuple(i for i in INDICATORS if i.period is Period.STATIC)


@dataclass(frozen=True)
class TitleTier:
    id: str
    name: str
    levels: tuple[str, ...] = field(default=("national",))


# Titles (称号) an enterprise can hold; the engine reads "holds X at level L on date D".
TITLE_TIERS: tuple[TitleTier, ...] = (
    TitleTier("tech_sme", "科技型中小企业", ("province",)),
    TitleTier("innovative_sme", "创新型中小企业", ("province", "city")),
    TitleTier("tech_innovative_sme", "科技和创新型中小企业", ("province",)),
    TitleTier("srdi_sme", "专精特新中小企业", ("province",)),
    TitleTier("srdi_demo_sme", "专精特新示范中小企业", ("city",)),
    TitleTier("srdi_product", "专精特新产品", ("province",)),
    TitleTier("little_giant", "专精特新“小巨人”企业", ("national", "province")),
    TitleTier("single_champion", "制造业单项冠军", ("national", "province")),
    TitleTier("hnte", "高新技术企业", ("national",)),
    TitleTier("tech_innovation_demo", "国家级技术创新示范企业", ("national",)),
    TitleTier("ip_advantage", "知识产权优势企业", ("national", "province")),
    TitleTier("ip_demo", "知识产权示范企业", ("national",)),
)
TITLE_BY_ID: dict[str, TitleTier] = {t.id: t for t in TITLE_TIERS}

LEVEL_LABELS: dict[str, str] = {
    "national": "国家级", "province": "省级", "city": "市级", "district": "区级",
}
