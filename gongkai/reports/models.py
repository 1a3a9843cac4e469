"""The annual report as the office keeps it: a draft per agency and year whose tables are
counted live from the records, published as a frozen snapshot with an 索引号, corrected by
a new version that supersedes the old one (which stays visible)."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models

from gongkai.core.models import SerialCounter
from gongkai.core.steps import HasSteps


class YearFigures(models.Model):
    """Table 二's figures kept in other systems (条例第二十条第（五）（六）（八）项): staff enter
    them once a year, saying where they come from."""

    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    licences = models.PositiveIntegerField("行政许可本年处理决定数量")
    penalties = models.PositiveIntegerField("行政处罚本年处理决定数量")
    enforcement = models.PositiveIntegerField("行政强制本年处理决定数量")
    fee_amount = models.DecimalField(
        "行政事业性收费本年收费金额（万元）",
        max_digits=12,
        decimal_places=4,
        validators=[MinValueValidator(0)],
    )
    source = models.CharField("数据来源", max_length=300)
    # 人民政府 only (条例第五十条第四项 and the format's section 六), written by staff
    oversight = models.TextField(
        "工作考核、社会评议和责任追究结果情况", max_length=3000, blank=True
    )
    innovations = models.TextField("年度政务公开工作创新情况", max_length=3000, blank=True)
    entered_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "年度报告表二填报数"
        verbose_name_plural = "年度报告表二填报数"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="year_figures_once")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    SUPERSEDED = "superseded", "已被更正版本替代"


class AnnualReport(HasSteps, models.Model):
    agency = models.ForeignKey(
        "core.Agency", on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField("年度")
    version = models.PositiveSmallIntegerField("版本", default=1)
    status = models.CharField(
        "状态", max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    section_one = models.TextField("一、总体情况", max_length=20_000, blank=True)
    section_five = models.TextField("五、存在的主要问题及改进情况", max_length=20_000, blank=True)
    section_six = models.TextField("六、其他需要报告的事项", max_length=20_000, blank=True)
    correction_note = models.CharField("更正说明", max_length=500, blank=True)
    # the published report's own 文号, given on first publication; a correction keeps it
    number = models.CharField("文号", max_length=140, blank=True, default="")
    # the whole document as published (tables, fee block, findings); null while a draft
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    item = models.OneToOneField(
        "catalogue.Item",
        verbose_name="公开的信息",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annual_report",
    )
    published_on = models.DateField("发布日期", null=True, blank=True)
    created_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "version"], name="report_version_once"
            ),
            models.UniqueConstraint(
                fields=["agency", "year"],
                condition=models.Q(status="draft"),
                name="report_one_draft",
            ),
            models.UniqueConstraint(
                fields=["agency", "year"],
                condition=models.Q(status="published"),
                name="report_one_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年度报告（第{self.version}版）"


class ReportCounter(SerialCounter):
    """The last 文号 serial an agency gave its annual reports in a (publication) year."""


class CheckRunStatus(models.TextChoices):
    RUNNING = "running", "核对中"
    DONE = "done", "已完成"


class CheckRun(models.Model):
    """Published reports a supervisor uploaded to be checked in the office (issue 16): the
    run belongs to the supervising agency and survives a page reload."""

    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    started_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # the last sign of life of the thread working on it: a run left unfinished with an old
    # heartbeat (the server restarted mid-run) is taken up again when its page is opened
    heartbeat = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=CheckRunStatus, default="running")
    skipped = models.PositiveIntegerField("跳过的非报告文件", default=0)

    class Meta:
        verbose_name = "年度报告核查"
        verbose_name_plural = "年度报告核查"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.created_at:%Y-%m-%d %H:%M}"


class CheckOutcome(models.TextChoices):
    CHECKED = "checked", "已核对"
    PARTLY_CHECKED = "partly_checked", "部分核对"
    NOT_CHECKED = "not_checked", "未核对"


class CheckedFile(models.Model):
    """One uploaded report of a run and, once checked, what the checker made of it."""

    run = models.ForeignKey(CheckRun, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveIntegerField()
    name = models.CharField("文件名", max_length=200)
    stored = models.CharField(max_length=64)  # the random name under uploads' "report-checks"
    suffix = models.CharField(max_length=10)  # how the checker knows the kind: .pdf, .html …
    outcome = models.CharField(max_length=16, choices=CheckOutcome, blank=True)  # "" = waiting
    # report_as_dict's text fields and findings, plus the tables as read (cell texts)
    result = models.JSONField(default=dict)
    checked_at = models.DateTimeField(null=True)
    # when a thread took it (check_runs.claim): one check per file, however often a run is
    # resumed while its first thread is still at work
    started_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = "核查的报告文件"
        verbose_name_plural = "核查的报告文件"
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "position"], name="checked_file_once")
        ]

    def __str__(self) -> str:
        return self.name
