from django.core.management.base import BaseCommand, CommandError

from gongkai.statute.fees import per_item_fee, per_page_fee


class Command(BaseCommand):
    help = "信息处理费（国办函〔2020〕109号）：per-item N 按件计收，per-page P 按量计收"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="method", required=True, metavar="{per-item,per-page}")
        item = sub.add_parser("per-item", help="同一申请人一个自然月内 N 件申请的应收费用（元）")
        item.add_argument("count", type=int)
        page = sub.add_parser("per-page", help="一件申请 P 页的应收费用（元）")
        page.add_argument("count", type=int)

    def handle(self, *args, method: str, count: int, **options):
        if count < 0:
            raise CommandError("件数或页数不能为负数")
        fee = per_item_fee(count) if method == "per-item" else per_page_fee(count)
        self.stdout.write(str(fee))
