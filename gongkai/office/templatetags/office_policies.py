from django import template
from django.utils import timezone

from gongkai.catalogue.models import DocumentKind
from gongkai.office.steps import step_context
from gongkai.policies.models import settings_for
from gongkai.policies.panel import panel_for
from gongkai.policies.steps import PolicyItem

register = template.Library()


@register.inclusion_tag("office/policies/panel.html", takes_context=True)
def policy_panel(context, item, read_only=False):
    """The reviewer sees the document and its 解读 together (国办发〔2016〕80号); the steps
    on them (关联解读, 一并审核公开) come from their declarations (policies/steps.py)."""
    today = timezone.localdate()
    steps = step_context(
        PolicyItem(item), context["request"].user, today=today, read_only=read_only
    )
    return {
        **steps,
        "item": item,
        "read_only": read_only,
        "csrf_token": context.get("csrf_token"),
        "request": context["request"],
        "panel": panel_for(item, today=today, public=False),
        "normative": item.document_kind == DocumentKind.NORMATIVE,
        "require_sync": settings_for(item.agency).require_sync,
    }
