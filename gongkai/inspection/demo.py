"""The demo township as an inspector would find it in a normal week: its news column kept
up, and one problem of each kind the self-check looks for, planted through the real
transitions so a newcomer sees every kind of finding and how fixing it makes it go."""

from __future__ import annotations

from datetime import date, timedelta

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category, CategorySource, Item
from gongkai.core.calendar import current_calendar
from gongkai.core.models import Agency, User
from gongkai.inspection.models import SiteIdentity

# What the demo plants, as (indicator, subject): the demo's test checks the self-check
# finds exactly these among its scored findings.
PLANTED_COLUMN_STALE = "通知公告"
PLANTED_EMPTY_COLUMN = "乡村振兴"
PLANTED_BROKEN_LINK = "秸秆禁烧政策问答"
PLANTED_WORDING = "青石镇表彰2026年度防汛抗旱先进集体"
PLANTED_NOTICE = "青石镇2026年度冬季临时救助对象公示"


def _column(township: Agency, name: str) -> Category:
    root, _ = Category.objects.get_or_create(
        agency=township, parent=None, name="本镇栏目", defaults={"source": CategorySource.AGENCY}
    )
    category, _ = Category.objects.get_or_create(
        agency=township, parent=root, name=name, defaults={"source": CategorySource.AGENCY}
    )
    return category


def load_demo_inspection(township: Agency, *, today: date) -> None:
    if Item.objects.filter(agency=township, title=PLANTED_WORDING).exists():
        return
    clerk = User.objects.get(username="jingban")
    reviewer = User.objects.get(username="shenhe")
    calendar = current_calendar()

    def publish(category, title, on, body):
        item = t.create_draft(
            township, by=clerk, category=category, title=title, formed_on=on, body=body
        )
        return t.approve_and_publish(t.submit(item, by=clerk), by=reviewer, on=on)

    SiteIdentity.objects.get_or_create(
        agency=None,
        defaults={
            "sponsor": "云岭县人民政府办公室",
            "operator": "云岭县政务服务和大数据中心（演示）",
            "site_code": "5300000001",
            "icp_number": "滇ICP备00000001号-1（演示）",
            "police_record": "滇公网安备53000002000001号（演示）",
            "police_record_code": "53000002000001",
        },
    )
    SiteIdentity.objects.get_or_create(
        agency=township, defaults={"sponsor": township.name, "phone": township.office_phone}
    )
    # the news column is kept up: three items in the last fortnight
    news = _column(township, "工作动态")
    for days_ago, title in (
        (12, "青石镇召开冬季森林防火工作部署会"),
        (6, "青石镇开展安全生产大检查"),
        (2, "青石镇组织低保政策培训"),
    ):
        on = calendar.add(today - timedelta(days=days_ago), 0).date
        publish(news, title, min(on, today), f"<p>{title}。</p>")
    # a notice column last updated more than six months ago (19号: 单项否决)
    notices = _column(township, PLANTED_COLUMN_STALE)
    publish(
        notices,
        "关于做好春季森林防火工作的通知",
        calendar.add(today - timedelta(days=220), 0).date,
        "<p>各村（社区）：请做好春季森林防火工作。</p>",
    )
    # an empty column (19号: 空白栏目 扣分)
    _column(township, PLANTED_EMPTY_COLUMN)
    # a link to an item that was withdrawn (19号: 链接不可用)
    withdrawn = Item.objects.withdrawn().filter(agency=township).order_by("pk").first()
    target = f"/item/{withdrawn.pk}/" if withdrawn else "/item/0/"
    publish(
        news,
        PLANTED_BROKEN_LINK,
        calendar.add(today - timedelta(days=4), 0).date,
        f'<p>禁烧范围见<a href="{target}">此前发布的通知</a>。</p>',
    )
    # a serious wording error (19号: 严重表述错误, 单项否决)
    publish(
        news,
        PLANTED_WORDING,
        calendar.add(today - timedelta(days=3), 0).date,
        "<p>希望受表彰的集体再接再励，为全镇防汛抗旱工作作出新的贡献。</p>",
    )
    # a 公示 whose 7 days ended last week, which the nightly `gongkai notices` has not yet
    # marked (19号: 过期信息仍在展示)
    from gongkai.standards.transitions import set_notice_period

    started = calendar.add(today - timedelta(days=14), 0).date
    notice = t.create_draft(
        township,
        by=clerk,
        category=Category.objects.get(agency=None, name="社会救助", parent__source="article21"),
        title=PLANTED_NOTICE,
        formed_on=started,
        body="<p>经村民委员会评议、镇人民政府审核，拟对以下对象给予临时救助（名单略）。</p>",
    )
    set_notice_period(notice, by=clerk, starts_on=started, days=7)
    t.approve_and_publish(t.submit(notice, by=clerk), by=reviewer, on=started)
