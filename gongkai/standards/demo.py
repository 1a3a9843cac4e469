"""The demo county's standard catalogue: a model of four 领域 with real-looking rows, adopted
by the township (one row hidden, one local row), the demo's items linked to their matters,
one item overdue and one due soon on the 工作台, a 公示 whose period has ended and a
不予公开 entry due for review. Made through the real steps; dated from `today` so the
工作台 is live. No real person's data."""

from __future__ import annotations

from datetime import date, timedelta

from gongkai.catalogue import transitions as t
from gongkai.catalogue.models import Category, DisclosureAttribute, Item
from gongkai.core.calendar import current_calendar
from gongkai.core.models import Agency, User
from gongkai.standards import register as r
from gongkai.standards import transitions as s
from gongkai.standards.models import Adoption, Matter, ModelCatalogue, NoticeEnd
from gongkai.statute.disclosure_limits import period_label

CATALOGUE_NAME = "云岭县乡镇（街道）基层政务公开标准目录（2025年版）"
TOWN = "乡镇人民政府"
WEB_BOARD = "政府网站、村（社区）公示栏"
ROWS = [
    # 社会救助
    dict(
        domain="社会救助",
        level1="最低生活保障",
        level2="城乡低保对象认定结果",
        content="低保对象姓名（户主）、所在村、保障人数、保障金额",
        basis="《社会救助暂行办法》《最低生活保障审核确认办法》",
        limit_kind="workdays",
        limit_days=7,
        channels=WEB_BOARD,
        audience="specific",
        notice_end=NoticeEnd.TAKE_DOWN,
    ),
    dict(
        domain="社会救助",
        level1="最低生活保障",
        level2="低保资金发放情况",
        content="发放月份、发放户数、人数、金额",
        basis="《社会救助暂行办法》",
        limit_kind="monthly",
        limit_days=10,
        channels=WEB_BOARD,
    ),
    dict(
        domain="社会救助",
        level1="临时救助",
        level2="临时救助对象公示",
        content="救助对象姓名、救助事由、救助金额",
        basis="《社会救助暂行办法》第四十七条",
        limit_kind="workdays",
        limit_days=7,
        channels=WEB_BOARD,
        audience="specific",
    ),
    dict(
        domain="社会救助",
        level1="特困人员救助供养",
        level2="特困人员认定条件和办理程序",
        content="认定条件、申请材料、办理流程、办理时限",
        basis="《特困人员认定办法》",
        channels="政府网站、便民服务站",
    ),
    # 涉农补贴
    dict(
        domain="涉农补贴",
        level1="耕地地力保护补贴",
        level2="补贴发放结果",
        content="补贴对象、补贴面积、补贴标准、补贴金额",
        basis="《农业相关转移支付资金管理办法》",
        limit_kind="yearly",
        limit_days=20,
        channels=WEB_BOARD,
        audience="specific",
    ),
    dict(
        domain="涉农补贴",
        level1="惠民惠农财政补贴",
        level2="补贴政策和申报指南",
        content="补贴项目、补贴对象、补贴标准、申报条件、办理程序",
        basis="《关于进一步加强惠民惠农财政补贴资金“一卡通”管理的指导意见》",
        channels="政府网站、便民服务站",
    ),
    dict(
        domain="涉农补贴",
        level1="农机购置补贴",
        level2="补贴资金兑付情况",
        content="购机者、机具品目、补贴金额",
        basis="《农机购置与应用补贴实施方案》",
        limit_kind="half_yearly",
        limit_days=20,
        channels="政府网站",
    ),
    # 财政预决算
    dict(
        domain="财政预决算",
        level1="财政预算",
        level2="乡镇财政预算及说明",
        content="一般公共预算收支、政府性基金预算、“三公”经费预算及说明",
        basis="《中华人民共和国预算法》第十四条",
        channels="政府网站",
        county_level=True,
        township_level=True,
    ),
    dict(
        domain="财政预决算",
        level1="财政决算",
        level2="乡镇财政决算及说明",
        content="决算收支、“三公”经费决算及说明",
        basis="《中华人民共和国预算法》第十四条",
        channels="政府网站",
        county_level=True,
        township_level=True,
    ),
    # 村级事务 (a county-added 领域)
    dict(
        domain="村级事务",
        level1="村级财务",
        level2="村级财务收支情况",
        content="村集体收入、支出明细，债权债务",
        basis="《村民委员会组织法》第三十条",
        limit_kind="quarterly",
        limit_days=10,
        subject="村民委员会（乡镇指导）",
        channels="村务公开栏",
    ),
    dict(
        domain="村级事务",
        level1="村务公开",
        level2="村务公开事项",
        content="村民会议决定事项、集体经济项目、宅基地使用",
        basis="《村民委员会组织法》第三十条",
        limit_kind="quarterly",
        limit_days=10,
        subject="村民委员会（乡镇指导）",
        channels="村务公开栏",
    ),
    dict(
        domain="村级事务",
        level1="一事一议",
        level2="一事一议筹资筹劳方案公示",
        content="议事项目、筹资筹劳标准、村民代表会议表决结果",
        basis="《村民一事一议筹资筹劳管理办法》",
        limit_kind="workdays",
        limit_days=5,
        channels="村务公开栏、政府网站",
    ),
]


