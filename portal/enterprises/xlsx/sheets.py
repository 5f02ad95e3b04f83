"""The workbook's sheets and columns, derived from the indicator vocabulary.

One definition serves the template, the importer and the exporter, so a header the template
writes is always a header the importer understands.
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.vocabulary import ANNUAL, STATIC, Indicator
from portal.enterprises.values import header

ENTERPRISES = "企业信息"
ANNUAL_SHEET = "年度指标"
STATIC_SHEET = "知识产权与称号"
HELP = "填写说明"
DATA_SHEETS = (ENTERPRISES, ANNUAL_SHEET, STATIC_SHEET)
CLUSTER_SEPARATORS = ("；", ";", "，", ",", "、")


@dataclass(frozen=True)
class Column:
    key: str  # "uscc", "year", an indicator id, "title_tier", …
    header: str  # the Chinese header, without the required marker
    required: bool = False
    indicator: Indicator | None = None
    note: str = ""

    @property
    def label(self) -> str:
        """The header as the template writes it: required columns end with “*”."""
        return f"{self.header}*" if self.required else self.header


def _indicator_column(ind: Indicator) -> Column:
    return Column(ind.id, header(ind), indicator=ind, note=ind.note)


USCC = Column("uscc", "统一社会信用代码", required=True, note="18位，按 GB 32100-2015 校验")
NAME_OPTIONAL = Column("name", "企业名称", note="仅供核对，以「企业信息」表为准")

# Static indicators that live on the 企业信息 sheet (they describe the enterprise itself).
ENTERPRISE_INDICATORS = ("founded_on", "niche_since", "sme_size", "chain_leader")

ENTERPRISE_COLUMNS: tuple[Column, ...] = (
    USCC,
    Column("name", "企业名称", required=True),
    Column("region_code", "所属区域代码", required=True, note="行政区划代码或本平台区域代码"),
    Column("industry_code", "国民经济行业代码", required=True, note="GB/T 4754-2017，如 C3484"),
    *(_indicator_column(ind) for ind in STATIC if ind.id in ENTERPRISE_INDICATORS),
    Column("main_products", "主导产品"),
    Column("clusters", "所属集群/产业链", note="编号或名称，多个用“；”分隔"),
    Column("contact_name", "联系人"),
    Column("contact_phone", "联系电话"),
    Column("contact_email", "电子邮箱"),
)

ANNUAL_COLUMNS: tuple[Column, ...] = (
    USCC,
    NAME_OPTIONAL,
    Column("year", "年度", required=True, note="财政年度（自然年），如 2025"),
    *(_indicator_column(ind) for ind in ANNUAL),
)

# Attested judgements are entered by a named expert or official in the portal, never in bulk.
STATIC_IMPORTED = tuple(ind for ind in STATIC
                        if ind.id not in ENTERPRISE_INDICATORS and not ind.attested)
TITLE_COLUMNS: tuple[Column, ...] = (
    Column("title_tier", "称号", note="如：专精特新中小企业；一个称号一行"),
    Column("title_level", "称号级别", note="国家级、省级、市级或区级"),
    Column("title_year", "认定年份"),
    Column("title_valid_from", "有效期起", note="填写称号时必填"),
    Column("title_valid_until", "有效期止"),
    Column("title_certificate_no", "证书编号"),
)
STATIC_COLUMNS: tuple[Column, ...] = (
    USCC,
    NAME_OPTIONAL,
    *(_indicator_column(ind) for ind in STATIC_IMPORTED),
    *TITLE_COLUMNS,
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    ENTERPRISES: ENTERPRISE_COLUMNS,
    ANNUAL_SHEET: ANNUAL_COLUMNS,
    STATIC_SHEET: STATIC_COLUMNS,
}


def header_aliases(column: Column) -> set[str]:
    """Every header text read as this column: with or without “*”, unit or id."""
    aliases = {column.header, column.label, column.key}
    if column.indicator is not None:
        aliases |= {column.indicator.name, column.indicator.id}
    return aliases
