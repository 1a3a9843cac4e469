"""Staff pages of policy documents: the 规范性文件 register (settings, registration, 修订/废止/
替代, expiry, 清理), 解读 on an item's page with approval together, and consultations
(moderation, 采纳情况, 反馈). Thin views: each POST calls one transition."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.catalogue.models import DocumentKind, Item
from gongkai.core.steps import step_set_of
from gongkai.core.transitions import TransitionError
from gongkai.office.access import read_only_for, roles_in, staff_agency, viewed_agency
from gongkai.office.catalogue import staff_item
from gongkai.office.steps import step_context, take_step
from gongkai.policies import forms as f
from gongkai.policies import transitions as p
from gongkai.policies.models import (
    CleanupBatch,
    Comment,
    Consultation,
    NormativeDocument,
    RelationKind,
    settings_for,
)
from gongkai.policies.steps import CLEANUP_STEPS, NORMATIVE_STEPS, PolicyItem


def _own_item(request, pk_text: str) -> Item:
    if not str(pk_text).isdigit():
        raise TransitionError("请选择文件")
    return staff_item(request, int(pk_text))


def _posted_pk(request, name: str) -> int:
    text = request.POST.get(name, "")
    return int(text) if text.isdigit() else 0


@login_required
def register(request):
    """The agency's register; a county administrator may read a subordinate agency's."""
    agency, read_only = viewed_agency(request)
    today = timezone.localdate()
    records = list(NormativeDocument.objects.filter(agency=agency).select_related("item", "agency"))
    roles = frozenset() if read_only else roles_in(request.user, agency)
    for record in records:
        record.current = record.currency(today)
        record.offer = record.steps_for(request.user, today=today, roles=roles)
    return render(
        request,
        "office/policies/register.html",
        {
            "expire_tick": NORMATIVE_STEPS.get("expire").irreversible,
            "agency": agency,
            "settings": settings_for(agency),
            "records": records,
            "unregistered": Item.objects.unpublished().filter(
                agency=agency, document_kind=DocumentKind.NORMATIVE, normative__isnull=True
            ),
            # published before the register existed (an old catalogue imported as published):
            # each is registered on its own page (policies/steps.py, 补充登记)
            "published_unregistered": Item.objects.live()
            .filter(agency=agency, document_kind=DocumentKind.NORMATIVE, normative__isnull=True)
            .order_by("-published_on", "-pk"),
            "newer_q": request.GET.get("newer_q", "")[:100],
            "older_q": request.GET.get("older_q", "")[:100],
            "newer": f.newer_documents(agency, request.GET.get("newer_q", "")),
            "older": f.older_documents(agency, today, request.GET.get("older_q", "")),
            "relation_kinds": RelationKind.choices,
            "batches": CleanupBatch.objects.filter(agency=agency),
            "today": today,
            "read_only": read_only,
        },
    )


def _settings(agency, by, data):
    p.configure(agency, by=by, **data)


def _register(agency, by, data):
    p.register_normative(data.pop("item"), by=by, on=timezone.localdate(), **data)


def _relate(agency, by, data):
    p.relate(data["newer"], data["older"], by=by, kind=data["kind"], on=data["on"])


def _cleanup(agency, by, data):
    return p.start_cleanup(agency, by=by, on=timezone.localdate(), **data)


# what the register page creates for the agency: label, form, transition
REGISTER_ACTIONS = {
    "settings": ("保存设置", f.SettingsForm, _settings),
    "register": ("登记", f.RegisterForm, _register),
    "relate": ("记录文件关系", f.RelateForm, _relate),
    "cleanup": ("开始清理", f.CleanupForm, _cleanup),
}


@login_required
@require_POST
def register_action(request, action: str):
    agency = staff_agency(request)
    if action == "expire":  # a declared step (policies/steps.py), taken by the one handler
        record = NormativeDocument.objects.filter(
            pk=_posted_pk(request, "record"), agency=agency
        ).first()
        if record is None:
            raise Http404
        return take_step(request, record, "expire")
    if action not in REGISTER_ACTIONS:
        raise Http404
    label, form_class, run = REGISTER_ACTIONS[action]
    form = form_class(request.POST, agency=agency)
    try:
        if not form.is_valid():
            raise TransitionError(f.errors_of(form))
        made = run(agency, request.user, dict(form.cleaned_data))
    except TransitionError as error:
        messages.error(request, f"{label}：{error}")
    else:
        messages.success(request, f"已{label}")
        if isinstance(made, CleanupBatch):
            return redirect("office:policy_cleanup", pk=made.pk)
    return redirect(reverse("office:policy_register") + f"?agency={agency.pk}")


def _viewed(request, queryset, pk: int):
    """The object and whether this person only reads it (office/access.read_only_for)."""
    found = get_object_or_404(queryset, pk=pk)
    return found, read_only_for(request, found, agency=CLEANUP_STEPS.agency(found))


@login_required
def cleanup(request, pk: int):
    batch, read_only = _viewed(request, CleanupBatch.objects.select_related("agency", "item"), pk)
    if read_only:  # a 清理 is worked on by its own agency only
        raise Http404
    context = step_context(batch, request.user, today=timezone.localdate(), apart=("record",))
    offer = context["step_offer"]
    form = CLEANUP_STEPS.get("record").make_form(batch)
    return render(
        request,
        "office/policies/cleanup.html",
        {
            **context,
            "batch": batch,
            "form": form,
            "record": "record" in offer,
        },
    )


def _act(request, obj, action: str, back: str):
    """Take a declared step on an object of the user's own agency (POST only)."""
    if request.method != "POST":
        raise Http404
    if read_only_for(request, obj, agency=step_set_of(obj).agency(obj)):
        raise Http404
    return take_step(request, obj, action, back=back)


