"""The serial counters share one abstract model (core.models.SerialCounter), so their
unique (agency, year) constraint takes the shared name; the rows are kept as they are."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_agency_level_words"),
        ("reports", "0003_check_runs_and_checked_files"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="reportcounter",
            name="report_counter_once",
        ),
        migrations.AddConstraint(
            model_name="reportcounter",
            constraint=models.UniqueConstraint(
                fields=("agency", "year"), name="reports_reportcounter_once_per_year"
            ),
        ),
    ]
