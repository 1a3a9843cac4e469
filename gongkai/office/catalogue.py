"""Staff pages for proactive disclosure: the agency's items with their timeliness, a draft
form, and the item page where the reviewer sees each personal-data hit and decides."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.catalogue import transitions as t
from gongkai.catalogue.attachments import file_response
from gongkai.catalogue.body import editable as editable_body
from gongkai.catalogue.forms import ItemForm
from gongkai.catalogue.history import corrections_of, timeline
from gongkai.catalogue.import_steps import AgencyImport
from gongkai.catalogue.models import Category, Item, ItemAttachment, ItemStatus
from gongkai.catalogue.steps import AgencyDrafting
from gongkai.core.calendar import calendar_for
from gongkai.core.steps import steps_for
from gongkai.core.transitions import TransitionError
from gongkai.core.uploads import UploadRefused
from gongkai.office.access import (
    acting_on,
    may,
    read_only_for,
    roles_in,
    staff_agency,
    viewed_agency,
)
from gongkai.office.item_list import list_items
from gongkai.office.steps import offered_steps, step_context, take_step


class CorrectionDraftForm(ItemForm):
    """A correction draft (更正稿, issue 25): the fields a correction may change, with its
    更正说明; 形成日期, 标准目录事项 and 文件类型 stay those of the published item
    (catalogue/corrections.py says why)."""

    class Meta(ItemForm.Meta):
        fields = [
            "correction_note",
            "withhold_earlier",
            "category",
            "title",
            "document_number",
            "keywords",
            "summary",
            "body",
            "written_on",
            "article20_item",
        ]
        widgets = {**ItemForm.Meta.widgets, "correction_note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, agency=None, **kwargs):
        forms.ModelForm.__init__(self, *args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(
            Q(agency=agency) | Q(agency__isnull=True), parent__isnull=False
        )
        self.fields["correction_note"].required = True


def staff_item(request, pk: int) -> Item:
    """An item of one of the user's own agencies (to act on); 404 for anyone else's, a
    supervising administrator included (office/access.acting_on)."""
    item = Item.objects.select_related("agency", "category").filter(pk=pk).first()
    if item is None:
        raise Http404
    return acting_on(request, item)


def viewed_item(request, pk: int) -> tuple[Item, bool]:
    """An item the user may see: their own agency's, or — read only — a supervised one's."""
    item = Item.objects.select_related("agency", "category").filter(pk=pk).first()
    if item is None:
        raise Http404
    return item, read_only_for(request, item)


@login_required
def items(request):
    agency, read_only = viewed_agency(request)
    today = timezone.localdate()
    calendar = calendar_for(agency)  # its region's holidays too (放假办法第四条)
    context = list_items(agency, request.GET, calendar=calendar, today=today)
    # the links to the pages that make items, for whom their declared steps are open
    roles = frozenset() if read_only else roles_in(request.user, agency)
    drafting = steps_for(AgencyDrafting(agency), request.user, today=today, roles=roles)
    importing = steps_for(AgencyImport(agency), request.user, today=today, roles=roles)
    return render(
        request,
        "office/items.html",
        {
            **context,
            "agency": agency,
            "read_only": read_only,
            "drafts": "draft" in drafting,
            "imports": bool(importing.offered),
        },
    )


def _draft_page(request, target: AgencyDrafting, form=None):
    offer = steps_for(target, request.user, today=timezone.localdate())
    return render(
        request,
        "office/item_new.html",
        {
            "agency": target.agency,
            "form": form if form is not None else offer.step_set.get("draft").make_form(target),
            "offered": "draft" in offer,
            "refusal": offer.refusal("draft"),
        },
    )


@login_required
def new_item(request):
    """起草新条目 (catalogue/steps.py): a form the step or the transition refuses comes back
    with what was typed; a saved draft opens on its own page."""
    target = AgencyDrafting(staff_agency(request))
    if request.method != "POST":
        return _draft_page(request, target)
    return take_step(
        request, target, "draft", invalid=lambda form: _draft_page(request, target, form)
    )


@login_required
def item_detail(request, pk: int):
    """The item with the steps this user may take now; a POST saves the edit form (every
    field, while the item is a draft or returned)."""
    item, read_only = (
        (staff_item(request, pk), False) if request.method == "POST" else viewed_item(request, pk)
    )
    roles = frozenset() if read_only else roles_in(request.user, item.agency)
    editable = item.status in (ItemStatus.DRAFT, ItemStatus.RETURNED) and may(roles, t.EDITORS)
    form = None
    if editable:
        form = (CorrectionDraftForm if item.corrects_id else ItemForm)(
            request.POST if request.method == "POST" else None,
            instance=item,
            agency=item.agency,
            initial={"body": editable_body(item.body)},
        )
        if form.is_bound and form.is_valid():
            try:
                t.edit_item(item, by=request.user, **form.cleaned_data)
            except TransitionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "修改已保存")
                return redirect("office:item", pk=pk)
            item.refresh_from_db()
    elif request.method == "POST":
        messages.error(request, f"该信息当前为“{item.get_status_display()}”，不能修改")
        return redirect("office:item", pk=pk)
    today = timezone.localdate()
    timeliness = item.timeliness(calendar=calendar_for(item.agency), today=today)
    steps = step_context(
        item,
        request.user,
        today=today,
        read_only=read_only,
        apart=("remove_attachment", "correct"),
    )
    # 更正 is rendered in its own place, opened when a link (a self-check finding) asks
    correct_row = None
    if "correct" in steps["step_offer"]:
        rows = offered_steps(steps["step_offer"])
        correct_row = next(row for row in rows if row.step.name == "correct")
    return render(
        request,
        "office/item.html",
        {
            "item": item,
            "timeliness": timeliness,
            "statuses": ItemStatus,
            "read_only": read_only,
            "form": form,
            # the returned draft's note asks for changes from whoever may resubmit it
            "resubmits": "submit" in steps["step_offer"],
            "reviews": "return" in steps["step_offer"],
            "removes": "remove_attachment" in steps["step_offer"],
            **steps,
            "timeline": timeline(item),
            "correct_row": correct_row,
            "open_correct": request.GET.get("step") == "correct",
            "open_correction": None if item.corrects_id else item.open_correction(),
            "corrections": corrections_of(item),
            "attachments": item.attachments.all(),
            "channel_posts": item.channel_posts.order_by("posted_on"),
            "media_adoptions": item.media_adoptions.order_by("adopted_on"),
        },
    )


@login_required
@require_POST
def attachment_add(request, pk: int):
    item = staff_item(request, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要上传的文件")
    else:
        try:
            t.attach_file(item, upload, by=request.user)
        except (TransitionError, UploadRefused) as error:
            messages.error(request, f"添加附件：{error}")
        else:
            messages.success(request, f"已添加附件“{upload.name}”")
    return redirect("office:item", pk=pk)


@login_required
@require_POST
def attachment_remove(request, pk: int, attachment_pk: int):
    item = staff_item(request, pk)
    attachment = get_object_or_404(ItemAttachment, pk=attachment_pk, item=item)
    data = {"remove_attachment-attachment": attachment.pk}
    return take_step(request, item, "remove_attachment", data=data)


@login_required
def attachment_download(request, pk: int, attachment_pk: int):
    item, _ = viewed_item(request, pk)
    attachment = get_object_or_404(ItemAttachment, pk=attachment_pk, item=item)
    return file_response(attachment)


@login_required
@require_POST
def item_action(request, pk: int, action: str):
    item = staff_item(request, pk)
    response = take_step(request, item, action)
    if action == "correct" and (draft := item.open_correction()) is not None:
        return redirect("office:item", pk=draft.pk)  # the new 更正稿, to edit
    if item.corrects_id and not Item.objects.filter(pk=item.pk).exists():
        # a correction draft published or abandoned is gone: back to the item it corrected
        return redirect("office:item", pk=item.corrects_id)
    return response
