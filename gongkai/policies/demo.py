"""The demo county government's policy documents, made through the real steps: 规范性文件
registered and published with their 解读 (国办发〔2016〕80号), one replaced, one past
its 有效期, one expiring soon, a published 清理, a closed consultation with its 反馈 and the
final document, and one open for comment. Dates follow `today`. No real person's data."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category, DocumentKind, Item
from gongkai.core.audit import audit
from gongkai.core.demo import DEMO_PASSWORD
from gongkai.core.models import Agency, Membership, Role, User
from gongkai.policies import transitions as p
from gongkai.policies.models import (
    Adoption,
    CleanupResult,
    InterpretationForm,
    NormativeDocument,
    RelationKind,
)

COUNTY_STAFF = (
    ("xianjingban", "刘芳（演示县政府办经办人）", Role.CLERK),
    ("xianshenhe", "陈刚（演示县政府办审核人）", Role.REVIEWER),
)
NORMATIVE_CATEGORY = "行政法规、规章和规范性文件"


def _staff(county: Agency) -> tuple[User, User, User]:
    users = []
    for username, full_name, role in COUNTY_STAFF:
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.must_change_password = True
            user.save(update_fields=["password", "must_change_password"])
            audit(None, "demo.account.created", obj=user, actor_label="演示数据")
        Membership.objects.get_or_create(user=user, agency=county, role=role)
        users.append(user)
    admin = User.objects.get(username="xian")
    return users[0], users[1], admin


def _draft(county, clerk, title, *, written: date, number="", normative=True, body="") -> Item:
    return t.create_draft(
        county,
        by=clerk,
        category=Category.objects.get(
            agency=None, name=NORMATIVE_CATEGORY, parent__source="article20"
        ),
        title=title,
        document_number=number,
        document_kind=DocumentKind.NORMATIVE if normative else DocumentKind.OTHER,
        formed_on=written,
        written_on=written,
        body=body or f"<p>{title}全文（演示）。</p>",
    )


def _document(county, clerk, reviewer, title, number, *, written, valid_until=None, readings=()):
    """Draft, register, attach its 解读 and publish them together (国办发〔2016〕80号)."""
    item = _draft(county, clerk, title, written=written, number=number)
    record = p.register_normative(
        item,
        by=clerk,
        on=written,
        effective_on=written + timedelta(days=30),
        valid_until=valid_until,
    )
    interpretations = []
    for form, name in readings:  # the county keeps 同步 on: never a document alone
        reading = _draft(
            county,
            clerk,
            name,
            written=written,
            normative=False,
            body=f"<p>{name}（演示）：制定背景、主要内容、政策措施和适用对象。</p>",
        )
        p.link_interpretation(
            reading,
            item,
            by=clerk,
            form=form,
            media_url="https://www.example.cn/video/demo"
            if form == InterpretationForm.AUDIO_VIDEO
            else "",
        )
        t.submit(reading, by=clerk)
        interpretations.append(reading)
    t.submit(item, by=clerk)
    p.approve_together(item, by=reviewer, on=written + timedelta(days=7))
    record.refresh_from_db()
    return record


def load_demo_policies(county: Agency, *, today: date) -> str:
    """Create the county's policy documents once; returns one line for the demo command."""
    if NormativeDocument.objects.filter(agency=county).exists():
        return _summary(county)
    clerk, reviewer, admin = _staff(county)
    with transaction.atomic():
        year = today.year
        # every 规范性文件 goes out with its 解读 (国办发〔2016〕80号: 同步审签、同步公开)
        old = _document(
            county,
            clerk,
            reviewer,
            "云岭县城乡居民临时救助实施办法",
            f"云政规〔{year - 4}〕1号",
            written=date(year - 4, 3, 2),
            valid_until=date(year + 1, 3, 31),
            readings=((InterpretationForm.TEXT, "《云岭县城乡居民临时救助实施办法》政策解读"),),
        )
        expired = _document(
            county,
            clerk,
            reviewer,
            "云岭县秸秆综合利用奖补办法（试行）",
            f"云政规〔{year - 2}〕2号",
            written=today - timedelta(days=2 * 365),
            valid_until=today - timedelta(days=20),
            readings=((InterpretationForm.QA, "秸秆综合利用奖补政策问答"),),
        )
        p.configure(
            county, by=admin, require_sync=True, sync_grace_workdays=0, registration_code="YLXZF"
        )
        # the consultation on the new 临时救助 rules, closed, with its 反馈
        draft = _draft(
            county,
            clerk,
            "云岭县城乡居民临时救助办法（征求意见稿）",
            written=today - timedelta(days=200),
            normative=False,
        )
        t.submit(draft, by=clerk)
        draft = t.approve_and_publish(draft, by=reviewer, on=today - timedelta(days=198))
        closed = p.open_consultation(
            draft,
            by=clerk,
            title="《云岭县城乡居民临时救助办法（征求意见稿）》公开征求意见",
            starts_on=today - timedelta(days=198),
            ends_on=today - timedelta(days=167),
            today=today - timedelta(days=198),
            explanation="为规范临时救助工作，县民政局起草了本办法，现公开征求社会公众意见。",
        )
        comments = [
            (
                "张先生",
                "0000-1111111",
                "建议将急难型救助的审批时限缩短为3个工作日。",
                True,
                Adoption.ADOPTED,
                "",
            ),
            (
                "",
                "demo1@example.cn",
                "建议把救助标准提高到当地低保标准的6倍。",
                True,
                Adoption.PARTLY,
                "按上级规定上限确定为当地低保标准的5倍。",
            ),
            (
                "",
                "demo2@example.cn",
                "建议取消户籍限制，常住人口均可申请。",
                True,
                Adoption.NOT_ADOPTED,
                "户籍以外的常住人口已可通过急难型救助申请，无需另设规定。",
            ),
            (
                "",
                "demo3@example.cn",
                "（与本次征求意见无关的广告内容）",
                False,
                Adoption.NOT_ADOPTED,
                "与征求意见稿无关。",
            ),
        ]
        for name, contact, text, show, adoption, reason in comments:
            comment = p.submit_comment(
                closed, name=name, contact=contact, text=text, today=today - timedelta(days=190)
            )
            p.moderate_comment(comment, by=clerk, show=show)
            p.decide_comment(comment, by=clerk, adoption=adoption, reason=reason)
        closed = p.publish_feedback(
            closed,
            by=reviewer,
            on=today - timedelta(days=160),
            summary="县民政局对收到的意见逐条研究，采纳情况如下。",
        )
        relief = _document(
            county,
            clerk,
            reviewer,
            "云岭县城乡居民临时救助办法",
            f"云政规〔{year}〕1号",
            written=today - timedelta(days=150),
            readings=(
                (InterpretationForm.TEXT, "《云岭县城乡居民临时救助办法》政策解读"),
                (InterpretationForm.QA, "临时救助办法十问十答"),
            ),
        )
        p.link_final_document(closed, relief.item, by=clerk)
        p.relate(
            relief.item,
            old.item,
            by=clerk,
            kind=RelationKind.REPLACES,
            on=relief.effective_on,
        )
        _document(
            county,
            clerk,
            reviewer,
            "云岭县农村人居环境整治办法",
            f"云政规〔{year}〕2号",
            written=today - timedelta(days=120),
            readings=((InterpretationForm.GRAPHIC, "一图读懂《云岭县农村人居环境整治办法》"),),
        )
        soon = _document(
            county,
            clerk,
            reviewer,
            "云岭县城区临时占道经营管理规定",
            f"云政规〔{year - 1}〕3号",
            written=today - timedelta(days=400),
            valid_until=today + timedelta(days=45),
            readings=(
                (InterpretationForm.AUDIO_VIDEO, "《云岭县城区临时占道经营管理规定》视频解读"),
            ),
        )
        # the year's 清理: every document then in force gets a result, published as one item
        batch = p.start_cleanup(
            county,
            by=clerk,
            title=f"{year}年度行政规范性文件清理",
            on=today - timedelta(days=40),
            basis="根据国办发〔2018〕37号和省政府关于规范性文件定期清理的要求。",
        )
        outcomes = {
            soon.pk: (CleanupResult.AMEND, "有效期届满前修改后重新制发"),
            expired.pk: (CleanupResult.EXPIRE, "试行期满，奖补政策已并入新的支持政策"),
        }
        for record in NormativeDocument.objects.filter(agency=county).in_force(
            today - timedelta(days=30)
        ):
            result, note = outcomes.get(record.pk, (CleanupResult.CONTINUE, ""))
            p.record_cleanup_result(batch, record, by=clerk, result=result, note=note)
        p.publish_cleanup(batch, by=admin, on=today - timedelta(days=30))
        # open for comment now
        dogs = _draft(
            county,
            clerk,
            "云岭县养犬管理办法（征求意见稿）",
            written=today - timedelta(days=6),
            normative=False,
        )
        t.submit(dogs, by=clerk)
        dogs = t.approve_and_publish(dogs, by=reviewer, on=today - timedelta(days=5))
        open_now = p.open_consultation(
            dogs,
            by=clerk,
            title="《云岭县养犬管理办法（征求意见稿）》公开征求意见",
            starts_on=today - timedelta(days=5),
            ends_on=today + timedelta(days=30),
            today=today,
            explanation="为规范养犬行为，县公安局、县城管局起草了本办法，现公开征求意见。",
        )
        shown = p.submit_comment(
            open_now,
            name="",
            contact="demo4@example.cn",
            text="建议明确每日遛犬时段，并在小区设置宠物便溺箱。",
            today=today - timedelta(days=3),
        )
        p.moderate_comment(shown, by=clerk, show=True)
        p.submit_comment(
            open_now,
            name="李女士",
            contact="0000-2222222",
            text="建议对烈性犬名录进行公示。",
            today=today - timedelta(days=1),
        )
        assert expired.currency(today) == "已失效"
    return _summary(county)


def _summary(county: Agency) -> str:
    count = NormativeDocument.objects.filter(agency=county).count()
    names = "、".join(username for username, _, _ in COUNTY_STAFF)
    return (
        f"政策文件：{county.name}登记规范性文件{count}件，含解读、清理和意见征集；"
        f"县政府办演示账号 {names}"
    )
