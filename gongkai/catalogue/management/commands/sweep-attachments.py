from django.core.management.base import BaseCommand

from gongkai.catalogue.attachments import sweep_orphaned_files


class Command(BaseCommand):
    help = "删除没有对应政府信息附件记录、超过一小时的残留上传文件（上传中途被终止留下的）"

    def handle(self, *args, **options):
        self.stdout.write(f"已删除残留附件文件 {sweep_orphaned_files()} 个")
