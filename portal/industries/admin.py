from django.contrib import admin

from portal.industries.models import Cluster, Industry


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "programme", "source")
    list_filter = ("kind", "programme")
    search_fields = ("name",)
