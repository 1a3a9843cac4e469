"""Staff pages of policy documents: the 规范性文件 register (settings, registration, 修订/废止/
替代, expiry, 清理), 解读 on an item's page with approval together, and consultations
(moderation, 采纳情况, 反馈). Thin views: each POST calls one transition."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.catalogue.models import DocumentKind, Item
from gongkai.core.steps import step_set_of, steps_for
from gongkai.office.access import read_only_for, roles_in, staff_agency, viewed_agency
from gongkai.office.catalogue import staff_item
from gongkai.office.steps import step_context, take_step
from gongkai.policies import forms as f
from gongkai.policies.models import (
    CleanupBatch,
    Comment,
    Consultation,
    NormativeDocument,
    RelationKind,
    settings_for,
)
from gongkai.policies.steps import (
    CLEANUP_STEPS,
    NORMATIVE_STEPS,
    AgencyConsultations,
    AgencyPolicyRegister,
    PolicyItem,
)


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
    # 登记, 记录文件关系, 开始清理, 保存设置: each form shown only to whom it is offered
    offer = steps_for(AgencyPolicyRegister(agency), request.user, today=today, roles=roles)
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
            "register_offer": offer,
            "register_refusals": {r.step: r.sentence for r in offer.refused},
        },
    )


@login_required
@require_POST
def register_action(request, action: str):
    """The register page's steps (policies/steps.py): 宣布失效 on the entry the form names,
    and 登记, 记录文件关系, 开始清理, 保存设置 on the agency's register."""
    agency = staff_agency(request)
    if action == "expire":
        chosen = f.RecordForm(request.POST, agency=agency)
        if not chosen.is_valid():  # not a register entry of this agency
            raise Http404
        return take_step(request, chosen.cleaned_data["record"], "expire")
    return take_step(request, AgencyPolicyRegister(agency), action)


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
    """The agency's consultations; 发起意见征集 is a declared step (policies/steps.py) taken
    by the one handler. A supervising administrator reads the list only."""
    agency, read_only = viewed_agency(request)
    target = AgencyConsultations(agency)
    if request.method == "POST":
        if read_only:
            raise Http404
        return take_step(request, target, "start")
    today = timezone.localdate()
    offer = None if read_only else steps_for(target, request.user, today=today)
    return render(
        request,
        "office/policies/consultations.html",
        {
            "agency": agency,
            "consultations": Consultation.objects.filter(agency=agency),
            "read_only": read_only,
            "start_offered": offer is not None and "start" in offer,
            "start_refusal": offer and offer.refusal("start"),
            "draft_q": request.GET.get("q", "")[:100],
            "drafts": f.consultation_drafts(agency, request.GET.get("q", "")),
            "today": today,
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
