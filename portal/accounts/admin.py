from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from portal.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "display_name", "role", "region", "is_active", "last_login")
    list_filter = ("role", "is_active")
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("角色与管辖", {"fields": ("role", "region", "display_name", "failed_logins",
                                 "locked_until")}),
    )
