"""The serial counters share one abstract model (core.models.SerialCounter), so their
unique (agency, year) constraint takes the shared name; the rows are kept as they are."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_agency_level_words"),
        ("policies", "0005_mask_personal_numbers_in_shown_comments"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="registrationcounter",
            name="registration_counter_once",
        ),
        migrations.AddConstraint(
            model_name="registrationcounter",
            constraint=models.UniqueConstraint(
                fields=("agency", "year"), name="policies_registrationcounter_once_per_year"
            ),
        ),
    ]
