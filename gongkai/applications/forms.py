"""Forms return domain values; identity numbers are checked with their check characters."""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.db.models import Q
from django.utils import timezone

from gongkai.applications.attachments import MAX_BYTES
from gongkai.applications.models import (
    AppealKind,
    AppealResult,
    ApplicantType,
    Application,
    DeliveryWay,
    IdType,
    ProvisionForm,
)
from gongkai.applications.outcomes import (
    ABANDONED_NO_CORRECTION,
    ABANDONED_UNPAID_FEE,
    OUTCOME_CHOICES,
)
from gongkai.core.forms import ControlCharactersStripped
from gongkai.statute.codes import credit_code_problem, resident_id_problem
from gongkai.statute.deadlines import Channel, PauseKind

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # ISO, as type=date needs
APPLICANT_FIELDS = [
    "applicant_type",
    "applicant_name",
    "id_type",
    "id_number",
    "phone",
    "email",
    "address",
    "contact_person",
    "information_title",
    "document_number",
    "description",
    "provision_form",
    "delivery_way",
]


# A mobile number (1 and ten digits) or a landline with its area code (0 and 2-3 digits, then
# 7-8 digits, an extension allowed); spaces and hyphens as people write them are ignored.
MOBILE = re.compile(r"1[3-9]\d{9}")
LANDLINE = re.compile(r"0\d{2,3}-\d{7,8}(?:转\d{1,6})?")
PHONE_PROBLEM = "请填写11位手机号码，或带区号的固定电话（如 0871-12345678）"


def normalise_phone(text: str) -> str:
    """The number with spaces, hyphens and a +86 prefix removed; an extension written
    after a second hyphen, 转 or 分机 is kept as 转NNNN."""
    text = re.sub(r"\s", "", text).replace("－", "-").replace("分机", "转")
    text = re.sub(r"^(?:\+?86)(?=1)", "", text)
    landline = re.fullmatch(r"(0\d{2,3})-?(\d{7,8})(?:[-转](\d{1,6}))?", text)
    if landline:
        area, number, extension = landline.groups()
        return f"{area}-{number}" + (f"转{extension}" if extension else "")
    return text.replace("-", "")


def phone_problem(text: str) -> str:
    number = normalise_phone(text)
    if MOBILE.fullmatch(number) or LANDLINE.fullmatch(number):
        return ""
    return PHONE_PROBLEM


