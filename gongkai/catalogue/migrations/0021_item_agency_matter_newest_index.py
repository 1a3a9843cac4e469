"""The newest listed item of an agency's 标准目录 matter read by one index probe (issue 27)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0020_item_agency_listing_counted_index"),
        ("core", "0011_content_changes_for_four_eyes"),
        ("standards", "0005_matter_limit_fixed_date_and_law"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="item",
            index=models.Index(
                fields=["agency", "matter", "-published_on"],
                include=("status",),
                condition=models.Q(published_on__isnull=False),
                name="item_agency_matter_newest",
            ),
        ),
    ]
