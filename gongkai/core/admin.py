from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from gongkai.core.models import Agency, AuditEntry, CalendarDay, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1


@admin.register(User)
class StaffAdmin(UserAdmin):
    fieldsets = [*UserAdmin.fieldsets, ("姓名", {"fields": ["full_name"]})]
    list_display = ["username", "full_name", "email", "is_active"]
    inlines = [MembershipInline]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "parent", "index_prefix"]
    list_filter = ["level"]
    search_fields = ["name", "index_prefix"]
    inlines = [MembershipInline]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "source", "changed_at"]
    list_filter = ["kind"]
    date_hierarchy = "day"


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the database refuses changes anyway; the screen does not offer them."""

    list_display = ["at", "actor_label", "agency", "action", "object_type", "object_id"]
    list_filter = ["action"]
    search_fields = ["actor_label", "action", "object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
