"""Policy documents through their life, as records that point at catalogue items: the agency's
settings, 解读 links, the 行政规范性文件 register and its relations, 清理 batches and
consultations (意见征集) with their comments and 反馈. No column is added to the catalogue."""

from __future__ import annotations

import unicodedata
from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from gongkai.core.models import SerialCounter
from gongkai.core.steps import HasSteps

# 国办发〔2018〕37号 and the provinces' rules: many set at most 5 years (local, a setting),
# and a shorter cap for titles marked 暂行/试行 (e.g. 山东: 一般3年或5年, 试行/暂行 1年或2年) —
# a second setting.
DEFAULT_MAX_VALIDITY_YEARS = 5
DEFAULT_MAX_PROVISIONAL_VALIDITY_YEARS = 2
PROVISIONAL_MARKS = ("暂行", "试行")
# 《重大行政决策程序暂行条例》第十五条第一款: generally not less than 30 days. It binds 县级以上地方
# 人民政府's major decisions (第二条); elsewhere the province's rule or good practice (a setting).
CONSULTATION_DAYS = 30
CONSULTATION_BASIS = "《重大行政决策程序暂行条例》第十五条第一款"


class PolicySettings(models.Model):
    """One agency's choices. The maximum 有效期 is usually the province's rule: it is read from
    the nearest agency up the tree that sets it (a province government sets it for all)."""

    agency = models.OneToOneField(
        "core.Agency", on_delete=models.CASCADE, related_name="policy_settings"
    )
    # on unless the agency turns it off: 国办发〔2016〕80号 asks every 政策性文件 and its 解读 to
    # be prepared, signed off and published together (issue 23)
    require_sync = models.BooleanField(
        "规范性文件与解读同步审签、同步公开",
        default=True,
        help_text="国办发〔2016〕80号：同步组织、同步审签、同步部署",
    )
    sync_grace_workdays = models.PositiveSmallIntegerField(
        "解读可晚于文件公开的工作日数",
        default=0,
        validators=[MaxValueValidator(20)],
        help_text="0 表示必须同时公开",
    )
    max_validity_years = models.PositiveSmallIntegerField(
        "规范性文件有效期上限（年）",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="留空则沿用上级机构的设置，均未设置时为 5 年",
    )
    max_provisional_validity_years = models.PositiveSmallIntegerField(
        "暂行、试行规范性文件有效期上限（年）",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="名称含“暂行”“试行”的文件；留空则沿用上级机构的设置，均未设置时为 2 年",
    )
    consultation_min_days = models.PositiveSmallIntegerField(
        "征求意见期限下限（日）",
        null=True,
        blank=True,
        validators=[MaxValueValidator(90)],
        help_text=(
            "非县级以上人民政府重大行政决策的征求意见；留空则沿用上级机构的设置，均未设置时为 30 日"
        ),
    )
    registration_code = models.CharField(
        "登记编号前缀", max_length=20, blank=True, help_text="如 YLXZF；留空则用索引号前缀"
    )

    class Meta:
        verbose_name = "政策文件设置"
        verbose_name_plural = "政策文件设置"

    def __str__(self) -> str:
        return str(self.agency)


def number_key(text: str) -> str:
    """A 文号 as one spelling: 云政规〔2026〕1号, ［2026］, (2026) and full-width digits alike."""
    text = unicodedata.normalize("NFKC", text)
    for opening in "[【(":
        text = text.replace(opening, "〔")
    for closing in "]】)":
        text = text.replace(closing, "〕")
    return "".join(text.split()).upper()


def settings_for(agency) -> PolicySettings:
    """The agency's settings (unsaved defaults when it has none)."""
    found = PolicySettings.objects.filter(agency=agency).first()
    return found or PolicySettings(agency=agency)


def _inherited(agency, field: str, default: int) -> int:
    """The nearest setting up the tree (the agency, its county, its city, its province)."""
    node = agency
    while node is not None:
        found = PolicySettings.objects.filter(agency=node).values_list(field, flat=True)
        if found and found[0] is not None:
            return found[0]
        node = node.parent
    return default


def max_validity_years(agency, title: str = "") -> int:
    """The 有效期 cap: the shorter one for a title marked 暂行/试行 (both settings by province)."""
    if any(mark in title for mark in PROVISIONAL_MARKS):
        return _inherited(
            agency, "max_provisional_validity_years", DEFAULT_MAX_PROVISIONAL_VALIDITY_YEARS
        )
    return _inherited(agency, "max_validity_years", DEFAULT_MAX_VALIDITY_YEARS)


def consultation_min_days(agency) -> int:
    return _inherited(agency, "consultation_min_days", CONSULTATION_DAYS)


