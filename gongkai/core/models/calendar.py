from django.core.exceptions import ValidationError
from django.db import models

from gongkai.statute.workdays import Arrangement, DayKind


class CalendarDay(models.Model):
    """A date of the State Council's yearly arrangement that an administrator entered or
    imported; it extends (and, for the same date, overrides) the built-in data."""

    day = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=2, choices=[(k.value, k.value) for k in DayKind])
    source = models.CharField("依据", max_length=200, help_text="发布放假安排的通知名称或文号")
    changed_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {self.kind}"

    def as_arrangement(self) -> Arrangement:
        return Arrangement(self.day, DayKind(self.kind), self.source)

    def clean(self) -> None:
        if self.day and self.kind and self.as_arrangement().contradicts_weekday:
            if self.kind == DayKind.HOLIDAY:
                raise ValidationError("这一天是周末，本来就休息，不能列为“放假”")
            raise ValidationError("这一天是工作日，本来就上班，不能列为调休“上班”")
