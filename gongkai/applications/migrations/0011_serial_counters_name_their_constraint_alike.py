"""The serial counters share one abstract model (core.models.SerialCounter), so their
unique (agency, year) constraint takes the shared name; the rows are kept as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0010_application_contact_person"),
        ("core", "0007_agency_level_words"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="lettercounter",
            name="letter_counter_once",
        ),
        migrations.AlterField(
            model_name="lettercounter",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.agency"
            ),
        ),
        migrations.AddConstraint(
            model_name="lettercounter",
            constraint=models.UniqueConstraint(
                fields=("agency", "year"), name="applications_lettercounter_once_per_year"
            ),
        ),
    ]
