"""Configuration: typed readers refuse bad values with a sentence; the process stops cleanly."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from gongkai.env import env_bool, env_choice, env_int, env_list

GONGKAI = os.path.join(os.path.dirname(sys.executable), "gongkai")


def test_booleans_accept_the_usual_words_and_refuse_others():
    assert env_bool("X", environ={"X": "Yes"}) is True
    assert env_bool("X", environ={"X": "0"}) is False
    assert env_bool("X", True, environ={}) is True
    with pytest.raises(ImproperlyConfigured, match="X 应为 true 或 false"):
        env_bool("X", environ={"X": "maybe"})


def test_integers_are_checked_for_form_and_range():
    assert env_int("P", 25, environ={"P": " 587 "}) == 587
    assert env_int("P", 25, environ={}) == 25
    with pytest.raises(ImproperlyConfigured, match="应为整数"):
        env_int("P", 25, environ={"P": "twenty"})
    with pytest.raises(ImproperlyConfigured, match="之间"):
        env_int("P", 25, minimum=1, maximum=65535, environ={"P": "70000"})


def test_lists_and_choices():
    assert env_list("H", ["a"], environ={"H": "x.cn, y.cn,,"}) == ["x.cn", "y.cn"]
    assert env_list("H", ["a"], environ={}) == ["a"]
    assert env_choice("E", "smtp", {"smtp": "S", "console": "C"}, environ={"E": "Console"}) == "C"
    with pytest.raises(ImproperlyConfigured, match="只能是"):
        env_choice("E", "smtp", {"smtp": "S"}, environ={"E": "pigeon"})


def run_gongkai(tmp_path, *args, **env):
    environ = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    environ.update(GONGKAI_VAR_DIR=str(tmp_path), **env)
    return subprocess.run(
        [GONGKAI, *args], env=environ, capture_output=True, text=True, timeout=600
    )


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"DEBUG": "perhaps"}, "DEBUG"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"DATABASE_URL": "mysql://u@h/db"}, "DATABASE_URL"),
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL"),
        ({"EMAIL_PORT": "x"}, "EMAIL_PORT"),
    ],
)
def test_a_bad_setting_stops_the_command_with_a_sentence_not_a_traceback(tmp_path, env, says):
    result = run_gongkai(tmp_path, "check", **env)
    assert result.returncode == 2
    assert result.stderr.startswith("配置错误：")
    assert says in result.stderr
    assert "Traceback" not in result.stderr


def test_the_secret_key_is_generated_once_into_var_and_kept_private(tmp_path):
    first = run_gongkai(tmp_path, "check")
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "secret_key"
    key = key_file.read_text()
    assert len(key) >= 50
    assert key_file.stat().st_mode & 0o077 == 0
    run_gongkai(tmp_path, "check")
    assert key_file.read_text() == key


def test_behind_pgbouncer_no_cursor_outlives_a_transaction_and_nothing_is_prepared(tmp_path):
    """DATABASE_POOLER=true (docs/deploy.md): the two things PgBouncer's transaction pooling
    breaks are switched off; without it, PostgreSQL keeps Django's defaults."""
    show = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "o = d.get('OPTIONS', {}); "
        "print(d['DISABLE_SERVER_SIDE_CURSORS'], o.get('prepare_threshold', 5), "
        "repr(o.get('options', '')))"
    )
    url = "postgres://gongkai:secret@127.0.0.1:6432/gongkai"
    pooled = run_gongkai(tmp_path, "shell", "-c", show, DATABASE_URL=url, DATABASE_POOLER="true")
    assert pooled.returncode == 0, pooled.stderr
    # PgBouncer refuses startup parameters it does not know: no JIT switch sent through it
    assert pooled.stdout.split()[-3:] == ["True", "None", "''"]
    direct = run_gongkai(tmp_path, "shell", "-c", show, DATABASE_URL=url)
    # directly, each connection turns JIT compilation off (settings.py says why)
    assert direct.stdout.strip().splitlines()[-1] == "False 5 '-c jit=off'"


def test_flush_on_a_database_not_yet_migrated_empties_nothing_and_says_nothing_wrong(tmp_path):
    # an operator (or a benchmark) flushing a database created a moment ago: before the fix
    # the search-index clean-up asked for catalogue_item and ended in a ProgrammingError
    result = run_gongkai(
        tmp_path, "flush", "--no-input", DATABASE_URL=f"sqlite:///{tmp_path}/new.sqlite3"
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
