"""Forms of the pool pages: list filters, nominations, decisions and overrides."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone

from portal.industries.models import Cluster
from portal.pool.models import Cohort, EntryRoute, Focus, MembershipStatus, NominatorKind
from portal.regions.models import Region


def _with_all(choices: Any, label: str = "全部") -> list[tuple[Any, str]]:
    return [("", label), *[(str(value), text) for value, text in choices]]


class MemberFilterForm(forms.Form):
    q = forms.CharField(label="名称或信用代码", required=False, max_length=100)
    status = forms.ChoiceField(label="状态", required=False,
                               choices=[("in", "在库"), ("exited", "已出库")])
    focus = forms.ChoiceField(label="重点分类", required=False,
                              choices=_with_all(Focus.choices))
    cohort = forms.ChoiceField(label="培育对象类别", required=False,
                               choices=_with_all(Cohort.choices))
    route = forms.ChoiceField(label="入库方式", required=False,
                              choices=_with_all(EntryRoute.choices))
    cluster = forms.ChoiceField(label="集群/产业链", required=False)
    region = forms.ChoiceField(label="所属区域", required=False)
    year = forms.IntegerField(label="入库年度", required=False, min_value=2000, max_value=2100)

    def __init__(self, *args: Any, scope_region: Region | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["cluster"]).choices = _with_all(
            Cluster.objects.order_by("programme", "sort").values_list("slug", "name"))
        regions = Region.objects.order_by("path")
        if scope_region is not None:
            regions = regions.filter(path__startswith=scope_region.path)
        cast(forms.ChoiceField, self.fields["region"]).choices = [("", "全部区域")] + [
            (r.code, "　" * max(r.path.count("/") - 2, 0) + r.name) for r in regions]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {"status": MembershipStatus.IN}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class NominationForm(forms.Form):
    uscc = forms.CharField(label="被举荐企业统一社会信用代码", max_length=18, min_length=18)
    nominator_name = forms.CharField(label="举荐单位/举荐人", max_length=100)
    nominator_kind = forms.ChoiceField(label="举荐方类别", choices=NominatorKind.choices)
    reason = forms.CharField(label="举荐理由", widget=forms.Textarea(attrs={"rows": 4}),
                             max_length=2_000)

    def clean_uscc(self) -> str:
        return str(self.cleaned_data["uscc"]).strip().upper()


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "批准入库"), ("reject", "不予入库")])
    note = forms.CharField(label="审核意见", required=False, max_length=500)


class FocusOverrideForm(forms.Form):
    focus = forms.ChoiceField(label="重点分类", required=False,
                              choices=_with_all(Focus.choices, "恢复按规则分类"))
    reason = forms.CharField(label="调整理由", required=False, max_length=300)


class ReviewStartForm(forms.Form):
    year = forms.IntegerField(label="复核年度", min_value=2020, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)


class ItemDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirm", "确认出库"), ("keep", "保留在库")])
    note = forms.CharField(label="处理意见", required=False, max_length=500)


class SnapshotForm(forms.Form):
    year = forms.IntegerField(label="名单年度", min_value=2020, max_value=2100)
    note = forms.CharField(label="说明", required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)


class YearPairForm(forms.Form):
    a = forms.IntegerField(label="对比年度", min_value=2000, max_value=2100)
    b = forms.IntegerField(label="当前年度", min_value=2000, max_value=2100)
