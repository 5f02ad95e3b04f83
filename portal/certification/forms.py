"""Forms: they parse and check input shape; the services decide what is allowed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from eligibility.api import CriteriaSet
from indicators.vocabulary import LEVEL_LABELS
from portal.assessments.library import criteria_library
from portal.certification.models import (
    SCORE_MAX,
    ApplicationType,
    AttachmentKind,
    Level,
    RevocationGround,
)
from portal.certification.services.rounds import RoundSpec
from portal.certification.uploads import SIGNATURES
from portal.core.dates import cn_date
from portal.enterprises.models import TITLE_CHOICES, TITLE_LEVEL_CHOICES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The file picker offers only what uploads.py accepts; the upload is checked again on arrival.
UPLOAD = forms.FileInput(attrs={"accept": ",".join(SIGNATURES)})
TEXT = forms.Textarea(attrs={"rows": 3})


def _date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def criteria_set_choices(on: dt.date) -> list[tuple[str, list[tuple[str, str]]]]:
    """Sets still in force (or yet to come) ``on`` first, those that have lapsed after: a
    round may only use a set in force during its application period."""
    current: list[tuple[str, str]] = []
    lapsed: list[tuple[str, str]] = []
    for s in criteria_library().sets:
        ended = s.effective_until is not None and s.effective_until < on
        (lapsed if ended else current).append((s.id, _criteria_set_label(s)))
    return [("现行及即将施行的标准", current), ("已停止施行的标准", lapsed)]


def default_criteria_set(tier: str, level: str, on: dt.date) -> str | None:
    """The set certifying ``tier`` at ``level`` in force ``on`` (the latest to start)."""
    fitting = [s for s in criteria_library().sets if s.tier == tier and s.level == level
               and s.effective_from <= on
               and (s.effective_until is None or s.effective_until >= on)]
    return max(fitting, key=lambda s: s.effective_from).id if fitting else None


def _criteria_set_label(s: CriteriaSet) -> str:
    """Titles name the document and its year; the level and the period tell apart sets that
    share a title's wording, and show at a glance whether a set fits the round."""
    if s.effective_until is None:
        period = f"{cn_date(s.effective_from)}起施行"
    else:
        period = f"{cn_date(s.effective_from)}至{cn_date(s.effective_until)}"
    return f"{s.title} · {LEVEL_LABELS.get(s.level, s.level)} · {period}"


class RoundForm(forms.Form):
    name = forms.CharField(label="批次名称", max_length=200)
    tier = forms.ChoiceField(label="称号", choices=TITLE_CHOICES, initial="srdi_sme")
    level = forms.ChoiceField(label="称号级别", choices=TITLE_LEVEL_CHOICES, initial="province")
    criteria_set_id = forms.ChoiceField(label="认定标准版本")
    application_type = forms.ChoiceField(label="申报类型", choices=ApplicationType.choices)
    opens_on = _date("申报开始日期")
    application_deadline = _date("申报截止日期")
    town_deadline = _date("镇（街道）初审截止（留空则不设此环节）", required=False)
    district_deadline = _date("区（县）审核截止（留空则不设此环节）", required=False)
    city_deadline = _date("设区市推荐截止（留空则不设此环节）", required=False)
    province_deadline = _date("省级审核截止", required=False)
    expert_deadline = _date("专家评审截止日期")
    panel_size = forms.IntegerField(label="每件申报评审专家人数", min_value=1, max_value=9,
                                    initial=3)
    notice_days = forms.IntegerField(label="公示天数", min_value=1, max_value=30, initial=7)
    validity_years = forms.IntegerField(label="证书有效期（年）", min_value=1, max_value=5,
                                        initial=3)
    expiring_by = _date("复核对象：称号有效期止不晚于（仅复核批次）", required=False)
    certificate_prefix = forms.CharField(label="证书编号前缀", max_length=40,
                                         initial="苏专精特新")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["criteria_set_id"]
        assert isinstance(field, forms.ChoiceField)
        today = timezone.localdate()
        field.choices = criteria_set_choices(today)
        # Offer the set in force for the preselected title and level, not the list's first.
        field.initial = default_criteria_set(str(self.fields["tier"].initial),
                                             str(self.fields["level"].initial), today)
        for each in self.fields.values():  # Bootstrap's look, without a script on the page
            css = "form-select" if isinstance(each.widget, forms.Select) else "form-control"
            each.widget.attrs["class"] = css

    def spec(self) -> RoundSpec:
        data = self.cleaned_data
        steps = {level: data[f"{level}_deadline"] for level in Level.values
                 if data.get(f"{level}_deadline")}
        return RoundSpec(
            name=data["name"], tier=data["tier"], level=data["level"],
            criteria_set_id=data["criteria_set_id"], opens_on=data["opens_on"],
            application_deadline=data["application_deadline"],
            expert_deadline=data["expert_deadline"], steps=steps,
            application_type=data["application_type"], panel_size=data["panel_size"],
            notice_days=data["notice_days"], validity_years=data["validity_years"],
            expiring_by=data.get("expiring_by"),
            certificate_prefix=data["certificate_prefix"])


