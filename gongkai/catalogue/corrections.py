"""更正 (issue 25): a published item is corrected through a correction draft (更正稿),
pre-filled from the published version — its text, metadata and files as they are — edited
and sent through the same personal-data scan, 保密审查 and four-eyes rule as any draft.
Until the draft is published the item stays public with its old text; one draft at a time;
a draft can be abandoned. Publishing it replaces the public text under the SAME 索引号 (a
索引号 is never reissued) and keeps the first 发布日期, which is what 条例第二十六条's
timeliness was measured against: a correction is not a new publication, and the annual report
counts none (its format, 国办公开办函〔2021〕30号, has no row or column for corrections). The
history — when, the 更正说明, the fields changed with their earlier values — is an
ItemCorrection beside the item.

Each function follows the recipe of transitions.py; the steps are declared in steps.py."""

from __future__ import annotations

import hashlib
from datetime import date

from django.db import transaction

from gongkai.catalogue.models import Item, ItemAttachment, ItemCorrection, ItemStatus
from gongkai.catalogue.search import index_item
from gongkai.core import four_eyes
from gongkai.core.audit import audit
from gongkai.core.forms import strip_control
from gongkai.core.models import User
from gongkai.core.roles import EDITORS, REVIEWERS
from gongkai.core.transitions import TransitionError, require_role

# What a correction may change: the item's public text and metadata.
CORRECTABLE_FIELDS = (
    "category",
    "title",
    "document_number",
    "keywords",
    "summary",
    "body",
    "written_on",
    "article20_item",
)
# Copied into the draft but never changed by it: 形成日期 and the 标准目录 matter set the
# publication limit (条例第二十六条), measured once, at the first publication; the 文件类型
# decides registration and table 二 — another type is another document, not a correction.
COPIED_FIELDS = (
    *CORRECTABLE_FIELDS,
    "formed_on",
    "matter",
    "document_kind",
    "info_type",
    "disclosure_attribute",
)
NOTE_MISSING = "请写明更正说明：哪里有误、改了什么"
NOTHING_CHANGED = "更正稿与已公开的内容相同，没有需要更正的内容"
ALREADY_OPEN = "该信息已有一份更正稿正在办理：请先发布或放弃它"


def _locked(pk: int) -> Item:
    return Item.objects.select_for_update().get(pk=pk)


def _check_declared(item: Item, name: str, *, by: User, on: date) -> None:
    from gongkai.core.steps import check

    check(item, name, user=by, today=on)


def start_correction(item: Item, *, by: User, note: str, on: date) -> Item:
    """A correction draft of the published `item`, with copies of its files; the item and
    its files stay public as they are."""
    from gongkai.catalogue import attachments
    from gongkai.core import uploads

    require_role(by, item.agency, EDITORS)
    note = strip_control(note or "").strip()
    if not note:
        raise TransitionError(NOTE_MISSING)
    written: list[str] = []
    try:
        with transaction.atomic():
            item = _locked(item.pk)
            if item.status != ItemStatus.PUBLISHED:
                raise TransitionError(f"该信息当前为“{item.get_status_display()}”，不能更正")
            if item.correction_drafts.exists():
                raise TransitionError(ALREADY_OPEN)
            _check_declared(item, "correct", by=by, on=on)
            draft = Item.objects.create(
                agency=item.agency,
                created_by=by,
                corrects=item,
                correction_note=note,
                status=ItemStatus.DRAFT,
                **{name: getattr(item, name) for name in COPIED_FIELDS},
            )
            for published in item.attachments.all():
                try:
                    data = attachments.read(published)
                except FileNotFoundError:
                    raise TransitionError(
                        f"附件“{published.original_name}”的文件缺失，无法复制到更正稿"
                    ) from None
                kind = attachments.kind_of(published.content_type)
                name = uploads.write(data, attachments.FOLDER, kind[2] if kind else "bin")
                written.append(name)
                ItemAttachment.objects.create(
                    item=draft,
                    original_name=published.original_name,
                    storage_name=name,
                    content_type=published.content_type,
                    size=published.size,
                    text=published.text,
                    scan_coverage=published.scan_coverage,
                    scan_note=published.scan_note,
                    uploaded_by=published.uploaded_by,
                    copied_from=published,
                )
            four_eyes.changed(draft, by=by)
            audit(by, "item.correction.started", obj=item, draft=draft.pk, reason=note)
            audit(by, "item.drafted", obj=draft, corrects=item.pk)
    except BaseException:
        if written:
            uploads.delete(attachments.FOLDER, *written)
        raise
    return draft


def _discard(draft: Item) -> None:
    """Delete a correction draft and, once committed, its files (call inside a transaction)."""
    from gongkai.catalogue import attachments
    from gongkai.core import uploads

    names = list(draft.attachments.values_list("storage_name", flat=True))
    draft.attachments.all().delete()
    draft.delete()
    if names:
        transaction.on_commit(lambda: uploads.delete(attachments.FOLDER, *names))


