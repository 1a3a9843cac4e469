from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "备份：数据库的一致性快照和上传的文件，写成一个 .tar.gz（不含数据密钥）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件，如 gongkai-2026-11-27.tar.gz")

    def handle(self, *args, file, **options):
        try:
            manifest = backup(Path(file))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"已备份到 {file}：数据库（{manifest['vendor']}）和 {len(manifest['files'])} 个文件。"
            "请另行妥善保管数据密钥（var/data_key 或 GONGKAI_DATA_KEY）。"
        )
