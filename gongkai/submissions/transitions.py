"""报送 → 采用: a township (or a county department) submits one of its published items or a
news post to a column of the county's site; the county's editor adopts it, returns it with a
reason, or forwards it to another county column or department. One function per step, each
checking its declaration (submissions/steps.py) under the row lock, writing its event (what
the counts are taken from) and its audit entry (DESIGN.md's recipe)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q

from gongkai.catalogue.models import Category, Item, ItemStatus
from gongkai.catalogue.transitions import sanitise, text_hits
from gongkai.core import four_eyes
from gongkai.core.audit import audit
from gongkai.core.forms import strip_control
from gongkai.core.models import Agency, AgencyLevel, User
from gongkai.core.roles import EDITORS
from gongkai.core.transitions import TransitionError, require_role
from gongkai.statute.personal_data import redact, redact_html, scan
from gongkai.submissions.models import EventKind, Kind, Status, Submission, SubmissionEvent

# who may submit to the county's site: its townships and its departments
SUBMITTING_LEVELS = (AgencyLevel.TOWNSHIP, AgencyLevel.COUNTY_DEPARTMENT)
CHANGED_BY_ADOPTER = "采用须由报送人和修改过稿件的人以外的人员进行：您修改过这份稿件"
NOT_A_SUBMITTER = "只有县级人民政府所属的乡镇（街道）和县级政府部门可以报送"
NO_COUNTY_ABOVE = "本机关没有上级机构，无处报送"


def receivers_of(county: Agency):
    """The agencies of a county's site that adopt submissions: the county government and
    its departments (a submission may be forwarded among them)."""
    return Agency.objects.filter(
        Q(pk=county.pk) | Q(parent=county, level=AgencyLevel.COUNTY_DEPARTMENT)
    )


def county_of(agency: Agency) -> Agency:
    """The county whose site `agency`'s submissions go to (a department's is its parent)."""
    return agency.parent if agency.level in SUBMITTING_LEVELS and agency.parent_id else agency


def columns_for(agency: Agency):
    """The columns of `agency`'s pages a submission may go to: the shared subjects and the
    agency's own — not the three sub-columns of its 政府信息公开 column (指南, 制度, 年报),
    which are the agency's own documents."""
    return (
        Category.objects.filter(Q(agency=None, parent__isnull=False) | Q(agency=agency))
        .exclude(source="column")
        .exclude(parent__source="column")
        .select_related("parent")
        .order_by("source", "parent__order", "order", "name")
    )


def _check_destination(source: Agency, target: Agency, column: Category) -> None:
    if source.level not in SUBMITTING_LEVELS or source.parent_id is None:
        raise TransitionError(NOT_A_SUBMITTER)
    if not receivers_of(source.parent).filter(pk=target.pk).exclude(pk=source.pk).exists():
        raise TransitionError(f"{target.name}不在{source.parent.name}网站的采用单位之列")
    if not columns_for(target).filter(pk=column.pk).exists():
        raise TransitionError(f"栏目“{column.name}”不是{target.name}的栏目")


def _scan_item(item: Item) -> list[dict]:
    """The item's text scanned again now; a number its own reviewer confirmed for
    publication stays confirmed (the same kind and mask), any other is the county's to
    confirm before the item appears on the county's column."""
    confirmed = {(h["kind"], h["masked"]) for h in item.personal_data if h.get("confirmed")}
    hits = text_hits(title=item.title, summary=item.summary, body=item.body)
    return [{**h, "confirmed": (h["kind"], h["masked"]) in confirmed} for h in hits]


def _event(sub: Submission, kind: str, *, by: User, on: date, reason: str = "") -> None:
    SubmissionEvent.objects.create(
        submission=sub, kind=kind, on=on, target_id=sub.target_id, by=by, reason=reason
    )


def _locked(sub: Submission) -> Submission:
    return Submission.objects.select_for_update().get(pk=sub.pk)


def _check_declared(sub: Submission, name: str, *, by: User, on: date) -> None:
    from gongkai.core.steps import check

    check(sub, name, user=by, today=on)


def _check_submitting(source: Agency, *, by: User, on: date) -> Agency:
    """A new submission, as submissions/steps.py declares it (the editors of an agency below
    a county), checked with the source agency's row locked; the locked row."""
    from gongkai.core.steps import check
    from gongkai.submissions.steps import AgencySubmitting

    locked = Agency.objects.select_for_update().get(pk=source.pk)
    check(AgencySubmitting(locked), "submit", user=by, today=on)
    return locked


def _reason(reason: str, missing: str) -> str:
    reason = strip_control(reason or "").strip()
    if not reason:
        raise TransitionError(missing)
    return reason


