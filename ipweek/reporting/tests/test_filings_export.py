import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from ipweek.campaigns.tests.factories import MembershipFactory


def export_url(campaign, fmt):
    return reverse("reporting:export_filings", args=[campaign.pk]) + f"?format={fmt}"


def test_filings_export_lists_every_activity_for_the_office(client, admin_zhang, activity_of_a, activity_of_b):
    client.force_login(admin_zhang)

    response = client.get(export_url(activity_of_a.campaign, "csv"))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response.status_code == 200
    assert {row[0] for row in rows[1:]} == {activity_of_a.title, activity_of_b.title}


def test_filings_export_gives_a_liaison_only_their_units_activities(
    client, coordinator_li, activity_of_a, activity_of_b
):
    client.force_login(coordinator_li)

    response = client.get(export_url(activity_of_a.campaign, "xlsx"))

    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == [activity_of_a.title]


def test_filings_export_is_hidden_from_strangers_and_refuses_bad_formats(client, admin_zhang, campaign):
    client.force_login(MembershipFactory().user)
    stranger = client.get(export_url(campaign, "csv"))
    client.force_login(admin_zhang)
    bad = client.get(export_url(campaign, "exe"))

    assert (stranger.status_code, bad.status_code) == (404, 404)
