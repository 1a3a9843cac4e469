"""The policy lines of the staff 工作台: 解读 owed within the agency's grace period, 规范性文件
expiring within 90 days or past their 有效期, consultations ended without 反馈, and comments
waiting to be read.

Where a line stands for a step of this person's (宣布失效 once the 有效期 has ended, 公开 or
不予显示 of a comment), a query narrows the objects and the step's declaration
(policies/steps.py) has the final word, as the page and the transition do."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import BooleanField, Case, Count, Exists, F, OuterRef, Q, When
from django.urls import reverse

from gongkai.catalogue.models import DocumentKind, Item, ItemStatus, Validity
from gongkai.catalogue.workbench import Rider
from gongkai.core import roles
from gongkai.core.dates import chinese_date
from gongkai.core.steps import refusal_of
from gongkai.core.workbench import DueLine, Urgency, column, path_for, shared
from gongkai.policies.models import (
    Comment,
    CommentStatus,
    Consultation,
    Interpretation,
)

# Reminders start 90 calendar days (自然日) before the last valid day: the 有效期 is itself
# counted in calendar years, and renewing a document (drafting, legality review, sign-off)
# takes calendar time. When the 90th day before falls on a holiday, the reminder starts on
# the last working day before it, so that the clerk sees it at work at least 90 days ahead.
EXPIRY_NOTICE_DAYS = 90
EDITORS = frozenset(roles.EDITORS)
DOCUMENTS = "policy-documents"  # the shared read of documents owing 解读 or expiring


def reminder_starts(valid_until: date, calendar) -> date:
    start = valid_until - timedelta(days=EXPIRY_NOTICE_DAYS)
    while not calendar.is_workday(start):
        start -= timedelta(days=1)
    return start


_cn = chinese_date


def _expiring(record, editing, horizon) -> bool:
    """The record's side of the read's `expiring` condition (the row may be there for its
    解读 alone)."""
    return (
        record is not None
        and record.agency in editing
        and record.lapse == ""
        and record.valid_until <= horizon
    )


# the columns read with the 工作台's memberships (core.workbench.COLUMNS): whether the agency
# has a document behind a line of either kind; the documents themselves are read only for
# those that have. A county department of a 6,000,000-item province had 4,608 valid 规范性文件
# and none of either kind: the read fetched every one of them to show nothing (issue 27)
DOCUMENTS_ENDING = "policy-documents-ending"
INTERPRETATION_OWED = "policy-interpretation-owed"


def documents_due(today: date) -> dict:
    """The columns: a register row of the agency's whose 有效期 ends by the read's horizon
    (_documents' `expiring`), and — where the agency requires 解读 with a grace period (its
    settings, asked first) — a document of its without a published 解读 (`owes`)."""
    from gongkai.policies.models import NormativeDocument, PolicySettings

    agency = OuterRef("agency")
    valid = {
        "status": ItemStatus.PUBLISHED,
        "validity": Validity.VALID,
        "document_kind": DocumentKind.NORMATIVE,
    }
    return {
        DOCUMENTS_ENDING: Exists(
            NormativeDocument.objects.filter(
                agency=agency,
                lapse="",
                valid_until__lte=_horizon(today),
                **{f"item__{name}": value for name, value in valid.items()},
            )
        ),
        INTERPRETATION_OWED: Case(
            When(
                Exists(
                    PolicySettings.objects.filter(
                        agency=agency, require_sync=True, sync_grace_workdays__gt=0
                    )
                ),
                then=Exists(Item.objects.filter(~_interpreted(), agency=agency, **valid)),
            ),
            default=False,
            output_field=BooleanField(),
        ),
    }


def _interpreted() -> Exists:
    return Exists(
        Interpretation.objects.filter(
            document=OuterRef("pk"), interpretation__status=ItemStatus.PUBLISHED
        )
    )


def _with_documents(editing: dict) -> dict:
    """The editing agencies the memberships' columns say have a document behind a line
    (outside a 工作台, every one: their documents are read)."""

    def every() -> dict:
        return dict.fromkeys((agency.pk for agency in editing), True)

    ending = column(DOCUMENTS_ENDING, editing, every)
    owed = column(INTERPRETATION_OWED, editing, every)
    return {a: roles for a, roles in editing.items() if ending[a.pk] or owed[a.pk]}


def _documents(editing, today: date) -> Rider:
    """One read of the published, valid documents behind both kinds of line (issue 25):
    - 解读 owed after the document (国办发〔2016〕80号, grace period set by the agency, read
      with it);
    - 规范性文件 whose 有效期 ends within 90 days, or has ended without being marked 失效.
    Taken with the catalogue provider's read on the 工作台 (catalogue.workbench.ITEM_RIDERS)."""
    horizon = _horizon(today)
    owes = (
        Q(
            agency__in=list(editing),
            agency__policy_settings__require_sync=True,
            agency__policy_settings__sync_grace_workdays__gt=0,
            document_kind=DocumentKind.NORMATIVE,
        )
        & ~_interpreted()
    )  # a subquery, not a join: the annotation below repeats the condition
    expiring = Q(
        normative__agency__in=list(editing),
        normative__lapse="",
        normative__valid_until__lte=horizon,
    )
    return Rider(
        DOCUMENTS,
        list(editing),
        # live (Item.objects.live()); a register row is its item's agency's
        # (policies/transitions.py): both kinds are the editing agencies' items. Both are
        # 规范性文件 (only those are registered, and a 更正 never changes the 文件类型), said
        # once for both so the read takes item_normative_by_agency, not every item of a
        # county (77,330 → 3,394 pages at 4,000,000 items, bench/RESULTS.md, branch scale)
        Q(
            status=ItemStatus.PUBLISHED,
            agency__in=list(editing),
            validity=Validity.VALID,
            document_kind=DocumentKind.NORMATIVE,
        )
        & (owes | expiring),
        {
            "owes_interpretation": Case(
                When(owes, then=True), default=False, output_field=BooleanField()
            ),
            "grace": F("agency__policy_settings__sync_grace_workdays"),
        },
        ("agency", "normative__agency"),
        lambda item: item.status == ItemStatus.PUBLISHED,
    )


