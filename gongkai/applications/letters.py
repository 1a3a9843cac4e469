"""Notices to the applicant (受理回执, 补正告知书, …, 答复告知书): drafted from an editable
template, edited by the clerk, then issued as DOCX and kept with the application."""

from __future__ import annotations

import io
import re
from datetime import date

from django.db import transaction
from django.http import HttpResponse

from gongkai.applications.citizen import yuan
from gongkai.applications.models import Letter, LetterCounter, LetterKind, LetterTemplate
from gongkai.applications.wording import (
    FEE_RULES,
    POSTPONED_SENTENCE,
    REGULATION,
    clause,
    decision,
    online_filing,
    reconsideration_body,
    remedy,
    review_opening,
    tidy,
)
from gongkai.core.audit import audit
from gongkai.core.counters import next_serial
from gongkai.core.dates import chinese_date
from gongkai.core.forms import strip_control

R = REGULATION

# The built-in wording of each notice. Placeholders in braces; an agency may keep its own
# (LetterTemplate). Each ends with 特此告知 (the closing of a 告知书).
DEFAULT_TEMPLATES = {
    LetterKind.RECEIPT: (
        "{applicant}：\n本机关于{received_on}收到您提出的政府信息公开申请（申请编号：{tracking_number}），"
        "所需信息为“{information_title}”。根据" + R + "第三十三条第二款，本机关将自收到申请之日起"
        "二十个工作日内予以答复，即{receipt_due}之前（含当日）。\n{query_code_line}\n特此告知。"
    ),
    LetterKind.CORRECTION: (
        "{applicant}：\n本机关于{received_on}收到您提出的政府信息公开申请（申请编号：{tracking_number}）。"
        "经审查，申请内容不够明确，根据" + R + "第三十条，请您补正以下事项：\n{what}。\n"
        "请于{correction_due}之前（含当日）补正。答复期限自本机关收到补正后的申请之日起计算；"
        "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。\n特此告知。"
    ),
    LetterKind.EXTENSION: (
        "{applicant}：\n您于{received_on}提出的政府信息公开申请（申请编号：{tracking_number}），"
        "因{reason}，本机关不能在二十个工作日内作出答复。经本机关政府信息公开工作机构负责人同意，"
        "根据"
        + R
        + "第三十三条第二款，答复期限延长{workdays}个工作日，本机关将于{due_on}之前（含当日）答复。"
        "\n特此告知。"
    ),
    LetterKind.THIRD_PARTY: (
        "{third_party}：\n本机关收到申请公开“{information_title}”的政府信息公开申请"
        "（申请编号：{tracking_number}）。该信息可能涉及您的商业秘密、个人隐私等合法权益，根据"
        + R
        + "第三十二条，现书面征求您的意见。请自收到本意见书之日起十五个工作日内提出意见；"
        "逾期未提出意见的，由本机关依照条例规定决定是否公开。\n特此函告。"
    ),
    LetterKind.FEE: (
        "{applicant}：\n您提出的政府信息公开申请（申请编号：{tracking_number}），根据"
        + FEE_RULES
        + "，应当缴纳信息处理费。\n收费依据："
        + FEE_RULES
        + "。\n"
        "收费标准：{fee_standard}。\n计费情况：{fee_basis}。\n收费金额：{amount}元。{amount_reason}\n"
        "缴费方式：{payment_method}。\n缴费期限：请自收到本通知次日起二十个工作日内缴纳，即{pay_by}之前（含当日）。"
        "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。缴费期间不计入答复期限。"
        "\n特此告知。"
    ),
    LetterKind.LATER_DATE: (
        "{applicant}：\n您于{received_on}提出的政府信息公开申请（申请编号：{tracking_number}），"
        "申请的数量、频次明显超过合理范围。经要求说明理由，本机关认为申请理由合理，但无法在"
        "规定期限内答复。根据" + R + "第三十五条，本机关确定的答复期限为{later_due}。\n特此告知。"
    ),
    LetterKind.REPLY: (
        "{applicant}：\n本机关于{received_on}收到您提出的政府信息公开申请（申请编号：{tracking_number}），"
        "所需信息为“{information_title}”。{opening}{decision}。{reply_text}\n"
        "{legal_basis}\n{remedies}\n特此告知。"
    ),
    LetterKind.ABANDONED_CORRECTION: (
        "{applicant}：\n本机关于{received_on}收到您提出的政府信息公开申请（申请编号：{tracking_number}），"
        "并于{correction_on}告知您在{correction_due}之前（含当日）补正。{decision}。\n{legal_basis}\n{remedies}"
        "\n特此告知。"
    ),
    LetterKind.ABANDONED_FEE: (
        "{applicant}：\n本机关于{received_on}收到您提出的政府信息公开申请（申请编号：{tracking_number}），"
        "并向您发出信息处理费缴费通知，缴费期限至{pay_by}。{decision}。\n{legal_basis}\n{remedies}"
        "\n特此告知。"
    ),
}

