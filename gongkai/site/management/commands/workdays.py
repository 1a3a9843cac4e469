import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from gongkai.core.calendar import current_calendar, import_arrangements
from gongkai.statute.arrangement_file import (
    ArrangementFileError,
    decode_text,
    parse_arrangements,
    parse_date,
)
from gongkai.statute.workdays import WorkdayCalendar, builtin_arrangements


def _date(text: str):
    try:
        return parse_date(text)
    except ValueError:
        raise CommandError(f"日期“{text}”无法识别，应写作 2024-09-27") from None


class Command(BaseCommand):
    help = "工作日计算与节假日安排：add、between、import、status"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(
            dest="action", required=True, metavar="{add,between,import,status}"
        )
        add = sub.add_parser("add", help="DATE 之后第 N 个工作日（起算日为第 0 天）")
        add.add_argument("date")
        add.add_argument("n", type=int)
        between = sub.add_parser("between", help="A 之后到 B（含）之间的工作日数")
        between.add_argument("start")
        between.add_argument("end")
        imp = sub.add_parser(
            "import", help="导入节假日安排 CSV（日期,类型,依据），整体校验后才写入"
        )
        imp.add_argument("file")
        imp.add_argument(
            "--region",
            default="",
            help="地区名称：导入该地区的民族节日（放假办法第四条），与机构的“节假日地区”一致",
        )
        sub.add_parser("status", help="列出已有节假日安排的年份")

    def handle(self, *args, action: str, **options):
        if action == "add":
            answer = self._calendar().add(_date(options["date"]), self._count(options["n"]))
            self.stdout.write(
                f"{answer.date:%Y-%m-%d}" + (" provisional" if answer.provisional else "")
            )
        elif action == "between":
            answer = self._calendar().between(_date(options["start"]), _date(options["end"]))
            self.stdout.write(str(answer.days) + (" provisional" if answer.provisional else ""))
        elif action == "import":
            self._import(Path(options["file"]), region=options["region"].strip())
        else:
            self._status()

    @staticmethod
    def _count(n: int) -> int:
        if n < 0:
            raise CommandError("工作日数不能为负数")
        return n

    def _calendar(self) -> WorkdayCalendar:
        try:
            return current_calendar()
        except DatabaseError:
            sys.stderr.write("提示：数据库尚未初始化（gongkai migrate），只使用内置节假日数据\n")
            return WorkdayCalendar(builtin_arrangements())

    def _import(self, path: Path, *, region: str = "") -> None:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"无法读取文件 {path}：{error.strerror}") from None
        try:
            rows = parse_arrangements(decode_text(data))
        except ArrangementFileError as error:
            raise CommandError(
                f"文件 {path.name} 有 {len(error.problems)} 处问题，未导入任何内容：\n{error}"
            ) from None
        result = import_arrangements(
            rows, by=None, actor_label="命令行", file_name=path.name, region=region
        )
        from django.utils import timezone

        from gongkai.core.calendar import follow_import

        # the arrangement may firm up provisional deadlines: the apps above recount now
        followed = follow_import(today=timezone.localdate())
        years = "、".join(str(y) for y in result.years)
        self.stdout.write(
            (f"已导入{region}的 " if region else "已导入 ")
            + f"{years} 年节假日安排：新增 {result.added} 天，"
            f"修改 {result.changed} 天，未变 {result.unchanged} 天"
            + "".join(f"；{sentence}" for sentence in followed)
        )

    def _status(self) -> None:
        calendar = self._calendar()
        years = sorted(calendar.arranged_years)
        self.stdout.write(
            f"已有节假日安排的年份：{years[0]}—{years[-1]}" if years else "没有任何节假日安排"
        )
        missing = (
            [y for y in range(years[0], years[-1]) if y not in calendar.arranged_years]
            if years
            else []
        )
        if missing:
            self.stdout.write("其间缺少：" + "、".join(map(str, missing)))
        self.stdout.write(
            f"{years[-1] + 1} 年及以后按《全国年节及纪念日放假办法》规定的节日及补假计算"
            "（不推测调休），相关期限标为“暂定”（provisional）"
        )
