"""The four per-agency, per-year serial counters (index numbers, notices' and reports' 文号,
规范性文件 registration) are one abstract model; the migration that gives their unique
constraint one name keeps every counter's last serial, and the constraint still holds."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from gongkai.core.models import SerialCounter

BEFORE = [
    ("applications", "0010_application_contact_person"),
    ("catalogue", "0015_attachment_scan_coverage"),
    ("policies", "0005_mask_personal_numbers_in_shown_comments"),
    ("reports", "0003_check_runs_and_checked_files"),
]
COUNTERS = {
    "applications": "LetterCounter",
    "catalogue": "IndexCounter",
    "policies": "RegistrationCounter",
    "reports": "ReportCounter",
}
AFTER = [
    ("applications", "0011_serial_counters_name_their_constraint_alike"),
    ("catalogue", "0016_serial_counters_name_their_constraint_alike"),
    ("policies", "0006_serial_counters_name_their_constraint_alike"),
    ("reports", "0004_serial_counters_name_their_constraint_alike"),
]


def test_every_counter_is_a_serial_counter():
    from django.apps import apps

    for app, name in COUNTERS.items():
        assert issubclass(apps.get_model(app, name), SerialCounter)


@pytest.fixture
def executor(transactional_db):
    yield MigrationExecutor(connection)
    # every app back at its latest migration for the tests that follow
    latest = MigrationExecutor(connection)
    latest.migrate(latest.loader.graph.leaf_nodes())


def test_the_constraint_renaming_migration_keeps_every_counters_serials(executor, township):
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    for serial, (app, name) in enumerate(COUNTERS.items(), start=7):
        old.get_model(app, name).objects.create(
            agency_id=township.pk, year=2026, last_serial=serial
        )

    forward = MigrationExecutor(connection)
    forward.migrate(AFTER)
    new = forward.loader.project_state(AFTER).apps
    for serial, (app, name) in enumerate(COUNTERS.items(), start=7):
        model = new.get_model(app, name)
        assert list(model.objects.values_list("agency_id", "year", "last_serial")) == [
            (township.pk, 2026, serial)
        ]
        with pytest.raises(IntegrityError), transaction.atomic():
            model.objects.create(agency_id=township.pk, year=2026, last_serial=1)
