"""Chain the audit log: each entry carries the hash of the entry before it (see core.audit).
Entries written before this migration are chained in id order, with the append-only
triggers lifted for that one fill and installed again after it."""

from django.db import migrations, models

from gongkai.core import audit


def chain_existing(apps, schema_editor):
    from gongkai.core.models.audit import entry_digest

    vendor = schema_editor.connection.vendor
    drop = {"sqlite": audit.SQLITE_TRIGGERS_DROP, "postgresql": audit.POSTGRES_TRIGGERS_DROP}
    install = {"sqlite": audit.SQLITE_TRIGGERS, "postgresql": audit.POSTGRES_TRIGGERS}
    for statement in drop[vendor]:
        schema_editor.execute(statement)
    AuditEntry = apps.get_model("core", "AuditEntry")
    previous = ""
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        digest = entry_digest(
            previous,
            at=entry.at,
            actor_id=entry.actor_id,
            actor_label=entry.actor_label,
            agency_id=entry.agency_id,
            object_type=entry.object_type,
            object_id=entry.object_id,
            action=entry.action,
            data=entry.data,
        )
        AuditEntry.objects.filter(pk=entry.pk).update(previous_hash=previous, entry_hash=digest)
        previous = digest
    for statement in install[vendor]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_agency_reconsideration_body_fee_payment_and_letter_prefix")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(
                blank=True, editable=False, max_length=64, verbose_name="本条记录的哈希"
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="previous_hash",
            field=models.CharField(
                blank=True, editable=False, max_length=64, verbose_name="上一条记录的哈希"
            ),
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
    ]