class FilesForm(forms.Form):
    audit_report = forms.FileField(label="审计报告（PDF/JPG/PNG，≤10MB）", required=False,
                                   widget=UPLOAD)
    certificate = forms.FileField(label="资质证书或证明材料", required=False, widget=UPLOAD)
    other = forms.FileField(label="其他材料", required=False, widget=UPLOAD)

    def files_given(self) -> list[tuple[str, Any]]:
        return [(kind, self.cleaned_data[kind]) for kind in AttachmentKind.values
                if self.cleaned_data.get(kind)]


class ApplyForm(FilesForm):
    pledge = forms.BooleanField(label="本企业承诺：所填数据与所附材料真实、准确、完整，"
                                      "如有虚假，愿承担相应责任（含被撤销认定）。")


class ResubmitForm(FilesForm, VersionForm):
    note = forms.CharField(label="补正说明", widget=TEXT, required=False)


class AttachForm(forms.Form):
    kind = forms.ChoiceField(label="材料类别", choices=AttachmentKind.choices)
    file = forms.FileField(label="文件（PDF/JPG/PNG，≤10MB）", widget=UPLOAD)


class DecisionForm(VersionForm):
    decision = forms.ChoiceField(label="审核决定", widget=forms.RadioSelect, choices=[
        ("approve", "通过"), ("return", "退回补正"), ("reject", "不予通过")])
    reason = forms.CharField(label="审核意见（不予通过时必填）", widget=TEXT, required=False)
    missing = forms.CharField(label="需补正的内容（退回补正时必填）", widget=TEXT, required=False)
    due = _date("补正期限（退回补正时必填）", required=False)


class AssignForm(VersionForm):
    seed = forms.IntegerField(label="随机种子（留空则自动生成并记录）", required=False,
                              min_value=0, max_value=2**62)


class PublishForm(VersionForm):
    start = _date("公示开始日期", required=False)
    end = _date("公示结束日期（留空按批次公示天数）", required=False)


class ObjectionForm(forms.Form):
    objector = forms.CharField(label="异议人（单位或个人）", max_length=100)
    content = forms.CharField(label="异议内容", widget=TEXT)


class ResolveForm(forms.Form):
    upheld = forms.TypedChoiceField(label="核查结论", widget=forms.RadioSelect,
                                    coerce=lambda v: v == "yes",
                                    choices=[("no", "异议不成立"), ("yes", "异议成立")])
    resolution = forms.CharField(label="处理结果", widget=TEXT)


class ScoreForm(forms.Form):
    recommend = forms.TypedChoiceField(label="评审结论", widget=forms.RadioSelect,
                                       coerce=lambda v: v == "yes",
                                       choices=[("yes", "同意认定"), ("no", "不同意认定")])
    comment = forms.CharField(label="综合评审意见", widget=TEXT)

    def __init__(self, *args: Any, lines: list[dict[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = lines
        for number, line in enumerate(lines):
            self.fields[f"points_{number}"] = forms.IntegerField(
                label=line["title"], min_value=0, max_value=SCORE_MAX)
            self.fields[f"note_{number}"] = forms.CharField(
                label="评语", max_length=500, required=False)

    def scores(self) -> dict[str, tuple[int, str]]:
        return {line["id"]: (self.cleaned_data[f"points_{n}"], self.cleaned_data[f"note_{n}"])
                for n, line in enumerate(self.lines)}

    def rows(self) -> list[tuple[dict[str, str], Any, Any]]:
        return [(line, self[f"points_{n}"], self[f"note_{n}"])
                for n, line in enumerate(self.lines)]


class RevokeForm(forms.Form):
    ground = forms.ChoiceField(label="撤销事由", choices=RevocationGround.choices)
    reason = forms.CharField(label="事实与依据", widget=TEXT)
