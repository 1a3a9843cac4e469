from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.http import require_safe

from gongkai.portal.api import api
from gongkai.portal.feeds import SITEMAPS

admin.site.site_header = "gongkai 政府信息公开 · 系统管理"
admin.site.site_title = "gongkai 系统管理"

urlpatterns = [
    path("", include("gongkai.portal.urls")),
    path("office/", include("gongkai.office.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path(
        "sitemap.xml",
        require_safe(sitemap_views.index),
        {"sitemaps": SITEMAPS},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        require_safe(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

# Every error a visitor may meet is a Chinese page in the site's layout (gongkai/errors.py).
handler400 = "gongkai.errors.bad_request"
handler403 = "gongkai.errors.permission_denied"
handler404 = "gongkai.errors.page_not_found"
handler500 = "gongkai.errors.server_error"
