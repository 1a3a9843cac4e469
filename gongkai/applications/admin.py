from django.contrib import admin

from gongkai.applications.models import LetterTemplate
from gongkai.core.admin import AuditedAdmin


@admin.register(LetterTemplate)
class LetterTemplateAdmin(AuditedAdmin):
    """Agencies word their own notices; placeholders in braces as in the built-in ones."""

    list_display = ["agency", "kind"]
    list_filter = ["kind"]
