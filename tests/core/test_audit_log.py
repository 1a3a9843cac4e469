"""The audit log is append-only in the database itself, whatever code or client touches it."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from gongkai.core.audit import audit
from gongkai.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_audit_records_actor_agency_object_and_data(clerk, township):
    entry = audit(clerk, "agency.contact.changed", obj=township, field="office_phone")
    entry.refresh_from_db()
    assert (entry.actor, entry.actor_label, entry.agency) == (clerk, "jingban", township)
    assert (entry.object_type, entry.object_id) == ("core.agency", str(township.pk))
    assert entry.data == {"field": "office_phone"}
    assert entry.at.tzinfo is not None


def test_an_entry_cannot_be_changed_through_the_orm(clerk, township):
    entry = audit(clerk, "agency.contact.changed", obj=township)
    with pytest.raises(DatabaseError, match="只能追加"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="something.else")
    entry.refresh_from_db()
    assert entry.action == "agency.contact.changed"


def test_an_entry_cannot_be_deleted_through_the_orm(clerk, township):
    entry = audit(clerk, "agency.contact.changed", obj=township)
    with pytest.raises(DatabaseError, match="只能追加"), transaction.atomic():
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_raw_sql_is_refused_too(clerk, township):
    audit(clerk, "agency.contact.changed", obj=township)
    for statement in (
        "UPDATE core_auditentry SET action = 'x'",
        "DELETE FROM core_auditentry",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AuditEntry.objects.filter(action="agency.contact.changed").count() == 1


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="SQLite 没有 TRUNCATE 语句")
def test_truncate_is_refused_on_postgresql(clerk, township):
    audit(clerk, "agency.contact.changed", obj=township)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE core_auditentry")
    assert AuditEntry.objects.count() >= 1


def test_the_guard_survives_every_migration():
    """A table rebuild on SQLite drops its triggers; this fails if a migration does that."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                " AND tbl_name = 'core_auditentry'"
            )
            expected = {"core_auditentry_refuse_update", "core_auditentry_refuse_delete"}
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'core_auditentry'::regclass"
                " AND NOT tgisinternal"
            )
            expected = {
                "core_auditentry_refuse_change",
                "core_auditentry_refuse_truncate",
                "core_auditentry_check_time",  # issue 24: the database dates each entry
            }
        assert {row[0] for row in cursor.fetchall()} == expected


@pytest.mark.django_db(transaction=True)
def test_an_operator_flush_still_empties_the_database(clerk, township):
    audit(clerk, "agency.contact.changed", obj=township)
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEntry.objects.count() == 0
    # and the guard is back on afterwards
    audit(None, "after.flush", actor_label="测试")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.all().delete()
