"""Top-level URL routes."""

from django.contrib import admin
from django.urls import include, path

from portal.core import views as core_views

admin.site.site_header = "专精特新企业梯度培育平台 · 管理后台"
admin.site.site_title = "zjtx 管理后台"
admin.site.index_title = "数据管理"

handler403 = "portal.core.errors.permission_denied"
handler404 = "portal.core.errors.page_not_found"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/", include("portal.accounts.urls")),
    path("enterprises/", include("portal.workspace.urls")),
    path("dashboards/", include("portal.dashboards.urls")),
    path("pool/", include("portal.pool.urls")),
    path("certification/", include("portal.certification.urls")),
    path("notifications/", include("portal.notifications.urls")),
    path("admin/", admin.site.urls),
]
