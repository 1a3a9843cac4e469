"""The serial counters share one abstract model (core.models.SerialCounter), so their
unique (agency, year) constraint takes the shared name; the rows are kept as they are."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0015_attachment_scan_coverage"),
        ("core", "0007_agency_level_words"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="indexcounter",
            name="index_counter_once_per_year",
        ),
        migrations.AddConstraint(
            model_name="indexcounter",
            constraint=models.UniqueConstraint(
                fields=("agency", "year"), name="catalogue_indexcounter_once_per_year"
            ),
        ),
    ]
