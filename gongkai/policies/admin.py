from django.contrib import admin

from gongkai.policies.models import Consultation, NormativeDocument, PolicySettings


@admin.register(PolicySettings)
class PolicySettingsAdmin(admin.ModelAdmin):
    list_display = ("agency", "require_sync", "sync_grace_workdays", "max_validity_years")
    search_fields = ("agency__name",)


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(admin.ModelAdmin):
    """Read only: registration, 修订/废止 and 清理 go through their steps in the office."""

    list_display = ("registration_number", "item", "agency", "effective_on", "valid_until", "lapse")
    list_filter = ("lapse", "year")
    search_fields = ("registration_number", "item__title", "item__document_number")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ("title", "agency", "starts_on", "ends_on", "feedback_on")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
