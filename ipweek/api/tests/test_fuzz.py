"""Random bodies against the busiest write endpoint: never a 500, only the status codes it declares."""

import json

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ipweek.api.tests.helpers import campaign_url
from ipweek.api.urls import api

FIELDS = [
    "title", "category", "description", "date_text", "start_date", "start_time", "end_date", "end_time",
    "is_tentative", "venue", "mode", "audience", "channels", "budget", "status", "parent_id",
    "lead_unit_ids", "co_organiser_unit_ids", "supporting_unit_ids",
]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        [
            "2027-04-21",
            "2026-04-21",
            "2027-02-30",
            "09:30",
            "24:00",
            "09:30+08:00",
            "1e20",
            "-1",
            "draft",
            "lead",
            "\x00",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
random_bodies = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=12), values, max_size=8)
# Half the bodies start from a valid one, so the checks past the schema get exercised too.
bodies = random_bodies | random_bodies.map(lambda body: {"title": "活动", **body})

OPERATION = api.get_openapi_schema()["paths"]["/api/v1/campaigns/{campaign_id}/activities"]["post"]
DECLARED = {int(status) for status in OPERATION["responses"]}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_activity_create_answers_random_bodies_with_a_declared_status(client, campaign, admin_zhang, unit_a, body):
    client.force_login(admin_zhang)

    response = client.post(campaign_url(campaign, "/activities"), json.dumps(body), content_type="application/json")

    event(f"status {response.status_code}")
    assert response.status_code in DECLARED
    assert response.status_code < 500
    if response.status_code != 201:
        assert set(response.json()) == {"error"}
