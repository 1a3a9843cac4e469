"""The demo: a fictional county platform with one township. No real person's data.

Loading is idempotent: agencies are updated in place, accounts are created once and keep
whatever password they were given since."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from gongkai.core.audit import audit
from gongkai.core.models import Agency, AgencyLevel, Membership, Role, User

DEMO_PASSWORD = "gongkai-demo"

COUNTY = {
    "name": "云岭县人民政府",
    "level": AgencyLevel.COUNTY_GOVERNMENT,
    "index_prefix": "11532900MB00000019",
    "office_name": "云岭县人民政府办公室（县政务公开办）",
    "office_address": "云岭县城关镇政府路1号",
    "office_hours": "工作日 8:30—12:00，14:30—18:00",
    "office_phone": "0000-1234567",
    "office_email": "gongkai@yunling.example.cn",
    # 行政复议法第二十四条: a county government's 复议机关 is the government one level up
    "reconsideration_body": "云岭州人民政府（演示）",
    # 行政复议法第二十二条第二款: a letter delivered online names the 复议机关's online channel
    "reconsideration_online": "云岭州行政复议网上申请平台（演示）https://fuyi.yunling.example.cn",
    "fee_payment_method": "通过非税收入统一缴款码缴纳（演示），或到县政务服务中心窗口刷卡缴纳",
    "letter_prefix": "云政依申复",
}
TOWNSHIP = {
    "name": "云岭县青石镇人民政府",
    "level": AgencyLevel.TOWNSHIP,
    "index_prefix": "012345671",
    "office_name": "青石镇人民政府党政综合办公室",
    "office_address": "云岭县青石镇青石大街8号",
    "office_hours": "工作日 8:30—12:00，14:30—18:00",
    "office_phone": "0000-7654321",
    "office_fax": "0000-7654322",
    "office_email": "qingshi@yunling.example.cn",
    # 行政复议法第二十四条: a township's 复议机关 is the county people's government
    "reconsideration_body": "云岭县人民政府",
    "reconsideration_online": "云岭县行政复议网上申请平台（演示）https://fuyi.yunling.example.cn",
    "fee_payment_method": "通过非税收入统一缴款码缴纳（演示），或到青石镇便民服务中心窗口刷卡缴纳",
    "letter_prefix": "青政依申复",
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    agency: str  # "county" or "township"
    role: Role
    superuser: bool = False


DEMO_ACCOUNTS = (
    DemoAccount("jingban", "李晓红（演示经办人）", "township", Role.CLERK),
    DemoAccount("shenhe", "王建国（演示审核人）", "township", Role.REVIEWER),
    DemoAccount("guanli", "张丽（演示管理员）", "township", Role.ADMIN),
    DemoAccount("xian", "赵明（演示县政务公开办）", "county", Role.ADMIN),
    DemoAccount("xitong", "系统管理员（演示）", "county", Role.ADMIN, superuser=True),
)


def load_demo() -> Agency:
    """Create or refresh the demo county and township and their staff; returns the township."""
    with transaction.atomic():
        county, _ = Agency.objects.update_or_create(name=COUNTY["name"], defaults=COUNTY)
        township, _ = Agency.objects.update_or_create(
            name=TOWNSHIP["name"], defaults={**TOWNSHIP, "parent": county}
        )
        for agency in (county, township):
            agency.full_clean()
        agencies = {"county": county, "township": township}
        for account in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=account.username,
                defaults={
                    "full_name": account.full_name,
                    "is_staff": account.superuser,
                    "is_superuser": account.superuser,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.must_change_password = True  # its password is printed for all to see
                user.save(update_fields=["password", "must_change_password"])
                audit(None, "demo.account.created", obj=user, actor_label="演示数据")
            Membership.objects.get_or_create(
                user=user, agency=agencies[account.agency], role=account.role
            )
    return township
