import os

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.urls import reverse

from gongkai.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo


def _catalogue_count(township) -> int:
    """The number the portal's 政府信息公开目录 shows for the township (portal/catalogue.py:
    published and withdrawn items, the column's own pages left out) — the report's item and
    every other item the demo adds included."""
    from gongkai.catalogue.models import Item, ItemStatus
    from gongkai.catalogue.tree import column_category_ids

    return (
        Item.objects.filter(
            agency=township, status__in=(ItemStatus.PUBLISHED, ItemStatus.WITHDRAWN)
        )
        .exclude(category_id__in=column_category_ids())
        .count()
    )


def account_lines() -> list[str]:
    """Every demo account with its agency and roles, as they are in the database — the
    township's staff, the county's (policies/demo.py adds 县政府办's 经办人 and 审核人) and the
    system administrator."""
    from gongkai.core.models import User
    from gongkai.policies.demo import COUNTY_STAFF

    usernames = [a.username for a in DEMO_ACCOUNTS] + [name for name, _, _ in COUNTY_STAFF]
    users = User.objects.filter(username__in=usernames).prefetch_related("memberships__agency")
    by_name = {user.username: user for user in users}
    lines = []
    for username in usernames:
        user = by_name.get(username)
        if user is None:
            continue
        roles = "；".join(f"{m.agency.name} {m.get_role_display()}" for m in user.memberships.all())
        extra = "，可进入系统管理后台" if user.is_superuser else ""
        lines.append(f"{username:<12} {user.full_name}：{roles}{extra}")
    return lines


class Command(BaseCommand):
    help = "准备并启动演示站点：建库、载入虚构的演示乡镇和演示账号，在 127.0.0.1:8000 提供服务"

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="只准备数据，不启动服务")
        parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")

    def handle(self, *args, no_serve: bool, port: int, **options):
        if not no_serve:  # before loading anything: a taken port is said at once, in Chinese
            from gongkai.core.management.commands.serve import refuse_taken_port

            refuse_taken_port("127.0.0.1", port, self.stderr)
        call_command("migrate", interactive=False, verbosity=0)
        township = load_demo()
        from django.utils import timezone

        from gongkai.applications.demo import load_demo_applications
        from gongkai.catalogue.demo import load_demo_catalogue

        load_demo_catalogue(township, today=timezone.localdate())
        from gongkai.standards.demo import load_demo_standards

        load_demo_standards(township, today=timezone.localdate())
        count = load_demo_applications(township, today=timezone.localdate())
        from gongkai.inspection.demo import load_demo_inspection

        load_demo_inspection(township, today=timezone.localdate())
        from gongkai.applications.demo import DEMO_YEAR
        from gongkai.reports.demo import load_demo_report

        report = load_demo_report(
            township,
            year=DEMO_YEAR,
            published_on=township.report_deadline(DEMO_YEAR).replace(day=20),
        )
        from gongkai.policies.demo import load_demo_policies

        self.stdout.write(load_demo_policies(township.parent, today=timezone.localdate()))
        from gongkai.interaction.demo import load_demo_interaction

        messages = load_demo_interaction(township, today=timezone.localdate())
        self.stdout.write(f"互动交流：{messages} 条留言和常见问题（含各办理状态）")
        from gongkai.submissions.demo import load_demo_submissions

        sent = load_demo_submissions(township, today=timezone.localdate())
        self.stdout.write(f"报送采用：{sent} 条乡镇报送（县级已采用、已退回、待采用各一条）")
        from gongkai.core.dates import chinese_date
        from gongkai.sitereport.demo import load_demo_site_report

        site_report = load_demo_site_report(township.parent, today=timezone.localdate())
        if site_report is not None:
            self.stdout.write(
                f"网站年度报表：{site_report.year}年度政府网站工作年度报表已于"
                f"{chinese_date(site_report.published_on)}发布（HTML、DOCX、CSV）"
            )
        url = f"http://127.0.0.1:{port}"
        self.stdout.write(f"演示机构：{township.name}（索引号前缀 {township.index_prefix}）")
        self.stdout.write(
            f"演示数据：{_catalogue_count(township)} 条主动公开信息（即门户网站目录所列），"
            f"{count} 件依申请公开申请（含各类办理结果）"
        )
        self.stdout.write(f"年度报告：{DEMO_YEAR}年度报告已发布，索引号 {report.item.index_number}")
        self.stdout.write(f"门户网站：{url}/")
        self.stdout.write(f"工作人员登录：{url}{reverse('office:login')}")
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}，演示中不要求修改密码）：")
        for line in account_lines():
            self.stdout.write(f"  {line}")
        from django.conf import settings

        self.stdout.write(f"演示邮件不外发，写入文件夹：{settings.EMAIL_FILE_PATH}")
        if no_serve:
            return
        os.environ["GONGKAI_DEMO"] = "1"  # plain-HTTP cookies and mail to var/mail in the server
        call_command("serve", host="127.0.0.1", port=port, workers=2)
