from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from gongkai.core.audit import audit
from gongkai.core.models import Agency, AuditEntry, CalendarDay, Membership, User


class AuditedAdmin(admin.ModelAdmin):
    """Every add, change and delete on this screen lands in the audit log, not only in
    Django's own admin history: role grants and calendar corrections are what an auditor
    asks about first."""

    def log_addition(self, request, obj, message):
        audit(request.user, f"{obj._meta.model_name}.added", obj=obj, summary=str(obj))
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        audit(request.user, f"{obj._meta.model_name}.changed", obj=obj, changes=message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit(request.user, f"{obj._meta.model_name}.deleted", obj=obj, summary=str(obj))
        return super().log_deletions(request, queryset)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1


@admin.register(User)
class StaffAdmin(AuditedAdmin, UserAdmin):
    """Accounts are deactivated (取消“有效”), never deleted: the audit log names them."""

    fieldsets = [*UserAdmin.fieldsets, ("姓名", {"fields": ["full_name"]})]
    list_display = ["username", "full_name", "email", "is_active"]
    inlines = [MembershipInline]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    list_display = ["name", "level", "parent", "index_prefix"]
    list_filter = ["level"]
    search_fields = ["name", "index_prefix"]
    inlines = [MembershipInline]

    def has_delete_permission(self, request, obj=None):
        # An agency's index numbers and audit history are permanent; it is never deleted.
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedAdmin):
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
