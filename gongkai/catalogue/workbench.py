"""What proactive disclosure asks of a member of staff today, for the 工作台.

For editors (clerks, administrators): items not yet published whose 20 working days
(条例第二十六条) have passed or end within DUE_SOON_WORKDAYS, and items the reviewer
returned. For reviewers: items waiting for their confidentiality review (保密审查) —
except their own drafts, which approve_and_publish refuses them."""

from __future__ import annotations

from django.urls import reverse

from gongkai.catalogue.models import Item, ItemStatus, Timeliness
from gongkai.core import roles
from gongkai.core.dates import chinese_date
from gongkai.core.workbench import DUE_SOON_WORKDAYS, DueLine, Urgency

EDITOR_ROLES = frozenset(roles.EDITORS)
REVIEWER_ROLES = frozenset(roles.REVIEWERS)

# Apps above this one may hold a stricter 公开时限 for some unpublished items (the standard
# catalogue's event matters, issue 17). A source is called as source(items, calendar=...)
# and returns {item pk: due WorkdayDate}; each item is listed once, by the stricter limit.
_limit_sources: list = []


def register_limit_source(source):
    """Idempotent, like core.workbench.register (a repeated ready() adds nothing)."""
    if source not in _limit_sources:
        _limit_sources.append(source)
    return source


def _timeliness(item, stricter: dict, *, today, calendar) -> Timeliness:
    """条例第二十六条's 20 working days, or the earlier due date another app holds."""
    timeliness = item.timeliness(calendar=calendar, today=today)
    due = stricter.get(item.pk)
    if due is None or due.date >= timeliness.due:
        return timeliness
    late = calendar.between(due.date, today).days if today > due.date else 0
    return Timeliness(due.date, due.provisional, late, False)


def _stricter(items, calendar) -> dict:
    found: dict = {}
    for source in _limit_sources:
        for pk, due in source(items, calendar=calendar).items():
            if pk not in found or due.date < found[pk].date:
                found[pk] = due
    return found


def _urgency(timeliness, today, horizon, otherwise: Urgency) -> Urgency:
    if timeliness.due < today:
        return Urgency.OVERDUE
    if timeliness.due <= horizon:
        return Urgency.DUE_SOON
    return otherwise


def _limit(timeliness, today, calendar) -> str:
    if timeliness.due < today:
        return f"公开时限 {chinese_date(timeliness.due)} 已过 {timeliness.late_by} 个工作日"
    left = calendar.between(today, timeliness.due).days
    return f"公开时限 {chinese_date(timeliness.due)}（还有 {left} 个工作日）"


def item_lines(*, user, agencies, today, calendar):
    editing = [agency for agency, roles in agencies.items() if roles & EDITOR_ROLES]
    reviewing = [agency for agency, roles in agencies.items() if roles & REVIEWER_ROLES]
    horizon = calendar.add(today, DUE_SOON_WORKDAYS).date
    lines: list[DueLine] = []
    unpublished = (
        Item.objects.filter(
            status__in=(ItemStatus.DRAFT, ItemStatus.SUBMITTED, ItemStatus.RETURNED)
        )
        .select_related("agency", "matter")
        .defer("body")
    )  # titles only: bodies are the bulk
    drafts = list(unpublished.filter(agency__in=editing)) if editing else []
    stricter = _stricter(drafts, calendar)
    for item in drafts:
        timeliness = _timeliness(item, stricter, today=today, calendar=calendar)
        url = reverse("office:item", args=[item.pk])
        if item.status == ItemStatus.RETURNED:
            reason = f"：{item.review_note}" if item.review_note else ""
            lines.append(
                DueLine(
                    _urgency(timeliness, today, horizon, Urgency.WAITING),
                    item.agency.name,
                    "主动公开",
                    f"《{item.title}》被审核人退回{reason}——修改后重新提交；"
                    + _limit(timeliness, today, calendar),
                    url,
                    timeliness.due,
                    EDITOR_ROLES,
                )
            )
        elif item.status == ItemStatus.DRAFT and timeliness.due <= horizon:
            lines.append(
                DueLine(
                    _urgency(timeliness, today, horizon, Urgency.DUE_SOON),
                    item.agency.name,
                    "主动公开",
                    f"《{item.title}》尚未提交审查，{_limit(timeliness, today, calendar)}",
                    url,
                    timeliness.due,
                    EDITOR_ROLES,
                )
            )
    waiting = (
        list(
            unpublished.filter(agency__in=reviewing, status=ItemStatus.SUBMITTED).exclude(
                created_by=user
            )
        )
        if reviewing
        else []
    )
    stricter = _stricter(waiting, calendar)
    for item in waiting:
        timeliness = _timeliness(item, stricter, today=today, calendar=calendar)
        lines.append(
            DueLine(
                _urgency(timeliness, today, horizon, Urgency.WAITING),
                item.agency.name,
                "保密审查",
                f"《{item.title}》待保密审查，{_limit(timeliness, today, calendar)}",
                reverse("office:item", args=[item.pk]),
                timeliness.due,
                REVIEWER_ROLES,
            )
        )
    return lines
