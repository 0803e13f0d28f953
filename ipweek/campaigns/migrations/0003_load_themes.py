from django.db import migrations

from ipweek.campaigns.themes import load_themes, read_theme_rows


def load_theme_reference_data(apps, schema_editor):
    load_themes(apps.get_model("campaigns", "Theme"), read_theme_rows())


class Migration(migrations.Migration):

    dependencies = [
        ("campaigns", "0002_campaign_unit_links"),
    ]

    operations = [
        migrations.RunPython(load_theme_reference_data, migrations.RunPython.noop),
    ]
