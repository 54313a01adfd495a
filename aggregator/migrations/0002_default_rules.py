from django.db import migrations


def add_rules(apps, schema_editor):
    from aggregator.rules import ensure_default_rules

    ensure_default_rules(apps.get_model("aggregator", "KeywordRule"))


class Migration(migrations.Migration):
    dependencies = [("aggregator", "0001_initial")]

    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
