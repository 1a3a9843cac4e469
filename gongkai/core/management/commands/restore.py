from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from gongkai.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "从 gongkai backup 的备份恢复到一个新建的空实例（数据库和文件）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件")

    def handle(self, *args, file, **options):
        if not Path(file).is_file():
            raise CommandError(f"找不到备份文件 {file}")
        try:
            manifest = restore(Path(file))
        except BackupError as error:
            raise CommandError(str(error)) from None
        call_command("migrate", verbosity=0)  # a backup from an older version is brought up
        files = len(manifest["files"])
        self.stdout.write(
            f"已从 {file} 恢复（备份于 {manifest['made_at']}）：数据库和 {files} 个文件"
        )
