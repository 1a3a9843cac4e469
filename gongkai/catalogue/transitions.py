"""Draft → submitted (personal data scanned) → confidentiality review → published, or
returned; published items can be withdrawn or lose validity. One function per step, each
with its audit entry (DESIGN.md's recipe)."""

from __future__ import annotations

from datetime import date

import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.catalogue.models import (
    DisclosureAttribute,
    IndexCounter,
    Item,
    ItemAttachment,
    ItemStatus,
    Validity,
)
from gongkai.catalogue.search import index_item
from gongkai.catalogue.timing import time_item
from gongkai.core import four_eyes
from gongkai.core.audit import audit
from gongkai.core.counters import next_serial
from gongkai.core.forms import strip_control
from gongkai.core.models import Agency, Role, User
from gongkai.core.registry import Registry
from gongkai.core.roles import EDITORS, REVIEWERS
from gongkai.core.transitions import TransitionError, require_role
from gongkai.statute.personal_data import (
    describe,
    redact,
    redact_html,
    scan,
    scan_html,
    visible_text,
)

CHANGED_BY_APPROVER = "保密审查须由起草人和修改过内容的人以外的审核人进行：您修改过这条信息"
# Rules other apps hold an item to before it is published, each check(item, on=date) raising
# TransitionError to refuse; added from their AppConfig.ready() so the catalogue names none
# of them (e.g. policies: a 规范性文件 with its 解读, 国办发〔2016〕80号).
PUBLICATION_CHECKS = Registry("checks before an item is published")
# How a 行政规范性文件 drafted outside the office (the demo's back catalogue) is registered
# before it can be published (国办发〔2018〕37号: 统一登记、统一编号); policies adds its step,
# register(item, by=user, on=date), so the catalogue names none.
NORMATIVE_REGISTRATION = Registry("registration of a 规范性文件 drafted outside the office")
# How such a document reaches the public the way the law requires: registered, and approved
# and published together with its 解读 (国办发〔2016〕80号: 同步审签、同步公开); policies adds
# publish(item, by=clerk, reviewer=user, on=date, valid_until=None, replaces=None) -> Item,
# `replaces` an older registered document it 替代 from its own 施行日期.
NORMATIVE_PUBLICATION = Registry("publication of a 规范性文件 with its 解读")

# The legal event a change of 时效性 records (issue 23): change_validity takes one, and the
# app whose records decide it (policies: a registered 规范性文件's 有效期, its 清理, the later
# documents acting on it) holds each path to its own rule through VALIDITY_CHECKS, each
# check(item, validity=…, on=date, because=…) raising TransitionError to refuse.
BY_EXPIRY = "有效期届满"  # the 有效期 has ended and was not renewed
BY_CLEANUP = "清理"  # a 清理's result, 宣布失效 or 废止, from the day it is published
BY_LATER_DOCUMENT = "后续文件"  # a later document 废止/替代 it, from that document's own date
BY_DECISION = "本机关决定"  # the item page's 变更时效性: information without a register of its own
VALIDITY_BECAUSE = (BY_EXPIRY, BY_CLEANUP, BY_LATER_DOCUMENT, BY_DECISION)
VALIDITY_CHECKS = Registry("rules a change of 时效性 is held to, by the event it records")
# where(item) -> '' or the sentence saying where the item's 时效性 is changed instead of on
# its own page (policies: a registered 规范性文件's, in the register): catalogue/steps.py
# refuses the page's 变更时效性 with it
VALIDITY_KEPT_ELSEWHERE = Registry("where an item's 时效性 is changed, if not on its page")
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "h2",
    "h3",
    "h4",
    "a",
    "span",
    "blockquote",
}


def sanitise(html: str) -> str:
    """Staff paste from Word and WPS; keep structure, drop scripts, styles and handlers."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}},
        url_schemes={"http", "https"},
    )


def plain_text(item: Item) -> str:
    """What a reader sees of the item: the body's HTML parsed, not stripped by pattern."""
    return "\n".join([item.title, item.summary, visible_text(item.body)])


def text_hits(*, title: str = "", summary: str = "", body: str = "") -> list[dict]:
    """The one personal-data scan of an item's own text, whichever way it comes to the
    public (drafting, import, the annual report's generated item)."""
    return describe(scan(title) + scan(summary) + scan_html(body), "正文")