def submit_item(
    item: Item, *, by: User, column: Category, on: date, target: Agency | None = None
) -> Submission:
    """Submit one of the agency's published items; adopted, it keeps its own 索引号."""
    with transaction.atomic():
        source = _check_submitting(item.agency, by=by, on=on)
        target = target or source.parent
        _check_destination(source, target, column)
        item = Item.objects.select_for_update().get(pk=item.pk)
        if item.status != ItemStatus.PUBLISHED:
            raise TransitionError("只能报送本机关已公开的信息（草稿请先审核公开）")
        if Submission.objects.filter(item=item, target=target).exists():
            raise TransitionError(f"该信息已报送{target.name}，不能重复报送")
        sub = Submission.objects.create(
            source=source,
            target=target,
            column=column,
            kind=Kind.ITEM,
            item=item,
            title=item.title,
            personal_data=_scan_item(item),
            submitted_on=on,
            submitted_by=by,
        )
        four_eyes.changed(sub, by=by)
        _event(sub, EventKind.SUBMITTED, by=by, on=on)
        audit(by, "submission.submitted", obj=sub, agency=source, item=item.index_number)
    return sub


def submit_news(
    source: Agency,
    *,
    by: User,
    column: Category,
    title: str,
    body: str,
    on: date,
    target: Agency | None = None,
) -> Submission:
    """Submit a news post (稿件) written for the county's column; its text is scanned for
    personal data now, and again whenever it changes."""
    from gongkai.catalogue.body import body_html

    title = strip_control(title or "").strip()
    body = sanitise(body_html(body or ""))
    with transaction.atomic():
        source = _check_submitting(source, by=by, on=on)
        target = target or source.parent
        _check_destination(source, target, column)
        if not title:
            raise TransitionError("请填写稿件标题")
        if not strip_control(body).strip():
            raise TransitionError("请填写稿件正文")
        sub = Submission.objects.create(
            source=source,
            target=target,
            column=column,
            kind=Kind.NEWS,
            title=title[:200],
            body=body,
            personal_data=text_hits(title=title, body=body),
            submitted_on=on,
            submitted_by=by,
        )
        four_eyes.changed(sub, by=by)
        _event(sub, EventKind.SUBMITTED, by=by, on=on)
        audit(by, "submission.submitted", obj=sub, agency=source, kind=Kind.NEWS)
    return sub


def resubmit(sub: Submission, *, by: User, on: date, title: str = "", body: str = "") -> Submission:
    """After a return: the source corrects a news post (or its item, in the catalogue) and
    submits it again, to the agency that returned it."""
    from gongkai.catalogue.body import body_html

    require_role(by, sub.source, EDITORS)
    with transaction.atomic():
        sub = _locked(sub)
        _check_declared(sub, "resubmit", by=by, on=on)
        fields = ["status", "note", "personal_data", "updated_at"]
        if sub.kind == Kind.NEWS:
            title = strip_control(title or "").strip()
            if title and title != sub.title:
                sub.title = title[:200]
                fields.append("title")
            if body and strip_control(body).strip():
                new_body = sanitise(body_html(body))
                if new_body != sub.body:
                    sub.body = new_body
                    fields.append("body")
            sub.personal_data = text_hits(title=sub.title, body=sub.body)
        else:
            if sub.item.status != ItemStatus.PUBLISHED:
                raise TransitionError("该信息已被撤回，不能重新报送")
            sub.title = sub.item.title
            fields.append("title")
            sub.personal_data = _scan_item(sub.item)
        sub.status, sub.note = Status.SUBMITTED, ""
        sub.save(update_fields=fields)
        four_eyes.changed(sub, by=by)
        _event(sub, EventKind.RESUBMITTED, by=by, on=on)
        audit(by, "submission.resubmitted", obj=sub, agency=sub.source)
    return sub


def redact_submission(sub: Submission, *, by: User, on: date) -> Submission:
    """The county's editor masks every personal number in a news post (an item is the
    source's public record: it is returned to be corrected there instead)."""
    with transaction.atomic():
        sub = _locked(sub)
        _check_declared(sub, "redact", by=by, on=on)
        sub.title = redact(sub.title, scan(sub.title))
        sub.body = redact_html(sub.body)
        sub.personal_data = text_hits(title=sub.title, body=sub.body)
        sub.save(update_fields=["title", "body", "personal_data", "updated_at"])
        four_eyes.changed(sub, by=by)  # who changed the text does not also adopt it
        _event(sub, EventKind.REDACTED, by=by, on=on)
        audit(by, "submission.personal_data.redacted", obj=sub, agency=sub.target)
    return sub


def confirm_personal_data(sub: Submission, *, by: User, on: date, reason: str) -> Submission:
    """The county's editor confirms the numbers found may be published (an office phone)."""
    reason = _reason(reason, "请写明可以公开的理由")
    with transaction.atomic():
        sub = _locked(sub)
        _check_declared(sub, "confirm", by=by, on=on)
        sub.personal_data = [{**hit, "confirmed": True} for hit in sub.personal_data]
        sub.save(update_fields=["personal_data", "updated_at"])
        _event(sub, EventKind.CONFIRMED, by=by, on=on, reason=reason)
        audit(by, "submission.personal_data.confirmed", obj=sub, agency=sub.target, reason=reason)
    return sub


