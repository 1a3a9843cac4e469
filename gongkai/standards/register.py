"""Where each piece of information stands: 公开属性 decided at drafting (源头认定), the register
of 依申请公开 and 不予公开 information, its review (条例第十八条), and applications answered
予以公开 turned into proactive items (条例第四十四条)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils.timezone import localdate

from gongkai.catalogue.models import DisclosureAttribute, Item
from gongkai.catalogue.transitions import create_draft
from gongkai.core.audit import audit
from gongkai.core.models import Agency, User
from gongkai.core.steps import check as check_declared  # standards/steps.py
from gongkai.core.transitions import TransitionError, require_role
from gongkai.standards.models import RegisterEntry, RegisterReview, ReviewDecision
from gongkai.standards.transitions import EDITORS

# 条例第三十六条第一项: the reply outcome "予以公开" (table 三's row 三（一）)
GRANTED_OUTCOME = "三（一）"


def _require_reason(attribute: str, reason: str, basis: str) -> None:
    if attribute not in DisclosureAttribute.values:
        raise TransitionError("请选择公开属性")
    if attribute != DisclosureAttribute.PROACTIVE and not (reason.strip() and basis.strip()):
        raise TransitionError("依申请公开和不予公开须写明理由和依据条款")


def record_entry(
    agency: Agency,
    *,
    by: User,
    attribute: str,
    title: str,
    document_number: str = "",
    dated_on: date,
    reason: str,
    basis: str,
    review_on: date | None = None,
    item: Item | None = None,
    today: date | None = None,
) -> RegisterEntry:
    """Enter information that is not published proactively in the agency's register: title,
    文号, date, reason and article — never its body."""
    require_role(by, agency, EDITORS)
    if attribute == DisclosureAttribute.PROACTIVE:
        raise TransitionError("主动公开的信息不进入本登记")
    _require_reason(attribute, reason, basis)
    if not title.strip():
        raise TransitionError("请填写信息名称")
    if attribute == DisclosureAttribute.WITHHELD and review_on is None:
        raise TransitionError("不予公开的信息须定下次审查日期（条例第十八条）")
    if review_on is not None and review_on <= dated_on:
        raise TransitionError("下次审查日期应晚于成文日期")
    from gongkai.standards.steps import AgencyRegister, check_page

    with transaction.atomic():
        check_page(AgencyRegister(agency), "entry", by=by, today=today)
        entry = RegisterEntry.objects.create(
            agency=agency,
            attribute=attribute,
            title=title.strip(),
            document_number=document_number.strip(),
            dated_on=dated_on,
            reason=reason.strip(),
            basis=basis.strip(),
            review_on=review_on,
            item=item,
            created_by=by,
        )
        audit(by, "standards.register.recorded", obj=entry, attribute=attribute)
    return entry


def decide_attribute(
    item: Item,
    *,
    by: User,
    attribute: str,
    reason: str = "",
    basis: str = "",
    review_on: date | None = None,
    today: date | None = None,
) -> Item:
    """源头认定 on a draft: 主动公开 keeps it on its way to publication; 依申请公开 or 不予公开
    (with reason and article) enters it in the register and it is not published."""
    from gongkai.standards.steps import ItemStandards

    require_role(by, item.agency, EDITORS)
    _require_reason(attribute, reason, basis)
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        # 源头认定 on a draft only: the declaration's states (standards/steps.py)
        check_declared(ItemStandards(item), "attribute", user=by, today=today or localdate())
        item.disclosure_attribute = attribute
        item.attribute_reason, item.attribute_basis = reason.strip(), basis.strip()
        item.save(
            update_fields=[
                "disclosure_attribute",
                "attribute_reason",
                "attribute_basis",
                "updated_at",
            ]
        )
        audit(by, "item.attribute.decided", obj=item, attribute=attribute)
        if attribute != DisclosureAttribute.PROACTIVE:
            record_entry(
                item.agency,
                by=by,
                attribute=attribute,
                title=item.title,
                document_number=item.document_number,
                dated_on=item.written_on or item.formed_on,
                reason=reason,
                basis=basis,
                review_on=review_on,
                item=item,
                today=today,
            )
    return item


def search_register(agency: Agency, query: str = ""):
    """The register as staff search it when an application arrives: every word must be found
    in the title, 文号 or reason."""
    entries = RegisterEntry.objects.filter(agency=agency)
    for word in query.split()[:8]:
        entries = entries.filter(
            Q(title__icontains=word)
            | Q(document_number__icontains=word)
            | Q(reason__icontains=word)
        )
    return entries.order_by("-dated_on", "-pk")


def reviews_due(agencies, *, today: date):
    """不予公开 entries whose review date has come (条例第十八条)."""
    return RegisterEntry.objects.filter(
        agency__in=agencies,
        attribute=DisclosureAttribute.WITHHELD,
        review_on__isnull=False,
        review_on__lte=today,
        released_item__isnull=True,
    ).select_related("agency")


def review_entry(
    entry: RegisterEntry,
    *,
    by: User,
    on: date,
    decision: str,
    note: str = "",
    next_review_on: date | None = None,
    category=None,
) -> RegisterReview:
    """条例第十八条 dynamic adjustment: 仍不予公开 (with the next review date) or 转为主动公开,
    which drafts an item for the usual review and publication."""
    require_role(by, entry.agency, EDITORS)
    if entry.attribute != DisclosureAttribute.WITHHELD:
        raise TransitionError("只有不予公开的信息需要定期审查")
    if decision == ReviewDecision.STILL_WITHHELD:
        if next_review_on is None or next_review_on <= on:
            raise TransitionError("仍不予公开的，请定下次审查日期（应晚于本次审查日期）")
        if not note.strip():
            raise TransitionError("请写明仍不予公开的理由")
    elif decision == ReviewDecision.RELEASED:
        if category is None:
            raise TransitionError("转为主动公开的，请选择信息分类")
    else:
        raise TransitionError("请选择审查结论")
    with transaction.atomic():
        entry = RegisterEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.released_item_id is not None:
            raise TransitionError("该信息已转为主动公开")
        check_declared(entry, "review", user=by, today=on)
        review = RegisterReview.objects.create(
            entry=entry,
            reviewed_on=on,
            decision=decision,
            note=note.strip(),
            next_review_on=next_review_on if decision == ReviewDecision.STILL_WITHHELD else None,
            by=by,
        )
        if decision == ReviewDecision.RELEASED:
            item = create_draft(
                entry.agency,
                by=by,
                category=category,
                title=entry.title,
                document_number=entry.document_number,
                written_on=entry.dated_on,
                formed_on=on,  # the information may be published from the review: 条例第二十六条
            )
            entry.released_item, entry.review_on = item, None
        else:
            entry.review_on = next_review_on
        entry.save(update_fields=["released_item", "review_on"])
        audit(by, "standards.register.reviewed", obj=entry, decision=decision, note=note)
    return review


def draft_from_application(application, *, by: User, category, on: date) -> Item:
    """条例第四十四条: information given to an applicant (予以公开) put into the proactive
    scope in one step — a draft item with the application's title and 文号, for review."""
    if application.outcome != GRANTED_OUTCOME:
        raise TransitionError("只有答复“予以公开”的申请可以转为主动公开")
    from gongkai.standards.steps import ApplicationRelease

    with transaction.atomic():
        application = type(application).objects.select_for_update().get(pk=application.pk)
        check_declared(ApplicationRelease(application), "release", user=by, today=on)
        item = create_draft(
            application.agency,
            by=by,
            category=category,
            title=application.information_title,
            document_number=application.document_number,
            formed_on=on,
        )
        audit(
            by,
            "item.drafted_from_application",
            obj=item,
            application=application.tracking_number,
        )
    return item


def same_information(application, *, limit: int = 10):
    """Other applications to the same agency for the same information (条例第四十四条): the
    same 文号, or a title that contains or is contained in this one."""
    from gongkai.applications.models import Application

    title = application.information_title.strip()
    match = Q(information_title__iexact=title)
    if application.document_number.strip():
        match |= Q(document_number=application.document_number.strip())
    if len(title) >= 4:
        match |= Q(information_title__icontains=title)
    others = (
        Application.objects.filter(agency=application.agency)
        .filter(match)
        .exclude(pk=application.pk)
        .order_by("-received_on", "-pk")
    )
    return list(others[:limit])
