"""Admin of assignments. Enterprise pickers are raw ids: the registry holds 100,000 rows."""

from __future__ import annotations

from django.contrib import admin

from portal.services import services
from portal.services.models import CommissionerAssignment, ExpertAssignment


@admin.register(CommissionerAssignment)
class CommissionerAssignmentAdmin(admin.ModelAdmin):
    list_display = ("commissioner", "enterprise", "assigned_at", "assigned_by")
    list_select_related = ("commissioner", "enterprise", "assigned_by")
    raw_id_fields = ("enterprise",)
    search_fields = ("enterprise__name", "enterprise__uscc", "commissioner__username",
                     "commissioner__display_name")
    readonly_fields = ("assigned_at", "assigned_by")

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        # New rows go through the service so they are audited; edits are plain saves.
        if change:
            return super().save_model(request, obj, form, change)
        obj.pk = services.commissioner_assign(commissioner=obj.commissioner,
                                              enterprise=obj.enterprise, actor=request.user).pk
        return None


@admin.register(ExpertAssignment)
class ExpertAssignmentAdmin(admin.ModelAdmin):
    list_display = ("expert", "enterprise", "purpose", "assigned_at", "assigned_by")
    list_filter = ("purpose",)
    list_select_related = ("expert", "enterprise", "assigned_by")
    raw_id_fields = ("enterprise",)
    search_fields = ("enterprise__name", "enterprise__uscc", "expert__username",
                     "expert__display_name")
    readonly_fields = ("assigned_at", "assigned_by")

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if change:
            return super().save_model(request, obj, form, change)
        obj.pk = services.expert_assign(expert=obj.expert, enterprise=obj.enterprise,
                                        purpose=obj.purpose, actor=request.user).pk
        return None
