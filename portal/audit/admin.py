from django.contrib import admin
from django.utils.html import format_html, format_html_join

from portal.audit.models import AuditEntry
from portal.workspace.changes import change_rows


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "action", "target_type", "target_id", "summary")
    list_filter = ("action", "target_type")
    search_fields = ("summary", "target_id")
    readonly_fields = ("at", "actor", "action", "target_type", "target_id", "summary",
                       "readable_changes", "changes")

    @admin.display(description="变更明细")
    def readable_changes(self, entry: AuditEntry) -> str:
        rows = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                                ((r.label, r.old, r.new) for r in change_rows(entry)))
        if not rows:
            return "—"
        return format_html("<table><thead><tr><th>项目</th><th>修改前</th><th>修改后</th></tr>"
                           "</thead><tbody>{}</tbody></table>", rows)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
