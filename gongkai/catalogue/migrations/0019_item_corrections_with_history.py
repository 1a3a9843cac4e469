"""Corrections (更正) of published items, issue 25: a correction draft points at the item it
corrects (one open at a time), carries its 更正说明, and each published correction is kept
with the fields it changed; a draft's unchanged attachment remembers the file it copies."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0018_item_normative_by_agency_index"),
        ("core", "0011_content_changes_for_four_eyes"),
        ("standards", "0005_matter_limit_fixed_date_and_law"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ItemCorrection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveSmallIntegerField(verbose_name="第几次更正")),
                ("corrected_on", models.DateField(verbose_name="更正日期")),
                ("note", models.TextField(max_length=2000, verbose_name="更正说明")),
                ("earlier", models.JSONField(default=dict, verbose_name="更正前")),
                ("later", models.JSONField(default=dict, verbose_name="更正后")),
                (
                    "withhold_earlier",
                    models.BooleanField(default=False, verbose_name="门户不显示原文"),
                ),
                ("draft_id", models.PositiveIntegerField(verbose_name="更正稿编号")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "verbose_name": "更正记录",
                "verbose_name_plural": "更正记录",
                "ordering": ["item", "number"],
            },
        ),
        migrations.AddField(
            model_name="item",
            name="correction_note",
            field=models.TextField(
                blank=True,
                db_default="",
                help_text="哪里有误，改了什么",
                max_length=2000,
                verbose_name="更正说明",
            ),
        ),
        migrations.AddField(
            model_name="item",
            name="corrects",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="correction_drafts",
                to="catalogue.item",
                verbose_name="更正的信息",
            ),
        ),
        migrations.AddField(
            model_name="item",
            name="withhold_earlier",
            field=models.BooleanField(
                db_default=False,
                default=False,
                help_text="原文含不宜公开的内容（如个人信息、他人姓名）时勾选：门户只显示更正了哪些项目",
                verbose_name="更正记录不显示原文",
            ),
        ),
        migrations.AddField(
            model_name="itemattachment",
            name="copied_from",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="catalogue.itemattachment",
            ),
        ),
        migrations.AddConstraint(
            model_name="item",
            constraint=models.UniqueConstraint(
                condition=models.Q(("corrects__isnull", False)),
                fields=("corrects",),
                name="item_one_open_correction",
            ),
        ),
        migrations.AddField(
            model_name="itemcorrection",
            name="approved_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="审核人",
            ),
        ),
        migrations.AddField(
            model_name="itemcorrection",
            name="drafted_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="起草人",
            ),
        ),
        migrations.AddField(
            model_name="itemcorrection",
            name="item",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="corrections",
                to="catalogue.item",
                verbose_name="政府信息",
            ),
        ),
        migrations.AddConstraint(
            model_name="itemcorrection",
            constraint=models.UniqueConstraint(
                fields=("item", "number"), name="item_correction_numbered"
            ),
        ),
    ]
