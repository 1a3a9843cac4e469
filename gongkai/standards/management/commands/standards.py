from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.catalogue.importer import ImportRefused
from gongkai.core.models import Agency, User
from gongkai.core.transitions import TransitionError
from gongkai.standards import xlsx
from gongkai.standards.models import ModelCatalogue


class Command(BaseCommand):
    help = (
        "基层政务公开标准目录：import 从 Excel 导入事项（下发模板或本机关增设），"
        "export 导出本机关目录"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{import,export}")
        imp = sub.add_parser("import", help="导入事项：整个文件检查无误才写入")
        imp.add_argument("file")
        imp.add_argument("--agency", required=True, help="机构的索引号前缀")
        imp.add_argument("--user", required=True, help="以哪个工作人员的身份导入（用户名）")
        imp.add_argument("--catalogue", help="导入到本机关下发的模板（名称；不存在则新建）")
        exp = sub.add_parser("export", help="导出本机关标准目录（XLSX）")
        exp.add_argument("--agency", required=True, help="机构的索引号前缀")
        exp.add_argument("-o", "--output", required=True, help="输出的 XLSX 文件")

    def handle(self, *args, action, agency, **options):
        found = Agency.objects.filter(index_prefix=agency).first()
        if found is None:
            raise CommandError(f"没有索引号前缀为“{agency}”的机构")
        if action == "export":
            Path(options["output"]).write_bytes(xlsx.export_agency(found))
            self.stdout.write(f"已导出到 {options['output']}")
            return
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"没有用户“{options['user']}”")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件“{path}”")
        today = timezone.localdate()
        try:
            if options["catalogue"]:
                from gongkai.standards.transitions import issue_catalogue

                catalogue = ModelCatalogue.objects.filter(
                    issuer=found, name=options["catalogue"]
                ).first() or issue_catalogue(
                    found, by=user, name=options["catalogue"], issued_on=today
                )
                matters = xlsx.import_matters(
                    path.read_bytes(), path.name, by=user, catalogue=catalogue
                )
            else:
                matters = xlsx.import_matters(
                    path.read_bytes(), path.name, by=user, agency=found, on=today
                )
        except ImportRefused as error:
            problems = "\n".join(str(p) for p in error.problems)
            raise CommandError(f"文件未导入：\n{problems}") from None
        except TransitionError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"已导入 {len(matters)} 个事项")
        for note in matters.notes:  # what was assumed, row by row: never a silent reading
            self.stdout.write(f"  {note}")
