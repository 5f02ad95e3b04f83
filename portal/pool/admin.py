"""Admin: the entry-criteria setting is editable (checked against the criteria library and
audited); everything else is read-only here — pool work happens on the pool pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from portal.assessments.library import criteria_library
from portal.audit.services import audit_record
from portal.pool.models import (
    EntryRequest,
    PoolConfig,
    PoolMembership,
    PoolReview,
    PoolSnapshot,
    ScreeningRun,
)
from portal.pool.standards import POOL_TIER


class PoolConfigForm(forms.ModelForm):
    class Meta:
        model = PoolConfig
        fields = ("entry_set_ids", "note")

    def clean_entry_set_ids(self) -> str:
        ids = [p.strip() for p in self.cleaned_data["entry_set_ids"].split(",") if p.strip()]
        known = {s.id: s for s in criteria_library().sets}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise forms.ValidationError(f"标准库中没有以下认定标准：{'、'.join(unknown)}")
        if not ids:
            raise forms.ValidationError("请至少填写一个认定标准编号。")
        other = [i for i in ids if known[i].tier != POOL_TIER]
        if other:
            raise forms.ValidationError(f"以下标准不是培育库入库标准：{'、'.join(other)}")
        return ",".join(ids)


@admin.register(PoolConfig)
class PoolConfigAdmin(admin.ModelAdmin):
    form = PoolConfigForm
    list_display = ("entry_set_ids", "note", "created_at", "created_by")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            obj.created_by = request.user
            super().save_model(request, obj, form, change)
            audit_record(actor=request.user, action="pool.config", target=obj,
                         summary=f"设置培育库入库标准：{obj.entry_set_ids}",
                         changes={"entry_set_ids": obj.entry_set_ids, "note": obj.note})


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PoolMembership)
class PoolMembershipAdmin(ReadOnlyAdmin):
    list_display = ("enterprise", "year", "route", "status", "focus", "focus_override",
                    "entered_at", "exited_at")
    list_filter = ("status", "route", "focus", "year")
    search_fields = ("enterprise__name", "enterprise__uscc")


@admin.register(EntryRequest)
class EntryRequestAdmin(ReadOnlyAdmin):
    list_display = ("enterprise", "route", "status", "nominator_name", "submitted_at",
                    "decided_at")
    list_filter = ("route", "status")
    search_fields = ("enterprise__name", "nominator_name")


@admin.register(PoolReview)
class PoolReviewAdmin(ReadOnlyAdmin):
    list_display = ("year", "region", "status", "started_by", "started_at", "finished_at")


@admin.register(ScreeningRun)
class ScreeningRunAdmin(ReadOnlyAdmin):
    list_display = ("region", "status", "started_by", "started_at", "finished_at")


@admin.register(PoolSnapshot)
class PoolSnapshotAdmin(ReadOnlyAdmin):
    list_display = ("year", "version", "member_count", "taken_by", "taken_at")
