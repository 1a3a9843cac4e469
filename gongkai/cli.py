"""The `gongkai` command: every Django management command, with the project's own first."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        if len(argv) < 2 or argv[1:] in (["-h"], ["--help"], ["help"]):
            print_help()
            return
        from django.core.management import execute_from_command_line

        execute_from_command_line(["gongkai", *argv[1:]])
    except ImproperlyConfigured as error:
        sys.stderr.write(f"配置错误：{error}\n")
        sys.exit(2)


def print_help() -> None:
    import django
    from django.core.management import get_commands, load_command_class

    django.setup()
    commands = get_commands()
    ours = sorted(name for name, app in commands.items() if app.startswith("gongkai."))
    print("用法：gongkai <命令> [选项]；gongkai <命令> --help 查看命令的详细说明\n")
    print("gongkai 命令：")
    for name in ours:
        print(f"  {name:<14} {load_command_class(commands[name], name).help}")
    print("\nDjango 管理命令（migrate、createsuperuser、changepassword 等）：")
    others = sorted(name for name in commands if name not in ours)
    for start in range(0, len(others), 6):
        print("  " + "  ".join(others[start : start + 6]))