def _personal_data_hits(item: Item) -> list[dict]:
    """Every hit in the item's own text and in each attachment, saying where it is."""
    hits = text_hits(title=item.title, summary=item.summary, body=item.body)
    if item.correction_note:  # a correction's 更正说明 is published with it
        hits += describe(scan(item.correction_note), "更正说明")
    for attachment in item.attachments.all():
        found = describe(scan(attachment.text), f"附件“{attachment.original_name}”")
        # one line per number: an XLSX formula and its value, a DOCX text box and its copy
        # for older Word, say the same number twice
        hits += list({hit["masked"] + hit["kind"]: hit for hit in found}.values())
    return hits


def create_draft(agency: Agency, *, by: User, today: date | None = None, **fields) -> Item:
    """起草新条目, as catalogue/steps.py declares it on the agency (checked here too: a
    caller that skips the page is refused with the page's sentence)."""
    from gongkai.catalogue.body import body_html
    from gongkai.catalogue.steps import AgencyDrafting
    from gongkai.core.steps import check

    require_role(by, agency, EDITORS)
    fields["body"] = body_html(fields.get("body", ""))
    if not fields.get("article20_item") and fields.get("category"):
        fields["article20_item"] = fields["category"].article20_item
    with transaction.atomic():
        # no row to lock: the item is new
        check(AgencyDrafting(agency), "draft", user=by, today=today or timezone.localdate())
        item = Item(agency=agency, created_by=by, **fields)
        item.full_clean(exclude=["index_number"])
        item.save()
        four_eyes.changed(item, by=by)
        audit(by, "item.drafted", obj=item)
    return item


EDITABLE_FIELDS = (
    "category",
    "title",
    "document_number",
    "keywords",
    "summary",
    "body",
    "written_on",
    "formed_on",
    "document_kind",
    "article20_item",
    "matter",  # the 标准目录 matter (issue 17), from the agency's own adopted rows
)


def edit_item(item: Item, *, by: User, **fields) -> Item:
    """Change any field of a draft or a returned item (a wrong 文号 or 分类 is corrected
    here, then the item is submitted again); once submitted it is the reviewer's, once
    published it is the public record."""
    from gongkai.catalogue.body import body_html
    from gongkai.catalogue.corrections import CORRECTABLE_FIELDS

    require_role(by, item.agency, EDITORS)
    allowed = (
        (*CORRECTABLE_FIELDS, "correction_note", "withhold_earlier")
        if item.corrects_id
        else EDITABLE_FIELDS
    )
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TransitionError("不能修改的字段：" + "、".join(sorted(unknown)))
    if "body" in fields:
        fields["body"] = body_html(fields["body"] or "")
    if "category" in fields and not fields.get("article20_item") and fields["category"]:
        fields["article20_item"] = fields["category"].article20_item
    with transaction.atomic():
        item = _locked(item)
        _require(item, ItemStatus.DRAFT, ItemStatus.RETURNED, action="修改")
        changed = [name for name, value in fields.items() if getattr(item, name) != value]
        if not changed:
            return item
        for name in changed:
            setattr(item, name, fields[name])
        try:
            item.full_clean(exclude=["index_number"])
        except ValidationError as error:
            messages = (m for ms in error.message_dict.values() for m in ms)
            raise TransitionError("；".join(messages)) from None
        item.save(update_fields=[*changed, "updated_at"])
        four_eyes.changed(item, by=by)
        audit(by, "item.edited", obj=item, fields=changed)
    return item


def _locked(item: Item) -> Item:
    return Item.objects.select_for_update().get(pk=item.pk)


def _check_declared(item: Item, name: str, *, by: User, on: date | None = None) -> None:
    """The step as catalogue/steps.py declares it, checked under the row lock."""
    from gongkai.core.steps import check

    check(item, name, user=by, today=on or timezone.localdate())


def _require(item: Item, *statuses: str, action: str) -> None:
    if item.status not in statuses:
        raise TransitionError(f"该信息当前为“{item.get_status_display()}”，不能{action}")


def submit(item: Item, *, by: User) -> Item:
    """Scan for personal data and hand the item to a reviewer."""
    require_role(by, item.agency, EDITORS)
    _reread_attachments_scanned_before_issue_24(item)
    with transaction.atomic():
        item = _locked(item)
        _require(item, ItemStatus.DRAFT, ItemStatus.RETURNED, action="提交审查")
        _check_declared(item, "submit", by=by)
        if item.corrects_id:
            from gongkai.catalogue.corrections import check_before_submission

            check_before_submission(item)
        if item.disclosure_attribute != DisclosureAttribute.PROACTIVE:  # 公开属性源头认定
            raise TransitionError(
                f"该信息已认定为“{item.get_disclosure_attribute_display()}”，不主动公开"
            )
        item.personal_data = hits = _personal_data_hits(item)
        item.status = ItemStatus.SUBMITTED
        item.save(update_fields=["personal_data", "status", "updated_at"])
        audit(by, "item.submitted", obj=item, personal_data=len(hits))
    return item


