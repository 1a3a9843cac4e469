from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.models import Agency, User
from gongkai.core.transitions import TransitionError
from gongkai.migration import mapping, run
from gongkai.migration.sources import SourceError, reader


class Command(BaseCommand):
    help = "把原网站的政务公开栏目迁入本系统（抓取目录、wget 镜像或 WARC）；先用 --dry-run 核对"

    def add_arguments(self, parser):
        parser.add_argument("source", help="抓取目录、wget --mirror 目录或 .warc/.warc.gz 文件")
        parser.add_argument("--agency", required=True, help="迁入机关的索引号前缀")
        parser.add_argument(
            "--mapping",
            help="栏目→分类对应表（CSV）；试运行时文件不存在则写出默认对应表供修改",
        )
        parser.add_argument("--dry-run", action="store_true", help="只列出对应关系和问题，不写入")
        parser.add_argument("--user", help="执行迁移的本机关管理员用户名（正式迁移时必填）")

    def handle(self, *args, **options):
        try:
            agency = Agency.objects.get(index_prefix=options["agency"])
        except Agency.DoesNotExist:
            raise CommandError(f"没有索引号前缀为 {options['agency']} 的机关") from None
        try:
            pages = reader(Path(options["source"]))
        except SourceError as error:
            raise CommandError(str(error)) from None
        edited = None
        mapping_file = Path(options["mapping"]) if options["mapping"] else None
        if mapping_file is not None and mapping_file.exists():
            try:
                edited = mapping.read_csv(mapping_file)
            except mapping.MappingError as error:
                raise CommandError(f"对应表有错误，未写入任何信息：\n{error}") from None
        if options["dry_run"]:
            summary = run.survey(pages(), edited)
            self._show(summary, dry=True)
            if mapping_file is not None and edited is None:
                mapping_file.write_text(
                    mapping.as_csv(list(summary.columns.values())), encoding="utf-8-sig"
                )
                self.stdout.write(f"已写出对应表 {mapping_file}：修改“分类”“类型”两列后再运行")
            return
        if not options["user"]:
            raise CommandError("正式迁移须用 --user 指明执行迁移的本机关管理员")
        try:
            user = User.objects.get(username=options["user"])
        except User.DoesNotExist:
            raise CommandError(f"没有用户 {options['user']}") from None
        try:
            summary = run.migrate(agency, pages, by=user, edited=edited)
        except TransitionError as error:
            raise CommandError(str(error)) from None
        self._show(summary, dry=False)

    def _show(self, summary, *, dry: bool):
        out = self.stdout.write
        out(f"{'试运行：' if dry else ''}共 {summary.pages} 个页面，{len(summary.columns)} 个栏目")
        out("栏目路径\t栏目名称\t页数\t→ 分类\t类型")
        for rule in summary.columns.values():
            out(f"{rule.path}\t{rule.name}\t{rule.pages}\t→ {rule.category}\t{rule.kind}")
        if not dry:
            c = summary.counts
            out(
                f"新增 {c['created']} 条，更新 {c['updated']} 条，未变 {c['unchanged']} 条，"
                f"已在本系统修改而保留 {c['kept']} 条"
            )
            for document_title, interpretation in summary.interpretations:
                out(f"解读关联：{document_title} → {interpretation}")
            for decision, ended, on, validity, note in summary.endings:
                word = "失效" if validity == "expired" else "废止"
                tail = f"；{note}" if note else ""
                out(f"{word}：《{ended}》自 {on:%Y-%m-%d} 起{word}，依据《{decision}》{tail}")
        out(f"无法读取的页面 {len(summary.unreadable)} 个：")
        for url, title, why in summary.unreadable:
            out(f"  {url}\t{title}\t{why}")
        out(f"含个人信息、{'将' if dry else '已'}暂缓公开待审查的页面 {len(summary.held)} 个：")
        for url, title, found in summary.held:
            out(f"  {url}\t{title}\t{found}")
        for url, title, note in summary.notes:
            out(f"提示：{url}\t{title}\t{note}")
