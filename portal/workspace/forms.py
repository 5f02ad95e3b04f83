"""Forms of the workspace: the enterprise list's filters, and the self-assessment questions."""

from __future__ import annotations

import functools
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.safestring import SafeString

from indicators.vocabulary import BY_ID, LEVEL_LABELS, TITLE_TIERS, Indicator, Kind
from portal.assessments.library import criteria_library
from portal.enterprises import values
from portal.pool.models import Focus
from portal.regions.models import Region
from portal.workspace import filter_choices
from portal.workspace.selectors import (
    POOL_EXITED,
    POOL_IN,
    POOL_OUT,
    POOL_PENDING,
    pool_focus_state,
)

SORTS = [("name", "企业名称"), ("uscc", "统一社会信用代码"), ("region", "所属区域"),
         ("industry", "行业"), ("-updated", "最近更新")]


# Pool states the list filters by (selectors.in_pool_state reads them).
POOL_STATES = [("", "不限"), (POOL_IN, "在库（全部）"),
               *((pool_focus_state(focus.value), f"在库 · {focus.label}") for focus in Focus),
               (POOL_PENDING, "入库申请待审核"), (POOL_EXITED, "已出库"), (POOL_OUT, "不在库")]


# Rung filters with no select of their own (dashboard links): shown as chips on the list.
LINKED_ONLY = ("passes", "two_short")
# The dashboard's yearly "填报企业" counts: which figures of the year an enterprise reported.
REPORTED = {"revenue": "营业收入", "rd_intensity": "营业收入（大于0）及研发费用"}


# Within a tier the local rung comes before the higher one (市级 → 省级 → 国家级).
LEVELS_ASCENDING = ("district", "city", "province", "national")


def rung_choices() -> list[tuple[str, str]]:
    """(tier:level, label) of every rung some set in force today certifies, in ladder order:
    tiers as the ladder climbs (创新型 → 专精特新 → “小巨人” → 单项冠军), then by level."""
    today = timezone.localdate()
    names = {t.id: t.name for t in TITLE_TIERS}
    found: dict[str, tuple[tuple[int, int], str]] = {}
    for criteria_set in criteria_library().sets:
        if criteria_set.in_force(today):
            key = f"{criteria_set.tier}:{criteria_set.level}"
            label = (f"{names.get(criteria_set.tier, criteria_set.title)}"
                     f"（{LEVEL_LABELS.get(criteria_set.level, '')}）")
            found.setdefault(key, ((criteria_set.tier_rank, _level_rank(criteria_set.level)),
                                   label))
    return [(key, label) for key, (_, label) in sorted(found.items(), key=lambda kv: kv[1][0])]


def _level_rank(level: str) -> int:
    return LEVELS_ASCENDING.index(level) if level in LEVELS_ASCENDING else len(LEVELS_ASCENDING)


