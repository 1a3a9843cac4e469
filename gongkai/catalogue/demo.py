"""A fictional township's year of proactive disclosure, in the proportions of the seed
report (311 动态, 54 三务 items, 6 catalogue items; 383 WeChat and 210 Weibo posts; media
adoptions 177/7/9/3), made through the real transitions. No real person's data."""

from __future__ import annotations

import random
from datetime import date, timedelta

from gongkai.catalogue import channels
from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import (
    Category,
    CategorySource,
    Channel,
    DocumentKind,
    Item,
    MediaLevel,
    Validity,
)
from gongkai.catalogue.subjects import column_category
from gongkai.core.calendar import current_calendar
from gongkai.core.models import Agency, User
from gongkai.statute.catalogue_subjects import GUIDE, RULES
from gongkai.statute.codes import resident_id_check_char

DEMO_YEAR = 2025
NEWS, VILLAGE_AFFAIRS = 311, 54
WECHAT_POSTS, WEIBO_POSTS = 383, 210
MEDIA = {MediaLevel.COUNTY: 177, MediaLevel.CITY: 7, MediaLevel.PROVINCE: 9, MediaLevel.CENTRAL: 3}
OUTLETS = {
    MediaLevel.COUNTY: ["云岭县融媒体中心", "云岭发布"],
    MediaLevel.CITY: ["云州日报（演示）"],
    MediaLevel.PROVINCE: ["云岭省日报（演示）", "云岭省广播电视台（演示）"],
    MediaLevel.CENTRAL: ["新华网", "学习强国"],
}
TOPICS = [
    "防汛抗旱",
    "森林防火",
    "秸秆禁烧",
    "低保核查",
    "临时救助",
    "耕地保护",
    "征地补偿",
    "惠农补贴发放",
    "人居环境整治",
    "安全生产检查",
    "乡村振兴",
    "医保缴费",
    "养老保险认证",
    "就业技能培训",
    "农村危房改造",
    "义务教育控辍保学",
    "食品安全",
    "矛盾纠纷排查",
    "高标准农田建设",
    "河湖长制巡河",
]
ACTIONS = ["召开{}工作部署会", "开展{}专项行动", "推进{}工作", "组织{}培训", "督查{}落实情况"]
DEMO_ID = "53290019800101016" + resident_id_check_char("53290019800101016")  # fictional
VILLAGES = ["青石村", "石门村", "柳湾村", "河坝村", "新庄村", "云台村"]
AFFAIRS = ["村务公开", "财务收支公开", "党务公开"]
NORMATIVE = [
    # (year published, title, number); each is registered and published with its 解读
    (2023, "青石镇村集体资产管理办法", "青政发〔2023〕4号"),
    (2024, "青石镇一事一议筹资筹劳管理办法", "青政发〔2024〕2号"),
    (2024, "青石镇秸秆禁烧管理规定", "青政发〔2024〕6号"),
    (2025, "青石镇临时救助实施细则", "青政发〔2025〕3号"),
    (2025, "青石镇村集体资产管理办法（修订）", "青政发〔2025〕7号"),
]
# How two of them left force, each by its lawful path (issue 23): the 2024 规定 was registered
# for one burning season and is 失效 the day after its 有效期 ended (有效期届满); the 2025
# revision 替代 the 2023 办法 from its own 施行日期 (a later document, 已废止 in table 二).
SHORT_VALIDITY = {"青政发〔2024〕6号": date(2025, 10, 30)}
REPLACES = {"青政发〔2025〕7号": "青政发〔2023〕4号"}


def _own_category(township: Agency, name: str) -> Category:
    root, _ = Category.objects.get_or_create(
        agency=township,
        parent=None,
        name="本镇栏目",
        defaults={"source": CategorySource.AGENCY},
    )
    category, _ = Category.objects.get_or_create(
        agency=township, parent=root, name=name, defaults={"source": CategorySource.AGENCY}
    )
    return category


