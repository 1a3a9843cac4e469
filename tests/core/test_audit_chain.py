"""The audit log is tamper-evident, not only append-only: each entry carries the hash of the
one before it, so whoever gets past the database guard (the tables' owner, a copy of the
SQLite file) still cannot change, insert or remove an entry unseen."""

import io
import itertools
import os
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from gongkai.core import audit as audit_module
from gongkai.core.audit import audit, verify_chain
from gongkai.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def behind_the_guard(statement: str, params=()) -> None:
    """What the tables' owner can do: lift the triggers, change the log, put them back."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for drop in audit_module.SQLITE_TRIGGERS_DROP:
                cursor.execute(drop)
            cursor.execute(statement, params)
            for install in audit_module.SQLITE_TRIGGERS:
                cursor.execute(install)
        else:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks on the table
            cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER USER")
            cursor.execute(statement, params)
            cursor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER USER")


@pytest.fixture
def three(clerk, township):
    return [audit(clerk, f"agency.step{n}", obj=township, n=n) for n in range(3)]


def test_each_entry_carries_the_hash_of_the_one_before(three):
    entries = list(AuditEntry.objects.order_by("id"))
    for before, after in itertools.pairwise(entries):
        assert after.previous_hash == before.entry_hash and len(after.entry_hash) == 64
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "哈希链无断裂" in out.getvalue()


def test_a_changed_entry_is_reported_as_the_first_broken_link(three):
    behind_the_guard(
        "UPDATE core_auditentry SET data = %s WHERE id = %s", ['{"n": 99}', three[1].pk]
    )
    _count, broken, why = verify_chain()
    assert broken.pk == three[1].pk and "本条记录被修改" in why
    with pytest.raises(CommandError, match=f"编号 {three[1].pk}"):
        call_command("audit", "verify")


def test_a_removed_entry_breaks_the_link_of_the_next(three):
    behind_the_guard("DELETE FROM core_auditentry WHERE id = %s", [three[1].pk])
    _, broken, why = verify_chain()
    assert broken.pk == three[2].pk and "被删除" in why


@pytest.mark.django_db(transaction=True)
def test_appends_at_the_same_time_never_share_a_predecessor(clerk, township):
    errors = []

    def append(n):
        try:
            for i in range(8):
                audit(None, "concurrency.append", actor_label=f"t{n}", i=i)
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=append, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    previous = list(AuditEntry.objects.values_list("previous_hash", flat=True))
    assert len(previous) == len(set(previous))
    assert verify_chain()[1] is None


# --- the roles on PostgreSQL (docs/deploy.md, SECURITY.md) ---------------------------------

APP_ROLE = os.environ.get("GONGKAI_TEST_APP_ROLE", "gongkai_app")


def app_role_exists() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [APP_ROLE])
        return cursor.fetchone() is not None


@pytest.mark.django_db(transaction=True)  # the grants must be committed for another session
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="角色与权限只在 PostgreSQL 上")
def test_the_application_role_cannot_alter_disable_triggers_or_truncate(clerk, township):
    """The owner role (gongkai_owner in production, gongkai_ci here) migrates and owns the
    tables; the application runs as a role granted rows only, and on the audit log only
    SELECT and INSERT. It connects here as itself and is refused each way round the guard."""
    import psycopg
    from psycopg import sql

    if not app_role_exists():
        pytest.skip(f"需要 PostgreSQL 角色 {APP_ROLE}（.ci/run 创建）")
    audit(clerk, "agency.before", obj=township)
    with connection.cursor() as cursor:  # what docs/deploy.md has the owner run
        role = sql.Identifier(APP_ROLE).as_string(cursor.connection)
        cursor.execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}"
        )
        cursor.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON core_auditentry FROM {role}")
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}")
    settings = connection.settings_dict
    dsn = (
        f"host={settings['HOST'] or '127.0.0.1'} port={settings['PORT'] or 5432} "
        f"dbname={settings['NAME']} user={APP_ROLE} password={APP_ROLE}"
    )
    refused = {}
    for statement in (
        "ALTER TABLE core_auditentry DISABLE TRIGGER USER",
        "DROP TRIGGER core_auditentry_refuse_change ON core_auditentry",
        "TRUNCATE core_auditentry",
        "UPDATE core_auditentry SET action = 'x'",
        "DELETE FROM core_auditentry",
    ):
        with psycopg.connect(dsn, autocommit=True) as app:
            try:
                app.execute(statement)
            except psycopg.errors.InsufficientPrivilege:
                refused[statement] = True
            else:
                refused[statement] = False
    assert all(refused.values()), refused
    with psycopg.connect(dsn, autocommit=True) as app:  # and yet it can write the log
        app.execute(
            "INSERT INTO core_auditentry (at, actor_label, object_type, object_id, action, data,"
            " previous_hash, entry_hash) VALUES (now(), 'x', '', '', 'role.check', '{}', '', '')"
        )


# --- time comes from the database and never runs backwards (issue 24 point 13) -------------

BACKDATED_INSERT = (
    "INSERT INTO core_auditentry (at, actor_label, object_type, object_id, action, data,"
    " previous_hash, entry_hash) VALUES (%s, %s, '', '', %s, %s, %s, %s)"
)


def _backdated(previous_hash: str, at) -> tuple:
    """A well-formed entry — its hash chained to the last one — dated `at`."""
    from gongkai.core.models.audit import entry_digest

    fields = {"actor_label": "jingban", "action": "item.published", "data": {"pk": 7}}
    digest = entry_digest(
        previous_hash, at=at, actor_id=None, agency_id=None, object_type="", object_id="", **fields
    )
    return (at, "jingban", "item.published", '{"pk": 7}', previous_hash, digest)


def test_verify_reports_an_entry_dated_before_the_one_before_it(three):
    from datetime import timedelta

    last = AuditEntry.objects.order_by("-id").first()
    behind_the_guard(BACKDATED_INSERT, _backdated(last.entry_hash, last.at - timedelta(days=30)))
    count, broken, why = verify_chain()
    newest = AuditEntry.objects.order_by("-id").first()
    assert (count, broken.pk) == (AuditEntry.objects.count(), newest.pk)
    assert "时间早于上一条记录" in why
    with pytest.raises(CommandError, match="时间早于上一条记录"):
        call_command("audit", "verify", stdout=io.StringIO())


@pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="数据库时钟与触发器只在 PostgreSQL 上"
)
def test_an_entrys_time_is_the_databases_not_the_servers(clerk, township):
    """The application server's clock (here travelled to 2020) does not date the log."""
    from datetime import UTC, datetime

    import time_machine

    with connection.cursor() as cursor:
        cursor.execute("SELECT clock_timestamp()")
        before = cursor.fetchone()[0]
    with time_machine.travel(datetime(2020, 1, 1, 9, tzinfo=UTC)):
        entry = audit(clerk, "agency.step", obj=township)
    assert entry.at >= before
    assert AuditEntry.objects.get(pk=entry.pk).at == entry.at
    assert verify_chain()[1] is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="角色与权限只在 PostgreSQL 上")
