import io

from django.core.management import call_command

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity, Campaign
from ipweek.units.models import Membership


def test_demo_builds_province_city_and_county_with_every_role(db):
    call_command("demo", stdout=io.StringIO())

    city = Campaign.objects.get(year=2027, region__code="330500")
    activities = city.activities.all()
    units = {role.unit_id for activity in activities for role in activity.unit_roles.all()}
    assert city.parent.region.code == "330000"
    assert Campaign.objects.get(parent=city).level == Campaign.Level.COUNTY
    assert activities.count() >= 12
    assert len({activity.category for activity in activities}) >= 8
    assert len(units) >= 6
    assert set(Membership.objects.filter(campaign=city).values_list("role", flat=True)) == set(Membership.Role.values)
    assert city.status == Campaign.Status.ISSUED


def test_demo_is_idempotent(db):
    call_command("demo", stdout=io.StringIO())
    counts = (Campaign.objects.count(), Activity.objects.count(), User.objects.count(), Membership.objects.count())

    call_command("demo", stdout=io.StringIO())

    assert (
        Campaign.objects.count(),
        Activity.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    ) == counts


def test_demo_prints_the_logins(db, capsys):
    call_command("demo")

    printed = capsys.readouterr().out
    assert "ipweek-demo-2027" in printed
    assert "office" in printed and "viewer" in printed