# Where a 受理回执 prints the query code. The code is kept only as a digest, so the draft
# holds this mark and issuing the receipt replaces it with a new code (the one told at the
# counter stops working): an applicant without e-mail can follow the case online.
QUERY_CODE_MARK = "（出具回执时生成）"


def _query_code_line(application) -> str:
    from gongkai.applications.citizen import status_address
    from gongkai.statute.deadlines import Channel

    address = status_address(application)
    if application.channel == Channel.ONLINE.name:
        return f"凭申请编号和提交申请时获得的查询码，可在{address}查询办理进度。"
    return f"查询码：{QUERY_CODE_MARK}。凭申请编号和查询码，可在{address}查询办理进度。"


# the notice that concludes an application with each of these outcomes
CONCLUDING_KIND = {
    "三（六）1": LetterKind.ABANDONED_CORRECTION,
    "三（六）2": LetterKind.ABANDONED_FEE,
}


def delivered_online(application) -> bool:
    """The letter reaches the applicant online: by e-mail, or downloaded from the portal by
    an applicant who applied there."""
    return application.delivery_way == "email" or application.channel == "ONLINE"


def remedies(application) -> str:
    """The remedy sentence of the application's outcome, naming its 复议机关; a letter
    delivered online adds the 复议机关's online channel (行政复议法第二十二条第二款)."""
    sentence = remedy(
        application.outcome, reconsideration_body(application.agency), application.reply_details
    )
    if sentence and delivered_online(application):
        sentence += online_filing(application.agency)
    return sentence


def _due_text(deadline) -> str:
    """A due date as the letter states it: plainly, never "（暂定）" in what a citizen reads;
    a date that depends on a year not yet arranged brings POSTPONED_SENTENCE with it
    (spec/workdays.md)."""
    if deadline is None or deadline.due is None:
        return "（待定）"
    return chinese_date(deadline.due)


# the letters whose printed date may depend on a year not yet arranged, and the context
# flag that says whether it does
PROVISIONAL_DATE_OF = {
    LetterKind.RECEIPT: "receipt_due_provisional",
    LetterKind.CORRECTION: "correction_due_provisional",
    LetterKind.EXTENSION: "due_on_provisional",
    LetterKind.FEE: "pay_by_provisional",
}
CLOSINGS = ("特此告知。", "特此函告。")


def with_postponement(body: str, kind: LetterKind, context: dict) -> str:
    """spec/workdays.md: a date depending on a year whose arrangement the State Council has
    not yet published is followed by "如国务院办公厅公布的节假日安排与此不同，期限相应顺延。"
    — before the closing line, whatever template the agency keeps."""
    flag = PROVISIONAL_DATE_OF.get(kind)
    if not flag or not context.get(flag) or POSTPONED_SENTENCE in body:
        return body
    lines = body.split("\n")
    at = next(
        (i for i in range(len(lines) - 1, -1, -1) if lines[i].strip() in CLOSINGS), len(lines)
    )
    return "\n".join([*lines[:at], POSTPONED_SENTENCE, *lines[at:]])