def _reread_attachments_scanned_before_issue_24(item: Item) -> None:
    """Files uploaded before the scan read every part (headers, comments, pictures…) carry
    no coverage: read them again now, outside the item's lock (OCR takes seconds)."""
    from gongkai.catalogue import attachments
    from gongkai.core.uploads import UploadRefused

    for attachment in item.attachments.filter(scan_coverage=""):
        kind = attachments.kind_of(attachment.content_type)
        try:
            reading = attachments.read_text(attachments.read(attachment), kind)
        except (UploadRefused, FileNotFoundError):
            continue  # left as it was: the reviewer is told it was scanned the old way
        attachment.text = reading.text
        attachment.scan_coverage, attachment.scan_note = reading.coverage, reading.note
        attachment.save(update_fields=["text", "scan_coverage", "scan_note"])


def redact_personal_data(item: Item, *, by: User) -> Item:
    """The reviewer masks every personal number found: in the title, summary and body, and
    inside DOCX and XLSX attachments (the digits replaced where they stand, the document
    otherwise as it was). A file that cannot be masked here (PDF, OFD) and still holds
    personal numbers sends the item back to the clerk, who must mask it at the source."""
    from gongkai.catalogue import attachments

    require_role(by, item.agency, REVIEWERS)
    with transaction.atomic():
        item = _locked(item)
        _require(item, ItemStatus.SUBMITTED, action="脱敏处理")
        _check_declared(item, "redact", by=by)
        item.title = redact(item.title, scan(item.title))
        item.summary = redact(item.summary, scan(item.summary))
        item.body = redact_html(item.body)
        item.correction_note = redact(item.correction_note, scan(item.correction_note))
        unmaskable = []
        for attachment in item.attachments.all():
            if not scan(attachment.text):
                continue
            kind = attachments.kind_of(attachment.content_type)
            masked = attachments.mask(attachments.read(attachment), kind)
            if masked is None:
                unmaskable.append(attachment.original_name)
                continue
            attachments.replace_content(attachment, masked, kind)
            audit(by, "item.attachment.redacted", obj=item, name=attachment.original_name)
            if scan(attachment.text):  # still there: in a picture, an embedded object
                unmaskable.append(attachment.original_name)
        item.personal_data = _personal_data_hits(item)
        fields = ["title", "summary", "body", "correction_note", "personal_data", "updated_at"]
        if unmaskable:
            names = "、".join(f"“{name}”" for name in unmaskable)
            item.status = ItemStatus.RETURNED
            item.review_note = (
                f"附件{names}含有个人信息，系统无法在该格式或该位置（如图片、文本框中）脱敏："
                "请在原文件中处理后删除原附件并重新上传（或改用 DOCX、XLSX 格式）"
            )
            fields += ["status", "review_note"]
        item.save(update_fields=fields)
        audit(by, "item.personal_data.redacted", obj=item, returned_files=unmaskable)
    return item


def confirm_personal_data(item: Item, *, by: User, reason: str) -> Item:
    """The reviewer confirms the numbers found may be published (e.g. an office's phone)."""
    require_role(by, item.agency, REVIEWERS)
    if not reason.strip():
        raise TransitionError("请写明可以公开的理由")
    with transaction.atomic():
        item = _locked(item)
        _require(item, ItemStatus.SUBMITTED, action="确认个人信息")
        _check_declared(item, "confirm", by=by)
        item.personal_data = [{**hit, "confirmed": True} for hit in item.personal_data]
        item.save(update_fields=["personal_data", "updated_at"])
        audit(by, "item.personal_data.confirmed", obj=item, reason=reason)
    return item


def return_item(item: Item, *, by: User, reason: str) -> Item:
    require_role(by, item.agency, REVIEWERS)
    if not reason.strip():
        raise TransitionError("请写明退回理由")
    with transaction.atomic():
        item = _locked(item)
        _require(item, ItemStatus.SUBMITTED, action="退回")
        _check_declared(item, "return", by=by)
        item.status, item.review_note = ItemStatus.RETURNED, reason
        item.save(update_fields=["status", "review_note", "updated_at"])
        audit(by, "item.returned", obj=item, reason=reason)
    return item


