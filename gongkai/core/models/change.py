from django.db import models
from django.utils import timezone


class ChangeKind(models.TextChoices):
    CHANGED = "changed", "修改内容"
    APPROVED = "approved", "审核通过"


class ContentChange(models.Model):
    """Who changed the content of a record that goes to the public, and who approved it
    (gongkai/core/four_eyes.py): the approver must be none of those who changed it since the
    last approval — not only the one who created it."""

    object_type = models.CharField(max_length=100)  # app_label.model
    object_id = models.CharField(max_length=64)
    user = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=ChangeKind)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "内容修改记录"
        verbose_name_plural = "内容修改记录"
        indexes = [
            models.Index(fields=["object_type", "object_id", "id"], name="content_change_object")
        ]

    def __str__(self) -> str:
        return f"{self.object_type}#{self.object_id} {self.kind} {self.user_id}"