class EnterpriseFilterForm(forms.Form):
    q = forms.CharField(label="名称或信用代码", required=False, max_length=100)
    region = forms.ChoiceField(label="所属区域", required=False)
    industry = forms.ChoiceField(label="行业", required=False)
    cluster = forms.ChoiceField(label="集群/产业链", required=False)
    title = forms.ChoiceField(label="持有称号", required=False)
    ready = forms.ChoiceField(label="差一项可达", required=False)
    pool = forms.ChoiceField(label="培育库", required=False, choices=POOL_STATES)
    # Filters that dashboard numbers link to; the list shows them as removable chips.
    passes = forms.ChoiceField(label="评估已满足", required=False)
    two_short = forms.ChoiceField(label="差两项可达", required=False)
    granted = forms.IntegerField(label="认定年份", required=False, min_value=1990, max_value=2100)
    reported = forms.RegexField(
        label="已填报", required=False, regex=r"^(revenue|rd_intensity):(19|20)\d\d$",
        error_messages={"invalid": "应为“revenue:年份”或“rd_intensity:年份”，如 revenue:2024。"})
    sort = forms.ChoiceField(label="排序", required=False, choices=SORTS)

    def __init__(self, *args: Any, scope_region: Region | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choice_lists: dict[str, list[tuple[str, str]]] = {"sort": SORTS,
                                                                "pool": POOL_STATES}
        scope_path = scope_region.path if scope_region is not None else None
        self._choose("region", [("", "全部区域"), *filter_choices.region_choices(scope_path)])
        self._choose("industry", [("", "全部行业"), *filter_choices.industry_choices()])
        self._choose("cluster", [("", "全部"), *filter_choices.cluster_choices()])
        self._choose("title", [("", "不限")] + [(t.id, t.name) for t in TITLE_TIERS])
        rungs = [("", "不限"), *rung_choices()]
        self._choose("ready", rungs)
        for name in LINKED_ONLY:
            self._accept(name, rungs)

    def options(self) -> dict[str, SafeString]:
        """The ``<option>`` tags of every select, the current value selected."""
        return {name: filter_choices.options_html(choices, self[name].value())
                for name, choices in self.choice_lists.items()}

    def chips(self) -> list[tuple[str, str, str]]:
        """(name, value, text) of each set filter that has no select on the page."""
        if not self.is_bound or not self.is_valid():
            return []
        found = []
        for name in (*LINKED_ONLY, "granted", "reported"):
            value: Any = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            field = self.fields[name]
            shown: str
            if name == "granted":
                shown = f"{value}年"
            elif name == "reported":
                kind, _, year = value.partition(":")
                shown = f"{year}年{REPORTED[kind]}"
            else:
                shown = str(dict(getattr(field, "choices", [])).get(value, value))
            found.append((name, str(value), f"{field.label}：{shown}"))
        return found

    def _choose(self, name: str, choices: list[tuple[str, str]]) -> None:
        self._accept(name, choices)
        self.choice_lists[name] = choices

    def _accept(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        # A callable is normalised only when iterated (validating a chosen value), not on every
        # list view: the region and industry lists hold hundreds of choices.
        field.choices = functools.partial(list, choices)


class SelfAssessmentForm(forms.Form):
    """One field per question; values are typed in the user unit (万元, %, 是/否)."""

    def __init__(self, *args: Any, questions: list[Any], current: dict[str, Any],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            name = field_name(question.indicator, question.year)
            ind = BY_ID[question.indicator]
            self.fields[name] = _field(ind, question.label)
            self.initial[name] = current.get(name, "")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.parsed: dict[tuple[str, int | None], Any] = {}
        for question in self.questions:
            name = field_name(question.indicator, question.year)
            raw = cleaned.get(name)
            try:
                value = values.parse_user_value(BY_ID[question.indicator], raw)
            except values.FactValueError as error:
                self.add_error(name, str(error))
                continue
            self.parsed[(question.indicator, question.year)] = value
        return cleaned


def field_name(indicator: str, year: int | None) -> str:
    return f"f__{indicator}__{year}" if year is not None else f"f__{indicator}"


def _field(ind: Indicator, label: str) -> forms.Field:
    help_text = f"单位：{ind.unit}" if ind.unit else ""
    if ind.kind is Kind.BOOL:
        return forms.ChoiceField(label=label, required=False,
                                 choices=[("", "未填"), ("是", "是"), ("否", "否")])
    if ind.kind is Kind.ENUM:
        return forms.ChoiceField(label=label, required=False,
                                 choices=[("", "未填"), *ind.choices])
    if ind.kind is Kind.DATE:
        return forms.CharField(label=label, required=False, help_text="如 2012-03-01",
                               widget=forms.TextInput(attrs={"placeholder": "2012-03-01"}))
    return forms.CharField(label=label, required=False, help_text=help_text,
                           widget=forms.TextInput(attrs={"inputmode": "decimal"}))


def form_value(indicator: str, stored: Any) -> str:
    """A stored value as the form shows it (plain user unit, no separators)."""
    ind = BY_ID[indicator]
    if stored is None:
        return ""
    if ind.kind is Kind.BOOL:
        return "是" if stored else "否"
    if ind.kind is Kind.ENUM:
        return str(stored)
    if ind.kind is Kind.DATE:
        return str(stored.isoformat())
    return values.user_text(ind, stored)