def approve_and_publish(item: Item, *, by: User, on: date) -> Item:
    """The confidentiality review passes (保密审查) and the item is published with its
    permanent index number PREFIX/YYYY-NNNNN."""
    require_role(by, item.agency, REVIEWERS)
    if item.created_by_id == by.pk:
        raise TransitionError("保密审查须由起草人以外的审核人进行")
    with transaction.atomic():
        # a correction draft: the published item it replaces is locked first (the order
        # every correction step takes), so it cannot be withdrawn meanwhile
        original = _locked(item.corrects) if item.corrects_id else None
        item = _locked(item)
        _require(item, ItemStatus.SUBMITTED, action="审核公开")
        # issue 24: nor anyone else who changed its content (the text, a file) since the
        # last approval — a clerk who is also a reviewer once rewrote a colleague's item
        four_eyes.require_other_approver(item, by=by, refusal=CHANGED_BY_APPROVER)
        if any(not hit["confirmed"] for hit in item.personal_data):
            raise TransitionError("还有未处理的个人信息：请脱敏，或确认可以公开")
        _check_declared(item, "publish", by=by, on=on)
        if original is not None:
            # the checks before a first publication (registration, 解读) were passed by the
            # published item; a correction changes none of what they check (corrections.py)
            from gongkai.catalogue.corrections import publish_correction

            return publish_correction(item, original, by=by, on=on)
        for check in PUBLICATION_CHECKS:
            check(item, on=on)
        # an imported item keeps the date and index number its old catalogue gave it
        item.published_on = item.published_on or on
        item.index_number = item.index_number or allocate_index_number(
            item.agency, item.published_on.year
        )
        item.status = ItemStatus.PUBLISHED
        time_item(item)  # its working days past the 20 (条例第二十六条), for the 工作台
        item.save(
            update_fields=["index_number", "status", "published_on", "late_workdays", "updated_at"]
        )
        index_item(item)
        four_eyes.approved(item, by=by)
        audit(by, "item.published", obj=item, index_number=item.index_number)
    return item


def allocate_index_number(agency: Agency, year: int) -> str:
    """The next serial for the agency and year, under a row lock (call inside a transaction)."""
    serial = next_serial(IndexCounter, agency=agency, year=year)
    return f"{agency.index_prefix}/{year}-{serial:05d}"


def withdraw(item: Item, *, by: User, on: date, reason: str) -> Item:
    """The page stays, saying it was withdrawn and when; the index number is never reused."""
    require_role(by, item.agency, (*EDITORS, *REVIEWERS))
    with transaction.atomic():
        item = _locked(item)
        _require(item, ItemStatus.PUBLISHED, action="撤回")
        _check_declared(item, "withdraw", by=by, on=on)
        if not strip_control(reason or "").strip():
            # the withdrawal is part of the column's record (the audit entry and 撤回 notes)
            raise TransitionError("撤回已公开的信息须写明撤回理由")
        item.status, item.withdrawn_on = ItemStatus.WITHDRAWN, on
        item.save(update_fields=["status", "withdrawn_on", "updated_at"])
        from gongkai.catalogue.corrections import abandon_on_withdrawal

        abandon_on_withdrawal(item, by=by)
        index_item(item)
        audit(by, "item.withdrawn", obj=item, reason=reason)
    return item


def change_validity(item: Item, *, by: User, on: date, validity: str, because: str) -> Item:
    """失效 or 废止 from `on` — table 二 counts 废止 per year and 现行有效 at 31 December.
    `because` names the legal event (BY_EXPIRY, BY_CLEANUP, BY_LATER_DOCUMENT, BY_DECISION):
    the VALIDITY_CHECKS hold each to its rule."""
    require_role(by, item.agency, EDITORS)
    if validity not in (Validity.EXPIRED, Validity.REPEALED):
        raise TransitionError("只能标记为失效或废止")
    if because not in VALIDITY_BECAUSE:
        raise TransitionError("请说明时效性变更的依据：有效期届满、清理、后续文件或本机关决定")
    with transaction.atomic():
        item = _locked(item)
        _require(item, ItemStatus.PUBLISHED, action="变更时效性")
        if item.validity != Validity.VALID:
            raise TransitionError("该信息已经失效或废止")
        if because == BY_DECISION:
            # the item page's own 变更时效性 (catalogue/steps.py); the register's events are
            # declared and checked by the app that keeps the register
            _check_declared(item, "validity", by=by, on=on)
        if on < (item.written_on or item.published_on):
            raise TransitionError("失效或废止日期不能早于成文日期")
        for check in VALIDITY_CHECKS:
            check(item, validity=validity, on=on, because=because)
        item.validity, item.validity_changed_on = validity, on
        item.save(update_fields=["validity", "validity_changed_on", "updated_at"])
        audit(by, "item.validity.changed", obj=item, validity=validity, because=because)
    return item