def _relief() -> Category:
    return Category.objects.get(agency=None, name="社会救助", source="standard")


def load_demo_standards(township: Agency, *, today: date) -> int:
    """Create the demo's standard catalogue once; returns the matters the township adopted."""
    county = township.parent
    if ModelCatalogue.objects.filter(issuer=county, name=CATALOGUE_NAME).exists():
        return Adoption.objects.filter(agency=township, hidden=False).count()
    county_admin = User.objects.get(username="xian")
    clerk = User.objects.get(username="jingban")
    reviewer = User.objects.get(username="shenhe")
    calendar = current_calendar()
    catalogue = s.issue_catalogue(
        county, by=county_admin, name=CATALOGUE_NAME, issued_on=date(2025, 3, 1)
    )
    matters = {}
    for order, row in enumerate(ROWS, start=1):
        fields = {"subject": TOWN, **row}
        matters[row["level2"]] = s.add_matter(catalogue, by=county_admin, order=order, **fields)
    s.adopt_catalogue(township, catalogue, by=clerk, on=date(2025, 3, 10))
    s.hide(
        Adoption.objects.get(agency=township, matter=matters["补贴资金兑付情况"]),
        by=clerk,
        reason="农机购置补贴由县农业农村局统一兑付并公开，本镇不承担",
    )
    s.add_local_matter(
        township,
        by=clerk,
        on=date(2025, 4, 1),
        domain="村级事务",
        level1="人居环境",
        level2="农村人居环境整治红黑榜",
        content="各村评比结果、整改要求",
        limit_kind="monthly",
        limit_days=5,
        subject=TOWN,
        channels="村务公开栏、微信公众号",
        order=100,
    )

    # the demo year's items under their matters
    for item in Item.objects.filter(agency=township, title__contains="财务收支公开"):
        s.link_item(item, matters["村级财务收支情况"], by=clerk)
    for item in Item.objects.filter(agency=township, title__contains="村务公开"):
        s.link_item(item, matters["村务公开事项"], by=clerk)
    waiting = Item.objects.filter(agency=township, title="青石镇临时救助对象公示").first()
    if waiting is not None:  # formed 20 days ago, 7 working days: overdue on the 工作台
        s.link_item(waiting, matters["临时救助对象公示"], by=clerk)

    # every periodic matter published for its last ended period, so only one line is overdue
    for matter in s.adopted_matters(township):
        if not matter.limit.kind.periodic:
            continue
        first, last = matter.limit.last_ended_period(today)
        title = f"青石镇{period_label(first, last)}{matter.level2}"
        on = min(today, last + timedelta(days=3))
        _publish(township, clerk, reviewer, matter, title, last, on)

    # one 低保 result due within days: formed so its 7 working days end soon
    target = calendar.add(today, 2).date
    formed = today
    while calendar.add(formed, 7).date > target:
        formed -= timedelta(days=1)
    draft = t.create_draft(
        township,
        by=clerk,
        category=_relief(),
        title="青石镇新增城乡低保对象认定结果公示",
        formed_on=formed,
        body="<p>经入户调查、民主评议和审核确认，新增以下低保对象：……</p>",
    )
    s.link_item(draft, matters["城乡低保对象认定结果"], by=clerk)

    # a 公示 of 7 days that has ended: the portal says so and the body is taken down
    noticed = t.create_draft(
        township,
        by=clerk,
        category=_relief(),
        title="青石镇城乡低保对象认定结果公示（第一批）",
        formed_on=today - timedelta(days=30),
        body="<p>拟认定低保对象：青石村赵某（演示）等3户。</p>",
    )
    s.link_item(noticed, matters["城乡低保对象认定结果"], by=clerk)
    s.set_notice_period(noticed, by=clerk, starts_on=today - timedelta(days=28), days=7)
    t.approve_and_publish(t.submit(noticed, by=clerk), by=reviewer, on=today - timedelta(days=28))
    s.end_notice_periods(today=today)

    # the register: a 不予公开 entry whose review date has come (条例第十八条)
    r.record_entry(
        township,
        by=clerk,
        attribute=DisclosureAttribute.WITHHELD,
        title="青石镇信访事项内部研究意见",
        document_number="青政办〔2025〕12号",
        dated_on=date(2025, 5, 12),
        reason="内部研究意见，属过程性信息",
        basis="条例第十六条第二款",
        review_on=today,
    )
    r.record_entry(
        township,
        by=clerk,
        attribute=DisclosureAttribute.ON_APPLICATION,
        title="青石镇2025年土地承包经营权确权台账",
        document_number="",
        dated_on=date(2025, 8, 20),
        reason="涉及特定农户，依申请向本人提供",
        basis="条例第二十七条",
    )
    return Adoption.objects.filter(agency=township, hidden=False).count()


def _publish(township, clerk, reviewer, matter: Matter, title: str, formed: date, on: date):
    affairs = Category.objects.filter(agency=township, name="三务公开").first()
    category = affairs if matter.domain == "村级事务" and affairs else _relief()
    item = t.create_draft(
        township,
        by=clerk,
        category=category,
        title=title,
        formed_on=formed,
        body=f"<p>{title}。</p>",
    )
    s.link_item(item, matter, by=clerk)
    return t.approve_and_publish(t.submit(item, by=clerk), by=reviewer, on=on)
