from django.contrib import admin

from gongkai.inspection.models import SiteIdentity


@admin.register(SiteIdentity)
class SiteIdentityAdmin(admin.ModelAdmin):
    list_display = ("__str__", "sponsor", "site_code", "icp_number", "police_record")
    list_select_related = ("agency",)
