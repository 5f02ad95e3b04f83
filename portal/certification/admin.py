"""Admin: rounds and reference rows are editable (deadlines can be extended there); the
workflow rows are read-only, because every change must go through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from portal.certification.models import (
    Application,
    Certificate,
    ConflictOfInterest,
    ExpertDraw,
    Revocation,
    Round,
    RoundStep,
    Transition,
)


class RoundStepInline(admin.TabularInline):
    model = RoundStep
    extra = 0


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ("name", "tier", "level", "criteria_set_id", "application_type", "opens_on",
                    "application_deadline")
    list_filter = ("tier", "application_type")
    inlines = [RoundStepInline]
    raw_id_fields = ("region", "created_by")


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    can_delete = False
    readonly_fields = ("at", "action", "from_status", "to_status", "level", "actor", "reason")
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnly):
    list_display = ("enterprise", "round", "status", "current_level", "verdict", "submitted_at")
    list_filter = ("status", "current_level", "verdict", "round")
    search_fields = ("enterprise__name", "enterprise__uscc")
    inlines = [TransitionInline]


@admin.register(Certificate)
class CertificateAdmin(ReadOnly):
    list_display = ("number", "enterprise", "tier", "level", "valid_from", "valid_until")
    search_fields = ("number", "enterprise__name")


@admin.register(Revocation)
class RevocationAdmin(ReadOnly):
    list_display = ("enterprise", "title", "ground", "effective_on", "decided_by")
    list_filter = ("ground",)


@admin.register(ExpertDraw)
class ExpertDrawAdmin(ReadOnly):
    list_display = ("application", "seed", "drawn_by", "drawn_at")


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(admin.ModelAdmin):
    list_display = ("expert", "enterprise", "relation", "recorded_by", "recorded_at")
    raw_id_fields = ("expert", "enterprise", "recorded_by")
    search_fields = ("enterprise__name", "expert__username")
