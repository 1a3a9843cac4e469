"""Staff pages for proactive disclosure: the agency's items with their timeliness, a draft
form, and the item page where the reviewer sees each personal-data hit and decides."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category, Item, ItemStatus
from gongkai.core.calendar import current_calendar
from gongkai.core.transitions import TransitionError
from gongkai.office.access import staff_agency

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ItemForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = [
            "category",
            "title",
            "document_number",
            "keywords",
            "summary",
            "body",
            "written_on",
            "formed_on",
            "document_kind",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "written_on": DATE,
            "formed_on": DATE,
        }

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        # the shared statutory subjects and the agency's own; roots only group them
        self.fields["category"].queryset = Category.objects.filter(
            Q(agency=agency) | Q(agency__isnull=True), parent__isnull=False
        )


def staff_item(request, pk: int) -> Item:
    item = (
        Item.objects.filter(pk=pk, agency__memberships__user=request.user)
        .select_related("agency", "category")
        .first()
    )
    if item is None:
        raise Http404
    return item


@login_required
def items(request):
    agency = staff_agency(request)
    today = timezone.localdate()
    calendar = current_calendar()
    rows = [
        (item, item.timeliness(calendar=calendar, today=today))
        for item in Item.objects.filter(agency=agency)
        .select_related("category")
        .order_by("-updated_at")[:200]
    ]
    return render(request, "office/items.html", {"agency": agency, "rows": rows})


@login_required
def new_item(request):
    agency = staff_agency(request)
    form = ItemForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            item = t.create_draft(agency, by=request.user, **form.cleaned_data)
        except TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "草稿已保存")
            return redirect("office:item", pk=item.pk)
    return render(request, "office/item_new.html", {"form": form, "agency": agency})


@login_required
def item_detail(request, pk: int):
    item = staff_item(request, pk)
    timeliness = item.timeliness(calendar=current_calendar(), today=timezone.localdate())
    return render(
        request,
        "office/item.html",
        {"item": item, "timeliness": timeliness, "statuses": ItemStatus},
    )


ITEM_ACTIONS = {
    "submit": ("提交审查", lambda item, user, data: t.submit(item, by=user)),
    "redact": ("脱敏处理", lambda item, user, data: t.redact_personal_data(item, by=user)),
    "confirm": (
        "确认可以公开",
        lambda item, user, data: t.confirm_personal_data(
            item, by=user, reason=data.get("reason", "")
        ),
    ),
    "return": (
        "退回",
        lambda item, user, data: t.return_item(item, by=user, reason=data.get("reason", "")),
    ),
    "publish": (
        "审核通过并公开",
        lambda item, user, data: t.approve_and_publish(item, by=user, on=timezone.localdate()),
    ),
    "withdraw": (
        "撤回",
        lambda item, user, data: t.withdraw(
            item, by=user, on=timezone.localdate(), reason=data.get("reason", "")
        ),
    ),
}


@login_required
@require_POST
def item_action(request, pk: int, action: str):
    item = staff_item(request, pk)
    if action not in ITEM_ACTIONS:
        raise Http404
    label, step = ITEM_ACTIONS[action]
    try:
        step(item, request.user, request.POST)
    except TransitionError as error:
        messages.error(request, f"{label}：{error}")
    else:
        messages.success(request, f"已{label}")
    return redirect("office:item", pk=pk)
