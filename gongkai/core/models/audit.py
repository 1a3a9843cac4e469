import hashlib
import json
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


def entry_digest(
    previous_hash: str,
    *,
    at,
    actor_id,
    actor_label,
    agency_id,
    object_type,
    object_id,
    action,
    data,
) -> str:
    """SHA-256 over the previous entry's hash and this entry's content, in one canonical
    form (UTC time to the microsecond, JSON with sorted keys): change, insert or remove an
    entry and the chain breaks there."""
    content = [
        previous_hash,
        at.astimezone(UTC).isoformat(timespec="microseconds"),
        actor_id,
        actor_label,
        agency_id,
        object_type,
        object_id,
        action,
        data,
    ]
    canonical = json.dumps(
        content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), cls=DjangoJSONEncoder
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


class AuditEntry(models.Model):
    """One action someone took. Append-only: the database refuses UPDATE and DELETE
    (see the migration that installs the triggers and gongkai.core.audit). Tamper-evident:
    each entry carries the hash of the one before it (`gongkai audit verify`)."""

    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        "core.User",
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField("操作人（记录时）", max_length=150)
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name="机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_type = models.CharField("对象类型", max_length=100, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    action = models.CharField("操作", max_length=100, db_index=True)
    data = models.JSONField("详情", default=dict, blank=True)
    previous_hash = models.CharField("上一条记录的哈希", max_length=64, blank=True, editable=False)
    entry_hash = models.CharField("本条记录的哈希", max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def digest(self) -> str:
        return entry_digest(
            self.previous_hash,
            at=self.at,
            actor_id=self.actor_id,
            actor_label=self.actor_label,
            agency_id=self.agency_id,
            object_type=self.object_type,
            object_id=self.object_id,
            action=self.action,
            data=self.data,
        )
