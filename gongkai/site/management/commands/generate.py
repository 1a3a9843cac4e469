import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”无法识别，应写作 2026-11-27") from None


class Command(BaseCommand):
    help = "生成一个虚构的省（机构、政府信息、申请），用于性能测试；同一种子生成同样的数据"

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=int, default=1000, help="机构数（默认 1000）")
        parser.add_argument("--items", type=int, default=100_000, help="政府信息条数")
        parser.add_argument("--applications", type=int, default=100_000, help="申请件数")
        parser.add_argument(
            "--matters", type=int, default=0, help="标准目录事项数（每个机构都采用；默认 0）"
        )
        parser.add_argument("--seed", type=int, default=1, help="随机种子（默认 1）")
        parser.add_argument("--province", default="模拟省", help="省名（默认“模拟省”）")
        parser.add_argument(
            "--as-of",
            default="2026-11-27",
            help="数据截止日期（默认 2026-11-27），之后的事尚未发生",
        )
        parser.add_argument("--quiet", action="store_true", help="不显示进度条")

    def handle(
        self, *args, agencies, items, applications, seed, province, as_of, quiet, matters, **options
    ):
        from gongkai.core.models import Agency
        from gongkai.synthetic.load import generate
        from gongkai.synthetic.province import MAX_AGENCIES, NameTaken

        as_of = _date(as_of)
        if not 1 <= agencies <= MAX_AGENCIES:
            raise CommandError(f"机构数须在 1 到 {MAX_AGENCIES:,} 之间")
        if not 0 <= matters <= 2000:
            raise CommandError("标准目录事项数须在 0 到 2,000 之间")
        if items < 0 or applications < 0:
            raise CommandError("政府信息条数和申请件数不能为负数")
        if not date(2021, 1, 1) < as_of <= date(2099, 12, 31):
            raise CommandError("截止日期须在 2021 年之后")
        if Agency.objects.filter(name=f"{province}人民政府").exists():
            raise CommandError(
                f"数据库中已有“{province}人民政府”。请在空数据库上运行，或用 --province 另取省名"
            )
        started = time.perf_counter()
        try:
            with transaction.atomic():  # all or nothing: an interrupted run leaves no trace
                rows = generate(
                    province=province, agencies=agencies, items=items,
                    applications=applications, seed=seed, as_of=as_of, quiet=quiet,
                    matters=matters,
                )  # fmt: skip
        except NameTaken as error:
            raise CommandError(str(error)) from None
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"已生成“{province}”：{rows['agencies']:,} 个机构、{rows['items']:,} 条政府信息、"
            f"{rows['applications']:,} 件申请，共写入 {rows['total']:,} 行，用时 {seconds:.1f} 秒"
            f"（{rows['total'] / max(seconds, 1e-9):,.0f} 行/秒）"
        )
