"""The transitions of a message, each by the house recipe: check the state → transaction →
lock the row → save the changed fields → audit → mail on commit. The declared steps
(interaction/steps.py) are checked under the lock, so the office's offer and the refusal here
cannot drift apart."""

from __future__ import annotations

from datetime import date

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from gongkai.core import four_eyes
from gongkai.core.audit import audit
from gongkai.core.calendar import calendar_for
from gongkai.core.counters import next_serial
from gongkai.core.models import Agency, Membership, User
from gongkai.core.steps import check
from gongkai.core.transitions import TransitionError
from gongkai.interaction.models import (
    Elsewhere,
    Kind,
    Message,
    MessageCounter,
    Origin,
    Status,
    periods_for,
)
from gongkai.interaction.search import index_message, terms_of

__all__ = ["TransitionError"]


def due_date(agency: Agency, kind: str, submitted_on: date) -> date:
    """The last day of the agency's period for `kind`, counted in its working-day calendar
    from the day after the message arrived."""
    return calendar_for(agency).add(submitted_on, periods_for(agency).workdays(kind)).date


def _tell(message: Message, subject: str, body: str) -> None:
    address = message.contact.strip()
    if "@" in address:
        transaction.on_commit(lambda: send_mail(subject, body, None, [address], fail_silently=True))


def _new(agency: Agency, *, today: date, fields: dict) -> Message:
    message = Message(agency=agency, submitted_on=today, **fields)
    message.due_on = due_date(agency, message.kind, today)
    message.full_clean(exclude=["tracking_number", "query_code_digest"])
    serial = next_serial(MessageCounter, agency=agency, year=today.year)
    message.tracking_number = f"LY{today.year}-{agency.pk}-{serial:05d}"
    message.save()
    return message


def submit(
    agency: Agency,
    *,
    today: date,
    kind: str,
    subject: str,
    body: str,
    name: str = "",
    contact: str = "",
    page_url: str = "",
) -> tuple[Message, str]:
    """A citizen's 咨询, 建议, 投诉 or 找错 (page_url names the page). Returns the message and its
    query code, shown once; the clock starts on the day it arrives."""
    if kind not in Kind.values:
        raise TransitionError("请选择留言类型")
    if kind == Kind.ERROR and not page_url.strip():
        raise TransitionError("请填写出错页面的网址")
    if not subject.strip() or not body.strip():
        raise TransitionError("请填写标题和内容")
    code = Message.new_query_code()
    with transaction.atomic():
        message = _new(
            agency,
            today=today,
            fields={
                "kind": kind,
                "origin": Origin.PUBLIC,
                "subject": subject.strip(),
                "body": body.strip(),
                "name": name.strip(),
                "contact": contact.strip(),
                "page_url": page_url.strip() if kind == Kind.ERROR else "",
                "status": Status.RECEIVED,
                "query_code_digest": Message.digest(code),
            },
        )
        audit(None, "message.submitted", obj=message, actor_label="网民", kind=kind)
        _tell(
            message,
            f"已收到您的{message.get_kind_display()}留言",
            f"留言编号：{message.tracking_number}\n查询码：{code}\n凭留言编号和查询码可查看办理情况。",
        )
    return message, code


def write_faq(agency: Agency, *, by: User, today: date, question: str, answer: str) -> Message:
    """A 常见问题 staff write themselves: drafted by a clerk and, like every answer, approved
    by a reviewer who did not write it before it is shown (core/four_eyes.py)."""
    if not question.strip() or not answer.strip():
        raise TransitionError("请填写问题和答复")
    if not Membership.objects.filter(user=by, agency=agency, role__in=["clerk", "admin"]).exists():
        raise TransitionError("只有本机关的经办人、管理员可以编写常见问题")
    with transaction.atomic():
        message = _new(
            agency,
            today=today,
            fields={
                "kind": Kind.CONSULT,
                "origin": Origin.STAFF,
                "subject": question.strip()[:100],
                "body": question.strip(),
                "public_question": question.strip(),
                "draft": answer.strip(),
                "status": Status.DRAFTED,
                "assignee": by,
            },
        )
        four_eyes.changed(message, by=by)
        audit(by, "message.faq_written", obj=message)
    return message


def _locked(message: Message, step: str, *, by: User, today: date) -> Message:
    locked = Message.objects.select_for_update().get(pk=message.pk)
    check(locked, step, user=by, today=today)
    return locked


def _save(locked: Message, original: Message, fields: list[str]) -> Message:
    locked.save(update_fields=[*fields, "updated_at"])
    if "search_terms" in fields:
        index_message(locked)  # the 常见问题's word table follows what is published
    for name in [*fields, "updated_at"]:
        setattr(original, name, getattr(locked, name))
    return original


def assign(message: Message, *, by: User, today: date, assignee: User) -> Message:
    """分办: a member of the agency's staff takes the message in hand."""
    with transaction.atomic():
        locked = _locked(message, "assign", by=by, today=today)
        if not Membership.objects.filter(user=assignee, agency=locked.agency).exists():
            raise TransitionError("承办人须是本机关的工作人员")
        locked.assignee = assignee
        locked.status = Status.ASSIGNED
        audit(by, "message.assigned", obj=locked, assignee=assignee.get_username())
        return _save(locked, message, ["assignee", "status"])