def _shared(name: str) -> Category:
    return Category.objects.get(agency=None, name=name, parent__source="article20")


def _publish(township, clerk, reviewer, on: date, formed: date, *, replaces=None, **fields) -> Item:
    item = t.create_draft(township, by=clerk, formed_on=formed, **fields)
    if item.document_kind == DocumentKind.NORMATIVE:
        # registered at drafting (国办发〔2018〕37号), published with its 解读 (国办发〔2016〕80号)
        (publish_normative,) = t.NORMATIVE_PUBLICATION
        return publish_normative(
            item,
            by=clerk,
            reviewer=reviewer,
            on=on,
            valid_until=SHORT_VALIDITY.get(item.document_number),
            replaces=replaces,
        )
    t.submit(item, by=clerk)
    return t.approve_and_publish(item, by=reviewer, on=on)


def _body(title: str, rng: random.Random) -> str:
    village = rng.choice(VILLAGES)
    return (
        f"<p>{title}。镇党委、政府高度重视，分管领导带队深入{village}等村实地了解情况，"
        "对存在的问题逐项登记、限期整改。</p>"
        "<p>下一步，我镇将持续跟踪落实情况，确保各项工作取得实效。</p>"
    )


def load_demo_catalogue(township: Agency, *, today: date) -> int:
    """Create the demo catalogue once; returns how many items the township has afterwards."""
    if Item.objects.filter(agency=township).exists():
        return Item.objects.filter(agency=township).count()
    rng = random.Random(DEMO_YEAR)
    clerk = User.objects.get(username="jingban")
    reviewer = User.objects.get(username="shenhe")
    calendar = current_calendar()
    news = _own_category(township, "工作动态")
    affairs = _own_category(township, "三务公开")

    back_catalogue = {}
    for year, title, number in NORMATIVE:
        if year == DEMO_YEAR:
            continue
        written = date(year, 3 + NORMATIVE.index((year, title, number)), 10)
        back_catalogue[number] = _publish(
            township,
            clerk,
            reviewer,
            calendar.add(written, 5).date,
            written,
            category=_shared("行政法规、规章和规范性文件"),
            title=title,
            document_number=number,
            written_on=written,
            document_kind=DocumentKind.NORMATIVE,
            body=f"<p>{title}全文。</p>",
        )
    for number, last_day in SHORT_VALIDITY.items():
        t.change_validity(
            back_catalogue[number],
            by=clerk,
            on=last_day + timedelta(days=1),
            validity=Validity.EXPIRED,
            because=t.BY_EXPIRY,
        )

    # 371 items over the demo year's working days, in publication order: the 6 目录 items are
    # the guide, the rules and the year's two 规范性文件, each with the 解读 published with it
    kinds = ["news"] * NEWS + ["affairs"] * VILLAGE_AFFAIRS + ["catalogue"] * 4
    rng.shuffle(kinds)
    workdays = calendar.between(date(DEMO_YEAR, 1, 2), date(DEMO_YEAR, 12, 31)).days
    catalogue_titles = iter(
        [
            (GUIDE, "青石镇人民政府政府信息公开指南（2025年修订）", DocumentKind.OTHER, ""),
            (RULES, "青石镇政府信息公开保密审查制度", DocumentKind.OTHER, ""),
            *[
                ("行政法规、规章和规范性文件", title, DocumentKind.NORMATIVE, number)
                for year, title, number in NORMATIVE
                if year == DEMO_YEAR
            ],
        ]
    )
    published: list[Item] = []
    for index, kind in enumerate(kinds):
        on = calendar.add(date(DEMO_YEAR, 1, 2), index * (workdays - 1) // len(kinds)).date
        late = index % 90 == 45  # a handful published after the 20 working days
        formed = on - timedelta(days=40 if late else rng.randint(0, 6))
        if kind == "news":
            topic = rng.choice(TOPICS)
            title = "青石镇" + rng.choice(ACTIONS).format(topic)
            fields = {"category": news, "title": title, "keywords": topic}
        elif kind == "affairs":
            quarter = (on.month - 1) // 3 + 1
            title = f"{rng.choice(VILLAGES)}{DEMO_YEAR}年第{quarter}季度{rng.choice(AFFAIRS)}"
            fields = {"category": affairs, "title": title, "keywords": "三务公开"}
        else:
            where, title, document_kind, number = next(catalogue_titles)
            category = (
                column_category(Category, where) if where in (GUIDE, RULES) else _shared(where)
            )
            fields = {
                "category": category,
                "title": title,
                "document_kind": document_kind,
                "document_number": number,
                "written_on": formed if number else None,
                "replaces": back_catalogue.get(REPLACES.get(number, "")),
            }
        fields.setdefault("body", _body(fields["title"], rng))
        published.append(_publish(township, clerk, reviewer, on, formed, **fields))

    _log_channels(township, clerk, published, rng, today)
    t.withdraw(
        published[10],
        by=reviewer,
        on=calendar.add(published[10].published_on, 3).date,
        reason="标题有误，已更正后重新发布",
    )
    _work_in_progress(township, clerk, reviewer, calendar, today)
    return Item.objects.filter(agency=township).count()


def _log_channels(township, clerk, published, rng, today) -> None:
    news = [i for i in published if i.category.name == "工作动态"]
    affairs = [i for i in published if i.category.name == "三务公开"]
    for item in affairs:
        channels.record_channel_post(
            township,
            by=clerk,
            channel=Channel.NOTICE_BOARD,
            on=item.published_on,
            today=today,
            item=item,
        )
    for count, channel in ((WECHAT_POSTS, Channel.WECHAT), (WEIBO_POSTS, Channel.WEIBO)):
        for index in range(count):
            # spread over the year: every item once, then stand-alone posts (WeChat only)
            item = news[index * len(news) // min(count, len(news))] if index < len(news) else None
            on = item.published_on if item else date(DEMO_YEAR, 1 + index % 12, 1 + index % 28)
            title = "" if item else f"{channel.label}：青石镇{rng.choice(TOPICS)}（第{index}期）"
            channels.record_channel_post(
                township, by=clerk, channel=channel, on=on, today=today, item=item, title=title
            )
    for level, count in MEDIA.items():
        for index in range(count):
            item = news[index * len(news) // count]
            channels.record_media_adoption(
                township,
                by=clerk,
                level=level,
                outlet=rng.choice(OUTLETS[level]),
                on=item.published_on,
                today=today,
                item=item,
            )


def _work_in_progress(township, clerk, reviewer, calendar, today) -> None:
    """What a clerk finds on Monday morning: drafts, one awaiting review with personal data
    in it, one returned by the reviewer — dated from today so their deadlines are live."""
    recent = today - timedelta(days=20)
    t.create_draft(
        township,
        by=clerk,
        category=_own_category(township, "工作动态"),
        title="青石镇开展冬季森林防火专项检查",
        formed_on=today - timedelta(days=2),
        body="<p>近日，青石镇组织开展冬季森林防火专项检查。</p>",
    )
    waiting = t.create_draft(
        township,
        by=clerk,
        category=_shared("扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
        title="青石镇临时救助对象公示",
        formed_on=recent,
        body=(
            "<p>经村民委员会评议、镇人民政府审核，拟对以下对象给予临时救助：</p>"
            f"<p>赵一（演示），身份证号 {DEMO_ID}，联系电话 13800001234，救助金额 2000 元。</p>"
        ),
    )
    t.submit(waiting, by=clerk)
    returned = t.create_draft(
        township,
        by=clerk,
        category=_own_category(township, "三务公开"),
        title="河坝村第三季度财务收支公开",
        formed_on=recent,
        body="<p>收支明细见附表。</p>",
    )
    t.submit(returned, by=clerk)
    t.return_item(returned, by=reviewer, reason="缺少收支明细附表，请补充后重新提交")
