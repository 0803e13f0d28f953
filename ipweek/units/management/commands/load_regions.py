from typing import Any

from django.core.management.base import BaseCommand

from ipweek.units.models import Region
from ipweek.units.regions import load_regions, read_region_rows


class Command(BaseCommand):
    help = "Create or update the nation, provinces and prefecture-level regions from units/data/regions.csv."

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_regions(Region, read_region_rows())
        self.stdout.write(self.style.SUCCESS(f"Regions: {result.created} created, {result.updated} updated."))
