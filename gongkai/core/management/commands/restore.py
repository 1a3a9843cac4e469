from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from gongkai.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "从 gongkai backup 的备份恢复到一个新建的空实例（数据库和文件）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件")
        parser.add_argument(
            "--without-data-key",
            action="store_true",
            help="缺少备份时的数据密钥也恢复（证件号码和电话将无法解密）",
        )

    def handle(self, *args, file, without_data_key, **options):
        if not Path(file).is_file():
            raise CommandError(f"找不到备份文件 {file}")
        try:
            manifest = restore(Path(file), without_data_key=without_data_key)
        except BackupError as error:
            raise CommandError(str(error)) from None
        call_command("migrate", verbosity=0)  # a backup from an older version is brought up
        if manifest["data_key_missing"]:
            self.stderr.write(
                "!" * 60 + "\n警告：已在缺少数据密钥的情况下恢复。申请人的证件号码和电话无法"
                "解密，页面显示“证件号码无法解密（缺少数据密钥）”。找回备份时的数据密钥后，"
                "把它放回 var/data_key（或 GONGKAI_DATA_KEY）即可重新读出。\n" + "!" * 60
            )
        files = len(manifest["files"])
        self.stdout.write(
            f"已从 {file} 恢复（备份于 {manifest['made_at']}）：数据库和 {files} 个文件"
        )
