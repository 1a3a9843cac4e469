import os
import shutil
import socket
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def port_taken(host: str, port: int) -> bool:
    """Whether another program already listens on host:port — asked before gunicorn starts,
    so the clerk reads one Chinese sentence instead of gunicorn's English retries."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def refuse_taken_port(host: str, port: int, stderr) -> None:
    """Stop with a sentence naming the way out (make demo PORT=…, gongkai serve --port …)."""
    if port_taken(host, port):
        stderr.write(
            f"端口 {port} 已被其他程序占用，网站没有启动。请先关闭占用该端口的程序，"
            f"或换一个端口：make demo PORT={port + 1}（或 gongkai serve --port {port + 1}）"
        )
        sys.exit(1)


class Command(BaseCommand):
    help = "以生产方式提供网站服务（gunicorn + whitenoise，不是开发服务器）"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
        parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
        parser.add_argument(
            "--workers", type=int, default=2, help="工作进程数（默认 2；一般为 CPU 核数的 1—2 倍）"
        )

    def handle(self, *args, host: str, port: int, workers: int, **options):
        if not 1 <= port <= 65535:
            raise CommandError(f"端口应在 1—65535 之间：{port}")
        if workers < 1:
            raise CommandError("工作进程数至少为 1")
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("数据库结构不是最新的，请先运行 gongkai migrate")
        refuse_taken_port(host, port, self.stderr)
        call_command("collectstatic", interactive=False, verbosity=0)
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
        argv = [
            gunicorn,
            "gongkai.wsgi:application",
            f"--bind={host}:{port}",
            f"--workers={workers}",
            "--access-logfile=-",
            "--graceful-timeout=10",
            # one control socket per instance, beside its data (the default is shared per user)
            f"--control-socket={settings.VAR_DIR / 'gunicorn.ctl'}",
        ]
        self.stdout.write(f"正在 http://{host}:{port}/ 提供服务（按 Ctrl+C 停止）")
        self.stdout.flush()
        os.execv(gunicorn, argv)
