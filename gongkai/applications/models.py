from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date

from django.conf import settings
from django.db import models

from gongkai.applications.outcomes import OUTCOME_CHOICES
from gongkai.core.crypto import EncryptedCharField, lookup_digest
from gongkai.core.models import SerialCounter
from gongkai.core.steps import HasSteps
from gongkai.statute import deadlines
from gongkai.statute.dates import chinese_date
from gongkai.statute.deadlines import Channel, ClockState, PauseKind
from gongkai.statute.workdays import WorkdayCalendar


class ApplicantType(models.TextChoices):
    """The columns of table 三 (自然人; 法人或其他组织 in five kinds)."""

    NATURAL = "natural", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    CHARITY = "charity", "社会公益组织"
    LEGAL = "legal", "法律服务机构"
    OTHER = "other", "其他"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    CREDIT_CODE = "credit_code", "统一社会信用代码"
    OTHER = "other", "其他证件"


class ProvisionForm(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"


class DeliveryWay(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICK_UP = "pick_up", "自行领取"
    FAX = "fax", "传真"


class Status(models.TextChoices):
    AWAITING_CONFIRMATION = "awaiting_confirmation", "待确认收到"
    OPEN = "open", "办理中"
    CONCLUDED = "concluded", "已办结"


class ApplicationQuerySet(models.QuerySet):
    def open(self) -> ApplicationQuerySet:
        return self.exclude(status=Status.CONCLUDED)

    def of_agency(self, agency) -> ApplicationQuerySet:
        return self.filter(agency=agency)

    # The year boundary, as table 三 counts it (YearRule below): every application is new in
    # the year it is received, open on 31 December of each year until it is concluded, and
    # concluded once.
    def received_in(self, year: int) -> ApplicationQuerySet:
        return self.filter(YearRule.received_in(year))

    def open_at_end_of(self, year: int) -> ApplicationQuerySet:
        """Received by 31 December and not concluded by then: carried into the next year."""
        return self.filter(YearRule.open_at_end_of(year))

    def carried_into(self, year: int) -> ApplicationQuerySet:
        return self.filter(YearRule.carried_into(year))

    def concluded_in(self, year: int) -> ApplicationQuerySet:
        return self.filter(YearRule.concluded_in(year))


class YearRule:
    """Each of table 三's year figures as a condition on an application, stated once: the
    querysets above filter by it and the report counts by it in one pass
    (reports/compute.py)."""

    @staticmethod
    def received_in(year: int) -> models.Q:
        return models.Q(received_on__range=(date(year, 1, 1), date(year, 12, 31)))

    @staticmethod
    def open_at_end_of(year: int) -> models.Q:
        end = date(year, 12, 31)
        return models.Q(received_on__lte=end) & (
            models.Q(concluded_on__isnull=True) | models.Q(concluded_on__gt=end)
        )

    @staticmethod
    def carried_into(year: int) -> models.Q:
        return YearRule.open_at_end_of(year - 1)

    @staticmethod
    def concluded_in(year: int) -> models.Q:
        return models.Q(concluded_on__range=(date(year, 1, 1), date(year, 12, 31)))

    @staticmethod
    def matters_to(year: int) -> models.Q:
        """Every application one of the four counts: received by 31 December and not
        concluded before 1 January (an application is concluded after it is received)."""
        return models.Q(received_on__lte=date(year, 12, 31)) & (
            models.Q(concluded_on__isnull=True) | models.Q(concluded_on__gte=date(year, 1, 1))
        )


class Application(HasSteps, models.Model):
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name="受理机关",
        on_delete=models.PROTECT,
        related_name="applications",
    )
    tracking_number = models.CharField("申请编号", max_length=32, unique=True)
    query_code_digest = models.CharField(max_length=64)
    channel = models.CharField(
        "提交方式", max_length=20, choices=[(c.name, c.value) for c in Channel]
    )
    submitted_on = models.DateField("提交日期")
    signed_on = models.DateField("签收日期", null=True, blank=True)
    confirmed_on = models.DateField("确认日期", null=True, blank=True)
    received_on = models.DateField(
        "收到申请日期", null=True, blank=True, help_text="条例第三十一条规定的收到申请之日"
    )
    # 条例第三十一条: an ordinary letter is confirmed on the day it arrives; a later
    # confirmation is recorded with its reason
    receipt_note = models.CharField("收到日期说明", max_length=500, blank=True, db_default="")

    applicant_type = models.CharField("申请人类型", max_length=10, choices=ApplicantType.choices)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=12, choices=IdType.choices)
    id_number = EncryptedCharField("证件号码", max_length=40)
    id_number_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone = EncryptedCharField("联系电话", max_length=30, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    # 法人或者其他组织: who speaks for it (政府信息公开申请表 lists 法定代表人 and 联系人)
    contact_person = models.CharField(
        "法定代表人或联系人", max_length=100, blank=True, default="", db_default=""
    )  # db_default: bulk writers (gongkai/synthetic) that list columns need not name it

    information_title = models.CharField("所需信息名称", max_length=200)
    document_number = models.CharField("文号", max_length=100, blank=True)
    description = models.TextField("所需信息的描述", max_length=2000, blank=True)
    provision_form = models.CharField("提供形式", max_length=10, choices=ProvisionForm.choices)
    delivery_way = models.CharField("获取方式", max_length=10, choices=DeliveryWay.choices)

    status = models.CharField("状态", max_length=24, choices=Status.choices)
    clock_state = models.CharField(
        "计时状态", max_length=20, blank=True, choices=[(c.name, c.value) for c in ClockState]
    )
    due_on = models.DateField("答复期限", null=True, blank=True, db_index=True)
    due_is_provisional = models.BooleanField("期限暂定", default=False)
    outcome = models.CharField("办理结果", max_length=8, blank=True, choices=OUTCOME_CHOICES)
    concluded_on = models.DateField("办结日期", null=True, blank=True)
    # Overdue is a fact that stays: the working days a reply came after its due date
    # (条例第三十三条); null when answered in time or not yet answered
    late_workdays = models.PositiveSmallIntegerField("逾期答复工作日数", null=True, blank=True)
    # 三（一） by 条例第三十六条第一项: the published items the reply pointed the applicant to
    # (issue 28, check before you ask). A string reference, not an import: the catalogue is
    # a sibling app; a reply made before this field named the place in free text instead
    # (reply_details["published_where"]), which still reads as it did.
    answered_with = models.ManyToManyField(
        "catalogue.Item", verbose_name="告知的已公开信息", blank=True, related_name="+"
    )
    clerk = models.ForeignKey(
        "core.User",
        verbose_name="经办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        indexes = [
            models.Index(fields=["agency", "status", "due_on"], name="application_inbox"),
            # the annual report counts one agency's year by these two dates (table 三), from
            # this index alone on PostgreSQL (reports/compute.py reads no other column)
            models.Index(
                fields=["agency", "received_on"],
                include=["concluded_on", "applicant_type", "outcome"],
                name="application_year_counts",
            ),
            models.Index(fields=["agency", "concluded_on"], name="application_concluded"),
            # what is not yet concluded, per agency (the county overview, the 工作台): 1% of the
            # rows at province scale, which `status <> 'concluded'` cannot find in the index
            # above (195 ms reading 14,000 rows of 17 townships → a few ms; issue 25)
            models.Index(
                fields=["agency", "due_on"],
                condition=~models.Q(status="concluded"),
                name="application_not_concluded",
            ),
            # replies given after their due date (条例第三十三条, late_workdays > 0): the county
            # overview and the self-check count them per agency without reading every reply
            models.Index(
                fields=["agency", "concluded_on"],
                condition=models.Q(late_workdays__gt=0),
                name="application_replied_late",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.information_title}"

    def save(self, *args, **kwargs):
        self.id_number_digest = lookup_digest(self.id_number) if self.id_number else ""
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "id_number" in update_fields:
            kwargs["update_fields"] = {*update_fields, "id_number_digest"}
        super().save(*args, **kwargs)

    # -- query code: shown once to the applicant, stored only as a keyed digest ----------

    @staticmethod
    def new_query_code() -> str:
        alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud on the phone
        return "".join(secrets.choice(alphabet) for _ in range(8))

    @staticmethod
    def digest(code: str) -> str:
        key = settings.SECRET_KEY.encode()
        return hmac.new(key, code.strip().upper().encode(), hashlib.sha256).hexdigest()

    def query_code_matches(self, code: str) -> bool:
        return hmac.compare_digest(self.query_code_digest, self.digest(code))

    # -- deadlines -----------------------------------------------------------------------

    def deadline_events(self, events=None) -> list[deadlines.Event]:
        """The engine's events; `events` are this application's rows when the caller has
        fetched them for many applications at once."""
        if self.received_on is None:
            return []
        converted: list[deadlines.Event] = [
            deadlines.Received(self.received_on, Channel[self.channel])
        ]
        if events is None:
            if self.pk is None:  # not saved yet: nothing has happened to it but its receipt
                return converted
            events = self.events.all()
        for event in sorted(events, key=lambda e: (e.on, e.pk)):
            step = event.as_deadline_event()
            if step is not None:
                converted.append(step)
        return converted

    def deadline(
        self, *, calendar: WorkdayCalendar, today: date, events=None, explain: bool = True
    ) -> deadlines.Deadline | None:
        events = self.deadline_events(events)
        return deadlines.compute(events, calendar, today, explain=explain) if events else None

    def refresh_deadline(self, *, calendar: WorkdayCalendar, today: date, events=None) -> None:
        """Store the current due date for the inbox (the engine is the single source)."""
        deadline = self.deadline(calendar=calendar, today=today, events=events, explain=False)
        if deadline is None or self.status == Status.CONCLUDED:
            self.clock_state, self.due_on, self.due_is_provisional = "", None, False
            return
        self.clock_state = deadline.state.name
        self.due_on = deadline.due
        self.due_is_provisional = deadline.provisional

    # -- what the applicant reads (applications/wording.py) -------------------------------

    @property
    def outcome_words(self) -> str:
        from gongkai.applications.wording import outcome_words

        return outcome_words(self.outcome) if self.outcome else ""

    @property
    def remedy_sentence(self) -> str:
        from gongkai.applications.wording import reconsideration_body, remedy

        if not self.outcome:
            return ""
        return remedy(self.outcome, reconsideration_body(self.agency), self.reply_details)

    @property
    def reply_details(self) -> dict:
        """What the reply recorded beside its outcome (the 第三十六条 item, withheld parts and
        their grounds, the third party's answer)."""
        reply = self.events.filter(kind="replied").order_by("on", "id").last()
        return (reply.details or {}) if reply else {}

    @property
    def masked_id_number(self) -> str:
        number = self.id_number
        return (
            number[:3] + "*" * max(0, len(number) - 7) + number[-4:] if len(number) > 7 else "****"
        )


class EventKind(models.TextChoices):
    RECEIPT_CONFIRMED = "receipt_confirmed", "确认收到申请"
    CORRECTION_REQUESTED = "correction_requested", "告知补正"
    CORRECTED = "corrected", "收到补正"
    EXTENSION_REQUESTED = "extension_requested", "申请延期"
    EXTENDED = "extended", "批准延期"
    PAUSE_STARTED = "pause_started", "暂停计时"
    PAUSE_ENDED = "pause_ended", "恢复计时"
    FEE_NOTICE = "fee_notice", "发出收费通知"
    FEE_PAID = "fee_paid", "缴纳费用"
    FEE_WAIVED = "fee_waived", "减免费用"
    LATER_DATE_SET = "later_date_set", "确定合理答复期限"
    REASONS_REQUESTED = "reasons_requested", "要求说明理由"
    REASONS_ANSWERED = "reasons_answered", "登记申请人说明理由情况"
    REPLIED = "replied", "答复"
    DELIVERED = "delivered", "送达"
    WITHDRAWN = "withdrawn", "申请人撤回"
    ABANDONED = "abandoned", "视为放弃"


CLOCK_EVENTS = (
    "correction_requested",
    "corrected",
    "extended",
    "pause_started",
    "pause_ended",
    "later_date_set",
)


class ApplicationEvent(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=24, choices=EventKind.choices)
    on = models.DateField("日期")
    workdays = models.PositiveSmallIntegerField("工作日数", null=True, blank=True)
    pause_kind = models.CharField(
        "暂停原因", max_length=12, blank=True, choices=[(k.name, k.value) for k in PauseKind]
    )
    later_due = models.DateField("合理答复期限", null=True, blank=True)
    amount = models.DecimalField(
        "金额（元）", max_digits=10, decimal_places=2, null=True, blank=True
    )
    note = models.TextField("说明", max_length=2000, blank=True)
    # what a step records beyond the common fields: the fee notice's method, quantity,
    # computed amount, reason for a different amount, 送达日期 and way; the third party
    # consulted; a reply's citation choice (第三十六条第四项/第五项) and the holding agency
    # (nullable: bulk loaders that write rows directly, such as the synthetic province,
    # leave it out; read it as `event.details or {}`)
    details = models.JSONField("办理细节", default=dict, blank=True, null=True)
    by = models.ForeignKey(
        "core.User",
        verbose_name="经办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        "core.User",
        verbose_name="批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["on", "id"]
        # the report's 信息处理费 block finds a year's few fee events among millions
        indexes = [models.Index(fields=["kind", "on"], name="event_kind_by_day")]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"

    @property
    def citizen_sentence(self) -> str:
        """This step as the applicant's status page says it (no internal step name)."""
        from gongkai.applications.wording import event_sentence

        return event_sentence(self)

    def as_deadline_event(self) -> deadlines.Event | None:
        """The events that move the reply clock, in the engine's terms."""
        return deadline_event(self.kind, self.on, self.workdays, self.pause_kind, self.later_due)


def deadline_event(
    kind: str, on: date, workdays, pause_kind: str, later_due
) -> deadlines.Event | None:
    """An event row's fields in the engine's terms; None for events that move no clock."""
    if kind == EventKind.CORRECTION_REQUESTED:
        return deadlines.CorrectionRequested(on, workdays or 0)
    if kind == EventKind.CORRECTED:
        return deadlines.Corrected(on)
    if kind == EventKind.EXTENDED:
        return deadlines.Extended(on, workdays or 0)
    if kind == EventKind.PAUSE_STARTED:
        return deadlines.PauseStarted(on, PauseKind[pause_kind])
    if kind == EventKind.PAUSE_ENDED:
        return deadlines.PauseEnded(on, PauseKind[pause_kind])
    if kind == EventKind.LATER_DATE_SET:
        return deadlines.LaterDateSet(on, later_due)
    return None


class AppealKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", "行政复议"
    DIRECT_SUIT = "direct_suit", "行政诉讼（未经复议直接起诉）"
    SUIT_AFTER_RECONSIDERATION = "suit_after_reconsideration", "行政诉讼（复议后起诉）"


class AppealResult(models.TextChoices):
    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


class Appeal(models.Model):
    """A reconsideration or lawsuit about a disclosure decision; counted in table 四 of the
    agency whose decision is challenged."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="appeals")
    kind = models.CharField("类型", max_length=32, choices=AppealKind.choices)
    case_number = models.CharField("案号", max_length=100, blank=True)
    filed_on = models.DateField("申请或起诉日期")
    decided_on = models.DateField("审结日期", null=True, blank=True)
    result = models.CharField(
        "结果", max_length=10, choices=AppealResult.choices, default=AppealResult.PENDING
    )
    body = models.CharField("复议机关或法院", max_length=100, blank=True)

    class Meta:
        verbose_name = "行政复议、行政诉讼"
        verbose_name_plural = "行政复议、行政诉讼"
        indexes = [models.Index(fields=["filed_on"], name="appeal_by_filing_day")]  # table 四

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number}"

    def late_filing(self) -> str:
        """A filing after the usual period, for the clerk to see (it is still recorded: the
        复议机关 or the court decides late filing). 行政复议法（2023）第二十条: 60 days from
        knowing of the decision (here: the reply's delivery); 行政诉讼法第四十六条: 6 months.
        A suit after reconsideration runs 15 days from the 复议决定 (第四十五条), which the
        office does not receive, so it is not flagged."""
        delivered = self.application.events.filter(kind=EventKind.DELIVERED).order_by("on").first()
        if delivered is None:
            return ""
        start = delivered.on
        if self.kind == AppealKind.RECONSIDERATION:
            days = (self.filed_on - start).days
            if days > 60:
                return (
                    f"申请行政复议的日期距答复送达（{chinese_date(start)}）"
                    f"已{days}日，超过行政复议法第二十条规定的六十日；是否受理由复议机关决定"
                )
        elif self.kind == AppealKind.DIRECT_SUIT:
            month = start.month + 6
            year, month = start.year + (month - 1) // 12, (month - 1) % 12 + 1
            import calendar as _calendar

            limit = date(year, month, min(start.day, _calendar.monthrange(year, month)[1]))
            if self.filed_on > limit:
                return (
                    f"起诉日期距答复送达（{chinese_date(start)}）已超过六个月"
                    "（行政诉讼法第四十六条）；是否受理由人民法院决定"
                )
        return ""

    def result_at(self, day: date) -> str:
        """The result as table 四 counts it on `day` (尚未审结 until decided)."""
        if self.decided_on is None or self.decided_on > day:
            return AppealResult.PENDING
        return self.result


class LetterKind(models.TextChoices):
    RECEIPT = "receipt", "政府信息公开申请受理回执"
    CORRECTION = "correction", "政府信息公开申请补正告知书"
    EXTENSION = "extension", "政府信息公开申请延期答复告知书"
    THIRD_PARTY = "third_party", "征求第三方意见书"
    FEE = "fee", "信息处理费收费通知书"
    REPLY = "reply", "政府信息公开申请答复告知书"
    LATER_DATE = "later_date", "政府信息公开申请答复期限告知书"
    ABANDONED_CORRECTION = "abandon_cor", "政府信息公开申请视为放弃告知书（逾期未补正）"
    ABANDONED_FEE = "abandon_fee", "政府信息公开申请视为放弃告知书（逾期未缴费）"


class LetterTemplate(models.Model):
    """An agency's own wording of a notice; without one the built-in template is used.
    Placeholders in braces, e.g. {tracking_number}, {received_on}, {due_on}."""

    agency = models.ForeignKey(
        "core.Agency",
        verbose_name="机构",
        on_delete=models.CASCADE,
        related_name="letter_templates",
    )
    kind = models.CharField("文书", max_length=12, choices=LetterKind.choices)
    body = models.TextField("正文模板", max_length=10000)

    class Meta:
        verbose_name = "告知书模板"
        verbose_name_plural = "告知书模板"
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind"], name="letter_template_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.get_kind_display()}"


class LetterCounter(SerialCounter):
    """The last 文号 serial an agency gave its notices in a year."""


class Letter(models.Model):
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="letters"
    )
    kind = models.CharField("文书", max_length=12, choices=LetterKind.choices)
    number = models.CharField("文号", max_length=60, blank=True, db_default="")
    body = models.TextField("正文", max_length=10000)
    issued_on = models.DateField("出具日期", null=True, blank=True)
    issued_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    document = models.BinaryField("DOCX", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "告知书"
        verbose_name_plural = "告知书"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def file_name(self) -> str:
        return f"{self.application.tracking_number}-{self.get_kind_display()}.docx"


class AttachmentKind(models.TextChoices):
    IDENTITY = "identity", "身份证明"
    AUTHORISATION = "authorisation", "授权委托书"
    OTHER = "other", "其他材料"


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField("材料类型", max_length=16, choices=AttachmentKind.choices)
    original_name = models.CharField("原文件名", max_length=200)
    storage_name = models.CharField(max_length=64, unique=True)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "申请附件"
        verbose_name_plural = "申请附件"

    def __str__(self) -> str:
        return self.original_name
