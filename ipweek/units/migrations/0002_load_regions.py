from django.db import migrations

from ipweek.units.regions import load_regions, read_region_rows


def load_region_reference_data(apps, schema_editor):
    load_regions(apps.get_model("units", "Region"), read_region_rows())


class Migration(migrations.Migration):

    dependencies = [
        ("units", "0001_regions_units_memberships"),
    ]

    operations = [
        migrations.RunPython(load_region_reference_data, migrations.RunPython.noop),
    ]
