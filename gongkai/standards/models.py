"""The standard catalogue (基层政务公开标准目录, 国办发〔2019〕54号) and the register of
information that is not published proactively (条例第十八条, 公开属性源头认定).

A county (or province) issues a model catalogue: rows of 公开事项 grouped by 领域, each with
the elements of the 54号 指引. Every township and county department adopts the rows that
apply, hides the others with a reason and adds local rows; its 标准目录 is the rows it
adopted and did not hide."""

from __future__ import annotations

from django.db import models

from gongkai.catalogue.models import DisclosureAttribute as Attribute
from gongkai.core.steps import HasSteps  # standards/steps.py declares them
from gongkai.statute.disclosure_limits import LimitKind, PublicationLimit
from gongkai.statute.periods import PROACTIVE_PUBLICATION


class ModelCatalogue(models.Model):
    """A model catalogue issued by a county or province (县级标准目录模板)."""

    issuer = models.ForeignKey(
        "core.Agency",
        verbose_name="发布机关",
        on_delete=models.PROTECT,
        related_name="issued_catalogues",
    )
    name = models.CharField("名称", max_length=200)
    issued_on = models.DateField("印发日期")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "标准目录模板"
        verbose_name_plural = "标准目录模板"
        ordering = ["-issued_on", "pk"]

    def __str__(self) -> str:
        return self.name


class Audience(models.TextChoices):
    PUBLIC = "public", "全社会"
    SPECIFIC = "specific", "特定群体"


class Manner(models.TextChoices):
    PROACTIVE = "proactive", "主动"
    ON_APPLICATION = "application", "依申请"


class NoticeEnd(models.TextChoices):
    """What the portal does when an item's 公示期 ends (the matter decides)."""

    MARK = "mark", "标注公示期已结束"
    TAKE_DOWN = "take_down", "撤下正文，保留索引页"


class Matter(models.Model):
    """One 公开事项 (one 二级事项 row): in a model catalogue, or an agency's local row."""

    catalogue = models.ForeignKey(
        ModelCatalogue,
        verbose_name="标准目录模板",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="matters",
    )
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name="本机关增设",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="local_matters",
        help_text="本机关自行增设的事项；模板中的事项留空",
    )
    domain = models.CharField("领域", max_length=50)
    level1 = models.CharField("一级事项", max_length=100)
    level2 = models.CharField("二级事项", max_length=200)
    content = models.TextField("公开内容（要素）", max_length=2000, blank=True)
    basis = models.TextField("公开依据", max_length=2000, blank=True)
    limit_kind = models.CharField(
        "公开时限",
        max_length=12,
        choices=[(k.value, k.value) for k in LimitKind],
        default=LimitKind.DEFAULT.value,
    )
    limit_days = models.PositiveSmallIntegerField(
        "时限天数",
        default=PROACTIVE_PUBLICATION.workdays,  # 条例第二十六条 unless it says less
    )
    # a periodic matter due on a fixed date ("10" = 每月10日前, "3-31" = 每年3月31日前) or
    # within its period ("end" = 至少更新1次); "" = limit_days working days after the period
    limit_on = models.CharField("固定日期", max_length=5, blank=True, default="", db_default="")
    # 条例第二十六条: a limit longer than 20 working days names the 法律/法规 allowing it
    limit_law = models.CharField(
        "时限的法律依据", max_length=200, blank=True, default="", db_default=""
    )
    subject = models.CharField("公开主体", max_length=200, blank=True)
    channels = models.CharField("公开渠道和载体", max_length=300, blank=True)
    audience = models.CharField(
        "公开对象", max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    manner = models.CharField(
        "公开方式", max_length=12, choices=Manner.choices, default=Manner.PROACTIVE
    )
    county_level = models.BooleanField("县级", default=False)
    township_level = models.BooleanField("乡级", default=True)
    notice_end = models.CharField(
        "公示期结束后", max_length=10, choices=NoticeEnd.choices, default=NoticeEnd.MARK
    )
    order = models.PositiveIntegerField("序号", default=0)

    class Meta:
        verbose_name = "公开事项"
        verbose_name_plural = "公开事项"
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(catalogue__isnull=True) ^ models.Q(agency__isnull=True),
                name="matter_in_a_catalogue_or_local",
            )
        ]

    def __str__(self) -> str:
        return f"{self.domain}／{self.level1}／{self.level2}"

    # the columns `limit` is made of, in PublicationLimit.of's order: readers that take a
    # matter's limit as plain values (the 工作台, the 标准目录 pages) read these
    LIMIT_FIELDS = ("limit_kind", "limit_days", "limit_on", "limit_law")

    @property
    def limit(self) -> PublicationLimit:
        return PublicationLimit.of(self.limit_kind, self.limit_days, self.limit_on, self.limit_law)

    @property
    def levels_label(self) -> str:
        return "、".join(
            label
            for flag, label in ((self.county_level, "县级"), (self.township_level, "乡级"))
            if flag
        )


class AdoptionQuerySet(models.QuerySet):
    def in_force(self) -> AdoptionQuerySet:
        """The rows that make up the agency's 标准目录."""
        return self.filter(hidden=False)