def adopt(sub: Submission, *, by: User, on: date) -> Submission:
    """采用: the submission appears in the target's column on the portal, under its source
    agency's name and — for a catalogue item — the 索引号 its own agency gave it."""
    with transaction.atomic():
        sub = _locked(sub)
        _check_declared(sub, "adopt", by=by, on=on)
        # issue 24's rule where publication happens: nobody who wrote or changed the text
        four_eyes.require_other_approver(sub, by=by, refusal=CHANGED_BY_ADOPTER)
        # the scan again, on the text as it is now, before anything reaches the column
        if sub.kind == Kind.ITEM:
            if sub.item.status != ItemStatus.PUBLISHED:
                raise TransitionError("该信息已被报送单位撤回，不能采用")
            hits = _scan_item(sub.item)
            confirmed = {(h["kind"], h["masked"]) for h in sub.personal_data if h["confirmed"]}
            hits = [
                {**h, "confirmed": h["confirmed"] or (h["kind"], h["masked"]) in confirmed}
                for h in hits
            ]
        else:
            hits = text_hits(title=sub.title, body=sub.body)
            confirmed = {(h["kind"], h["masked"]) for h in sub.personal_data if h["confirmed"]}
            hits = [{**h, "confirmed": (h["kind"], h["masked"]) in confirmed} for h in hits]
        if any(not h["confirmed"] for h in hits):
            sub.personal_data = hits
            sub.save(update_fields=["personal_data", "updated_at"])
            raise TransitionError("还有未处理的个人信息：请脱敏、确认可以公开，或退回报送单位")
        sub.personal_data = hits
        sub.status, sub.adopted_on, sub.decided_by = Status.ADOPTED, on, by
        sub.save(
            update_fields=["status", "adopted_on", "decided_by", "personal_data", "updated_at"]
        )
        four_eyes.approved(sub, by=by)
        _event(sub, EventKind.ADOPTED, by=by, on=on)
        audit(
            by,
            "submission.adopted",
            obj=sub,
            agency=sub.target,
            column=sub.column.name,
            index_number=sub.index_number,
        )
    return sub


def return_submission(sub: Submission, *, by: User, on: date, reason: str) -> Submission:
    reason = _reason(reason, "请写明退回理由")
    with transaction.atomic():
        sub = _locked(sub)
        _check_declared(sub, "return", by=by, on=on)
        sub.status, sub.note, sub.decided_by = Status.RETURNED, reason[:500], by
        sub.save(update_fields=["status", "note", "decided_by", "updated_at"])
        _event(sub, EventKind.RETURNED, by=by, on=on, reason=reason[:500])
        audit(by, "submission.returned", obj=sub, agency=sub.target, reason=reason)
    return sub


def forward(sub: Submission, *, by: User, on: date, target: Agency, column: Category) -> Submission:
    """转办: to another column of the same agency, or to another agency of the county's site
    (the county government or one of its departments), whose editor then decides."""
    with transaction.atomic():
        sub = _locked(sub)
        _check_declared(sub, "forward", by=by, on=on)
        _check_destination(sub.source, target, column)
        if target.pk == sub.target_id and column.pk == sub.column_id:
            raise TransitionError("转办须选择另一个栏目或另一个单位")
        if (
            sub.item_id
            and target.pk != sub.target_id
            and Submission.objects.filter(item_id=sub.item_id, target=target).exists()
        ):
            raise TransitionError(f"该信息已报送{target.name}，不能重复转办")
        before = f"{sub.target.name}·{sub.column.name}"
        sub.target, sub.column = target, column
        sub.save(update_fields=["target", "column", "updated_at"])
        _event(sub, EventKind.FORWARDED, by=by, on=on, reason=f"由{before}转来")
        audit(
            by,
            "submission.forwarded",
            obj=sub,
            agency=target,
            before=before,
            after=f"{target.name}·{column.name}",
        )
    return sub


def year_totals(county: Agency, year: int) -> dict[str, int]:
    """What the county received in `year`, all sources together: submitted, adopted and
    returned, counted as the counts page counts them (the steps' events)."""
    totals = {"submitted": 0, "adopted": 0, "returned": 0}
    for row in SubmissionEvent.objects.monthly_counts(receivers_of(county), year):
        for key in totals:
            totals[key] += row[key]
    return totals


def choose_annual_report_counts(county: Agency, *, by: User, include: bool, today: date):
    """The county's choice to write its counts into section 一 of its annual report."""
    from gongkai.core.steps import check
    from gongkai.submissions.models import ReportingChoice
    from gongkai.submissions.steps import CountyReporting

    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=county.pk)
        check(CountyReporting(locked), "include" if include else "exclude", user=by, today=today)
        choice, _ = ReportingChoice.objects.update_or_create(
            agency=locked, defaults={"in_annual_report": include}
        )
        audit(by, "submissions.reporting.chosen", obj=locked, include=include)
    return choice
