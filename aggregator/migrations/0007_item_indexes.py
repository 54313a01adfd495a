"""Fewer indexes on items: a feed pass updates every one of them for each item it stores.

Dropped, as no query needed them alone: ``source_id`` (it leads the (source, key), (source, url) and
(source, status) indexes) and ``status`` (it leads (status, -published_at)), with PostgreSQL's
``varchar_pattern_ops`` twins. ``enrich_state`` gives way to an index of the full-text queue alone (its
pending rows, in the order ``enrich.pending`` reads them): most items never enter that queue.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("aggregator", "0006_item_search_index"),
        ("cms", "0004_scheduler_heartbeat"),
        ("wagtailimages", "0027_image_description"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="item",
            name="enrich_state",
            field=models.CharField(
                choices=[("none", "not needed"), ("pending", "queued"), ("done", "done"), ("failed", "failed")],
                default="none",
                max_length=10,
                verbose_name="full text",
            ),
        ),
        migrations.AlterField(
            model_name="item",
            name="source",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="items",
                to="aggregator.source",
                verbose_name="source",
            ),
        ),
        migrations.AlterField(
            model_name="item",
            name="status",
            field=models.CharField(
                choices=[("visible", "visible"), ("filtered", "filtered out (not about ASEAN)")],
                default="visible",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddIndex(
            model_name="item",
            index=models.Index(
                condition=models.Q(("enrich_state", "pending")),
                fields=["first_seen_at"],
                name="aggregator_item_enrich_queue",
            ),
        ),
    ]