class ApplicantForm(ControlCharactersStripped, forms.ModelForm):
    class Meta:
        model = Application
        fields = APPLICANT_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {
            "contact_person": "法人或者其他组织申请时必填",
            "address": "选择邮寄时必填，请写明省、市、县、乡镇（街道）和门牌号",
            "email": "选择电子邮件获取时必填；也用于接收办理通知和找回查询码",
        }

    # what most applicants choose, so a phone user need not open every list; the electronic
    # form is delivered by e-mail (a paper copy by post), so the two never contradict
    DEFAULTS = {
        "applicant_type": "natural",
        "id_type": "resident_id",
        "provision_form": "electronic",
        "delivery_way": "email",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, value in self.DEFAULTS.items():
            field = self.fields[name]
            field.initial = value
            field.choices = [c for c in field.choices if c[0] != ""]

    def clean(self):
        data = super().clean()
        id_type, number = data.get("id_type"), (data.get("id_number") or "").strip().upper()
        problem = ""
        if id_type == IdType.RESIDENT_ID:
            problem = resident_id_problem(number)
        elif id_type == IdType.CREDIT_CODE:
            problem = credit_code_problem(number)
        if problem:
            self.add_error("id_number", problem)
        data["id_number"] = number
        phone = (data.get("phone") or "").strip()
        if phone:
            if problem := phone_problem(phone):
                self.add_error("phone", problem)
            else:
                data["phone"] = normalise_phone(phone)
        organisation = data.get("applicant_type") not in (None, ApplicantType.NATURAL)
        if organisation and not (data.get("contact_person") or "").strip():
            self.add_error("contact_person", "法人或者其他组织申请的，请填写法定代表人或联系人")
        if organisation and id_type == IdType.RESIDENT_ID:
            self.add_error("id_type", "法人或者其他组织请选择统一社会信用代码或其他证件")
        if not organisation and id_type == IdType.CREDIT_CODE:
            self.add_error("id_type", "自然人请选择居民身份证等个人证件")
        way = data.get("delivery_way")
        if way == DeliveryWay.POST and not (data.get("address") or "").strip():
            self.add_error("address", "选择邮寄的，请填写通信地址")
        if way == DeliveryWay.EMAIL and data.get("provision_form") == ProvisionForm.PAPER:
            self.add_error("delivery_way", "纸质材料不能通过电子邮件获取，请选择邮寄或自行领取")
        if way == DeliveryWay.EMAIL and not data.get("email") and not self.has_error("email"):
            self.add_error("email", "选择电子邮件获取的，请填写电子邮箱")
        if not (data.get("phone") or data.get("email") or data.get("address")):
            raise forms.ValidationError("请至少填写一种联系方式（电话、电子邮箱或通信地址）")
        return data


UPLOAD_MB = MAX_BYTES // 1024 // 1024  # stated beside the upload field, before the upload


class OnlineApplicationForm(ApplicantForm):
    """The public form, with the optional proofs an applicant may attach."""

    # the limit is in the label, read before a file is chosen
    identity_file = forms.FileField(
        label=f"身份证明（可选；PDF、JPG 或 PNG，不超过 {UPLOAD_MB} MB）", required=False
    )
    authorisation_file = forms.FileField(
        label=f"授权委托书（代理他人申请时；PDF、JPG 或 PNG，不超过 {UPLOAD_MB} MB）",
        required=False,
    )

    def _checked(self, name: str):
        from gongkai.applications.attachments import AttachmentRefused, sniff

        upload = self.cleaned_data.get(name)
        if upload:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(f"文件超过 {MAX_BYTES // 1024 // 1024} MB")
            try:
                sniff(upload.read(16))
            except AttachmentRefused as error:
                raise forms.ValidationError(str(error)) from None
            upload.seek(0)
        return upload

    def clean_identity_file(self):
        return self._checked("identity_file")

    def clean_authorisation_file(self):
        return self._checked("authorisation_file")

    def attachments(self) -> list:
        from gongkai.applications.models import AttachmentKind

        pairs = [
            (AttachmentKind.IDENTITY, self.cleaned_data.get("identity_file")),
            (AttachmentKind.AUTHORISATION, self.cleaned_data.get("authorisation_file")),
        ]
        return [(kind, upload) for kind, upload in pairs if upload]


class StaffEntryForm(ApplicantForm):
    channel = forms.ChoiceField(
        label="提交方式",
        choices=[(c.name, c.value) for c in Channel if c is not Channel.ONLINE],
    )
    submitted_on = forms.DateField(label="提交（寄出）日期", widget=DATE_WIDGET)
    signed_on = forms.DateField(
        label="签收日期（需签收的邮件）或信函到达日期（平常信函）",
        required=False,
        widget=DATE_WIDGET,
    )
    confirmed_on = forms.DateField(
        label="双方确认日期（平常信函、传真、电子邮件）", required=False, widget=DATE_WIDGET
    )
    late_confirmation_reason = forms.CharField(
        label="平常信函晚于到达当日确认的原因（条例第三十一条）", max_length=300, required=False
    )

    class Meta(ApplicantForm.Meta):
        fields = [
            "channel",
            "submitted_on",
            "signed_on",
            "confirmed_on",
            "late_confirmation_reason",
            *APPLICANT_FIELDS,
        ]


class OnForm(ControlCharactersStripped, forms.Form):
    on = forms.DateField(label="日期", widget=DATE_WIDGET, initial=timezone.localdate)


class CorrectionForm(OnForm):
    period_workdays = forms.IntegerField(
        label="补正期限（工作日）", min_value=1, max_value=60, initial=10
    )
    what = forms.CharField(
        label="需要补正的事项", max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class NoteForm(OnForm):
    note = forms.CharField(label="说明", max_length=1000, required=False)


class ExtensionForm(OnForm):
    workdays = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20)
    reason = forms.CharField(label="延期理由", max_length=1000)


class ConsultationForm(OnForm):
    kind = forms.ChoiceField(
        label="征求对象", choices=[(k.name, k.value) for k in PauseKind if k is not PauseKind.FEE]
    )
    note = forms.CharField(label="说明", max_length=1000, required=False)

    def clean_kind(self):
        return PauseKind[self.cleaned_data["kind"]]


class FeeNoticeForm(OnForm):
    """109号: the amount comes from the fee rules; a different amount needs a reason."""

    method = forms.ChoiceField(
        label="计收方式", choices=[("per_item", "按件计收"), ("per_page", "按量计收")]
    )
    pages = forms.IntegerField(label="页数（按量计收）", min_value=0, required=False)
    amount = forms.DecimalField(
        label="收费金额（元，留空则按标准计算）",
        min_value=0,
        max_digits=10,
        decimal_places=2,
        required=False,
    )
    amount_reason = forms.CharField(label="与计算金额不同的理由", max_length=500, required=False)
    served_on = forms.DateField(
        label="送达日期（申请人收到通知之日）",
        widget=DATE_WIDGET,
        required=False,
        help_text="邮寄的，可先留空，收到签收回执后再登记；缴费期限自送达次日起算",
    )
    served_how = forms.ChoiceField(
        label="送达方式",
        choices=[(w, w) for w in ("当面送达", "邮寄签收", "网上确认")],
    )


class FeeServedForm(OnForm):
    """The day the applicant received a posted fee notice (the signed receipt's date)."""

    on = forms.DateField(label="送达日期（回执上的签收日期）", widget=DATE_WIDGET)
    served_how = forms.ChoiceField(
        label="送达方式",
        choices=[(w, w) for w in ("邮寄签收", "当面送达", "网上确认")],
    )


class PaymentForm(OnForm):
    amount = forms.DecimalField(
        label="实缴金额（元）", min_value=0, max_digits=10, decimal_places=2
    )


ITEMS_LISTED = 50  # the reply's drop-down: the newest, and a search for the rest


class ReplyForm(OnForm):
    outcome = forms.ChoiceField(
        label="答复结果",
        choices=[
            (k, label)
            for k, label in OUTCOME_CHOICES
            if k not in (ABANDONED_NO_CORRECTION, ABANDONED_UNPAID_FEE)
        ],
    )
    text = forms.CharField(
        label="答复内容",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        # the letter already says 经审查，<the decision>, its article and the remedies
        # (letters.DEFAULT_TEMPLATES): the clerk adds only what it cannot know
        help_text=(
            "答复告知书已按所选结果写明“经审查，……”的结论、法律依据和救济途径，请勿重复；"
            "这里只写告知书没有的内容，如提供的信息名称、提供方式和时间、不予公开部分的范围。"
        ),
    )
    not_held_item = forms.ChoiceField(
        label="不掌握的依据（仅“本机关不掌握”）",
        required=False,
        choices=[
            ("", "—"),
            ("四", "第三十六条第四项：经检索没有所申请公开的信息"),
            ("五", "第三十六条第五项：不属于本机关负责公开"),
        ],
    )
    holder = forms.CharField(
        label="负责公开的机关名称及联系方式（第五项，能够确定的）", max_length=200, required=False
    )
    reason = forms.CharField(
        label="不属于本机关负责公开的理由（第五项）", max_length=1000, required=False
    )
    disclosed_item = forms.ChoiceField(
        label="予以公开的依据（仅“予以公开”）",
        required=False,
        choices=[
            ("二", "第三十六条第二项：予以公开，按申请的形式和途径提供"),
            ("一", "第三十六条第一项：已经主动公开，告知获取方式和途径"),
        ],
    )
    published_items = forms.ModelMultipleChoiceField(
        label="已主动公开的信息（第一项，可多选）",
        queryset=Application.objects.none(),  # the agency's items: __init__
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=f"列出本机关最近公开的{ITEMS_LISTED}件；更早的请在上方按名称、文号或索引号查找",
        error_messages={
            "invalid_choice": "条例第三十六条第一项：只能选择本机关已主动公开的信息",
            "invalid_pk_value": "条例第三十六条第一项：只能选择本机关已主动公开的信息",
        },
    )
    published_where = forms.CharField(
        label="其他获取方式和途径（第一项，选填，如政务公开栏）", max_length=500, required=False
    )
    withheld = forms.CharField(
        label="不予公开的部分及理由",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="仅“部分公开”：每行一项，写“部分｜理由编号”；理由编号为三（三）1—三（三）7"
        "或“非政府信息”。例：身份证号码｜三（三）4",
    )

    def __init__(self, *args, application: Application | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if application is None:  # the form read for its fields alone: no item to offer
            return
        field = self.fields["published_items"]
        # what may be posted: any item of this agency, so that the transition can say why a
        # withdrawn or unpublished one is refused (条例第三十六条第一项); another agency's item
        # is not a choice at all. What the drop-down lists: the published ones (narrow()).
        field.queryset = catalogue_items().filter(agency=application.agency)
        field.label_from_instance = published_item_label
        if not self.is_bound:
            self.narrow("", agency=application.agency)

    def narrow(self, query: str, *, agency) -> int:
        """List the newest ITEMS_LISTED of the agency's published items matching `query`
        (名称、文号或索引号); returns how many match. Any older one is reached by searching:
        a county publishes tens of thousands, which no drop-down on every open
        application's page can carry."""
        matching = published_items(agency, query)
        listed = [(item.pk, published_item_label(item)) for item in matching[:ITEMS_LISTED]]
        self.fields["published_items"].widget.choices = listed
        return len(listed) if len(listed) < ITEMS_LISTED else matching.count()

    def clean_withheld(self) -> list[dict]:
        parts = []
        for line in self.cleaned_data["withheld"].splitlines():
            if not line.strip():
                continue
            what, _, ground = line.replace("|", "｜").partition("｜")
            parts.append({"what": what.strip(), "ground": ground.strip()})
        return parts


def catalogue_items():
    """The catalogue's items, reached through the reply's link to them: the catalogue is a
    sibling app that this one does not import (DESIGN.md's layers)."""
    return Application.answered_with.field.related_model.objects


def published_items(agency, query: str = ""):
    """The agency's published (not withdrawn) items, searched by 名称、文号或索引号 as the
    office's other item drop-downs are (policies/forms.py); NFKC folds a full-width
    〔２０２６〕 typed on a phone into what was stored."""
    items = catalogue_items().live().filter(agency=agency)
    query = unicodedata.normalize("NFKC", query or "").strip()[:100]
    if query:
        items = items.filter(
            Q(title__icontains=query)
            | Q(document_number__icontains=query)
            | Q(index_number__icontains=query)
        )
    return items.only("pk", "title", "document_number", "index_number").order_by(
        "-published_on", "-pk"
    )


def published_item_label(item) -> str:
    number = f"（{item.document_number}）" if item.document_number else ""
    return f"{item.title}{number} 索引号：{item.index_number or '—'}"


class ConsultationEndForm(NoteForm):
    answer = forms.ChoiceField(
        label="第三方意见（征求第三方意见时）",
        required=False,
        choices=[
            ("", "—（征求其他机关意见）"),
            *((a, a) for a in ("同意", "不同意", "逾期未答复")),
        ],
    )
    reasons = forms.CharField(label="第三方不同意的理由", max_length=1000, required=False)


class ReasonsAnswerForm(OnForm):
    answer = forms.CharField(label="申请人说明的理由", max_length=1000, required=False)
    silent = forms.BooleanField(label="申请人未说明理由", required=False)


class DeliveryForm(OnForm):
    how = forms.CharField(label="送达方式", max_length=100, initial="电子邮件")


class LaterDateForm(OnForm):
    due = forms.DateField(label="合理答复期限", widget=DATE_WIDGET)
    reason = forms.CharField(label="理由", max_length=1000)


class StatusLookupForm(ControlCharactersStripped, forms.Form):
    tracking_number = forms.CharField(label="申请编号", max_length=32)
    query_code = forms.CharField(label="查询码", max_length=16)


class ResendCodeForm(ControlCharactersStripped, forms.Form):
    tracking_number = forms.CharField(label="申请编号", max_length=32)
    contact = forms.CharField(
        label="申请时填写的电子邮箱或联系电话",
        max_length=254,
        help_text="用于核对申请人身份；新的查询码只发送到申请时填写的电子邮箱",
    )


class CitizenCorrectionForm(ControlCharactersStripped, forms.Form):
    correction = forms.CharField(
        label="补正内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )


class ReasonForm(OnForm):
    reason = forms.CharField(label="理由", max_length=1000)


class NoteRequiredForm(OnForm):
    note = forms.CharField(label="内容", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class AppealForm(OnForm):
    kind = forms.ChoiceField(label="类型", choices=AppealKind.choices)
    case_number = forms.CharField(label="案号", max_length=100, required=False)
    body = forms.CharField(label="复议机关或法院", max_length=100, required=False)


class AppealDecisionForm(OnForm):
    appeal = forms.IntegerField(label="案件编号", min_value=1)
    result = forms.ChoiceField(
        label="结果", choices=[c for c in AppealResult.choices if c[0] != AppealResult.PENDING]
    )