def draft_answer(message: Message, *, by: User, today: date, text: str) -> Message:
    """答复稿: written (or rewritten) and sent for review."""
    if not text.strip():
        raise TransitionError("请填写答复内容")
    with transaction.atomic():
        locked = _locked(message, "draft", by=by, today=today)
        locked.draft = text.strip()
        locked.status = Status.DRAFTED
        if locked.assignee_id is None:
            locked.assignee = by
        four_eyes.changed(locked, by=by)
        audit(by, "message.answer_drafted", obj=locked)
        return _save(locked, message, ["draft", "status", "assignee"])


def return_draft(message: Message, *, by: User, today: date, note: str) -> Message:
    """The reviewer sends the draft back to its writer with what to change."""
    with transaction.atomic():
        locked = _locked(message, "return_draft", by=by, today=today)
        locked.status = Status.ASSIGNED
        audit(by, "message.draft_returned", obj=locked, note=note)
        return _save(locked, message, ["status"])


def _late(locked: Message, today: date) -> int | None:
    if today <= locked.due_on:
        return None
    return calendar_for(locked.agency).between(locked.due_on, today).days or None


def approve_answer(message: Message, *, by: User, today: date) -> Message:
    """审核通过: the draft becomes the answer and the asker is told. Four eyes: the reviewer
    must not have written any of the draft. A 常见问题 staff wrote is shown at once."""
    with transaction.atomic():
        locked = _locked(message, "approve", by=by, today=today)
        four_eyes.require_other_approver(
            locked, by=by, refusal="答复稿须由撰写人以外的审核人审核（两人审核）"
        )
        locked.answer = locked.draft
        locked.status = Status.ANSWERED
        locked.answered_on = today
        locked.late_workdays = _late(locked, today) if locked.origin == Origin.PUBLIC else None
        fields = ["answer", "status", "answered_on", "late_workdays"]
        if locked.origin == Origin.STAFF:
            locked.published_on = today
            locked.search_terms = terms_of(locked.public_question, locked.answer)
            fields += ["published_on", "search_terms"]
        four_eyes.approved(locked, by=by)
        audit(by, "message.answered", obj=locked, late_workdays=locked.late_workdays)
        _tell(
            locked,
            f"您的{locked.get_kind_display()}留言已答复",
            f"留言编号：{locked.tracking_number}\n\n{locked.answer}",
        )
        return _save(locked, message, fields)


def publish_answer(message: Message, *, by: User, today: date, question: str) -> Message:
    """公开答复: the question as it will be shown — the asker's name, contact and anything
    else that identifies them taken out — joins the agency's 常见问题 with the answer."""
    if not question.strip():
        raise TransitionError("请填写公开的问题（不含留言人的姓名、联系方式等个人信息）")
    with transaction.atomic():
        locked = _locked(message, "publish", by=by, today=today)
        for personal in (locked.name, locked.contact):
            if personal and len(personal) >= 2 and personal in question:
                raise TransitionError("公开的问题中含有留言人的姓名或联系方式，请删去后再公开")
        locked.public_question = question.strip()
        locked.published_on = today
        locked.search_terms = terms_of(locked.public_question, locked.answer)
        audit(by, "message.published", obj=locked)
        return _save(locked, message, ["public_question", "published_on", "search_terms"])


def withdraw_publication(message: Message, *, by: User, today: date) -> Message:
    with transaction.atomic():
        locked = _locked(message, "unpublish", by=by, today=today)
        locked.published_on = None
        locked.search_terms = ""
        audit(by, "message.unpublished", obj=locked)
        return _save(locked, message, ["published_on", "search_terms"])


def answer_elsewhere(message: Message, *, by: User, today: date, elsewhere: str) -> Message:
    """A message that is really a 政府信息公开申请, a 信访 or a 12345 matter: the asker is told
    the way to go, and the message is closed and counted apart (it is not a 留言 the site
    answers on its substance)."""
    if elsewhere not in Elsewhere.values:
        raise TransitionError("请选择应通过的渠道")
    with transaction.atomic():
        locked = _locked(message, "elsewhere", by=by, today=today)
        locked.elsewhere = elsewhere
        locked.answer = way_to_go(locked.agency, elsewhere)
        locked.status = Status.REDIRECTED
        locked.answered_on = today
        locked.late_workdays = _late(locked, today)
        audit(by, "message.redirected", obj=locked, elsewhere=elsewhere)
        _tell(locked, "关于您的留言", f"留言编号：{locked.tracking_number}\n\n{locked.answer}")
        return _save(
            locked, message, ["elsewhere", "answer", "status", "answered_on", "late_workdays"]
        )


def way_to_go(agency: Agency, elsewhere: str) -> str:
    """The answer that tells the asker where the matter belongs."""
    if elsewhere == Elsewhere.APPLICATION:
        address = reverse("portal:apply", args=[agency.index_prefix])
        return (
            "您所需要的政府信息尚未主动公开。根据《中华人民共和国政府信息公开条例》第二十七条，"
            f"您可以向{agency.name}提出政府信息公开申请：{address}"
        )
    if elsewhere == Elsewhere.PETITION:
        return (
            "您反映的事项属于信访事项。根据《信访工作条例》，请通过当地信访部门"
            "（国家信访局网上信访平台或县级信访接待场所）提出。"
        )
    return (
        "您反映的事项请拨打12345政务服务便民热线，或通过12345网上平台提出，由热线转交承办单位办理。"
    )