def _horizon(today: date) -> date:
    return today + timedelta(days=EXPIRY_NOTICE_DAYS + 14)  # + the longest holiday run


def _editing(agencies) -> dict:
    return {a: roles for a, roles in agencies.items() if roles & EDITORS}


def documents_rider(*, user, agencies, today: date, calendar) -> Rider | None:
    documented = _with_documents(_editing(agencies))
    return _documents(documented, today) if documented else None


def _read_documents(rider: Rider) -> list[Item]:
    return list(
        Item.objects.filter(rider.wanted)
        .annotate(**rider.annotations)
        .select_related(*rider.related)
    )


def policy_lines(*, user, agencies, today: date, calendar) -> Iterator[DueLine]:
    editing = _editing(agencies)
    if not editing:
        return
    horizon = _horizon(today)
    documented = _with_documents(editing)
    rider = _documents(documented, today)
    # read with the catalogue provider's items on the 工作台 (offered), else here
    documents = (
        shared(DOCUMENTS, rider.agencies, lambda: _read_documents(rider)) if documented else []
    )
    item_url = path_for("office:item")
    for item in documents:
        if not item.owes_interpretation:
            continue
        due = calendar.add(item.published_on, item.grace).date
        urgency = Urgency.of(due, today=today, calendar=calendar, otherwise=Urgency.WAITING)
        if urgency is Urgency.OVERDUE:
            text = f"《{item.title}》的解读已超过{_cn(due)}仍未公开"
        else:
            text = f"《{item.title}》的解读应于{_cn(due)}前公开"
        yield DueLine(
            urgency,
            item.agency.name,
            "政策解读",
            text,
            item_url(item.pk),
            due,
            EDITORS,
        )
    records = [
        item.normative
        for item in documents
        if _expiring(getattr(item, "normative", None), editing, horizon)
    ]
    for record in records:
        url = reverse("office:policy_register") + f"?agency={record.agency_id}"
        if record.valid_until < today:
            if refusal_of(record, "expire", user=user, today=today, roles=editing[record.agency]):
                continue
            yield DueLine(
                Urgency.OVERDUE,
                record.agency.name,
                "规范性文件",
                f"《{record.item.title}》有效期已于{_cn(record.valid_until)}届满：请宣布失效或重新制发",
                url,
                record.valid_until,
                EDITORS,
            )
        elif today >= reminder_starts(record.valid_until, calendar):
            yield DueLine(
                Urgency.of(
                    record.valid_until, today=today, calendar=calendar, otherwise=Urgency.NOTICE
                ),
                record.agency.name,
                "规范性文件",
                f"《{record.item.title}》有效期至{_cn(record.valid_until)}：请评估是否继续施行",
                url,
                record.valid_until,
                EDITORS,
            )
    # consultations: comments to read; ended without 反馈. The pending comments are counted
    # in the same statement (issue 25); whether they wait for this person is the 公开 step's
    # declaration (policies/steps.py), asked of a pending comment of the consultation — it
    # depends on the comment's state, the consultation and the roles, which all share.
    consultations = (
        Consultation.objects.filter(
            agency__in=list(editing), feedback_item__isnull=True, starts_on__lte=today
        )
        .annotate(pending=Count("comments", filter=Q(comments__status=CommentStatus.PENDING)))
        .select_related("agency")
    )
    for consultation in consultations:
        url = reverse("office:consultation", args=[consultation.pk])
        waiting = Comment(consultation=consultation, status=CommentStatus.PENDING)
        roles_there = editing[consultation.agency]
        pending = (
            consultation.pending
            if consultation.pending
            and refusal_of(waiting, "show", user=user, today=today, roles=roles_there) is None
            else 0
        )
        if pending:
            yield DueLine(
                Urgency.WAITING,
                consultation.agency.name,
                "意见征集",
                f"“{consultation.title}”有{pending}条意见待审核",
                url,
                None,
                EDITORS,
            )
        if today > consultation.ends_on:
            yield DueLine(
                Urgency.OVERDUE,
                consultation.agency.name,
                "意见征集",
                f"“{consultation.title}”已于{_cn(consultation.ends_on)}截止，尚未公布意见采纳情况的反馈",
                url,
                consultation.ends_on,
                EDITORS,
            )
