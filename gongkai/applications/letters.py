"""Notices to the applicant (受理回执, 补正告知书, …, 答复告知书): drafted from an editable
template, edited by the clerk, then issued as DOCX and kept with the application."""

from __future__ import annotations

import io
from datetime import date
from urllib.parse import quote

from django.db import transaction
from django.http import HttpResponse

from gongkai.applications.models import Letter, LetterKind, LetterTemplate
from gongkai.applications.outcomes import basis_of, is_refusal
from gongkai.core.audit import audit
from gongkai.core.dates import chinese_date
from gongkai.core.forms import strip_control

DEFAULT_TEMPLATES = {
    LetterKind.RECEIPT: (
        "{applicant}：\n本机关于{received_on}收到您提出的政府信息公开申请（申请编号：{tracking_number}），"
        "所需信息为“{information_title}”。根据《中华人民共和国政府信息公开条例》第三十三条，本机关将在"
        "收到申请之日起二十个工作日内予以答复，即{due_on}前。"
    ),
    LetterKind.CORRECTION: (
        "{applicant}：\n本机关于{received_on}收到您的政府信息公开申请（申请编号：{tracking_number}）。"
        "经审查，申请内容不够明确，根据《中华人民共和国政府信息公开条例》第三十条，请您补正以下事项：\n"
        "{what}\n请于{correction_due}前补正。逾期无正当理由不补正的，视为放弃申请，本机关不再处理。"
    ),
    LetterKind.EXTENSION: (
        "{applicant}：\n您于{received_on}提出的政府信息公开申请（申请编号：{tracking_number}），因{reason}，"
        "不能在法定期限内答复。经政府信息公开工作机构负责人同意，根据《中华人民共和国政府信息公开条例》"
        "第三十三条第二款，答复期限延长{workdays}个工作日，本机关将于{due_on}前答复。"
    ),
    LetterKind.THIRD_PARTY: (
        "（第三方）：\n本机关收到申请公开“{information_title}”的申请（申请编号：{tracking_number}）。"
        "该信息可能涉及您的合法权益，根据《中华人民共和国政府信息公开条例》第三十二条，现征求您的意见。"
        "请自收到本意见书之日起十五个工作日内提出意见；逾期未提出的，由本机关依照条例决定是否公开。"
    ),
    LetterKind.FEE: (
        "{applicant}：\n您提出的政府信息公开申请（申请编号：{tracking_number}），根据《政府信息公开信息处理费"
        "管理办法》（国办函〔2020〕109号），应缴纳信息处理费{amount}元。收费依据和标准：{fee_basis}。"
        "请自收到本通知次日起二十个工作日内缴纳；逾期未缴纳的，视为放弃申请，本机关不再处理。"
    ),
    LetterKind.REPLY: (
        "{applicant}：\n本机关于{received_on}收到您提出的政府信息公开申请（申请编号：{tracking_number}），"
        "所需信息为“{information_title}”。经审查，答复如下：\n{reply_text}\n"
        "办理结果：{outcome}。{legal_basis}\n{remedies}"
    ),
}


def remedies(application) -> str:
    """The remedies a reply states (条例第五十一条; 行政复议法第二十三条 as revised in 2023)."""
    body = application.agency.parent.name if application.agency.parent else "上一级行政机关"
    if is_refusal(application.outcome):
        return (
            f"如对本答复不服，可以自收到本答复之日起六十日内向{body}申请行政复议；"
            "对行政复议决定不服的，可以依法向人民法院提起行政诉讼。"
        )
    return (
        f"如对本答复不服，可以自收到本答复之日起六十日内向{body}申请行政复议，"
        "或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。"
    )


def _context(application, on: date) -> dict:
    from gongkai.core.calendar import current_calendar

    events = application.events
    last = lambda kind: events.filter(kind=kind).last()  # noqa: E731
    correction = last("correction_requested")
    extension = last("extended")
    fee = last("fee_notice")
    reply = last("replied")
    deadline = application.deadline(calendar=current_calendar(), today=on)
    fmt = lambda d: chinese_date(d) if d else "（待定）"  # noqa: E731
    return {
        "applicant": application.applicant_name,
        "tracking_number": application.tracking_number,
        "received_on": fmt(application.received_on),
        "information_title": application.information_title,
        "due_on": fmt(deadline.due if deadline else None),
        "what": correction.note if correction else "",
        "correction_due": fmt(deadline.waiting_until if deadline else None),
        "reason": extension.note if extension else "",
        "workdays": extension.workdays if extension else "",
        "amount": fee.amount if fee else "",
        "fee_basis": fee.note if fee else "",
        "legal_basis": f"依据：{basis_of(application.outcome)}。"
        if basis_of(application.outcome)
        else "",
        "reply_text": reply.note if reply else "",
        "outcome": application.get_outcome_display() if application.outcome else "",
        "remedies": remedies(application) if application.outcome else "",
    }


def draft_letter(application, *, kind: LetterKind, by, on: date) -> Letter:
    from gongkai.applications.transitions import HANDLERS, TransitionError, require_role

    require_role(by, application.agency, HANDLERS)
    own = LetterTemplate.objects.filter(agency=application.agency, kind=kind).first()
    template = own.body if own else DEFAULT_TEMPLATES[kind]
    try:
        body = template.format(**_context(application, on))
    except (KeyError, IndexError, ValueError) as error:
        raise TransitionError(f"本机关的“{kind.label}”模板有无法识别的占位符：{error}") from None
    with transaction.atomic():
        letter = Letter.objects.create(application=application, kind=kind, body=body)
        audit(by, "letter.drafted", obj=application, kind=kind.value)
    return letter


def edit_letter(letter: Letter, *, by, body: str) -> Letter:
    from gongkai.applications.transitions import HANDLERS, TransitionError, require_role

    require_role(by, letter.application.agency, HANDLERS)
    if letter.issued_on:
        raise TransitionError("已出具的文书不能修改")
    if not body.strip():
        raise TransitionError("正文不能为空")
    letter.body = strip_control(body)  # a DOCX cannot hold control characters
    letter.save(update_fields=["body"])
    audit(by, "letter.edited", obj=letter.application, letter=letter.pk)
    return letter


def issue_letter(letter: Letter, *, by, on: date) -> Letter:
    from gongkai.applications.transitions import HANDLERS, TransitionError, require_role

    require_role(by, letter.application.agency, HANDLERS)
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.issued_on:
            raise TransitionError("该文书已经出具")
        letter.issued_on, letter.issued_by = on, by
        letter.document = render_docx(letter)
        letter.save(update_fields=["issued_on", "issued_by", "document"])
        audit(by, "letter.issued", obj=letter.application, kind=letter.kind, letter=letter.pk)
    return letter


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def letter_response(letter: Letter) -> HttpResponse:
    """An issued letter as a download, the same for staff and for the applicant."""
    response = HttpResponse(bytes(letter.document), content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(letter.file_name)}"
    return response


def render_docx(letter: Letter) -> bytes:
    """An official-looking notice: centred title, the body, the agency and the date."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    application = letter.application
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(14)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(letter.get_kind_display())
    run.bold, run.font.size = True, Pt(20)
    number = document.add_paragraph(f"申请编号：{application.tracking_number}")
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for line in letter.body.splitlines():
        document.add_paragraph(line)
    for line in (application.agency.name, chinese_date(letter.issued_on)):
        signature = document.add_paragraph(line)
        signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
