from django import template
from django.utils import timezone

from gongkai.policies.panel import panel_for

register = template.Library()


@register.inclusion_tag("portal/policies/panel.html")
def policy_panel(item):
    return {"item": item, "panel": panel_for(item, today=timezone.localdate(), public=True)}
