"""The 公开指南 (条例第十二条) follows the catalogue: generated from the agency's data — its
office and contacts, its 标准目录's 领域 and matters, how to apply, fees, remedies — through
the county's template when it issued one; staff may edit the result, and the portal shows
the edited text with its 更新日期."""

from __future__ import annotations

from django.db import transaction

from gongkai.core.audit import audit
from gongkai.core.models import Agency, Role, User
from gongkai.core.transitions import TransitionError, require_role
from gongkai.standards.models import Guide, GuideTemplate
from gongkai.standards.transitions import EDITORS, adopted_matters

DEFAULT_TEMPLATE = """{机构名称}政府信息公开指南

为方便公民、法人和其他组织获取政府信息，根据《中华人民共和国政府信息公开条例》（以下简称条例）第十二条，编制本指南。本指南根据本机关的实际情况随时更新。

一、主动公开
（一）公开范围。本机关依照条例第十九条、第二十条、第二十一条和基层政务公开标准目录主动公开政府信息。本机关标准目录共有{事项数}个公开事项，涉及{领域}等领域，各事项的公开内容、依据、时限、主体和渠道见“基层政务公开标准目录”栏目。
（二）公开方式和时限。主动公开的信息在政府门户网站“政府信息公开”专栏发布，可检索、查阅和下载，并视情况通过政务公开栏、便民服务站、政务新媒体等渠道发布。信息自形成或者变更之日起20个工作日内公开，标准目录另有规定的从其规定（条例第二十六条）。

二、依申请公开
公民、法人或者其他组织可以向本机关申请获取政府信息（条例第二十七条），可以在线提交申请，也可以书面申请。申请应当包括申请人的姓名或者名称、身份证明、联系方式，所需政府信息的名称、文号或者便于查询的其他特征性描述，以及获取信息的方式（条例第二十九条）。本机关能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长答复期限的，经负责人同意并告知申请人，延长的期限最长不超过20个工作日（条例第三十三条）。

三、收费
依申请提供政府信息不收取费用；申请公开政府信息的数量、频次明显超过合理范围的，可以收取信息处理费（条例第四十二条）。

四、政府信息公开工作机构
名称：{工作机构}
办公地址：{办公地址}
办公时间：{办公时间}
联系电话：{联系电话}
传真：{传真}
电子邮箱：{电子邮箱}

五、监督和救济
公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（条例第五十一条）。"""
PLACEHOLDERS = (
    "机构名称",
    "工作机构",
    "办公地址",
    "办公时间",
    "联系电话",
    "传真",
    "电子邮箱",
    "领域",
    "事项数",
)
MAX_TEXT = 50_000


def template_for(agency: Agency) -> str:
    """The template of the nearest agency above (or the agency itself) that issued one."""
    current, seen = agency, 0
    while current is not None and seen < 10:
        template = GuideTemplate.objects.filter(issuer=current).order_by("-updated_at").first()
        if template is not None:
            return template.text
        current, seen = current.parent, seen + 1
    return DEFAULT_TEMPLATE


def values(agency: Agency) -> dict[str, str]:
    matters = list(adopted_matters(agency).values_list("domain", flat=True))
    domains = list(dict.fromkeys(matters))
    return {
        "机构名称": agency.name,
        "工作机构": agency.office_name or "—",
        "办公地址": agency.office_address or "—",
        "办公时间": agency.office_hours or "—",
        "联系电话": agency.office_phone or "—",
        "传真": agency.office_fax or "—",
        "电子邮箱": agency.office_email or "—",
        "领域": "、".join(domains) or "（尚未编制标准目录）",
        "事项数": str(len(matters)),
    }


def fill(template: str, agency: Agency) -> str:
    text = template
    for key, value in values(agency).items():
        text = text.replace("{" + key + "}", value)
    return text


def generated_guide(agency: Agency) -> str:
    return fill(template_for(agency), agency)


def save_guide(agency: Agency, *, by: User, text: str) -> Guide:
    require_role(by, agency, EDITORS)
    text = text.strip()
    if not text:
        raise TransitionError("指南正文不能为空")
    if len(text) > MAX_TEXT:
        raise TransitionError(f"指南正文不能超过 {MAX_TEXT:,} 字")
    with transaction.atomic():
        from gongkai.standards.steps import AgencyGuide, check_page

        check_page(AgencyGuide(agency), "save", by=by)
        guide, _ = Guide.objects.update_or_create(
            agency=agency, defaults={"text": text, "updated_by": by}
        )
        audit(by, "standards.guide.saved", agency=agency, obj=guide)
    return guide


def reset_guide(agency: Agency, *, by: User) -> None:
    """Back to the text generated from the agency's data."""
    require_role(by, agency, EDITORS)
    with transaction.atomic():
        from gongkai.standards.steps import AgencyGuide, check_page

        check_page(AgencyGuide(agency), "reset", by=by)
        Guide.objects.filter(agency=agency).delete()
        audit(by, "standards.guide.reset", agency=agency)


def issue_guide_template(issuer: Agency, *, by: User, text: str) -> GuideTemplate:
    require_role(by, issuer, (Role.ADMIN,))
    text = text.strip()
    if not text:
        raise TransitionError("模板正文不能为空")
    if len(text) > 20_000:
        raise TransitionError("模板正文不能超过 20,000 字")
    with transaction.atomic():
        from gongkai.standards.steps import AgencyGuide, check_page

        check_page(AgencyGuide(issuer), "template", by=by)
        template = GuideTemplate.objects.filter(issuer=issuer).first()
        if template is None:
            template = GuideTemplate.objects.create(issuer=issuer, text=text)
        else:
            template.text = text
            template.save(update_fields=["text", "updated_at"])
        audit(by, "standards.guide_template.issued", agency=issuer, obj=template)
    return template
