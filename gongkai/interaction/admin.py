from django.contrib import admin

from gongkai.interaction.models import AnswerPeriods


@admin.register(AnswerPeriods)
class AnswerPeriodsAdmin(admin.ModelAdmin):
    """A county's row holds for every agency under it without its own."""

    list_display = ("agency", "consult", "suggest", "complain", "error")
    search_fields = ("agency__name",)
