"""What proactive disclosure asks of a member of staff today, for the 工作台.

For editors (clerks, administrators): items not yet published whose limit (20 working
days, 条例第二十六条, or their matter's shorter one) has passed or ends within
DUE_SOON_WORKDAYS, and items the reviewer returned. For reviewers: items waiting for their
confidentiality review (保密审查) — except their own drafts, which approve_and_publish
refuses them.

A query narrows the items quickly; the final word is the declaration's (catalogue/steps.py),
the same one the item page offers from and the transition checks under its lock: a draft is
listed for an editor only when 提交审查 would be offered to them, an item in review for a
reviewer only when 审核通过并公开 would be, or is refused only because personal data is
still to be redacted or confirmed — the reviewer's own step before it. Correction drafts
(更正稿) are read by the same queries and said apart (correction_line): they have no limit of
their own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Q, When

from gongkai.catalogue.models import UNPUBLISHED, Item, ItemStatus
from gongkai.catalogue.steps import PERSONAL_DATA_PENDING
from gongkai.core import roles
from gongkai.core.dates import chinese_date
from gongkai.core.registry import Registry
from gongkai.core.steps import refusal_of
from gongkai.core.workbench import DueLine, Urgency, offer, path_for, unread

EDITOR_ROLES = frozenset(roles.EDITORS)
REVIEWER_ROLES = frozenset(roles.REVIEWERS)


def _limit(timeliness, today, calendar) -> str:
    if timeliness.due < today:
        return f"公开时限 {chinese_date(timeliness.due)} 已过 {timeliness.late_by} 个工作日"
    left = calendar.between(today, timeliness.due).days
    return f"公开时限 {chinese_date(timeliness.due)}（还有 {left} 个工作日）"


def _waits_for_submission(item, user, agencies, today) -> bool:
    return refusal_of(item, "submit", user=user, today=today, roles=agencies[item.agency]) is None


def _waits_for_review(item, user, agencies, today) -> bool:
    refusal = refusal_of(item, "publish", user=user, today=today, roles=agencies[item.agency])
    return refusal is None or refusal.sentence == PERSONAL_DATA_PENDING.sentence


# the columns item_lines() reads: the lines' own, Item.timeliness()'s, and those the steps
# asked (submit, publish: catalogue/steps.py) check — a column left out is read again row by
# row, which the 工作台's statement count in tests/office/test_workbench_queries.py shows
LINE_COLUMNS = (
    "agency",
    "status",
    "title",
    "review_note",
    "formed_on",
    "published_on",
    "migrated_at",
    "corrects",
    "correction_note",
    "created_by",
    "disclosure_attribute",
    "personal_data",
)


def _limit_columns() -> list[str]:
    """The item's matter's 公开时限 (Matter.limit), read with it."""
    matter = Item.matter.field.related_model  # 标准目录 matters (standards, an app above)
    return [f"matter__{name}" for name in matter.LIMIT_FIELDS]


@dataclass(frozen=True)
class Rider:
    """Another app's read of the user's items, taken in this provider's statement (issue 25)
    and handed over with core.workbench.offer(name, agencies, rows)."""

    name: str  # the shared read's name (core.workbench.shared)
    agencies: list  # the agencies it is read for (the shared read's key)
    wanted: Q  # its rows: none of them unpublished (this provider's rows are)
    annotations: dict
    related: tuple  # select_related beyond the agency
    keeps: Callable[[Item], bool]  # which of the statement's other rows are its own


# rider(*, user, agencies, today, calendar) -> Rider | None, registered from AppConfig.ready()
ITEM_RIDERS = Registry("reads of items taken with the catalogue provider's")


def _read(mine: Q, riders: list[Rider], agencies) -> list[Item]:
    """This provider's rows (in_catalogue) and the riders' in one statement."""
    wanted = mine
    annotations: dict = {}
    # every row is one of the page's agencies': each is given the instance the page holds
    # rather than its columns read again per row (a county department's 186 drafts)
    known = {agency.pk: agency for agency in agencies}
    related: list[str] = ["matter"]
    for rider in riders:
        wanted |= rider.wanted
        annotations.update(rider.annotations)
        related += [name for name in rider.related if name not in related and name != "agency"]
    read = (
        Item.objects.filter(agency__in=list(agencies))
        .filter(wanted)
        .annotate(
            in_catalogue=Case(When(mine, then=True), default=False, output_field=BooleanField()),
            **annotations,
        )
        .select_related(*related)
    )
    # no line shows a text: a province's drafts' bodies were most of the pages this read
    # touched (their TOAST), and all of what it sent. Alone, the read takes only the columns
    # its lines and steps read (a county department's 186 drafts: 8.5 → 4.7 ms, issue 27); a
    # rider's lines and steps read more of its rows
    rows = list(
        read.defer("body", "search_terms")
        if riders
        else read.only(*LINE_COLUMNS, *_limit_columns())
    )
    for item in rows:
        item.agency = known[item.agency_id]
    return rows


def item_lines(*, user, agencies, today, calendar):
    editing = [agency for agency, roles in agencies.items() if roles & EDITOR_ROLES]
    reviewing = [agency for agency, roles in agencies.items() if roles & REVIEWER_ROLES]
    horizon = Urgency.horizon(today=today, calendar=calendar)
    lines: list[DueLine] = []
    # one read for the editor's drafts and the reviewer's 保密审查 together (issue 25);
    # correction drafts (更正稿) come in the same read and are said apart
    wanted = Q()
    if editing:
        wanted |= Q(agency__in=editing)
    if reviewing:
        wanted |= Q(agency__in=reviewing, status=ItemStatus.SUBMITTED) & ~Q(created_by=user)
    if not (editing or reviewing):
        return lines
    mine = Q(status__in=UNPUBLISHED) & wanted
    riders = [
        rider
        for asks in ITEM_RIDERS
        if (rider := asks(user=user, agencies=agencies, today=today, calendar=calendar))
        and unread(rider.name, rider.agencies)
    ]
    rows = _read(mine, riders, agencies)
    unpublished = [item for item in rows if item.in_catalogue]
    others = [item for item in rows if not item.in_catalogue]
    for rider in riders:
        offer(rider.name, rider.agencies, [item for item in others if rider.keeps(item)])
    editing_ids = {agency.pk for agency in editing}
    reviewing_ids = {agency.pk for agency in reviewing}
    corrections: list[Item] = []
    drafts = [
        item
        for item in unpublished
        if item.agency_id in editing_ids
        and item.status != ItemStatus.SUBMITTED
        and _waits_for_submission(item, user, agencies, today)
    ]
    corrections += [item for item in drafts if item.corrects_id is not None]
    drafts = [item for item in drafts if item.corrects_id is None]
    item_url = path_for("office:item")
    for item in drafts:
        # 条例第二十六条's 20 working days or the matter's shorter limit (publication_due)
        timeliness = item.timeliness(calendar=calendar, today=today)
        url = item_url(item.pk)
        if item.status == ItemStatus.RETURNED:
            reason = f"：{item.review_note}" if item.review_note else ""
            lines.append(
                DueLine(
                    Urgency.of(
                        timeliness.due, today=today, calendar=calendar, otherwise=Urgency.WAITING
                    ),
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
                    Urgency.of(
                        timeliness.due, today=today, calendar=calendar, otherwise=Urgency.DUE_SOON
                    ),
                    item.agency.name,
                    "主动公开",
                    f"《{item.title}》尚未提交审查，{_limit(timeliness, today, calendar)}",
                    url,
                    timeliness.due,
                    EDITOR_ROLES,
                )
            )
    waiting = [
        item
        for item in unpublished
        if item.agency_id in reviewing_ids
        and item.status == ItemStatus.SUBMITTED  # awaiting_review()
        and item.created_by_id != user.pk
        and _waits_for_review(item, user, agencies, today)
    ]
    corrections += [item for item in waiting if item.corrects_id is not None]
    waiting = [item for item in waiting if item.corrects_id is None]
    for item in waiting:
        timeliness = item.timeliness(calendar=calendar, today=today)
        lines.append(
            DueLine(
                Urgency.of(
                    timeliness.due, today=today, calendar=calendar, otherwise=Urgency.WAITING
                ),
                item.agency.name,
                "保密审查",
                f"《{item.title}》待保密审查，{_limit(timeliness, today, calendar)}",
                item_url(item.pk),
                timeliness.due,
                REVIEWER_ROLES,
            )
        )
    return lines + [correction_line(item, item_url) for item in corrections]


def correction_line(item: Item, item_url=None) -> DueLine:
    """A correction draft (更正稿, issue 25) waiting for this person: its editors while a
    draft or returned, a reviewer other than its drafter once submitted. It carries no
    publication limit — the item was timed when first published — so it waits undated."""
    url = (item_url or path_for("office:item"))(item.pk)
    if item.status == ItemStatus.SUBMITTED:
        return DueLine(
            Urgency.WAITING,
            item.agency.name,
            "保密审查",
            f"《{item.title}》的更正稿待保密审查（更正说明：{item.correction_note}）",
            url,
            None,
            REVIEWER_ROLES,
        )
    if item.status == ItemStatus.RETURNED:
        reason = f"：{item.review_note}" if item.review_note else ""
        text = f"《{item.title}》的更正稿被审核人退回{reason}——修改后重新提交"
        return DueLine(Urgency.WAITING, item.agency.name, "主动公开", text, url, None, EDITOR_ROLES)
    text = f"《{item.title}》的更正稿尚未提交审查；在此之前门户仍显示原内容"
    return DueLine(Urgency.NOTICE, item.agency.name, "主动公开", text, url, None, EDITOR_ROLES)
