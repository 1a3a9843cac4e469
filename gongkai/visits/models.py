from django.db import models


class DailyVisits(models.Model):
    """One day's page views and unique visitors for one scope of one site (the host name
    nginx served): the whole site (agency and column empty), one agency's pages (column
    empty), or one column. Counted from nginx's access log by `gongkai visits count`; no
    script, no cookie. The daily salt that made visitors countable is never stored: a
    visitor is only "the same" within one day and one run, so a year's 独立用户访问总量 is
    the sum of the days."""

    day = models.DateField("日期")
    host = models.CharField("网站域名", max_length=255)
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name="机构",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    column = models.CharField(
        "栏目",
        max_length=40,
        blank=True,
        help_text="留空表示整个网站（或整个机构）的合计；category 表示某一分类栏目",
    )
    category = models.ForeignKey(
        "catalogue.Category",
        verbose_name="分类栏目",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    page_views = models.PositiveIntegerField("访问量")
    visitors = models.PositiveIntegerField("独立用户")

    class Meta:
        verbose_name = "每日访问量"
        verbose_name_plural = "每日访问量"
        indexes = [models.Index(fields=["host", "day"], name="visits_host_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.host} {self.column or '合计'}"
