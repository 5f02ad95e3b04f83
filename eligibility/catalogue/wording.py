"""A rule of the authoring format in plain Chinese: "上年度研发费用 ≥ 100万元，且…".

Works on the YAML as written (docs/criteria-authoring.md §3), so "近2年每年…" stays one phrase.
Named parts inside a rule are referred to by their titles in quotes; the catalogue lists them
with their own computation underneath.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from eligibility.authoring.literals import is_quantity, parse_fact_name
from eligibility.authoring.model import ParameterInfo
from indicators.vocabulary import BY_ID, LEVEL_LABELS, TITLE_BY_ID, Period

from .labels import parameter_text, quantity_text
from .rulesource import is_part

COMPARE_SIGNS = {"ge": "≥", "gt": ">", "le": "≤", "lt": "<", "eq": "为", "ne": "不为"}
_SPACED = {"ge", "gt", "le", "lt"}
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# Ratios with a name of their own in the policies.
_NAMED_RATIOS = {("total_liabilities", "total_assets"): "资产负债率",
                 ("operating_profit", "revenue"): "营业利润率"}


# What "years since" a date or year fact means in the policies' words.
_SPANS = {"niche_since": "从事特定细分市场年限", "new_product_since": "生产经营新产品年限",
          "founded_on": "成立年限"}


def year_prefix(offset: int) -> str:
    return "上年度" if offset == 0 else f"上年度前{offset}年"


def choice_list(words: list[str], joiner: str = "或") -> str:
    return words[0] if len(words) == 1 else "、".join(words[:-1]) + joiner + words[-1]


class Wording:
    """Describes the rules of one criteria set, resolving its parameter names to values."""

    def __init__(self, params: Mapping[str, ParameterInfo]) -> None:
        self.params = params

    # ---- conditions -------------------------------------------------------------------
    def condition(self, node: Any, yearless: bool = False) -> str:
        if is_part(node):
            return f"“{node['title']}”"
        (key, arg), = node.items()
        if key in COMPARE_SIGNS:
            return self._compare(key, arg, yearless)
        return self._handlers()[key](arg, yearless)

    def _handlers(self) -> dict[str, Callable[[Any, bool], str]]:
        return {
            "all": lambda a, y: self._joined(a, y, "，且", "any"),
            "any": lambda a, y: self._joined(a, y, "，或", "all"),
            "at_least": self._at_least, "not": self._not,
            "each_year": lambda a, y: f"近{a['years']}年每年{self._yearly(a['rule'])}",
            "any_year": lambda a, y: f"近{a['years']}年内至少有一年{self._yearly(a['rule'])}",
            "choose": self._choose, "compound_growth": self._compound_growth,
            "is_true": lambda a, y: f"{self._fact_words(a, y)}：是",
            "attested": lambda a, y: f"经认定{BY_ID[self._fact_id(a)].name}",
            "in": self._enum_in, "holds_title": lambda a, y: self._title(a),
            "application": self._application,
            "not_formalised": lambda a, y: f"需人工审核：{a}",
            "score_table": lambda a, y: self._score_table(a),
        }

    def _compare(self, key: str, arg: list[Any], yearless: bool) -> str:
        left, right = (self.number(x, yearless) for x in arg)
        sign = COMPARE_SIGNS[key]
        return f"{left} {sign} {right}" if key in _SPACED else f"{left}{sign}{right}"

    def _joined(self, items: list[Any], yearless: bool, joiner: str, other: str) -> str:
        if all(is_part(i) for i in items):
            return "同时满足以下各项" if joiner == "，且" else "满足以下任一项"
        words = [self._wrapped(i, yearless, other) for i in items]
        return joiner.join(words)

    def _wrapped(self, node: Any, yearless: bool, other: str) -> str:
        text = self.condition(node, yearless)
        nested = isinstance(node, dict) and (other in node or "choose" in node)
        return f"（{text}）" if nested and not is_part(node) else text

    def _yearly(self, rule: Any) -> str:
        text = self.condition(rule, True)
        compound = isinstance(rule, dict) and len(rule.get("all") or rule.get("any") or ()) > 1
        return f"（{text}）" if compound and not is_part(rule) else text

    def _at_least(self, arg: Mapping[str, Any], yearless: bool) -> str:
        items = arg["of"]
        words = "；".join(self.condition(i, yearless) for i in items)
        return f"以下{len(items)}项中至少满足{arg['n']}项：{words}"

    def _not(self, arg: Any, yearless: bool) -> str:
        if is_part(arg):
            return f"不属于“{arg['title']}”"
        (key, inner), = arg.items()
        if key == "is_true":
            return f"{self._fact_words(inner, yearless)}：否"
        if key == "attested":
            return f"经认定不属于“{BY_ID[self._fact_id(inner)].name}”的情形"
        if key == "holds_title":
            return "未" + self._title(inner)
        return f"不满足（{self.condition(arg, yearless)}）"

    def _choose(self, branches: list[Mapping[str, Any]], yearless: bool) -> str:
        words = []
        for i, branch in enumerate(branches):
            if "else" in branch:
                words.append(f"其他情形：{self.condition(branch['else'], yearless)}")
                continue
            lead = "若" if i == 0 else "否则若"
            words.append(f"{lead}{self.condition(branch['if'], yearless)}，则"
                         f"{self.condition(branch['then'], yearless)}")
        return "按情形判断——" + "；".join(words)

    def _compound_growth(self, arg: Mapping[str, Any], yearless: bool) -> str:
        years = int(arg["years"])
        more = "more_than" in arg
        rate = self.number(arg["more_than"] if more else arg["at_least"], yearless)
        sign = ">" if more else "≥"
        name = self.number(arg["of"], True)
        power = str(years).translate(_SUPERSCRIPT)
        return (f"近{years}年{name}复合增长率 {sign} {rate}（即{year_prefix(0)}{name} {sign} "
                f"{year_prefix(years)}{name}×（1+{rate}）{power}）")

    def _enum_in(self, arg: Mapping[str, Any], yearless: bool) -> str:
        ind = BY_ID[self._fact_id(arg["fact"])]
        labels = dict(ind.choices)
        codes = arg["codes"] if isinstance(arg["codes"], list) else [arg["codes"]]
        words = choice_list([labels[c] for c in codes])
        return f"{self._fact_words(arg['fact'], yearless)}为{words}"

    @staticmethod
    def _title(arg: Mapping[str, Any]) -> str:
        levels = arg.get("level", arg.get("levels"))
        levels = levels if isinstance(levels, list) else [levels]
        name = TITLE_BY_ID[arg["tier"]].name
        level_words = [LEVEL_LABELS.get(str(lv), str(lv)) for lv in levels]
        # Some titles carry their level in the name (国家级技术创新示范企业).
        prefix = "" if name.startswith(tuple(level_words)) else choice_list(level_words)
        held = f"{prefix}{name}称号"
        within = arg.get("within_years")
        return f"持有近{within}年内有效的{held}" if within else f"持有有效的{held}"

    @staticmethod
    def _application(arg: Any, yearless: bool) -> str:
        names = arg if isinstance(arg, list) else [arg]
        words = {"new": "新申报", "re_review": "复核"}
        return f"申报类型为{choice_list([words[str(n)] for n in names])}"

    def _score_table(self, arg: Mapping[str, Any]) -> str:
        threshold = self.score(arg["threshold"])
        minimums = [f"{c['title']}不低于{self.score(c['minimum'])}"
                    for c in arg["categories"] if c.get("minimum") is not None]
        extra = f"（其中{'、'.join(minimums)}）" if minimums else ""
        return f"按下列评分表计分，总分 ≥ {threshold}{extra}"

    def score(self, node: Any) -> str:
        if isinstance(node, str) and node in self.params:
            return parameter_text(self.params[node])
        return quantity_text(node) if not str(node).isdigit() else f"{node}分"

    # ---- numbers ----------------------------------------------------------------------
    def number(self, node: Any, yearless: bool = False) -> str:
        if not isinstance(node, dict):
            return self._scalar(node, yearless)
        (key, arg), = node.items()
        if key == "fact":
            return self._fact_words(node, yearless)
        return self._numbers()[key](arg, yearless)

    def _numbers(self) -> dict[str, Callable[[Any, bool], str]]:
        return {
            "ratio": self._ratio, "div": self._ratio,
            "add": lambda a, y: "＋".join(self.number(x, y) for x in a),
            "sub": lambda a, y: "－".join(self.number(x, y) for x in a),
            "mul": lambda a, y: "×".join(self.number(x, y) for x in a),
            "sum": lambda a, y: self._reduce(a, y, "{}合计", "{}之和"),
            "mean": lambda a, y: self._reduce(a, y, "平均{}", "{}的平均值"),
            "min": lambda a, y: self._reduce(a, y, "{}最低值", "{}中的最小值"),
            "max": lambda a, y: self._reduce(a, y, "{}最高值", "{}中的最大值"),
            "growth": self._growth, "years_since": self._years_since,
        }

    def _scalar(self, node: Any, yearless: bool) -> str:
        text = str(node)
        if text in self.params:
            return parameter_text(self.params[text])
        if is_quantity(text):
            return quantity_text(text)
        return self._fact_words(text, yearless)

    def _fact_words(self, node: Any, yearless: bool) -> str:
        indicator, offset = self._fact_ref(node)
        name = BY_ID[indicator].name
        if offset is None or (yearless and offset == 0):
            return name
        return f"{year_prefix(offset)}{name}"

    @staticmethod
    def _fact_ref(node: Any) -> tuple[str, int | None]:
        text = node.get("fact") if isinstance(node, dict) else node
        indicator, offset = parse_fact_name(str(text)) or (str(text), None)
        if isinstance(node, dict) and "year" in node:
            offset = int(node["year"])
        if offset is None and BY_ID[indicator].period is Period.ANNUAL:
            offset = 0
        return indicator, offset

    def _fact_id(self, node: Any) -> str:
        return self._fact_ref(node)[0]

    def _ratio(self, arg: list[Any], yearless: bool) -> str:
        top, bottom = arg
        refs = [self._plain_fact(x) for x in (top, bottom)]
        if refs[0] and refs[1] and refs[0][1] == refs[1][1]:
            offset = refs[0][1]
            prefix = "" if offset is None or (yearless and offset == 0) else year_prefix(offset)
            names = (refs[0][0], refs[1][0])
            named = _NAMED_RATIOS.get(names)
            return prefix + (named or f"{BY_ID[names[0]].name}占{BY_ID[names[1]].name}比重")
        return f"（{self.number(top, yearless)}）÷（{self.number(bottom, yearless)}）"

    def _plain_fact(self, node: Any) -> tuple[str, int | None] | None:
        """(indicator, offset) when ``node`` is just a fact, else None."""
        if isinstance(node, dict) and "fact" not in node:
            return None
        text = node.get("fact") if isinstance(node, dict) else node
        if not isinstance(text, str) or text in self.params or is_quantity(text):
            return None
        return self._fact_ref(node)

    def _reduce(self, arg: Any, yearless: bool, over_years: str, over_list: str) -> str:
        if isinstance(arg, dict):
            of = arg["of"]
            if over_years.startswith("平均") and isinstance(of, dict) and isinstance(
                    of.get("growth"), str | dict):
                inner = self.number(of["growth"], True)  # the policies' "近2年…平均增长率"
                return f"近{arg['years']}年{inner}平均增长率"
            return f"近{arg['years']}年" + over_years.format(self.number(of, True))
        return over_list.format("、".join(self.number(x, yearless) for x in arg))

    def _growth(self, arg: Any, yearless: bool) -> str:
        if isinstance(arg, list):
            current, base = (self.number(x, yearless) for x in arg)
            return f"（{current}－{base}）÷{base}"
        return f"{self.number(arg, yearless)}增长率"

    def _years_since(self, arg: Any, yearless: bool) -> str:
        indicator = self._fact_id(arg)
        span = _SPANS.get(indicator, f"距{BY_ID[indicator].name}的年数")
        at_date = isinstance(arg, dict) and arg.get("at") == "evaluation_date"
        return f"截至评价日{span}（整年）" if at_date else f"截至上年末{span}"
