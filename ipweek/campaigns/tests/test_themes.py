import pytest

from ipweek.campaigns.models import Theme
from ipweek.campaigns.themes import ThemeLoadResult, load_themes, read_theme_rows, theme_for_year

pytestmark = pytest.mark.django_db


def theme_snapshot() -> list[tuple[int, str, str, str]]:
    return list(
        Theme.objects.order_by("year").values_list(
            "year", "national_theme", "world_ip_day_theme_en", "world_ip_day_theme_zh"
        )
    )


def test_theme_csv_covers_2009_to_2026():
    rows = read_theme_rows()

    assert [row.year for row in rows] == list(range(2009, 2027))


@pytest.mark.parametrize(
    ("year", "national_theme", "world_ip_day_theme_en"),
    [
        (2017, "创新创造改变生活 知识产权竞争未来", "Innovation – Improving Lives"),
        (2018, "倡导创新文化 尊重知识产权", "Powering change: Women in innovation and creativity"),
    ],
)
def test_theme_migrated_db_holds_the_year_theme(year, national_theme, world_ip_day_theme_en):
    theme = Theme.objects.get(year=year)

    assert (theme.national_theme, theme.world_ip_day_theme_en) == (national_theme, world_ip_day_theme_en)
    assert theme_for_year(year) == national_theme


def test_theme_for_year_is_empty_when_unconfirmed():
    theme = Theme.objects.get(year=2026)

    national_theme = theme_for_year(2026)

    assert national_theme == ""
    assert theme.world_ip_day_theme_en == "IP and Sports: Ready, Set, Innovate!"


def test_theme_for_year_is_empty_when_the_year_is_missing():
    national_theme = theme_for_year(1999)

    assert national_theme == ""


def test_load_themes_twice_changes_nothing():
    before = theme_snapshot()

    result = load_themes(Theme, read_theme_rows())

    assert result == ThemeLoadResult(created=0, updated=0)
    assert theme_snapshot() == before


def test_load_themes_keeps_a_theme_an_admin_filled_in():
    Theme.objects.filter(year=2026).update(national_theme="管理员填写的主题")

    result = load_themes(Theme, read_theme_rows())

    assert result == ThemeLoadResult(created=0, updated=0)
    assert theme_for_year(2026) == "管理员填写的主题"


def test_load_themes_restores_a_value_the_csv_confirms():
    Theme.objects.filter(year=2018).update(world_ip_day_theme_en="")

    result = load_themes(Theme, read_theme_rows())

    assert result == ThemeLoadResult(created=0, updated=1)
    assert Theme.objects.get(year=2018).world_ip_day_theme_en.startswith("Powering change")


def test_load_themes_creates_a_missing_year():
    Theme.objects.filter(year=2009).delete()

    result = load_themes(Theme, read_theme_rows())

    assert result == ThemeLoadResult(created=1, updated=0)
    assert theme_for_year(2009) == "文化·战略·发展"
