import pytest

from ipweek.api.tests.helpers import api_url, error_of
from ipweek.campaigns.tests.factories import UnitFactory


def test_unit_list_filters_by_region_and_part_of_the_name(client, campaign, unit_a, unit_b, stranger):
    UnitFactory(name="别处市场监督管理局")
    client.force_login(stranger)

    response = client.get(api_url("/units"), {"region": "990400", "q": "市场监督"})

    assert response.status_code == 200
    assert [row["name"] for row in response.json()] == ["示例市市场监督管理局"]
    assert response.json()[0]["region"]["code"] == "990400"


def test_unit_list_leaves_out_inactive_units_unless_asked(client, campaign, unit_a, stranger):
    unit_a.is_active = False
    unit_a.save()
    client.force_login(stranger)

    default = client.get(api_url("/units"), {"region": "990400"})
    everything = client.get(api_url("/units"), {"region": "990400", "include_inactive": "true"})

    assert unit_a.pk not in [row["id"] for row in default.json()]
    assert unit_a.pk in [row["id"] for row in everything.json()]


@pytest.mark.parametrize(
    ("query", "field"),
    [({"region": "99"}, "region"), ({"limit": "0"}, "limit"), ({"kind": "bank"}, "kind"), ({"q": "长" * 65}, "q")],
)
def test_unit_list_bad_query_is_422_naming_the_parameter(client, stranger, query, field):
    client.force_login(stranger)

    response = client.get(api_url("/units"), query)

    assert field in error_of(response, 422)["fields"]


def test_unit_list_anonymous_is_401(client, unit_a):
    response = client.get(api_url("/units"))

    assert response.status_code == 401


def test_unit_detail_is_readable_by_any_signed_in_user(client, unit_a, stranger):
    client.force_login(stranger)

    response = client.get(api_url(f"/units/{unit_a.pk}"))

    assert response.status_code == 200
    assert response.json()["name"] == "示例市市场监督管理局"


def test_unit_detail_of_a_missing_unit_is_404(client, stranger):
    client.force_login(stranger)

    response = client.get(api_url("/units/987654"))

    assert error_of(response, 404)["code"] == "not_found"


def test_region_list_by_level(client, stranger):
    client.force_login(stranger)

    response = client.get(api_url("/regions"), {"level": "province"})

    names = [row["name"] for row in response.json()]
    assert response.status_code == 200
    assert "辽宁省" in names
    assert {row["level"] for row in response.json()} == {"province"}


def test_region_list_by_parent_code(client, stranger):
    client.force_login(stranger)

    response = client.get(api_url("/regions"), {"parent": "210000", "q": "沈阳"})

    assert [(row["code"], row["parent_code"]) for row in response.json()] == [("210100", "210000")]


def test_region_list_anonymous_is_401(client, db):
    response = client.get(api_url("/regions"), {"level": "province"})

    assert response.status_code == 401


def test_unit_list_says_how_long_a_search_may_be(client, stranger):
    client.force_login(stranger)

    response = client.get(api_url("/units"), {"q": "长" * 65})

    assert error_of(response, 422)["fields"] == {"q": "太长了：最多 64 个字符。"}
