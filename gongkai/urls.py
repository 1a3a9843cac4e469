from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "gongkai 政府信息公开 · 系统管理"
admin.site.site_title = "gongkai 系统管理"

urlpatterns = [
    path("", include("gongkai.portal.urls")),
    path("office/", include("gongkai.office.urls")),
    path("admin/", admin.site.urls),
]