def _context(application, on: date) -> dict:
    from gongkai.core.calendar import calendar_for

    calendar = calendar_for(application.agency)

    events = application.events
    last = lambda kind: events.filter(kind=kind).order_by("on", "id").last()  # noqa: E731
    correction = last("correction_requested")
    extension = last("extended")
    fee = last("fee_notice")
    reply = last("replied")
    later = last("later_date_set")
    consultation = events.filter(kind="pause_started", pause_kind="THIRD_PARTY").last()
    deadline = application.deadline(calendar=calendar, today=on)
    # the receipt states the period as it stood on receipt, before any later step
    at_receipt = (
        application.deadline(calendar=calendar, today=on, events=[])
        if application.received_on
        else None
    )
    fmt = lambda d: chinese_date(d) if d else "（待定）"  # noqa: E731
    correction_due = None
    if correction is not None:
        correction_due = calendar.add(correction.on, correction.workdays or 0)
    fee_details = (fee.details or {}) if fee else {}
    pay_by = fee_details.get("pay_by")
    decision_text, basis = ("", "")
    if application.outcome:
        decision_text, basis = decision(application.outcome, reply.details if reply else None)
    opening = "经审查"
    reply_text = clause(reply.note, opening=opening) if reply else ""
    if reply_text and decision_text:
        reply_text = without_restatement(reply_text, decision_text)
    return {
        "applicant": application.applicant_name,
        "tracking_number": application.tracking_number,
        "received_on": fmt(application.received_on),
        "information_title": application.information_title,
        "due_on": _due_text(deadline),
        "receipt_due": _due_text(at_receipt),
        "what": clause(correction.note) if correction else "",
        "correction_on": fmt(correction.on if correction else None),
        "correction_due": fmt(correction_due.date if correction_due else None),
        "correction_due_provisional": bool(correction_due and correction_due.provisional),
        "receipt_due_provisional": bool(at_receipt and at_receipt.provisional),
        "due_on_provisional": bool(deadline and deadline.provisional),
        "pay_by_provisional": bool(fee_details.get("pay_by_provisional")),
        "reason": clause(extension.note) if extension else "",
        "workdays": extension.workdays if extension else "",
        "amount": yuan(fee.amount) if fee else "",
        "amount_reason": (
            f"（与按标准计算的{fee_details['computed']}元不同，理由：{clause(fee_details['amount_reason'])}。）"
            if fee_details.get("amount_reason")
            else ""
        ),
        "fee_basis": clause(fee_details.get("basis") or (fee.note if fee else "")),
        "fee_standard": clause(fee_details.get("standard", "")),
        "payment_method": clause(application.agency.fee_payment_method)
        or "请到本机关政府信息公开工作机构咨询缴费方式",
        "pay_by": fmt(date.fromisoformat(pay_by)) if pay_by else "（待定）",
        "later_due": fmt(later.later_due if later else None),
        "third_party": clause(consultation.note)
        if consultation and consultation.note
        else "第三方",
        "decision": decision_text,
        "reply_text": f"{reply_text}。" if reply_text else "",
        "opening": review_opening(decision_text),
        "legal_basis": f"依据：{basis}。" if basis else "",
        "outcome": decision_text,
        "remedies": remedies(application) if application.outcome else "",
        "reconsideration_body": reconsideration_body(application.agency),
        "query_code_line": _query_code_line(application),
    }


_FILLER = re.compile(r"[\s，,、；;：:。（）()]|经审查|经研究|本机关|决定|现|依法")


def without_restatement(text: str, decision_text: str) -> str:
    """The clerk's reply text less the sentences that say the decision again ("您申请公开的
    ……属于公开范围，现予以公开" after the template's "经审查，……本机关决定予以公开")."""
    said = _FILLER.sub("", decision_text)
    kept = []
    for sentence in re.split(r"(?<=。)", text):
        core = _FILLER.sub("", sentence)
        if core and core not in said:
            kept.append(sentence)
    return clause("".join(kept))


