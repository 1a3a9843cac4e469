from django.core.management.base import BaseCommand, CommandError

from gongkai.core.audit import verify_chain


class Command(BaseCommand):
    help = "审计日志：verify 逐条核对哈希链，报告第一处断裂"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"], help="verify：核对哈希链")

    def handle(self, *args, action, **options):
        count, broken, why = verify_chain()
        if broken is None:
            self.stdout.write(f"审计日志完整：共 {count} 条，哈希链无断裂")
            return
        raise CommandError(
            f"审计日志在第 {count} 条（编号 {broken.pk}，{broken.at:%Y-%m-%d %H:%M:%S}，"
            f"{broken.action}）处断裂：{why}"
        )
