from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models

from gongkai.statute.codes import index_prefix_problem


def validate_index_prefix(value: str) -> None:
    problem = index_prefix_problem(value)
    if problem:
        raise ValidationError(problem)


class AgencyLevel(models.TextChoices):
    PROVINCE_GOVERNMENT = "province_gov", "省级人民政府"
    PROVINCE_DEPARTMENT = "province_dept", "省级政府部门"
    CITY_GOVERNMENT = "city_gov", "设区的市级人民政府"
    CITY_DEPARTMENT = "city_dept", "市级政府部门"
    COUNTY_GOVERNMENT = "county_gov", "县级人民政府"
    COUNTY_DEPARTMENT = "county_dept", "县级政府部门"
    TOWNSHIP = "township", "乡镇人民政府（街道办事处）"


GOVERNMENTS_AT_COUNTY_LEVEL_OR_ABOVE = {
    AgencyLevel.PROVINCE_GOVERNMENT,
    AgencyLevel.CITY_GOVERNMENT,
    AgencyLevel.COUNTY_GOVERNMENT,
}
# 立法法 Arts. 91, 93: only State Council departments and the governments of provinces and of
# cities divided into districts make 规章; everyone else reports 0 in table 二.
RULE_MAKING_LEVELS = {AgencyLevel.PROVINCE_GOVERNMENT, AgencyLevel.CITY_GOVERNMENT}


class AgencyQuerySet(models.QuerySet):
    def staffed_by(self, user) -> AgencyQuerySet:
        """Agencies where `user` holds any role."""
        return self.filter(memberships__user=user).distinct()


class Agency(models.Model):
    name = models.CharField("机构名称", max_length=100, unique=True)
    level = models.CharField("层级", max_length=20, choices=AgencyLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    index_prefix = models.CharField(
        "索引号前缀",
        max_length=18,
        unique=True,
        validators=[validate_index_prefix],
        help_text="9 位组织机构代码或 18 位统一社会信用代码",
    )
    office_name = models.CharField("政府信息公开工作机构", max_length=100, blank=True)
    office_address = models.CharField("办公地址", max_length=200, blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    office_phone = models.CharField("联系电话", max_length=50, blank=True)
    office_fax = models.CharField("传真", max_length=50, blank=True)
    office_email = models.EmailField("电子邮箱", blank=True)
    # the province's own words for its levels (内蒙古: 旗县级, 自治区级), used where the
    # agency's statistics and reports name media by level; neutral words by default
    county_level_word = models.CharField(
        "县一级的称呼", max_length=20, default="县级", help_text="如“旗县级”“区县级”"
    )
    province_level_word = models.CharField(
        "省一级的称呼", max_length=20, default="省级", help_text="如“自治区级”“市级（直辖市）”"
    )
    # 行政复议法（2023年修订）第二十四条: a township's or county department's decisions go to
    # the county people's government; a county government's to the government one level up.
    # The name is what the reply letters print.
    reconsideration_body = models.CharField(
        "行政复议机关",
        max_length=100,
        blank=True,
        help_text="乡镇人民政府、县级政府部门填县级人民政府；县级人民政府填上一级人民政府",
    )
    # which rule of 行政复议法 names the 复议机关 when none is recorded (applications/wording.py)
    reconsideration_rule = models.CharField(
        "复议机关确定规则",
        max_length=10,
        blank=True,
        default="",
        choices=[
            ("", "第二十四条：本级或上一级人民政府"),
            ("vertical", "第二十七条：垂直领导机关，向上一级主管部门申请"),
            ("justice", "第二十八条：司法行政部门，本级人民政府或上一级司法行政部门"),
        ],
    )
    # 行政复议法第二十二条第二款: 行政复议机关 offer an online channel for applications; a letter
    # delivered online names it
    reconsideration_online = models.CharField(
        "行政复议网上申请渠道",
        max_length=200,
        blank=True,
        help_text="复议机关的网上申请平台名称或网址，网上送达的答复书中载明",
    )
    # 放假办法第四条: a region's own ethnic holidays; blank counts with the national calendar
    holiday_region = models.CharField(
        "节假日地区",
        max_length=50,
        blank=True,
        default="",
        help_text="本地区另有民族节日放假的，填写与节假日安排中一致的地区名称；留空按全国安排",
    )
    # 国办函〔2020〕109号: the fee notice says how to pay
    fee_payment_method = models.CharField(
        "信息处理费缴费方式", max_length=300, blank=True, help_text="如：非税收入缴款账户、缴款码"
    )
    letter_prefix = models.CharField(
        "依申请公开文书文号前缀",
        max_length=20,
        blank=True,
        help_text="如“青政依申复”，文号为 青政依申复〔2026〕5号",
    )
    report_due_month = models.PositiveSmallIntegerField(
        "年报发布截止月",
        null=True,
        blank=True,
        help_text="留空则按层级：县级以上人民政府 3 月，其余 1 月",
    )
    report_due_day = models.PositiveSmallIntegerField("年报发布截止日", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (self.report_due_month is None) != (self.report_due_day is None):
            raise ValidationError("年报发布截止日期的月和日须同时填写或同时留空")
        if self.report_due_month is not None:
            try:
                date(2001, self.report_due_month, self.report_due_day)  # a non-leap year
            except ValueError:
                raise ValidationError("年报发布截止日期不是每年都有的日期") from None
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError("上级机构不能是本机构或其下级机构")
            ancestor = ancestor.parent

    def supervises(self, user) -> bool:
        """Whether `user` looks at this agency from above: an administrator of the agency
        directly over it (a county's 政务公开办) who holds no role in it — read only."""
        if self.parent_id is None or not getattr(user, "is_authenticated", False):
            return False
        memberships = Membership.objects.filter(user=user)
        return (
            memberships.filter(agency_id=self.parent_id, role=Role.ADMIN).exists()
            and not memberships.filter(agency=self).exists()
        )

    @property
    def may_make_rules(self) -> bool:
        return self.level in RULE_MAKING_LEVELS

    def report_deadline(self, year: int) -> date:
        """When the report on `year` must be published (条例 Art. 49).

        County-level-or-above governments' own reports are due 31 March; departments' by
        31 January; townships' as the county office sets (commonly 31 January)."""
        if self.report_due_month is not None:
            return date(year + 1, self.report_due_month, self.report_due_day)
        if self.level in GOVERNMENTS_AT_COUNTY_LEVEL_OR_ABOVE:
            return date(year + 1, 3, 31)
        return date(year + 1, 1, 31)


class Role(models.TextChoices):
    CLERK = "clerk", "经办人"
    REVIEWER = "reviewer", "审核人"
    ADMIN = "admin", "管理员"


class Membership(models.Model):
    user = models.ForeignKey(
        "core.User", verbose_name="用户", on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="机构", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("角色", max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = "岗位"
        verbose_name_plural = "岗位"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="membership_one_role_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}（{self.agency}·{self.get_role_display()}）"
