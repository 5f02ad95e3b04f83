"""Admin of the registry. Writes go through the services (so they are audited); facts are
read-only here and show their history. Excel import (upload, run as a background task),
template download and export of selected enterprises are offered from the enterprise list."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from indicators import uscc as uscc_codes
from indicators.vocabulary import BY_ID
from portal.enterprises import services, values
from portal.enterprises.models import (
    SOURCE_CHOICES,
    Brand,
    Certification,
    Enterprise,
    EnterpriseMember,
    Fact,
    ImportRecord,
    QualityAward,
    RdInstitution,
    Standard,
    Title,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_response(content: bytes, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(file_name)}"
    return response


class RecordInline(admin.TabularInline):
    extra = 0
    exclude = ("entered_by",)
    readonly_fields = ("entered_at",)


class TitleInline(RecordInline):
    model = Title


class StandardInline(RecordInline):
    model = Standard


class QualityAwardInline(RecordInline):
    model = QualityAward


class BrandInline(RecordInline):
    model = Brand


class CertificationInline(RecordInline):
    model = Certification


class RdInstitutionInline(RecordInline):
    model = RdInstitution


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）")
    dry_run = forms.BooleanField(label="只校验，不写入", required=False)
    fact_source = forms.ChoiceField(label="数据来源", initial="self_reported",
                                    choices=SOURCE_CHOICES)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("仅支持 .xlsx 文件，请使用下载的导入模板。")
        return upload


class EnterpriseForm(forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = ("uscc", "name", "region", "industry", "main_products", "clusters",
                  "contact_name", "contact_phone", "contact_email")

    def clean_uscc(self) -> str:
        code = str(self.cleaned_data["uscc"]).strip().upper()
        try:
            return uscc_codes.validate(code)
        except uscc_codes.USCCError as error:
            raise forms.ValidationError(str(error)) from None


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    form = EnterpriseForm
    list_display = ("uscc", "name", "region", "industry", "sme_size", "is_chain_leader",
                    "founded_on")
    list_filter = ("sme_size", "is_chain_leader", "region__kind")
    search_fields = ("uscc", "name")
    raw_id_fields = ("region", "industry")
    filter_horizontal = ("clusters",)
    readonly_fields = ("founded_on", "niche_since", "sme_size", "is_chain_leader",
                       "current_facts")
    inlines = (TitleInline, StandardInline, QualityAwardInline, BrandInline,
               CertificationInline, RdInstitutionInline)
    actions = ("export_selected",)
    change_list_template = "admin/enterprises/enterprise/change_list.html"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fixed = ("uscc",) if obj is not None else ()
        return (*fixed, *self.readonly_fields)

    def get_urls(self) -> list[Any]:
        own = [
            path("import/", self.admin_site.admin_view(self.import_view),
                 name="enterprises_enterprise_import"),
            path("template/", self.admin_site.admin_view(self.template_view),
                 name="enterprises_enterprise_template"),
        ]
        return own + super().get_urls()

    @admin.display(description="当前指标值")
    def current_facts(self, obj: Enterprise) -> str:
        rows = [(BY_ID[f.indicator].name, f.year or "—",
                 values.user_text(BY_ID[f.indicator], services.stored_value(f)),
                 BY_ID[f.indicator].unit, f.get_source_display())
                for f in obj.facts.filter(superseded_at__isnull=True)
                if f.indicator in BY_ID]
        body = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td></tr>",
                                rows)
        return format_html("<table><tr><th>指标</th><th>年度</th><th>值</th><th>来源</th></tr>"
                           "{}</table>", body)

    def save_model(self, request: HttpRequest, obj: Enterprise, form: Any, change: bool) -> None:
        fields = {k: form.cleaned_data[k] for k in services.ENTERPRISE_FIELDS
                  if k in form.cleaned_data}
        if change:
            current = Enterprise.objects.get(pk=obj.pk)
            services.enterprise_update(enterprise=current, actor=request.user, **fields)
        else:
            fields.pop("name", None)
            created = services.enterprise_create(uscc=obj.uscc, name=obj.name,
                                                 actor=request.user, **fields)
            obj.pk = created.pk

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        services.enterprise_clusters_set(enterprise=form.instance, actor=request.user,
                                         clusters=form.cleaned_data.get("clusters", []))
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # The admin's change message reads these lists, which formset.save() would fill.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        with transaction.atomic():
            for inline_form in formset.deleted_forms:
                if inline_form.instance.pk:
                    formset.deleted_objects.append(inline_form.instance)
                    services.record_delete(record=inline_form.instance, actor=request.user)
            for inline_form in formset.forms:
                if inline_form in formset.deleted_forms or not inline_form.has_changed():
                    continue
                formset.new_objects.append(
                    self._save_record(request, form.instance, inline_form))

    def _save_record(self, request: HttpRequest, enterprise: Enterprise, inline_form: Any,
                     ) -> Any:
        record = inline_form.instance
        fields = {k: v for k, v in inline_form.cleaned_data.items()
                  if k not in ("id", "enterprise", "DELETE", "source")}
        if record.pk:  # a changed record is replaced, so the audit trail shows both
            services.record_delete(record=type(record).objects.get(pk=record.pk),
                                   actor=request.user)
        return services.record_add(
            record_type=type(record), enterprise=enterprise, actor=request.user,
            source=inline_form.cleaned_data.get("source") or "third_party", **fields)

    @admin.action(description="导出所选企业为 Excel")
    def export_selected(self, request: HttpRequest, queryset: Any) -> HttpResponse:
        from portal.enterprises.xlsx.export import export_workbook

        buffer = BytesIO()
        export_workbook(enterprises=queryset, target=buffer)
        stamp = timezone.localdate().strftime("%Y%m%d")
        return _xlsx_response(buffer.getvalue(), f"企业数据导出-{stamp}.xlsx")

    def template_view(self, request: HttpRequest) -> HttpResponse:
        from portal.enterprises.xlsx.template import template_bytes

        return _xlsx_response(template_bytes(), "企业数据导入模板.xlsx")

    def import_view(self, request: HttpRequest) -> HttpResponse:
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            record = _enqueue_import(request, form)
            messages.info(request,
                          f"已提交导入（记录 #{record.pk}），后台处理中，可在本页查看结果。")
            url = reverse("admin:enterprises_importrecord_change", args=[record.pk])
            return HttpResponseRedirect(url)
        context = {**self.admin_site.each_context(request), "form": form,
                   "title": "导入企业数据（Excel）", "opts": self.model._meta,
                   "template_url": reverse("admin:enterprises_enterprise_template")}
        return TemplateResponse(request, "admin/enterprises/import.html", context)


def _enqueue_import(request: HttpRequest, form: ImportForm) -> ImportRecord:
    from portal.enterprises.tasks import import_workbook_task

    upload = form.cleaned_data["file"]
    actor = request.user if request.user.is_authenticated else None
    record = ImportRecord.objects.create(actor=actor, file_name=upload.name,
                                         dry_run=form.cleaned_data["dry_run"])
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    saved = folder / f"{record.pk}.xlsx"
    with saved.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    # The progress key is known before enqueueing: an immediate backend runs the task inside
    # enqueue(), before any task id could be stored.
    record.task_id = f"import-{record.pk}"
    record.save(update_fields=["task_id"])
    import_workbook_task.enqueue(record.pk, str(saved), record.dry_run,
                                 form.cleaned_data["fact_source"])
    record.refresh_from_db()
    return record


@admin.register(ImportRecord)
class ImportRecordAdmin(admin.ModelAdmin):
    list_display = ("created_at", "file_name", "actor", "status", "dry_run", "problem_count")
    list_filter = ("status", "dry_run")
    search_fields = ("file_name",)
    readonly_fields = ("created_at", "finished_at", "actor", "file_name", "dry_run", "status",
                       "task_id", "counts", "problem_list")
    exclude = ("errors",)

    @admin.display(description="问题数")
    def problem_count(self, obj: ImportRecord) -> int:
        return int(obj.counts.get("problems", 0))

    @admin.display(description="问题清单")
    def problem_list(self, obj: ImportRecord) -> str:
        if not obj.errors:
            return "无"
        return format_html("<ol>{}</ol>", format_html_join(
            "", "<li>{}</li>", ((e["text"],) for e in obj.errors)))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Fact)
class FactAdmin(admin.ModelAdmin):
    """Every version of every fact, read-only: corrections are entered as new versions."""

    list_display = ("enterprise", "indicator_name", "year", "shown_value", "source",
                    "entered_by", "entered_at", "superseded_at")
    list_filter = ("source", "year")
    search_fields = ("enterprise__uscc", "enterprise__name", "indicator")
    list_select_related = ("enterprise", "entered_by")
    show_full_result_count = False

    @admin.display(description="指标")
    def indicator_name(self, obj: Fact) -> str:
        ind = BY_ID.get(obj.indicator)
        return ind.name if ind else obj.indicator

    @admin.display(description="值")
    def shown_value(self, obj: Fact) -> str:
        ind = BY_ID.get(obj.indicator)
        if ind is None:
            return ""
        return f"{values.user_text(ind, services.stored_value(obj))} {ind.unit}".strip()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(EnterpriseMember)
class EnterpriseMemberAdmin(admin.ModelAdmin):
    list_display = ("user", "enterprise", "created_at")
    raw_id_fields = ("user", "enterprise")

    def save_model(self, request: HttpRequest, obj: EnterpriseMember, form: Any,
                   change: bool) -> None:
        member = services.enterprise_member_add(user=obj.user, enterprise=obj.enterprise,
                                                actor=request.user)
        obj.pk = member.pk
