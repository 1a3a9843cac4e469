from django.core.exceptions import ValidationError
from django.db import models

from gongkai.statute.workdays import Arrangement, DayKind


class CalendarDay(models.Model):
    """A date of the State Council's yearly arrangement that an administrator entered or
    imported; it extends (and, for the same date, overrides) the built-in data."""

    day = models.DateField("日期")
    kind = models.CharField("类型", max_length=2, choices=[(k.value, k.value) for k in DayKind])
    source = models.CharField("依据", max_length=200, help_text="发布放假安排的通知名称或文号")
    # blank: the State Council's national arrangement. A name: that region's own holidays
    # (放假办法第四条, 少数民族习惯的节日, fixed by the local government), applied to the
    # agencies whose holiday_region is this name.
    region = models.CharField(
        "地区",
        max_length=50,
        blank=True,
        default="",
        help_text="留空为全国安排；填写则为该地区的民族节日",
    )
    changed_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "region"], name="calendar_day_once_per_region")
        ]
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {self.kind}" + (f"（{self.region}）" if self.region else "")

    def as_arrangement(self) -> Arrangement:
        return Arrangement(self.day, DayKind(self.kind), self.source)

    def clean(self) -> None:
        if self.day and self.kind and self.as_arrangement().contradicts_weekday:
            if self.kind == DayKind.HOLIDAY:
                raise ValidationError("这一天是周末，本来就休息，不能列为“放假”")
            raise ValidationError("这一天是工作日，本来就上班，不能列为调休“上班”")
