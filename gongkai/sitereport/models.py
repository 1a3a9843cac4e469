"""One 《政府网站工作年度报表》 per site and year. The site is the agency whose portal it is (a
county government's site carries its townships' and departments' pages). What the records
hold is computed whenever the report is read (sitereport/compute.py) and frozen at
publication; `staff_values` holds only what no record holds, each cell filled through
transitions.fill_cells (audited). The sign-off under the table (format.FOOTER: 单位负责人、
审核人、填报人、联系电话、填报日期) is kept here too, filled on the same step and frozen with the
report at publication; 填报日期 left empty is the day of publication."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models

from gongkai.core.dates import chinese_date
from gongkai.core.steps import AgencyPage, HasSteps
from gongkai.sitereport.format import DATE, DUE_DAY, DUE_MONTH, FOOTER


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


@dataclass(frozen=True)
class Signed:
    """One field of the sign-off as the table prints it."""

    key: str
    label: str
    value: str  # a date as 2027年1月20日; empty while not filled
    staff: bool  # typed by the staff (人工填报), not the day of publication


class SiteReport(HasSteps, models.Model):
    agency = models.ForeignKey(
        "core.Agency", verbose_name="网站主办机构", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField(
        "状态", max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    staff_values = models.JSONField("人工填报数据", default=dict, blank=True)
    # the cells as published: {key: {"value": ..., "staff": bool}}; empty while a draft
    published_cells = models.JSONField("发布时的数据", default=dict, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    # the sign-off: officers signing in their official capacity, printed on the public
    # table; the telephone is the office's fixed line (transitions.clean_value refuses a
    # mobile number)
    head = models.CharField("单位负责人", max_length=50, blank=True)
    reviewer = models.CharField("审核人", max_length=50, blank=True)
    filler = models.CharField("填报人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    filled_on = models.DateField("填报日期", null=True, blank=True)
    created_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    published_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "政府网站工作年度报表"
        verbose_name_plural = "政府网站工作年度报表"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="site_report_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度政府网站工作年度报表"

    @property
    def due_on(self) -> date:
        return date(self.year + 1, DUE_MONTH, DUE_DAY)

    def sign_off(self) -> list[Signed]:
        """单位负责人、审核人、填报人、联系电话、填报日期 in the order the table's last line prints
        them (format.FOOTER), for every renderer; 填报日期 left empty becomes the day of
        publication then (a draft shows it empty)."""
        out = []
        for f in FOOTER:
            held = getattr(self, f.key)
            if f.kind == DATE:
                typed = held is not None and held != self.published_on
                out.append(Signed(f.key, f.label, chinese_date(held) if held else "", typed))
            else:
                out.append(Signed(f.key, f.label, held, True))
        return out


class ReportedSite(AgencyPage):
    """An agency's site, where the report on a year is started (sitereport/steps.py declares
    the step; office/steps.py routes it as a page-level step of the agency)."""