def draft_letter(application, *, kind: LetterKind, by, on: date) -> Letter:
    from gongkai.applications.transitions import HANDLERS, TransitionError, require_role

    require_role(by, application.agency, HANDLERS)
    kind = LetterKind(kind)
    if kind == LetterKind.REPLY and application.outcome in CONCLUDING_KIND:
        kind = CONCLUDING_KIND[application.outcome]  # 三（六）1、2 have their own notices
    _require_the_step_happened(application, kind)
    own = LetterTemplate.objects.filter(agency=application.agency, kind=kind).first()
    template = own.body if own else DEFAULT_TEMPLATES[kind]
    try:
        context = _context(application, on)
        body = tidy(with_postponement(template.format(**context), kind, context))
    except (KeyError, IndexError, ValueError) as error:
        raise TransitionError(f"本机关的“{kind.label}”模板有无法识别的占位符：{error}") from None
    with transaction.atomic():
        locked = type(application).objects.select_for_update().get(pk=application.pk)
        _check_declared(_letters_of(locked), "draft", by=by, today=on)
        letter = Letter.objects.create(application=application, kind=kind, body=body)
        audit(by, "letter.drafted", obj=application, kind=kind.value)
    return letter


def _letters_of(application):
    from gongkai.applications.steps import ApplicationLetters

    return ApplicationLetters(application)


def _check_declared(obj, name: str, *, by, today: date) -> None:
    """The step as applications/steps.py declares it, checked under the caller's row lock, so
    the page's offer and this refusal cannot drift apart."""
    from gongkai.core.steps import check

    check(obj, name, user=by, today=today)


REQUIRED_STEP = {
    LetterKind.CORRECTION: ("correction_requested", "尚未告知补正"),
    LetterKind.EXTENSION: ("extended", "延期尚未批准"),
    LetterKind.FEE: ("fee_notice", "尚未登记收费通知"),
    LetterKind.LATER_DATE: ("later_date_set", "尚未确定合理答复期限"),
    LetterKind.THIRD_PARTY: ("pause_started", "尚未登记征求第三方意见"),
}
REQUIRED_OUTCOME = {
    LetterKind.REPLY: "尚未答复",
    LetterKind.ABANDONED_CORRECTION: "申请尚未因逾期未补正办结",
    LetterKind.ABANDONED_FEE: "申请尚未因逾期未缴费办结",
}


def _require_the_step_happened(application, kind: LetterKind) -> None:
    """A notice says what was decided: it is drafted after the step, from its record."""
    from gongkai.applications.transitions import TransitionError

    if kind in REQUIRED_STEP:
        event_kind, message = REQUIRED_STEP[kind]
        if not application.events.filter(kind=event_kind).exists():
            raise TransitionError(f"{message}，不能生成{kind.label}")
    if kind in REQUIRED_OUTCOME and not application.outcome:
        raise TransitionError(f"{REQUIRED_OUTCOME[kind]}，不能生成{kind.label}")
    own_outcome = {v: k for k, v in CONCLUDING_KIND.items()}.get(kind)
    if own_outcome and application.outcome != own_outcome:
        raise TransitionError(f"{REQUIRED_OUTCOME[kind]}，不能生成{kind.label}")
    if kind == LetterKind.RECEIPT and application.received_on is None:
        raise TransitionError("尚未确认收到申请，不能生成受理回执")


def next_letter_number(agency, year: int) -> str:
    """The next 文号 of the agency's notices in `year`, e.g. 青政依申复〔2026〕5号: a locked
    counter per agency and year, never reused (like index numbers). Call in a transaction."""
    serial = next_serial(LetterCounter, agency=agency, year=year)
    prefix = agency.letter_prefix or "依申请公开"
    return f"{prefix}〔{year}〕{serial}号"


def edit_letter(letter: Letter, *, by, body: str) -> Letter:
    from gongkai.applications.transitions import HANDLERS, TransitionError, require_role

    require_role(by, letter.application.agency, HANDLERS)
    if letter.issued_on:
        raise TransitionError("已出具的文书不能修改")
    if not body.strip():
        raise TransitionError("正文不能为空")
    from django.utils import timezone

    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("application").get(pk=letter.pk)
        _check_declared(letter, "edit", by=by, today=timezone.localdate())
        letter.body = strip_control(body)  # a DOCX cannot hold control characters
        letter.save(update_fields=["body"])
        audit(by, "letter.edited", obj=letter.application, letter=letter.pk)
    return letter


