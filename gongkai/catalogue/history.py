"""An item's history as a timeline, read from the audit log that every transition writes:
who drafted, changed, submitted, returned (and why), masked, confirmed and published it.
The reviewer's reasons for each return stay in order, so an old reason is read as history,
not as the item's present state."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Max

from gongkai.catalogue.models import Item, ItemCorrection
from gongkai.core.models import AuditEntry

STEPS = {
    "item.drafted": "起草",
    "item.edited": "修改",
    "item.submitted": "提交保密审查",
    "item.returned": "退回",
    "item.personal_data.redacted": "脱敏处理",
    "item.personal_data.confirmed": "确认个人信息可以公开",
    "item.published": "审核通过并公开",
    "item.withdrawn": "撤回",
    "item.validity.changed": "变更时效性",
    "item.attachment.added": "添加附件",
    "item.attachment.removed": "删除附件",
    "item.correction.started": "开始更正",
    "item.correction.abandoned": "放弃更正",
    "item.corrected": "发布更正",
}


@dataclass(frozen=True)
class Step:
    at: datetime
    who: str
    what: str
    note: str
    returned: bool


def _note(entry: AuditEntry) -> str:
    data = entry.data or {}
    if entry.action == "item.edited":
        names = {f.name: str(f.verbose_name) for f in Item._meta.fields}
        return "、".join(names.get(name, name) for name in data.get("fields", []))
    if entry.action == "item.published":
        return f"索引号 {data['index_number']}" if data.get("index_number") else ""
    if entry.action == "item.corrected":
        return f"第{data.get('correction')}次更正：{data.get('reason', '')}"
    if entry.action.startswith("item.attachment."):
        return data.get("name", "")
    return data.get("reason", "")


def timeline(item: Item) -> list[Step]:
    entries = (
        AuditEntry.objects.filter(
            object_type=Item._meta.label_lower, object_id=str(item.pk), action__in=STEPS
        )
        .select_related("actor")
        .order_by("at", "id")
    )
    return [
        Step(
            entry.at,
            str(entry.actor) if entry.actor_id else entry.actor_label,
            STEPS[entry.action],
            _note(entry),
            entry.action == "item.returned",
        )
        for entry in entries
    ]


# ---- 更正 (issue 25): what each published correction changed, for staff and the public ----

FIELD_LABELS = {
    **{f.name: str(f.verbose_name) for f in Item._meta.fields},
    "attachments": "附件",
}
SHORT_LIMIT = 300  # a value longer than this is shown as the passages that changed
PASSAGES_SHOWN = 12
CONTEXT_CHARS = 12
WITHHELD = "（原文含个人信息，不予显示）"


@dataclass(frozen=True)
class Change:
    label: str
    earlier: str  # "" when the field was empty
    later: str
    withheld: bool = False  # the earlier value is not shown (personal data, or by choice)


@dataclass(frozen=True)
class Passage:
    before: str  # a few characters of unchanged text before it, for finding the place
    earlier: str
    later: str
    withheld: bool = False


@dataclass(frozen=True)
class CorrectionView:
    number: int
    corrected_on: object
    note: str
    changes: list[Change]
    passages: list[Passage]  # of the 正文 and long fields
    more_passages: int  # passages left out past PASSAGES_SHOWN
    drafted_by: str = ""
    approved_by: str = ""


BLOCK_END = re.compile(r"</(?:p|li|h[2-4]|tr|blockquote)>|<br\s*/?>", re.I)
TAG = re.compile(r"<[^>]+>")


def body_text(body: str) -> str:
    """The 正文 as a reader sees it, a line per paragraph, its punctuation as written (the
    personal-data scan's reading normalises full-width forms; a history must not)."""
    import html

    return html.unescape(TAG.sub("", BLOCK_END.sub("\n", body))).strip()


def _text(name: str, value) -> str:
    from gongkai.core.dates import chinese_date

    if value in ("", None):
        return ""
    if name == "attachments":
        return "、".join(f"“{n}”" for n in value) or "无"
    if name in ("written_on",):
        from datetime import date as date_type

        return chinese_date(date_type.fromisoformat(value))
    if name == "body":
        return body_text(value)
    return str(value)


def passages(earlier: str, later: str) -> tuple[list[tuple[str, str, str]], int]:
    """The changed passages of two texts: (context before, earlier, later) each, by line
    first (a long body stays quick), then by character within changed lines — Chinese has
    no spaces to split words on."""
    from difflib import SequenceMatcher

    found: list[tuple[str, str, str]] = []
    a_lines, b_lines = earlier.splitlines(), later.splitlines()
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a_lines, b_lines, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        a, b = "\n".join(a_lines[i1:i2]), "\n".join(b_lines[j1:j2])
        if op != "replace" or len(a) + len(b) > 4000:
            found.append(("", a, b))
            continue
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        for cop, k1, k2, m1, m2 in matcher.get_opcodes():
            if cop != "equal":
                found.append((a[max(0, k1 - CONTEXT_CHARS) : k1], a[k1:k2], b[m1:m2]))
    return found[:PASSAGES_SHOWN], max(0, len(found) - PASSAGES_SHOWN)


def _has_personal_data(text: str) -> bool:
    from gongkai.statute.personal_data import scan

    return bool(text) and bool(scan(text))


def _field_order(name: str) -> int:
    """The order a correction's fields are listed in: the form's, then the files. PostgreSQL's
    jsonb keeps no key order, so the history's own order cannot be relied on."""
    from gongkai.catalogue.corrections import CORRECTABLE_FIELDS

    order = (*CORRECTABLE_FIELDS, "attachments")
    return order.index(name) if name in order else len(order)


def correction_views(item: Item, *, public: bool) -> list[CorrectionView]:
    """Each published correction of `item`, oldest first. For staff: every earlier value.
    For the public: the earlier values only where they may be public again — never for a
    withdrawn item (its text was taken down: the dates alone remain), never where the
    correction said the earlier text must not be shown (nor for a 公示 whose body came down
    at the end of its period), and never an earlier passage in
    which the personal-data scan finds a number."""
    views = []
    # a withdrawn item's text, or a 公示 whose body came down when its period ended, is no
    # longer public: nor is any earlier version of it — only the dates remain
    taken_down = public and (item.status != "published" or item.notice_body_hidden)
    rows = item.corrections.select_related("drafted_by", "approved_by").order_by("number")
    for row in rows:
        hidden = taken_down or (public and row.withhold_earlier)
        changes, shown = [], []
        more = 0
        for name in sorted(row.earlier, key=_field_order):
            earlier, later = _text(name, row.earlier[name]), _text(name, row.later.get(name))
            if name == "body" or len(earlier) > SHORT_LIMIT or len(later) > SHORT_LIMIT:
                changes.append(Change(FIELD_LABELS.get(name, name), "", "", withheld=hidden))
                found, left = passages(earlier, later)
                more += left
                for before, old, new in found:
                    secret = hidden or (public and _has_personal_data(before + old))
                    shown.append(
                        Passage("" if secret else before, "" if secret else old, new, secret)
                    )
                continue
            secret = hidden or (public and _has_personal_data(earlier))
            changes.append(
                Change(FIELD_LABELS.get(name, name), "" if secret else earlier, later, secret)
            )
        if taken_down:
            changes, shown, more = [], [], 0
        views.append(
            CorrectionView(
                row.number,
                row.corrected_on,
                "" if taken_down else row.note,
                changes,
                [] if hidden else shown,
                more,
                "" if public else str(row.drafted_by),
                "" if public else str(row.approved_by),
            )
        )
    return views


def last_corrected(item_ids) -> dict[int, date]:
    """The day of each item's latest published correction (更正), for the lists that mark
    an item as corrected (the API, the feeds, search results): one read for a page of items,
    the dates alone — never an earlier text."""
    rows = (
        ItemCorrection.objects.filter(item_id__in=list(item_ids))
        .values("item_id")
        .annotate(last=Max("corrected_on"))
        .order_by()
    )
    return {row["item_id"]: row["last"] for row in rows}


def corrections_of(item: Item) -> list[CorrectionView]:
    """The office's view of an item's corrections: everything, for staff."""
    if item.corrects_id is not None:
        return []
    return correction_views(item, public=False)
