from django import template
from django.utils import timezone

from gongkai.catalogue.models import DocumentKind, Item, ItemStatus
from gongkai.policies.models import InterpretationForm, settings_for
from gongkai.policies.panel import panel_for

register = template.Library()


@register.inclusion_tag("office/policies/panel.html", takes_context=True)
def policy_panel(context, item, read_only=False):
    """The reviewer sees the document and its 解读 together (国办发〔2016〕80号)."""
    return {
        "item": item,
        "read_only": read_only,
        "csrf_token": context.get("csrf_token"),
        "panel": panel_for(item, today=timezone.localdate(), public=False),
        "normative": item.document_kind == DocumentKind.NORMATIVE,
        "require_sync": settings_for(item.agency).require_sync,
        "forms": InterpretationForm.choices,
        "documents": Item.objects.filter(agency=item.agency, document_kind=DocumentKind.NORMATIVE)
        .exclude(pk=item.pk)
        .exclude(status=ItemStatus.WITHDRAWN)
        .order_by("-pk")[:100]
        if item.document_kind != DocumentKind.NORMATIVE
        else [],
    }
