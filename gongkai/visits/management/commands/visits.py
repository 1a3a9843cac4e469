from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.visits.counting import LogError, count


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”无法识别，应写作 2026-12-04") from None


class Command(BaseCommand):
    help = "网站访问量：count 从 nginx 访问日志统计访问量和独立用户（不用脚本、不用 Cookie）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{count}")
        counter = sub.add_parser(
            "count",
            help="统计日志（可为 .gz）中的访问量和独立用户；同一天再统计一次会替换，不会重复计数",
        )
        counter.add_argument("logfile", nargs="+", help="nginx 访问日志（gongkai_visits 格式）")
        counter.add_argument("--day", help="只统计这一天（YYYY-MM-DD），通常是昨天")

    def handle(self, *args, action: str, **options):
        day = _day(options["day"]) if options["day"] else None
        try:
            tally = count([Path(name) for name in options["logfile"]], day=day)
        except LogError as error:
            raise CommandError(f"{error}；未写入任何统计") from None
        for (seen_day, host), (views, visitors) in sorted(tally.written.items()):
            self.stdout.write(f"{seen_day:%Y-%m-%d} {host}：访问量 {views}，独立用户 {visitors}")
        self.stdout.write(
            f"共计入 {tally.counted} 次页面访问；跳过格式不符的 {tally.skipped} 行、"
            f"其他日期的 {tally.other_days} 行、非页面请求 {tally.not_pages} 行、"
            f"爬虫 {tally.robots} 行"
        )
        if tally.counted == 0 and not tally.hosts:
            self.stdout.write("提示：没有可统计的行，数据库未改动")