class Adoption(HasSteps, models.Model):
    """An agency's row of its 标准目录: a model row it adopted, or its own local row."""

    agency = models.ForeignKey(
        "core.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="adoptions"
    )
    matter = models.ForeignKey(
        Matter, verbose_name="公开事项", on_delete=models.CASCADE, related_name="adoptions"
    )
    hidden = models.BooleanField("不适用", default=False)
    hidden_reason = models.CharField("不适用理由", max_length=300, blank=True)
    adopted_on = models.DateField("采用日期")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        verbose_name = "本机关标准目录事项"
        verbose_name_plural = "本机关标准目录事项"
        constraints = [
            models.UniqueConstraint(fields=["agency", "matter"], name="adoption_once_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.matter}"


class RegisterEntry(HasSteps, models.Model):
    """A record of information that is not published proactively: title, 文号, date and the
    reason — never its body. Staff search it when an application arrives."""

    agency = models.ForeignKey(
        "core.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="register"
    )
    attribute = models.CharField(
        "公开属性",
        max_length=12,
        choices=[c for c in Attribute.choices if c[0] != Attribute.PROACTIVE],
    )
    title = models.CharField("名称", max_length=300)
    document_number = models.CharField("文号", max_length=100, blank=True)
    dated_on = models.DateField("成文日期")
    reason = models.CharField("理由", max_length=500)
    basis = models.CharField("依据条款", max_length=200)
    review_on = models.DateField("下次审查日期", null=True, blank=True, db_index=True)
    item = models.ForeignKey(
        "catalogue.Item",
        verbose_name="对应草稿",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="register_entries",
    )
    released_item = models.ForeignKey(
        "catalogue.Item",
        verbose_name="转为主动公开的信息",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "依申请公开和不予公开信息登记"
        verbose_name_plural = "依申请公开和不予公开信息登记"
        ordering = ["-dated_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class ReviewDecision(models.TextChoices):
    STILL_WITHHELD = "still", "仍不予公开"
    RELEASED = "released", "转为主动公开"


class RegisterReview(models.Model):
    """条例第十八条: a periodic review of information not disclosed."""

    entry = models.ForeignKey(
        RegisterEntry, verbose_name="登记", on_delete=models.CASCADE, related_name="reviews"
    )
    reviewed_on = models.DateField("审查日期")
    decision = models.CharField("审查结论", max_length=10, choices=ReviewDecision.choices)
    note = models.CharField("说明", max_length=500, blank=True)
    next_review_on = models.DateField("下次审查日期", null=True, blank=True)
    by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "动态调整审查"
        verbose_name_plural = "动态调整审查"
        ordering = ["reviewed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.reviewed_on} {self.get_decision_display()}"


class GuideTemplate(models.Model):
    """A county's 公开指南 template that the agencies under it fill: plain text with
    placeholders such as {机构名称}, {办公地址}, {领域} (see gongkai.standards.guide)."""

    issuer = models.ForeignKey(
        "core.Agency", verbose_name="发布机关", on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField("模板正文", max_length=20_000)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "公开指南模板"
        verbose_name_plural = "公开指南模板"

    def __str__(self) -> str:
        return f"{self.issuer_id} 公开指南模板"


class Guide(models.Model):
    """An agency's 公开指南 as its staff edited it (without one the portal shows the text
    generated from the agency's data)."""

    agency = models.OneToOneField(
        "core.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="guide"
    )
    text = models.TextField("指南正文", max_length=50_000)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "公开指南"
        verbose_name_plural = "公开指南"

    def __str__(self) -> str:
        return f"{self.agency_id} 公开指南"


class WorkPlan(models.Model):
    """The year's 政务公开工作要点 issued by a county (or province) to the agencies under it."""

    issuer = models.ForeignKey(
        "core.Agency", verbose_name="发布机关", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("名称", max_length=200)
    issued_on = models.DateField("印发日期")

    class Meta:
        verbose_name = "政务公开工作要点"
        verbose_name_plural = "政务公开工作要点"
        ordering = ["-year", "pk"]

    def __str__(self) -> str:
        return self.title


class WorkTask(models.Model):
    plan = models.ForeignKey(
        WorkPlan, verbose_name="工作要点", on_delete=models.CASCADE, related_name="tasks"
    )
    order = models.PositiveSmallIntegerField("序号", default=0)
    text = models.CharField("任务", max_length=500)
    due_on = models.DateField("完成时限", null=True, blank=True)

    class Meta:
        verbose_name = "工作要点任务"
        verbose_name_plural = "工作要点任务"
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class TaskRecord(models.Model):
    """How one agency carried out one task: what it did, when, and the items that show it."""

    task = models.ForeignKey(
        WorkTask, verbose_name="任务", on_delete=models.CASCADE, related_name="records"
    )
    agency = models.ForeignKey(
        "core.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField("落实情况", max_length=2000)
    done_on = models.DateField("完成日期", null=True, blank=True)
    items = models.ManyToManyField("catalogue.Item", verbose_name="相关信息", blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "工作要点落实情况"
        verbose_name_plural = "工作要点落实情况"
        constraints = [
            models.UniqueConstraint(fields=["task", "agency"], name="task_record_once_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.task_id}"


class Training(models.Model):
    agency = models.ForeignKey(
        "core.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="+"
    )
    held_on = models.DateField("培训日期")
    topic = models.CharField("主题", max_length=200)
    participants = models.PositiveIntegerField("参训人次")

    class Meta:
        verbose_name = "政务公开培训"
        verbose_name_plural = "政务公开培训"
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return self.topic


class ProposalFigures(models.Model):
    """人大代表建议和政协提案办理结果公开: a government's counts for the year, entered by
    staff from the handling office's ledger (section 一 quotes them)."""

    agency = models.ForeignKey(
        "core.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    suggestions = models.PositiveIntegerField("办理人大代表建议件数")
    proposals = models.PositiveIntegerField("办理政协提案件数")
    results_published = models.PositiveIntegerField("公开办理结果件数")
    source = models.CharField("数据来源", max_length=200)

    class Meta:
        verbose_name = "建议提案办理结果公开"
        verbose_name_plural = "建议提案办理结果公开"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="proposal_figures_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}"
