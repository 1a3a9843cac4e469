"""The public listing's count of an agency's items read from an index alone (issue 27)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0019_item_corrections_with_history"),
        ("core", "0011_content_changes_for_four_eyes"),
        ("standards", "0005_matter_limit_fixed_date_and_law"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="item",
            index=models.Index(
                fields=["agency", "-published_on", "-id"],
                include=("status", "category"),
                name="item_agency_listing_counted",
            ),
        ),
    ]
