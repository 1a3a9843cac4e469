"""互动交流: a citizen's 咨询, 建议 or 投诉 to an agency, a reader's report of an error on the
site (我为政府网站找错), and the 常见问题 the answers become.

The asker's name and contact stay in the office: the public list shows only the question as
staff published it (public_question) and the answer. Every message has its own working-day
clock (AnswerPeriods, a county or agency setting); 19号 fails a site whose messages stay
unanswered for more than 3 months (互动回应差)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from gongkai.core.crypto import EncryptedCharField
from gongkai.core.models import SerialCounter
from gongkai.core.steps import HasSteps


class Kind(models.TextChoices):
    CONSULT = "consult", "咨询"
    SUGGEST = "suggest", "建议"
    COMPLAIN = "complain", "投诉"
    ERROR = "error", "网站找错"


# what a citizen chooses on the question form (找错 has its own form, from the page footer)
ASKED_KINDS = (Kind.CONSULT, Kind.SUGGEST, Kind.COMPLAIN)


class Status(models.TextChoices):
    RECEIVED = "received", "待分办"
    ASSIGNED = "assigned", "办理中"
    DRAFTED = "drafted", "待审核"
    ANSWERED = "answered", "已答复"
    REDIRECTED = "redirected", "已告知办理渠道"


OPEN = (Status.RECEIVED, Status.ASSIGNED, Status.DRAFTED)
CLOSED = (Status.ANSWERED, Status.REDIRECTED)


class Origin(models.TextChoices):
    PUBLIC = "public", "网民留言"
    STAFF = "staff", "工作人员编写的常见问题"


class Elsewhere(models.TextChoices):
    """A message that belongs to another channel: answered with the way to go, counted apart."""

    APPLICATION = "application", "政府信息公开申请"
    PETITION = "petition", "信访事项"
    HOTLINE = "hotline", "12345政务服务便民热线"


class MessageQuerySet(models.QuerySet):
    def open(self) -> MessageQuerySet:
        return self.filter(status__in=OPEN)

    def asked(self) -> MessageQuerySet:
        """What citizens wrote (not the 常见问题 staff wrote themselves)."""
        return self.filter(origin=Origin.PUBLIC)

    def published(self) -> MessageQuerySet:
        return self.filter(published_on__isnull=False, status=Status.ANSWERED)


class Message(HasSteps, models.Model):
    agency = models.ForeignKey(
        "core.Agency", verbose_name="办理机关", on_delete=models.PROTECT, related_name="messages"
    )
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    origin = models.CharField("来源", max_length=10, choices=Origin.choices, default=Origin.PUBLIC)
    tracking_number = models.CharField("留言编号", max_length=32, unique=True)
    query_code_digest = models.CharField(max_length=64, blank=True)
    # the asker: never shown on a public page
    name = models.CharField("姓名", max_length=50, blank=True)
    contact = EncryptedCharField("联系方式", max_length=100, blank=True)
    subject = models.CharField("标题", max_length=100)
    body = models.TextField("内容", max_length=3000)
    page_url = models.CharField("出错页面地址", max_length=500, blank=True)
    submitted_on = models.DateField("留言日期")
    due_on = models.DateField("答复期限")
    status = models.CharField("状态", max_length=12, choices=Status.choices)
    assignee = models.ForeignKey(
        "core.User",
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    draft = models.TextField("答复稿", blank=True)
    answer = models.TextField("答复", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    # Overdue is a fact that stays: the working days an answer came after its due date
    late_workdays = models.PositiveSmallIntegerField("逾期工作日数", null=True, blank=True)
    elsewhere = models.CharField(
        "应通过的渠道", max_length=12, choices=Elsewhere.choices, blank=True
    )
    public_question = models.TextField("公开的问题", max_length=3000, blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    # the published question and answer cut into words by jieba (interaction/search.py), for
    # the 常见问题 search: matched as they are on SQLite, through FaqWords on PostgreSQL
    search_terms = models.TextField("常见问题检索词", blank=True, editable=False)
    # the day the asker's name and contact were removed once the retention period was over
    # (interaction/retention.py); the message, its answer and its dates stay
    asker_removed_on = models.DateField("留言人信息删除日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = "互动留言"
        verbose_name_plural = "互动留言"
        ordering = ["due_on", "pk"]
        indexes = [
            # the office inbox: one agency's messages in one state, by due date
            models.Index(fields=["agency", "status", "due_on"], name="message_inbox"),
            # the inbox's default view, every open message by due date, and its count: partial,
            # so both walk the agency's few open entries in order and never the closed ones
            models.Index(
                fields=["agency", "due_on", "id"],
                condition=models.Q(status__in=["received", "assigned", "drafted"]),
                name="message_open",
            ),
            # the same, filtered by kind
            models.Index(
                fields=["agency", "kind", "due_on", "id"],
                condition=models.Q(status__in=["received", "assigned", "drafted"]),
                name="message_open_kind",
            ),
            # the portal's 常见问题: one agency's published answers, newest first; partial, so
            # the list's count reads the index alone and never the rows of unpublished ones
            models.Index(
                fields=["agency", "-published_on", "-id"],
                condition=models.Q(status="answered", published_on__isnull=False),
                name="message_faq",
            ),
            # the inbox's answered messages, newest first
            models.Index(fields=["agency", "status", "-answered_on", "-id"], name="message_done"),
            models.Index(fields=["agency", "submitted_on"], name="message_year"),
            # the daily removal of askers' identity: closed messages not yet cleared, by day
            models.Index(
                fields=["answered_on"],
                condition=models.Q(
                    status__in=["answered", "redirected"], asker_removed_on__isnull=True
                ),
                name="message_asker_kept",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    # -- query code: shown once to the asker, stored only as a keyed digest (as for
    # applications, gongkai/applications/models.py)

    @staticmethod
    def new_query_code() -> str:
        alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud on the phone
        return "".join(secrets.choice(alphabet) for _ in range(8))

    @staticmethod
    def digest(code: str) -> str:
        key = settings.SECRET_KEY.encode()
        return hmac.new(
            key, b"message:" + code.strip().upper().encode(), hashlib.sha256
        ).hexdigest()

    def query_code_matches(self, code: str) -> bool:
        return bool(self.query_code_digest) and hmac.compare_digest(
            self.query_code_digest, self.digest(code)
        )


class FaqWords(models.Model):
    """The 常见问题's word index on PostgreSQL (interaction/search.py): one narrow row per
    published answer, its words as a tsvector (with the agency's token) under a GIN index, so
    one agency's matches are counted and put newest first without reading the wide message
    rows a province interleaves across thousands of pages. Empty on SQLite."""

    message = models.OneToOneField(
        Message, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    agency_id = models.IntegerField()
    published_on = models.DateField()
    vector = SearchVectorField()

    class Meta:
        db_table = "interaction_faq_words"
        indexes = [
            models.Index(fields=["agency_id", "published_on", "message"], name="faq_words_newest")
        ]

    def __str__(self) -> str:
        return f"常见问题检索词 {self.message_id}"


class MessageCounter(SerialCounter):
    """留言编号 per agency and year (core.counters.next_serial)."""


class AnswerPeriods(models.Model):
    """How many working days an agency gives itself to answer each kind of message. A
    county's row holds for the agencies under it that have none of their own; without any
    row the defaults below hold (a common practice, not a statute: provinces set their own)."""

    agency = models.OneToOneField(
        "core.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="answer_periods"
    )
    consult = models.PositiveSmallIntegerField("咨询（工作日）", default=3)
    suggest = models.PositiveSmallIntegerField("建议（工作日）", default=10)
    complain = models.PositiveSmallIntegerField("投诉（工作日）", default=10)
    error = models.PositiveSmallIntegerField("网站找错（工作日）", default=3)

    class Meta:
        verbose_name = "留言答复期限"
        verbose_name_plural = "留言答复期限"

    def __str__(self) -> str:
        return (
            f"{self.agency}：咨询{self.consult}/建议{self.suggest}/"
            f"投诉{self.complain}/找错{self.error}"
        )

    def workdays(self, kind: str) -> int:
        return getattr(self, Kind(kind).name.lower())


def periods_for(agency) -> AnswerPeriods:
    """The agency's own periods, else the nearest agency above it that set some, else the
    defaults (an unsaved row)."""
    seen = set()
    current = agency
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        found = AnswerPeriods.objects.filter(agency_id=current.pk).first()
        if found is not None:
            return found
        current = current.parent
    return AnswerPeriods(agency=agency)
