import os

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.urls import reverse

from gongkai.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "准备并启动演示站点：建库、载入虚构的演示乡镇和演示账号，在 127.0.0.1:8000 提供服务"

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="只准备数据，不启动服务")
        parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")

    def handle(self, *args, no_serve: bool, port: int, **options):
        call_command("migrate", interactive=False, verbosity=0)
        township = load_demo()
        from django.utils import timezone

        from gongkai.applications.demo import load_demo_applications
        from gongkai.catalogue.demo import load_demo_catalogue

        items = load_demo_catalogue(township, today=timezone.localdate())
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
        url = f"http://127.0.0.1:{port}"
        self.stdout.write(f"演示机构：{township.name}（索引号前缀 {township.index_prefix}）")
        self.stdout.write(
            f"演示数据：{items} 条主动公开信息，{count} 件依申请公开申请（含各类办理结果）"
        )
        self.stdout.write(f"年度报告：{DEMO_YEAR}年度报告已发布，索引号 {report.item.index_number}")
        self.stdout.write(f"门户网站：{url}/")
        self.stdout.write(f"工作人员登录：{url}{reverse('office:login')}")
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<8} {account.full_name}")
        from django.conf import settings

        self.stdout.write(f"演示邮件不外发，写入文件夹：{settings.EMAIL_FILE_PATH}")
        if no_serve:
            return
        os.environ["GONGKAI_DEMO"] = "1"  # plain-HTTP cookies and mail to var/mail in the server
        call_command("serve", host="127.0.0.1", port=port, workers=2)