def record_ending_date(item: Item, *, by: User, on: date, today: date) -> Item:
    """The date an item already marked 失效/废止 stopped, where it came without one (a page
    of the old site that said 已废止 only in its title): table 二 counts 本年废止 and 现行有效
    by it. The date is a fact of the past: not after today, not before the item was made."""
    require_role(by, item.agency, EDITORS)
    with transaction.atomic():
        item = _locked(item)
        _check_declared(item, "ending_date", by=by, on=today)
        if on > today:
            raise TransitionError("失效或废止日期不能晚于今天：该信息已经标注为失效或废止")
        if on < (item.written_on or item.published_on):
            raise TransitionError("失效或废止日期不能早于成文日期")
        item.validity_changed_on = on
        item.save(update_fields=["validity_changed_on", "updated_at"])
        audit(by, "item.validity.dated", obj=item, on=on.isoformat())
    return item


def attach_file(item: Item, upload, *, by: User) -> ItemAttachment:
    """Add a file to a draft or returned item; its text is read now so submit can scan it."""
    from gongkai.catalogue import attachments
    from gongkai.core import uploads

    require_role(by, item.agency, EDITORS)
    data, kind = uploads.read_checked(upload, attachments.ACCEPTED, attachments.MAX_BYTES)
    reading = attachments.read_text(data, kind)  # in a bounded child process
    with transaction.atomic():
        item = _locked(item)
        _require(item, ItemStatus.DRAFT, ItemStatus.RETURNED, action="添加附件")
        if item.attachments.count() >= attachments.MAX_PER_ITEM:
            raise TransitionError(f"每条信息最多 {attachments.MAX_PER_ITEM} 个附件")
        name = uploads.write(data, attachments.FOLDER, kind[2])
        try:
            attachment = ItemAttachment.objects.create(
                item=item,
                original_name=uploads.display_name(upload.name),
                storage_name=name,
                content_type=kind[1],
                size=len(data),
                text=reading.text,
                scan_coverage=reading.coverage,
                scan_note=reading.note,
                uploaded_by=by,
            )
            four_eyes.changed(item, by=by)
            audit(by, "item.attachment.added", obj=item, name=attachment.original_name)
        except Exception:
            uploads.delete(attachments.FOLDER, name)
            raise
    return attachment


def remove_attachment(attachment: ItemAttachment, *, by: User) -> None:
    """Only before publication: once published, a file is part of the public record."""
    from gongkai.catalogue import attachments
    from gongkai.core import uploads

    require_role(by, attachment.item.agency, EDITORS)
    with transaction.atomic():
        item = _locked(attachment.item)
        _require(item, ItemStatus.DRAFT, ItemStatus.RETURNED, action="删除附件")
        _check_declared(item, "remove_attachment", by=by)
        four_eyes.changed(item, by=by)
        audit(by, "item.attachment.removed", obj=item, name=attachment.original_name)
        attachment.delete()
        name = attachment.storage_name
        transaction.on_commit(lambda: uploads.delete(attachments.FOLDER, name))


def publish_generated(
    agency: Agency, *, by: User, category, title: str, body: str, on: date
) -> Item:
    """An item the system writes itself from counted records (the annual report): the
    reviewer who publishes the report is its confidentiality review, so it is published at
    once, with its index number, and found by search like any other item."""
    # the caller holds the two-person rule of its own record (the annual report: a reviewer
    # other than its drafter, reports.transitions.publish_report)
    require_role(by, agency, (*REVIEWERS, Role.ADMIN))
    body = sanitise(body)
    hits = text_hits(title=title, body=body)  # the same scan as every other way out
    if hits:
        found = "、".join(f"{h['kind']} {h['masked']}" for h in hits[:5])
        raise TransitionError(f"内容含有个人信息（{found}），请脱敏后再发布")
    with transaction.atomic():
        item = Item(
            agency=agency,
            created_by=by,
            category=category,
            title=title,
            body=body,
            formed_on=on,
            written_on=on,
            status=ItemStatus.PUBLISHED,
            published_on=on,
        )
        item.full_clean(exclude=["index_number"])
        item.index_number = allocate_index_number(agency, on.year)
        time_item(item)
        item.save()
        index_item(item)
        audit(by, "item.published", obj=item, index_number=item.index_number, generated=True)
    return item