def test_the_application_role_cannot_append_a_backdated_entry(clerk, township):
    """gongkai_app may INSERT into the log; it computed a valid hash for an entry dated a
    month ago, and `gongkai audit verify` accepted it. The database now refuses it."""
    from datetime import timedelta

    import psycopg
    from psycopg import sql

    if not app_role_exists():
        pytest.skip(f"需要 PostgreSQL 角色 {APP_ROLE}（.ci/run 创建）")
    last = audit(clerk, "agency.before", obj=township)
    with connection.cursor() as cursor:
        role = sql.Identifier(APP_ROLE).as_string(cursor.connection)
        cursor.execute(f"GRANT SELECT, INSERT ON core_auditentry TO {role}")
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}")
    settings = connection.settings_dict
    dsn = (
        f"host={settings['HOST'] or '127.0.0.1'} port={settings['PORT'] or 5432} "
        f"dbname={settings['NAME']} user={APP_ROLE} password={APP_ROLE}"
    )
    entries = AuditEntry.objects.count()
    refused = pytest.raises(psycopg.errors.InsufficientPrivilege, match="审计记录的时间")
    for at in (last.at - timedelta(days=30), last.at + timedelta(days=1)):
        with psycopg.connect(dsn, autocommit=True) as app, refused:
            app.execute(BACKDATED_INSERT, _backdated(last.entry_hash, at))
    assert AuditEntry.objects.count() == entries and verify_chain()[1] is None