@login_required
@require_POST
def cleanup_action(request, pk: int, action: str):
    batch = get_object_or_404(CleanupBatch.objects.select_related("agency"), pk=pk)
    return _act(request, batch, action, reverse("office:policy_cleanup", args=[pk]))


# ---------------------------------------------------------------- 解读 on an item's page


@login_required
@require_POST
def item_action(request, pk: int, action: str):
    """关联解读 and 文件与解读一并审核公开: declared steps (policies/steps.py)."""
    item = staff_item(request, pk)
    return take_step(request, PolicyItem(item), action)


# ---------------------------------------------------------------- consultations


@login_required
def consultations(request):
    agency, read_only = viewed_agency(request)
    if request.method == "POST" and not read_only:
        form = f.ConsultationForm(request.POST, agency=agency)
        try:
            if not form.is_valid():
                raise TransitionError(f.errors_of(form))
            found = p.open_consultation(
                form.cleaned_data.pop("draft"),
                by=request.user,
                today=timezone.localdate(),
                **form.cleaned_data,
            )
        except TransitionError as error:
            messages.error(request, f"发起意见征集：{error}")
        else:
            messages.success(request, "已发起意见征集")
            return redirect("office:consultation", pk=found.pk)
    return render(
        request,
        "office/policies/consultations.html",
        {
            "agency": agency,
            "consultations": Consultation.objects.filter(agency=agency),
            "read_only": read_only,
            "draft_q": request.GET.get("q", "")[:100],
            "drafts": f.consultation_drafts(agency, request.GET.get("q", "")),
            "today": timezone.localdate(),
        },
    )


CONSULTATIONS = Consultation.objects.select_related("agency", "draft", "feedback_item")


@login_required
def consultation(request, pk: int):
    found, read_only = _viewed(request, CONSULTATIONS, pk)
    if read_only:  # the office page shows contacts: the own agency only (the portal shows the rest)
        raise Http404
    today = timezone.localdate()
    comments = list(found.comments.all())
    for comment in comments:
        comment.consultation = found
        comment.steps = step_context(comment, request.user, today=today)
    return render(
        request,
        "office/policies/consultation.html",
        {
            **step_context(found, request.user, today=today),
            "consultation": found,
            "comments": comments,
        },
    )


@login_required
@require_POST
def consultation_action(request, pk: int, action: str):
    found = get_object_or_404(CONSULTATIONS, pk=pk)
    return _act(request, found, action, reverse("office:consultation", args=[pk]))


@login_required
@require_POST
def comment_action(request, pk: int, comment: int, action: str):
    found = get_object_or_404(
        Comment.objects.select_related("consultation__agency"), pk=comment, consultation_id=pk
    )
    return _act(request, found, action, reverse("office:consultation", args=[pk]))