class InterpretationForm(models.TextChoices):
    TEXT = "text", "文字解读"
    GRAPHIC = "graphic", "图解"
    AUDIO_VIDEO = "av", "音视频"
    QA = "qa", "问答"
    MEDIA = "media", "媒体/专家解读"


class Interpretation(models.Model):
    """`interpretation` (an item) is a 解读 of `document` (another item). One 解读 may
    interpret several documents, and a document may have several 解读."""

    interpretation = models.ForeignKey(
        "catalogue.Item", on_delete=models.CASCADE, related_name="interprets"
    )
    document = models.ForeignKey(
        "catalogue.Item", on_delete=models.CASCADE, related_name="interpreted_by"
    )
    form = models.CharField("解读形式", max_length=10, choices=InterpretationForm.choices)
    media_url = models.URLField("音视频链接", blank=True)
    created_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "政策解读"
        verbose_name_plural = "政策解读"
        constraints = [
            models.UniqueConstraint(
                fields=["interpretation", "document"], name="interpretation_once_per_document"
            )
        ]

    def __str__(self) -> str:
        return f"{self.interpretation_id} → {self.document_id}"


class Lapse(models.TextChoices):
    """How a registered document stopped being 现行有效 through another document."""

    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"


class NormativeQuerySet(models.QuerySet):
    def in_force(self, today: date) -> NormativeQuerySet:
        """现行有效 on `today`: published, not repealed, expired or amended, and within its
        有效期. One indexed filter, so the county's library can list it fast."""
        from gongkai.catalogue.models import ItemStatus, Validity

        # a 修订/废止/替代 or a 失效 recorded ahead takes effect on its own date, not when it
        # was recorded; a document not yet in force (施行日期 later) is not 现行有效
        return self.filter(
            models.Q(item__validity=Validity.VALID) | models.Q(item__validity_changed_on__gt=today),
            models.Q(lapse="") | models.Q(lapsed_on__gt=today),
            item__status=ItemStatus.PUBLISHED,
            effective_on__lte=today,
            valid_until__gte=today,
        )


class NormativeDocument(HasSteps, models.Model):
    """The register (统一登记、统一编号): one row per 行政规范性文件, made at drafting."""

    item = models.OneToOneField(
        "catalogue.Item", on_delete=models.PROTECT, related_name="normative"
    )
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("登记年度")
    serial = models.PositiveIntegerField("登记序号")
    registration_number = models.CharField("登记编号", max_length=40, unique=True)
    effective_on = models.DateField("施行日期")
    valid_until = models.DateField("有效期至")
    # set when a later document amends, repeals or replaces this one ("update the older one")
    lapse = models.CharField(
        "后续文件的处理", max_length=10, choices=Lapse.choices, blank=True, default=""
    )
    lapsed_on = models.DateField("修改或废止日期", null=True, blank=True)
    # 名称, 文号 and 登记编号 in one column, written as number_key() writes them, as registered
    # and again as published: the 政策文件库 searches this narrow table, not the catalogue
    search_text = models.CharField(max_length=500, blank=True, editable=False)
    # the 文号 written one way (半角 digits, 〔〕 brackets, no spaces): found by index
    number_key = models.CharField(max_length=100, blank=True, editable=False, db_index=True)
    created_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NormativeQuerySet.as_manager()

    class Meta:
        verbose_name = "行政规范性文件登记"
        verbose_name_plural = "行政规范性文件登记"
        ordering = ["-year", "-serial"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "serial"], name="normative_serial_once"
            )
        ]
        indexes = [models.Index(fields=["valid_until"], name="normative_valid_until")]

    def __str__(self) -> str:
        return self.registration_number

    def refresh_search_text(self) -> None:
        item = self.item
        text = f"{item.title} {item.document_number} {self.registration_number}"
        self.search_text = number_key(text)[:500]
        self.number_key = number_key(item.document_number)[:100]

    def currency(self, today: date) -> str:
        """时效性 on `today` as the portal shows it: 尚未生效 / 现行有效 / 已修改 / 已废止 /
        已失效. A 修订/废止/替代 takes effect on its own date, not the day it was recorded."""
        from gongkai.catalogue.models import Validity

        item = self.item
        lapsed = bool(self.lapse) and self.lapsed_on is not None and self.lapsed_on <= today
        changed = item.validity != Validity.VALID and (
            item.validity_changed_on is None or item.validity_changed_on <= today
        )
        if (lapsed and self.lapse == Lapse.REPEALED) or (
            changed and item.validity == Validity.REPEALED
        ):
            return "已废止"
        if (changed and item.validity == Validity.EXPIRED) or self.valid_until < today:
            return "已失效"
        if lapsed and self.lapse == Lapse.AMENDED:
            return "已修改"
        if today < self.effective_on:
            return "尚未生效"
        return "现行有效"


