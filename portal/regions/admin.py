from django.contrib import admin

from portal.regions.models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent", "official")
    list_filter = ("kind", "official")
    search_fields = ("code", "name")
    readonly_fields = ("path",)
