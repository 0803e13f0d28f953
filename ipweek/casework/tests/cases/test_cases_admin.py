"""The admin: cases read-only and without personal data; rules, routes, platforms and holidays editable."""

import datetime as dt

import pytest
from django.urls import reverse

from ipweek.campaigns.tests.factories import UserFactory
from ipweek.casework import deadlines
from ipweek.casework.models import DeadlineRule
from ipweek.casework.tests.cases.support import NAME, PHONE
from ipweek.core.models import Holiday


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def test_the_case_admin_shows_no_personal_data_and_changes_nothing(client, superuser, case):
    client.force_login(superuser)

    listing = client.get(reverse("admin:casework_case_changelist"))
    page = client.get(reverse("admin:casework_case_change", args=[case.pk]))
    added = client.get(reverse("admin:casework_case_add"))

    assert (listing.status_code, page.status_code, added.status_code) == (200, 200, 403)
    html = page.content.decode()
    assert case.number in html and PHONE not in html and NAME not in html
    assert case.access_code_digest not in html


def test_the_case_admin_is_closed_to_non_staff(client, admin_zhang, case):
    client.force_login(admin_zhang)

    response = client.get(reverse("admin:casework_case_changelist"))

    assert response.status_code == 302


def test_a_deadline_rule_override_changes_new_deadlines(client, superuser):
    client.force_login(superuser)
    data = {
        "key": "complaint.accept",
        "label": "投诉受理（本地从严）",
        "days": 5,
        "working_days": "on",
        "source": "本地规定",
    }

    response = client.post(reverse("admin:casework_deadlinerule_add"), data)

    assert response.status_code == 302
    assert DeadlineRule.objects.get().key == "complaint.accept"
    assert deadlines.due("complaint.accept", dt.date(2026, 4, 28)) == dt.date(2026, 5, 8)


def test_next_years_holidays_are_entered_in_the_admin(client, superuser):
    client.force_login(superuser)

    response = client.post(
        reverse("admin:core_holiday_add"), {"date": "2027-05-03", "kind": "holiday", "name": "劳动节"}
    )

    assert response.status_code == 302
    assert Holiday.objects.get().date == dt.date(2027, 5, 3)
    assert client.get(reverse("admin:core_holiday_changelist")).status_code == 200


@pytest.mark.parametrize("model", ["intakeroute", "platform", "deadlinerule"])
def test_casework_settings_are_listed(client, superuser, model):
    client.force_login(superuser)

    assert client.get(reverse(f"admin:casework_{model}_changelist")).status_code == 200