class RegistrationCounter(SerialCounter):
    """The last 规范性文件 registration serial an agency gave in a year."""


class RelationKind(models.TextChoices):
    AMENDS = "amends", "修订"
    REPEALS = "repeals", "废止"
    REPLACES = "replaces", "替代"


class DocumentRelation(models.Model):
    """`newer` amends, repeals or replaces `older`, from `on`. Shown on both pages."""

    newer = models.ForeignKey("catalogue.Item", on_delete=models.CASCADE, related_name="acts_on")
    older = models.ForeignKey("catalogue.Item", on_delete=models.CASCADE, related_name="acted_on")
    kind = models.CharField("关系", max_length=10, choices=RelationKind.choices)
    on = models.DateField("生效日期")
    created_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "文件关系"
        verbose_name_plural = "文件关系"
        constraints = [
            models.UniqueConstraint(fields=["newer", "older"], name="relation_once_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.newer_id} {self.kind} {self.older_id}"

    @property
    def older_phrase(self) -> str:
        return {"amends": "已被修订", "repeals": "已被废止", "replaces": "已被替代"}[self.kind]


class CleanupResult(models.TextChoices):
    CONTINUE = "continue", "继续有效"
    AMEND = "amend", "修改"
    REPEAL = "repeal", "废止"
    EXPIRE = "expire", "宣布失效"


class CleanupBatch(HasSteps, models.Model):
    """A 清理 of the agency's 规范性文件 (periodic, or after higher law changed)."""

    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("名称", max_length=200)
    basis = models.CharField("清理依据", max_length=300, blank=True)
    started_on = models.DateField("开始日期")
    published_on = models.DateField("公布日期", null=True, blank=True)
    item = models.OneToOneField(
        "catalogue.Item", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "规范性文件清理"
        verbose_name_plural = "规范性文件清理"
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class CleanupEntry(models.Model):
    batch = models.ForeignKey(CleanupBatch, on_delete=models.CASCADE, related_name="entries")
    document = models.ForeignKey(
        NormativeDocument, on_delete=models.PROTECT, related_name="cleanups"
    )
    result = models.CharField("清理结果", max_length=10, choices=CleanupResult.choices)
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["batch", "document"], name="cleanup_once_per_document")
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}: {self.document_id} {self.result}"


class Consultation(HasSteps, models.Model):
    """A draft put out for comment (意见征集). 《重大行政决策程序暂行条例》第十五条第一款 where
    the draft is a 县级以上地方人民政府's major decision; the agency's (province's) setting
    elsewhere."""

    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    draft = models.ForeignKey(
        "catalogue.Item", on_delete=models.PROTECT, related_name="consultations"
    )
    title = models.CharField("名称", max_length=200)
    explanation = models.TextField("起草说明", max_length=5000, blank=True)
    starts_on = models.DateField("征集开始日期")
    ends_on = models.DateField("征集截止日期")
    short_period_reason = models.CharField("征集期少于30日的理由", max_length=300, blank=True)
    major_decision = models.BooleanField("重大行政决策", default=False)
    # the day it was opened: a period already over then consulted nobody (issue 24)
    opened_on = models.DateField("发起日期", null=True, blank=True)
    feedback_item = models.OneToOneField(
        "catalogue.Item", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    feedback_on = models.DateField("反馈公布日期", null=True, blank=True)
    final_document = models.ForeignKey(
        "catalogue.Item",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consulted_in",
    )
    created_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "意见征集"
        verbose_name_plural = "意见征集"
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def is_open(self, today: date) -> bool:
        return self.starts_on <= today <= self.ends_on


class CommentStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    SHOWN = "shown", "已公开"
    HIDDEN = "hidden", "不予显示"


class Adoption(models.TextChoices):
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "未采纳"


class Comment(HasSteps, models.Model):
    """A member of the public's comment. The contact is for the reply only: never shown."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField("姓名", max_length=50, blank=True)
    contact = models.CharField("联系方式", max_length=100)
    text = models.TextField("意见建议", max_length=3000)
    received_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        "审核状态", max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    moderated_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    adoption = models.CharField("采纳情况", max_length=12, choices=Adoption.choices, blank=True)
    reason = models.CharField("理由", max_length=500, blank=True)

    class Meta:
        verbose_name = "公众意见"
        verbose_name_plural = "公众意见"
        ordering = ["received_at", "pk"]

    def __str__(self) -> str:
        return f"{self.consultation_id}#{self.pk}"
