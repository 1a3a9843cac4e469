"""Writing the audit log, and the database guard that keeps it append-only.

SQLite: triggers call gongkai_audit_purge_allowed(), a function each connection registers;
a connection without it (the sqlite3 shell) fails closed. PostgreSQL: triggers read the
session setting gongkai.audit_purge. Only `flush` — erasing the whole database on purpose —
lifts the guard, through audit_purge_allowed().

Tamper-evident too: each entry carries the hash of the entry before it, so an entry changed,
inserted or removed by someone who got past the guard (the tables' owner, a superuser, a
copy of the SQLite file) breaks the chain, and `gongkai audit verify` names the first broken
link. Appends are serialised so two at once never chain to the same predecessor: SQLite's
write transactions are already one at a time (transaction_mode IMMEDIATE); on PostgreSQL a
transaction-scoped advisory lock is taken before the last hash is read.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from gongkai.core.models import Agency, AuditEntry, User

_purge = threading.local()

REFUSAL = "审计记录只能追加，不能修改或删除"

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER core_auditentry_refuse_update BEFORE UPDATE ON core_auditentry
        BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END""",
    f"""CREATE TRIGGER core_auditentry_refuse_delete BEFORE DELETE ON core_auditentry
        WHEN NOT gongkai_audit_purge_allowed()
        BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END""",
]
SQLITE_TRIGGERS_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_refuse_update",
    "DROP TRIGGER IF EXISTS core_auditentry_refuse_delete",
]
POSTGRES_TRIGGERS = [
    f"""CREATE OR REPLACE FUNCTION core_auditentry_refuse_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'UPDATE' AND current_setting('gongkai.audit_purge', true) = 'on' THEN
                IF TG_LEVEL = 'ROW' THEN RETURN OLD; END IF;
                RETURN NULL;
            END IF;
            RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'insufficient_privilege';
        END $$""",
    """CREATE TRIGGER core_auditentry_refuse_change BEFORE UPDATE OR DELETE ON core_auditentry
        FOR EACH ROW EXECUTE FUNCTION core_auditentry_refuse_change()""",
    """CREATE TRIGGER core_auditentry_refuse_truncate BEFORE TRUNCATE ON core_auditentry
        FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_refuse_change()""",
]
# Issue 24: the time of an entry is the database's, read under the chain lock; the trigger
# refuses an entry dated otherwise (back-dated or ahead) or earlier than the last one, so the
# application role cannot append an entry that says it happened before it did.
STAMP_REFUSAL = "审计记录的时间由数据库给出，不能补记、预记或早于上一条记录"
STAMP_TOLERANCE = "10 seconds"  # from reading the clock to the insert, under the lock
POSTGRES_STAMP = [
    f"""CREATE OR REPLACE FUNCTION core_auditentry_check_time() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.at > clock_timestamp()
               OR NEW.at < clock_timestamp() - interval '{STAMP_TOLERANCE}'
               OR EXISTS (SELECT 1 FROM core_auditentry WHERE at > NEW.at) THEN
                RAISE EXCEPTION '{STAMP_REFUSAL}' USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NEW;
        END $$""",
    """CREATE TRIGGER core_auditentry_check_time BEFORE INSERT ON core_auditentry
        FOR EACH ROW EXECUTE FUNCTION core_auditentry_check_time()""",
]
POSTGRES_STAMP_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_check_time ON core_auditentry",
    "DROP FUNCTION IF EXISTS core_auditentry_check_time()",
]
POSTGRES_TRIGGERS_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_refuse_truncate ON core_auditentry",
    "DROP TRIGGER IF EXISTS core_auditentry_refuse_change ON core_auditentry",
    "DROP FUNCTION IF EXISTS core_auditentry_refuse_change()",
]


def audit(
    actor: User | None,
    action: str,
    *,
    obj: models.Model | None = None,
    agency: Agency | None = None,
    actor_label: str = "",
    **data: Any,
) -> AuditEntry:
    """Record that `actor` did `action` (a namespaced code such as "calendar.imported").

    With no actor (a command run from the shell), `actor_label` says who or what acted."""
    if agency is None and obj is not None:
        agency = obj if isinstance(obj, Agency) else getattr(obj, "agency", None)
    entry = AuditEntry(
        actor=actor,
        actor_label=actor_label or (actor.get_username() if actor else "系统"),
        agency=agency,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        action=action,
        data=data,
    )
    with transaction.atomic():
        lock_audit_chain()
        entry.at = database_now()
        entry.previous_hash = (
            AuditEntry.objects.order_by("-id").values_list("entry_hash", flat=True).first() or ""
        )
        entry.entry_hash = entry.digest()
        entry.save(force_insert=True)
    return entry


# any fixed 64-bit number, the same in every process: the audit chain's append lock
CHAIN_LOCK = 0x676F6E676B6169  # "gongkai"


def lock_audit_chain() -> None:
    """Held until the surrounding transaction ends, so the next append sees this one. A
    transition therefore audits after it has taken its row locks (DESIGN.md's recipe: lock,
    save, audit): a transaction holding this lock that then waited for a row lock held by
    one waiting here would deadlock. Shared locks every publisher takes (the index counters)
    take this one first, so the order is always the same."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])


def database_now():
    """The time of an entry: the database's clock on PostgreSQL (clock_timestamp(), read
    after the chain lock, so entries in id order never go back in time, whatever the clock
    of the server that appends them). SQLite has no server of its own: the process's clock,
    which is the same machine's."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT clock_timestamp()")
            return cursor.fetchone()[0]
    return timezone.now()


def verify_chain() -> tuple[int, AuditEntry | None, str]:
    """(entries checked, the first broken entry or None, why it is broken)."""
    expected, count, last_at = "", 0, None
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        if entry.previous_hash != expected:
            return count, entry, "与上一条记录的哈希不符：其前的记录被删除、插入或修改"
        if entry.digest() != entry.entry_hash:
            return count, entry, "内容与本条记录的哈希不符：本条记录被修改"
        if last_at is not None and entry.at < last_at:
            return count, entry, "时间早于上一条记录：本条记录是补记的，或者记录的顺序被改动"
        expected, last_at = entry.entry_hash, entry.at
    return count, None, ""


def audit_login(sender, request, user, **kwargs) -> None:
    from gongkai.core.client import client_address

    audit(user, "account.logged_in", obj=user, ip=client_address(request))


def audit_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit(user, "account.logged_out", obj=user)


def register_sqlite_audit_guard(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "gongkai_audit_purge_allowed", 0, lambda: int(getattr(_purge, "allowed", False))
        )


@contextmanager
def audit_purge_allowed(connection) -> Iterator[None]:
    """Lift the append-only guard on `connection` for an operator's deliberate full erase."""
    _purge.allowed = True
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('gongkai.audit_purge', 'on', false)")
    try:
        yield
    finally:
        _purge.allowed = False
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('gongkai.audit_purge', 'off', false)")
