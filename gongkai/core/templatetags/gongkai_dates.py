"""`{{ some_date|cn_date }}` in every template (registered as a builtin in settings)."""

from django import template

from gongkai.core.dates import chinese_date

register = template.Library()


@register.filter(name="cn_date")
def cn_date(value, missing=""):
    return chinese_date(value, missing=missing)
