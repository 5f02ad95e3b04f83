from django.contrib import admin

from portal.core.models import TaskProgress


@admin.register(TaskProgress)
class TaskProgressAdmin(admin.ModelAdmin):
    list_display = ("title", "task_id", "done", "total", "message", "finished", "updated_at")
    readonly_fields = ("task_id", "title", "done", "total", "message", "finished", "updated_at")
