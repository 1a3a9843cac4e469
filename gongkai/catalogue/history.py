"""An item's history as a timeline, read from the audit log that every transition writes:
who drafted, changed, submitted, returned (and why), masked, confirmed and published it.
The reviewer's reasons for each return stay in order, so an old reason is read as history,
not as the item's present state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gongkai.catalogue.models import Item
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