def abandon_correction(draft: Item, *, by: User, on: date) -> Item:
    """Give up a correction draft: the published item stays as it is. Returns that item."""
    require_role(by, draft.agency, (*EDITORS, *REVIEWERS))
    if draft.corrects_id is None:
        raise TransitionError("这不是更正稿")
    with transaction.atomic():
        original = _locked(draft.corrects_id)  # the published item first, as publishing does
        draft = _locked(draft.pk)
        _check_declared(draft, "abandon_correction", by=by, on=on)
        audit(by, "item.correction.abandoned", obj=original, draft=draft.pk)
        audit(by, "item.correction.abandoned", obj=draft, corrects=original.pk)
        _discard(draft)
    return original


def abandon_on_withdrawal(item: Item, *, by: User) -> None:
    """A withdrawn item is corrected no more: its open draft goes with the withdrawal
    (called by transitions.withdraw under the item's lock)."""
    for draft in item.correction_drafts.select_for_update():
        audit(by, "item.correction.abandoned", obj=item, draft=draft.pk, reason="原信息已撤回")
        _discard(draft)


def _plain(value):
    """A field's value as the history keeps it (JSON): 分类 by name, dates as ISO text."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "_meta"):
        return str(value)
    return value


def changed_fields(draft: Item, original: Item) -> list[str]:
    return [name for name in CORRECTABLE_FIELDS if getattr(draft, name) != getattr(original, name)]


def _digest(attachment: ItemAttachment) -> str | None:
    from gongkai.catalogue import attachments

    try:
        return hashlib.sha256(attachments.read(attachment)).hexdigest()
    except FileNotFoundError:
        return None


def files_changed(draft: Item) -> bool:
    """Whether the draft's files differ from the published ones, at a glance (no reading):
    a file added or removed. A copy masked in review is caught at publication."""
    copies = set(draft.attachments.values_list("copied_from_id", flat=True))
    published = set(draft.corrects.attachments.values_list("pk", flat=True))
    return copies != published


def check_before_submission(draft: Item) -> None:
    """Refusals of 提交审查 particular to a correction draft (transitions.submit)."""
    if not draft.correction_note.strip():
        raise TransitionError(NOTE_MISSING)
    if not changed_fields(draft, draft.corrects) and not files_changed(draft):
        raise TransitionError(NOTHING_CHANGED)


def publish_correction(draft: Item, original: Item, *, by: User, on: date) -> Item:
    """The reviewed correction replaces the published text (called by
    transitions.approve_and_publish, under both rows' locks, after its checks)."""
    from gongkai.catalogue import attachments
    from gongkai.core import uploads

    if original.status != ItemStatus.PUBLISHED:
        raise TransitionError(f"原信息当前为“{original.get_status_display()}”，不能发布更正")
    if not draft.correction_note.strip():
        raise TransitionError(NOTE_MISSING)
    changed = changed_fields(draft, original)
    earlier = {name: _plain(getattr(original, name)) for name in changed}
    later = {name: _plain(getattr(draft, name)) for name in changed}
    # files: an unchanged copy gives way to the published file (its address keeps working);
    # a changed or new one takes its place; a published file with no copy left is withdrawn
    before = list(original.attachments.all())
    by_pk = {a.pk: a for a in before}
    kept, moved, copies_to_drop = set(), [], []
    for copy in draft.attachments.all():
        source = by_pk.get(copy.copied_from_id)
        if source is not None and source.pk not in kept and _digest(copy) == _digest(source):
            kept.add(source.pk)
            copies_to_drop.append(copy)
        else:
            moved.append(copy)
    dropped = [a for a in before if a.pk not in kept]
    if moved or dropped:
        after = [a for a in before if a.pk in kept] + moved
        earlier["attachments"] = [a.original_name for a in before]
        later["attachments"] = [a.original_name for a in after]
    if not earlier:
        raise TransitionError(NOTHING_CHANGED)
    number = original.corrections.count() + 1
    correction = ItemCorrection.objects.create(
        item=original,
        number=number,
        corrected_on=on,
        note=draft.correction_note.strip(),
        earlier=earlier,
        later=later,
        withhold_earlier=draft.withhold_earlier,
        draft_id=draft.pk,
        drafted_by_id=draft.created_by_id,
        approved_by=by,
    )
    for name in changed:
        setattr(original, name, getattr(draft, name))
    original.save(update_fields=[*changed, "updated_at"])
    gone = [a.storage_name for a in copies_to_drop + dropped]
    ItemAttachment.objects.filter(pk__in=[a.pk for a in copies_to_drop + dropped]).delete()
    ItemAttachment.objects.filter(pk__in=[a.pk for a in moved]).update(
        item=original, copied_from=None
    )
    if gone:
        transaction.on_commit(lambda: uploads.delete(attachments.FOLDER, *gone))
    index_item(original)
    # the public content changed: by the drafter, approved by this reviewer
    four_eyes.changed(original, by=draft.created_by)
    four_eyes.approved(original, by=by)
    audit(
        by,
        "item.corrected",
        obj=original,
        index_number=original.index_number,
        correction=number,
        fields=list(earlier),
        reason=correction.note,
        draft=draft.pk,
    )
    audit(by, "item.correction.published", obj=draft, corrects=original.pk)
    draft.delete()
    return original