def issue_letter(letter: Letter, *, by, on: date) -> Letter:
    from gongkai.applications.transitions import HANDLERS, TransitionError, require_role

    require_role(by, letter.application.agency, HANDLERS)
    from django.utils import timezone

    application = letter.application
    if on > timezone.localdate():
        raise TransitionError("出具日期不能晚于今天")
    last_step = application.events.order_by("-on").values_list("on", flat=True).first()
    earliest = max(d for d in (application.received_on, last_step, application.submitted_on) if d)
    if letter.kind != LetterKind.RECEIPT and on < earliest:
        # a notice is dated on or after the step it tells of (no backdated letters)
        raise TransitionError(f"出具日期不能早于{chinese_date(earliest)}（本申请最近的办理日期）")
    if application.received_on and on < application.received_on:
        raise TransitionError("出具日期不能早于收到申请的日期")
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.issued_on:
            raise TransitionError("该文书已经出具")
        _check_declared(letter, "issue", by=by, today=on)
        letter.issued_on, letter.issued_by = on, by
        letter.number = next_letter_number(letter.application.agency, on.year)
        letter.body = tidy(letter.body)
        if letter.kind == LetterKind.RECEIPT and QUERY_CODE_MARK in letter.body:
            letter.body = letter.body.replace(QUERY_CODE_MARK, _new_query_code(application, by))
        letter.document = render_docx(letter)
        letter.save(update_fields=["issued_on", "issued_by", "number", "body", "document"])
        audit(
            by,
            "letter.issued",
            obj=letter.application,
            kind=letter.kind,
            letter=letter.pk,
            number=letter.number,
        )
    return letter


def _new_query_code(application, by) -> str:
    """A new query code for the printed receipt; the old one stops working. Call in a
    transaction."""
    from gongkai.applications.models import Application

    code = Application.new_query_code()
    Application.objects.filter(pk=application.pk).update(query_code_digest=Application.digest(code))
    audit(by, "application.query_code_reissued", obj=application, on_receipt=True)
    return code


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def letter_response(letter: Letter) -> HttpResponse:
    """An issued letter as a download, the same for staff and for the applicant."""
    from gongkai.core.http import download_response

    return download_response(letter.file_name, DOCX, bytes(letter.document))


# GB/T 9704-2012 《党政机关公文格式》: A4; 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm (so
# 26 mm right, 35 mm bottom); title 2号方正小标宋简体, body 3号仿宋_GB2312, 22 lines of 28
# characters. Government PCs have these fonts; elsewhere (LibreOffice on Debian) the
# East-Asian text falls back to an installed CJK font such as Noto Serif/Sans CJK SC.
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
LATIN_FONT = "Times New Roman"
TITLE_PT = 22  # 二号
BODY_PT = 16  # 三号
LINE_PT = 28.95  # 22 lines in the 225 mm 版心
FALLBACKS = {TITLE_FONT: "Noto Serif CJK SC", BODY_FONT: "Noto Serif CJK SC"}


def _width(text: str) -> float:
    """Characters as the 版心 counts them: a Chinese character 1, a digit or letter ½."""
    return sum(0.5 if ord(c) < 0x2E80 else 1 for c in text)


def _font(run, name: str, size: float) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(size)
    run.font.name = LATIN_FONT
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:hint"), "eastAsia")


def _declare_fallbacks(document) -> None:
    """Name each Chinese font in the font table with an alternative (w:altName), so a
    reader without 仿宋_GB2312 substitutes a CJK serif instead of a Latin default."""
    from docx.oxml.ns import qn
    from lxml import etree

    for part in document.part.package.parts:
        if part.partname.endswith("fontTable.xml"):
            root = etree.fromstring(part.blob)
            for name, alternative in FALLBACKS.items():
                font = etree.SubElement(root, qn("w:font"))
                font.set(qn("w:name"), name)
                alt = etree.SubElement(font, qn("w:altName"))
                alt.set(qn("w:val"), alternative)
                charset = etree.SubElement(font, qn("w:charset"))
                charset.set(qn("w:val"), "86")  # GB2312
            part._blob = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )
            return


PAGE_NUMBER_PT = 14  # 4号半角宋体 (GB/T 9704-2012 7.5)


