"""The demo county's 《政府网站工作年度报表》 on the last finished year, made through the real
steps: the county's 经办人 starts it and fills the cells no record holds and the sign-off
under the table, its 审核人 — who filled none — publishes it on 20 January, before the
31 January deadline (国办函〔2018〕12号).
Every other cell is counted from the demo's records (compute.py) and frozen as published."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.core.models import Agency, Membership, Role
from gongkai.sitereport import transitions as t
from gongkai.sitereport.format import DUE_MONTH
from gongkai.sitereport.models import SiteReport

HOME_URL = "https://www.yunling.example.gov.cn/"
PUBLISHED_DAY = 20  # of January: before the 31st

# what the county's staff know and no record holds (人工填报); the sums agree with their parts
STAFF_VALUES = {
    "site_name": "云岭县人民政府门户网站",
    "home_url": HOME_URL,
    "topics_kept": 12,
    "topics_new": 3,
    "responses": 9,
    "service_catalogue": "是",
    "registered_users": 18652,
    "service_items": 1127,
    "online_items": 986,
    "cases_total": 23415,
    "cases_natural": 19870,
    "cases_legal": 3545,
    "unified_platform": "是",
    "interviews": 4,
    "interview_messages": 57,
    "interview_answers": 52,
    "smart_qa": "否",
    "security_checks": 12,
    "problems_found": 7,
    "problems_fixed": 7,
    "monitoring": "是",
    "drills": "是",
    "security_owner": "是",
    "has_media": "是",
    "weibo_name": "云岭发布",
    "weibo_posts": 640,
    "weibo_followers": 21300,
    "wechat_name": "云岭县人民政府",
    "wechat_posts": 1185,
    "wechat_subscribers": 46820,
    "innovation": ["搜索即服务", "无障碍浏览"],
}
# the sign-off, typed on the same step: fictitious officers of the fictitious county, and an
# office line in the shape of a fixed number (no real person's name or telephone); 填报日期
# is left to be the day of publication
SIGN_OFF = {
    "head": "周志远",
    "reviewer": "陈雅琴",
    "filler": "刘晓东",
    "phone": "0871-12345678",
}


def load_demo_site_report(county: Agency, *, today: date) -> SiteReport | None:
    """The report on `today`'s last finished year, published (or, in the first days of
    January, published today); None when the county has no 经办人 and 审核人 (the policies'
    demo adds them) or the report is already there."""
    year = today.year - 1
    if SiteReport.objects.filter(agency=county, year=year).exists():
        return None
    staff = {
        m.role: m.user
        for m in Membership.objects.filter(agency=county, role__in=(Role.CLERK, Role.REVIEWER))
        .select_related("user")
        .order_by("pk")
    }
    if Role.CLERK not in staff or Role.REVIEWER not in staff:
        return None
    published_on = min(date(today.year, DUE_MONTH, PUBLISHED_DAY), today)
    with transaction.atomic():
        report = t.start_report(county, year, by=staff[Role.CLERK], today=published_on)
        report = t.fill_cells(report, by=staff[Role.CLERK], values={**STAFF_VALUES, **SIGN_OFF})
        return t.publish(report, by=staff[Role.REVIEWER], on=published_on)
