"""Staff pages of policy documents: the 规范性文件 register (settings, registration, 修订/废止/
替代, expiry, 清理), 解读 on an item's page with approval together, and consultations
(moderation, 采纳情况, 反馈). Thin views: each POST calls one transition."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.catalogue.models import DocumentKind, Item, ItemStatus
from gongkai.core.models import Agency
from gongkai.core.transitions import TransitionError
from gongkai.office.access import staff_agency, viewed_agency
from gongkai.office.catalogue import staff_item
from gongkai.policies import transitions as p
from gongkai.policies.models import (
    Adoption,
    CleanupBatch,
    CleanupResult,
    Comment,
    Consultation,
    NormativeDocument,
    RelationKind,
    settings_for,
)


def _date(text: str, label: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise TransitionError(f"请填写正确的{label}") from None


def _optional_date(text: str, label: str) -> date | None:
    return _date(text, label) if text else None


def _posted_pk(request, name: str) -> int:
    text = request.POST.get(name, "")
    return int(text) if text.isdigit() else 0


def _own_item(request, pk_text: str) -> Item:
    if not str(pk_text).isdigit():
        raise TransitionError("请选择文件")
    return staff_item(request, int(pk_text))


@login_required
def register(request):
    """The agency's register; a county administrator may read a subordinate agency's."""
    agency, read_only = viewed_agency(request)
    today = timezone.localdate()
    records = list(NormativeDocument.objects.filter(agency=agency).select_related("item", "agency"))
    for record in records:
        record.current = record.currency(today)
    return render(
        request,
        "office/policies/register.html",
        {
            "agency": agency,
            "settings": settings_for(agency),
            "records": records,
            "unregistered": Item.objects.filter(
                agency=agency,
                document_kind=DocumentKind.NORMATIVE,
                status__in=(ItemStatus.DRAFT, ItemStatus.RETURNED, ItemStatus.SUBMITTED),
                normative__isnull=True,
            ),
            "published": Item.objects.filter(agency=agency, status=ItemStatus.PUBLISHED).order_by(
                "-published_on", "-pk"
            )[:200],
            "relation_kinds": RelationKind.choices,
            "batches": CleanupBatch.objects.filter(agency=agency),
            "today": today,
            "read_only": read_only,
        },
    )


def _settings(request, agency):
    grace = request.POST.get("sync_grace_workdays", "0")
    years = request.POST.get("max_validity_years", "")
    if not grace.isdigit() or (years and not years.isdigit()):
        raise TransitionError("请填写整数")
    p.configure(
        agency,
        by=request.user,
        require_sync=request.POST.get("require_sync") == "on",
        sync_grace_workdays=int(grace),
        max_validity_years=int(years) if years else None,
        registration_code=request.POST.get("registration_code", ""),
    )


def _register(request, agency):
    p.register_normative(
        _own_item(request, request.POST.get("item", "")),
        by=request.user,
        on=timezone.localdate(),
        effective_on=_date(request.POST.get("effective_on", ""), "施行日期"),
        valid_until=_optional_date(request.POST.get("valid_until", ""), "有效期截止日期"),
    )


def _relate(request, agency):
    p.relate(
        _own_item(request, request.POST.get("newer", "")),
        _own_item(request, request.POST.get("older", "")),
        by=request.user,
        kind=request.POST.get("kind", ""),
        on=_date(request.POST.get("on", ""), "生效日期"),
    )


def _expire(request, agency):
    record = NormativeDocument.objects.filter(
        pk=_posted_pk(request, "record"), agency=agency
    ).first()
    if record is None:
        raise Http404
    p.declare_expired(record, by=request.user, today=timezone.localdate())


def _cleanup(request, agency):
    return p.start_cleanup(
        agency,
        by=request.user,
        title=request.POST.get("title", ""),
        basis=request.POST.get("basis", ""),
        on=timezone.localdate(),
    )


REGISTER_ACTIONS = {
    "settings": ("保存设置", _settings),
    "register": ("登记", _register),
    "relate": ("记录文件关系", _relate),
    "expire": ("宣布失效", _expire),
    "cleanup": ("开始清理", _cleanup),
}


@login_required
@require_POST
def register_action(request, action: str):
    agency = staff_agency(request)
    if action not in REGISTER_ACTIONS:
        raise Http404
    label, step = REGISTER_ACTIONS[action]
    try:
        made = step(request, agency)
    except TransitionError as error:
        messages.error(request, f"{label}：{error}")
    else:
        messages.success(request, f"已{label}")
        if isinstance(made, CleanupBatch):
            return redirect("office:policy_cleanup", pk=made.pk)
    return redirect(reverse("office:policy_register") + f"?agency={agency.pk}")


def _own_batch(request, pk: int) -> CleanupBatch:
    batch = get_object_or_404(CleanupBatch.objects.select_related("agency", "item"), pk=pk)
    if not Agency.objects.staffed_by(request.user).filter(pk=batch.agency_id).exists():
        raise Http404
    return batch


@login_required
def cleanup(request, pk: int):
    batch = _own_batch(request, pk)
    today = timezone.localdate()
    entries = {e.document_id: e for e in batch.entries.all()}
    in_force = NormativeDocument.objects.filter(agency=batch.agency).in_force(today)
    documents = (
        NormativeDocument.objects.filter(Q(pk__in=list(entries)) | Q(pk__in=in_force.values("pk")))
        .select_related("item")
        .order_by("year", "serial")
    )
    rows = [(d, entries.get(d.pk)) for d in documents]
    if request.method == "POST":
        try:
            if request.POST.get("publish"):
                p.publish_cleanup(batch, by=request.user, on=today)
                messages.success(request, "清理结果已公布")
            else:
                for document, _ in rows:
                    result = request.POST.get(f"result-{document.pk}", "")
                    if result:
                        p.record_cleanup_result(
                            batch,
                            document,
                            by=request.user,
                            result=result,
                            note=request.POST.get(f"note-{document.pk}", ""),
                        )
                messages.success(request, "清理结果已保存")
        except TransitionError as error:
            messages.error(request, str(error))
        return redirect("office:policy_cleanup", pk=batch.pk)
    return render(
        request,
        "office/policies/cleanup.html",
        {"batch": batch, "rows": rows, "results": CleanupResult.choices},
    )


# ---------------------------------------------------------------- 解读 on an item's page


@login_required
@require_POST
def item_action(request, pk: int, action: str):
    item = staff_item(request, pk)
    try:
        if action == "interpret":
            document = _own_item(request, request.POST.get("document", ""))
            p.link_interpretation(
                item,
                document,
                by=request.user,
                form=request.POST.get("form", ""),
                media_url=request.POST.get("media_url", "").strip(),
            )
            messages.success(request, f"已关联为《{document.title}》的解读")
        elif action == "together":
            published = p.approve_together(item, by=request.user, on=timezone.localdate())
            messages.success(request, f"文件与解读已一并审核公开（{len(published)}条）")
        else:
            raise Http404
    except TransitionError as error:
        messages.error(request, str(error))
    return redirect("office:item", pk=pk)


# ---------------------------------------------------------------- consultations


def _own_consultation(request, pk: int) -> Consultation:
    found = get_object_or_404(
        Consultation.objects.select_related("agency", "draft", "feedback_item"), pk=pk
    )
    if not Agency.objects.staffed_by(request.user).filter(pk=found.agency_id).exists():
        raise Http404
    return found


@login_required
def consultations(request):
    agency, read_only = viewed_agency(request)
    if request.method == "POST" and not read_only:
        try:
            found = p.open_consultation(
                _own_item(request, request.POST.get("draft", "")),
                by=request.user,
                title=request.POST.get("title", ""),
                starts_on=_date(request.POST.get("starts_on", ""), "开始日期"),
                ends_on=_date(request.POST.get("ends_on", ""), "截止日期"),
                explanation=request.POST.get("explanation", ""),
                short_period_reason=request.POST.get("short_period_reason", ""),
                major_decision=request.POST.get("major_decision") == "1",
                today=timezone.localdate(),
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
            "drafts": Item.objects.filter(agency=agency, status=ItemStatus.PUBLISHED).order_by(
                "-published_on", "-pk"
            )[:200],
            "today": timezone.localdate(),
        },
    )


@login_required
def consultation(request, pk: int):
    found = _own_consultation(request, pk)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action in ("show", "hide", "decide"):
                comment = get_object_or_404(
                    Comment, pk=_posted_pk(request, "comment"), consultation=found
                )
                if action == "decide":
                    p.decide_comment(
                        comment,
                        by=request.user,
                        adoption=request.POST.get("adoption", ""),
                        reason=request.POST.get("reason", ""),
                    )
                else:
                    p.moderate_comment(comment, by=request.user, show=action == "show")
            elif action == "feedback":
                p.publish_feedback(
                    found,
                    by=request.user,
                    on=timezone.localdate(),
                    summary=request.POST.get("summary", ""),
                )
            elif action == "final":
                p.link_final_document(
                    found, _own_item(request, request.POST.get("document", "")), by=request.user
                )
            else:
                raise Http404
        except TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "已保存")
        return redirect("office:consultation", pk=found.pk)
    return render(
        request,
        "office/policies/consultation.html",
        {
            "consultation": found,
            "comments": found.comments.all(),
            "adoptions": Adoption.choices,
            "published": Item.objects.filter(
                agency=found.agency, status=ItemStatus.PUBLISHED
            ).order_by("-published_on", "-pk")[:200],
            "today": timezone.localdate(),
        },
    )
