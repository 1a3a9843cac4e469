"""What a township (or a county department) submits to a column of the county's site, and
what the county's editor decided (报送 → 采用).

Townships do not run websites of their own: their pages live on the county's portal, and the
county's editors adopt what they submit into the county's columns. A submission is either one
of the source agency's published catalogue items — adopted, it stays that item, with its own
agency and 索引号 (never reissued) — or a news post (稿件) written for the county's column,
which is not a catalogue item and has no 索引号. Every step is a row of SubmissionEvent, the
record the counts per source agency and month are taken from."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth

from gongkai.core.steps import HasSteps


class Kind(models.TextChoices):
    ITEM = "item", "已公开的政府信息"
    NEWS = "news", "新闻稿件"


class Status(models.TextChoices):
    SUBMITTED = "submitted", "待采用"
    ADOPTED = "adopted", "已采用"
    RETURNED = "returned", "已退回"


class SubmissionQuerySet(models.QuerySet):
    def adopted_into(self, agency, column=None):
        """What a reader sees in `agency`'s column(s): adopted, and — for a catalogue item —
        still published by its own agency (a withdrawn item leaves the column too)."""
        rows = self.filter(target=agency, status=Status.ADOPTED).filter(
            Q(kind=Kind.NEWS) | Q(item__status="published")
        )
        return rows if column is None else rows.filter(column=column)

    def awaiting(self, agencies):
        return self.filter(target__in=agencies, status=Status.SUBMITTED)


class Submission(HasSteps, models.Model):
    source = models.ForeignKey(
        "core.Agency", verbose_name="报送单位", on_delete=models.PROTECT, related_name="+"
    )
    # the county (or the county department it was forwarded to) that decides now
    target = models.ForeignKey(
        "core.Agency", verbose_name="采用单位", on_delete=models.PROTECT, related_name="+"
    )
    column = models.ForeignKey(
        "catalogue.Category", verbose_name="栏目", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    item = models.ForeignKey(
        "catalogue.Item",
        verbose_name="政府信息",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文", blank=True)  # a news post's sanitised HTML
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    personal_data = models.JSONField("个人信息扫描结果", default=list, blank=True)
    note = models.CharField("退回理由", max_length=500, blank=True)
    submitted_on = models.DateField("报送日期")
    adopted_on = models.DateField("采用日期", null=True, blank=True)
    submitted_by = models.ForeignKey(
        "core.User", verbose_name="报送人", on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = "报送"
        verbose_name_plural = "报送"
        ordering = ["-submitted_on", "-pk"]
        constraints = [
            # one item is submitted to one agency once (resubmitted after a return, not twice)
            models.UniqueConstraint(
                fields=["item", "target"],
                condition=Q(item__isnull=False),
                name="submission_item_once_per_target",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def index_number(self) -> str:
        """The source agency's 索引号 for a catalogue item; a news post has none."""
        return self.item.index_number if self.item_id else ""

    @property
    def published_on(self) -> date | None:
        return self.adopted_on


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", "报送"
    RESUBMITTED = "resubmitted", "重新报送"
    REDACTED = "redacted", "脱敏处理"
    CONFIRMED = "confirmed", "确认可以公开"
    FORWARDED = "forwarded", "转办"
    RETURNED = "returned", "退回"
    ADOPTED = "adopted", "采用"


class EventQuerySet(models.QuerySet):
    def monthly_counts(self, receivers, year: int) -> list[dict]:
        """Per source agency and month of `year`: submitted (first submissions), adopted and
        returned — counted from the events each step wrote, at the agency that then held
        the submission (`receivers`: the county and its departments)."""
        rows = (
            self.filter(on__year=year, target__in=receivers)
            .annotate(month=ExtractMonth("on"))
            .values("submission__source_id", "submission__source__name", "month")
            .annotate(
                submitted=Count("id", filter=Q(kind=EventKind.SUBMITTED)),
                adopted=Count("id", filter=Q(kind=EventKind.ADOPTED)),
                returned=Count("id", filter=Q(kind=EventKind.RETURNED)),
            )
            .order_by("submission__source__name", "month")
        )
        return [
            {
                "source_id": r["submission__source_id"],
                "source": r["submission__source__name"],
                "month": r["month"],
                "submitted": r["submitted"],
                "adopted": r["adopted"],
                "returned": r["returned"],
            }
            for r in rows
            if r["submitted"] or r["adopted"] or r["returned"]
        ]


class SubmissionEvent(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=12, choices=EventKind.choices)
    on = models.DateField("日期")
    # the agency holding the submission when the step was taken (forwarding moves it)
    target = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField("说明", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "报送记录"
        verbose_name_plural = "报送记录"
        ordering = ["pk"]
        indexes = [models.Index(fields=["target", "on"], name="submission_event_target_on")]

    def __str__(self) -> str:
        return f"{self.submission_id} {self.get_kind_display()} {self.on}"


class ReportingChoice(models.Model):
    """Whether a county writes its submission counts into section 一 of its annual report
    (issue 28: "in the annual report's section 一 where the county wants them"): the 2021
    format asks no such figure, so it is the county's choice, off until it is made."""

    agency = models.OneToOneField(
        "core.Agency", on_delete=models.CASCADE, related_name="submission_reporting"
    )
    in_annual_report = models.BooleanField("写入年度报告第一部分", default=False)

    class Meta:
        verbose_name = "报送采用情况写入年度报告"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.in_annual_report}"