def _keep_with_next(paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.keep_together = True


WORD_JOINER = "\u2060"


def _unbreakable(text: str, unbroken: str) -> str:
    """`text` with `unbroken` (the tracking number) glued by WORD JOINERs between its
    characters: LibreOffice breaks a number that follows Chinese text anywhere once the line
    is full, even at a non-breaking hyphen; joiners keep it whole, and it moves to the next
    line instead. They are invisible and are not extracted as text."""
    if not unbroken or unbroken not in text:
        return text
    return text.replace(unbroken, WORD_JOINER.join(unbroken))


def _page_number_footer(section) -> None:
    """GB/T 9704-2012 7.5: "— 1 —" in 4号半角宋体 under the 版心, odd pages right and even
    pages left, one character in from the edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def number(footer, align, side: str) -> None:
        p = footer.paragraphs[0]
        p.alignment = align
        setattr(p.paragraph_format, f"{side}_indent", Pt(PAGE_NUMBER_PT))
        _font(p.add_run("— "), "宋体", PAGE_NUMBER_PT)
        for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
            run = p.add_run()
            _font(run, "宋体", PAGE_NUMBER_PT)
            if kind:
                field = OxmlElement("w:fldChar")
                field.set(qn("w:fldCharType"), kind)
                run._r.append(field)
            else:
                instruction = OxmlElement("w:instrText")
                instruction.set(qn("xml:space"), "preserve")
                instruction.text = text
                run._r.append(instruction)
        _font(p.add_run(" —"), "宋体", PAGE_NUMBER_PT)

    number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right")
    number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")


def render_docx(letter: Letter) -> bytes:
    """The notice in official-document form (GB/T 9704-2012): the agency and the notice's
    name as title, its 文号, the addressee, the body, 特此告知, then the agency's name and the
    date at the right with room above them for the seal (成文日期右空四字, the name centred
    over the date); page numbers (7.5). The 落款 and 成文日期 never stand alone on a page
    (7.3.5.5): the last lines of the body keep with them, so a page break moves body text
    along. The tracking number never breaks across lines (_unbreakable)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    application = letter.application
    agency = application.agency
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    # the page number's rule sits 7 mm under the 版心 (7.5); Word measures to the footer top
    section.footer_distance = Mm(35 - 7 - 6)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number_footer(section)
    _declare_fallbacks(document)
    unbroken = application.tracking_number or ""

    def paragraph(text: str, *, font=BODY_FONT, size=BODY_PT, align=None, indent=0.0, right=0.0):
        p = document.add_paragraph()
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        p.paragraph_format.line_spacing = Pt(size * 1.3 if size > BODY_PT else LINE_PT)
        p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt(BODY_PT * indent)
        if right:
            p.paragraph_format.right_indent = Pt(BODY_PT * right)
        if text:
            _font(p.add_run(_unbreakable(text, unbroken)), font, size)
        return p

    title = letter.get_kind_display().split("（")[0]
    paragraph(agency.name, font=TITLE_FONT, size=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(title, font=TITLE_FONT, size=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph("")
    if letter.number:
        paragraph(letter.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph("")
    lines = [line.strip() for line in letter.body.splitlines() if line.strip()]
    body = []
    for index, line in enumerate(lines):
        addressee = index == 0 and line.endswith("：")
        body.append(paragraph(line, indent=0 if addressee else 2, align=WD_ALIGN_PARAGRAPH.JUSTIFY))
    # 7.3.5.5: the closing lines go with the 落款 — the last two body paragraphs (the closing
    # 特此告知 and the sentence before it) keep with the seal space, the name and the date
    for p in body[-2:]:
        _keep_with_next(p)
    # 7.3.5.1: the seal's top within one line of the body, the name and date a little below
    # its centre — two lines of room above them
    for _ in range(2):
        _keep_with_next(paragraph(""))
    day = chinese_date(letter.issued_on) if letter.issued_on else ""
    name_offset = max(0.0, 4 + (_width(day) - _width(agency.name)) / 2)
    _keep_with_next(paragraph(agency.name, align=WD_ALIGN_PARAGRAPH.RIGHT, right=name_offset))
    paragraph(day, align=WD_ALIGN_PARAGRAPH.RIGHT, right=4)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
