import re
from collections import Counter

import pytest
from django.core.management import call_command

from ipweek.units.models import Region
from ipweek.units.regions import RegionLoadResult, RegionRow, load_regions, read_region_rows

pytestmark = pytest.mark.django_db

SLUG_PATTERN = re.compile(r"^[a-z0-9-]+$")


def region_snapshot() -> list[tuple[str, str, str, str | None, str]]:
    return list(Region.objects.order_by("code").values_list("code", "name", "level", "parent__code", "slug"))


def test_region_csv_has_nation_provinces_and_cities():
    rows = read_region_rows()

    levels = Counter(row.level for row in rows)
    assert levels == {"nation": 1, "province": 34, "city": 333}
    assert len({row.code for row in rows}) == len(rows)
    assert len({row.slug for row in rows}) == len(rows)


def test_region_csv_lists_parents_before_children():
    rows = read_region_rows()

    seen_codes: set[str] = set()
    for row in rows:
        assert not row.parent_code or row.parent_code in seen_codes, row
        seen_codes.add(row.code)


def test_regions_migrated_db_has_34_provinces_under_the_nation():
    nation = Region.objects.get(code="100000")

    provinces = Region.objects.filter(level=Region.Level.PROVINCE)

    assert provinces.count() == 34
    assert set(provinces.values_list("parent", flat=True)) == {nation.pk}
    assert Region.objects.get(slug="china").level == Region.Level.NATION


@pytest.mark.parametrize(
    ("city_code", "city_name", "province_code", "province_name"),
    [
        ("220400", "辽源市", "220000", "吉林省"),
        ("450100", "南宁市", "450000", "广西壮族自治区"),
    ],
)
def test_region_city_sits_under_its_province(city_code, city_name, province_code, province_name):
    city = Region.objects.select_related("parent").get(code=city_code)

    assert (city.name, city.level) == (city_name, Region.Level.CITY)
    assert (city.parent.code, city.parent.name) == (province_code, province_name)


def test_region_slugs_are_unique_and_url_safe():
    slugs = list(Region.objects.values_list("slug", flat=True))

    assert len(slugs) == len(set(slugs))
    assert [slug for slug in slugs if not SLUG_PATTERN.match(slug)] == []
    assert Region.objects.get(code="220000").slug == "jilin-sheng"
    assert Region.objects.get(code="220200").slug == "jilin"


def test_region_every_city_has_a_province_parent():
    cities = Region.objects.filter(level=Region.Level.CITY)

    orphans = cities.exclude(parent__level=Region.Level.PROVINCE)

    assert cities.count() == 333
    assert list(orphans) == []


def test_region_codes_are_six_digits_and_cities_share_their_province_prefix():
    regions = Region.objects.select_related("parent")

    bad_codes = [region.code for region in regions if not re.fullmatch(r"[0-9]{6}", region.code)]
    misplaced_cities = [
        region.code
        for region in regions
        if region.level == Region.Level.CITY and region.code[:2] != region.parent.code[:2]
    ]

    assert bad_codes == []
    assert misplaced_cities == []


def test_load_regions_twice_changes_nothing():
    before = region_snapshot()

    result = load_regions(Region, read_region_rows())

    assert result == RegionLoadResult(created=0, updated=0)
    assert region_snapshot() == before


def test_load_regions_restores_a_changed_row():
    Region.objects.filter(code="220400").update(name="改错的名字", slug="wrong-slug")

    result = load_regions(Region, read_region_rows())

    city = Region.objects.get(code="220400")
    assert result == RegionLoadResult(created=0, updated=1)
    assert (city.name, city.slug) == ("辽源市", "liaoyuan")


def test_load_regions_rejects_an_unknown_parent():
    rows = [RegionRow(code="990100", name="无主市", level="city", parent_code="990000", slug="wuzhu")]

    with pytest.raises(ValueError, match="990000"):
        load_regions(Region, rows)

    assert not Region.objects.filter(code="990100").exists()


def test_load_regions_command_reports_counts(capsys):
    call_command("load_regions")

    assert "0 created, 0 updated" in capsys.readouterr().out
