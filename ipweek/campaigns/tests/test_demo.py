import io

from django.core.management import call_command

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity, Campaign
from ipweek.units.models import Membership


def test_demo_builds_province_city_and_county_with_every_role(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
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
    assert city.status == Campaign.Status.RUNNING


def test_demo_is_idempotent(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", stdout=io.StringIO())
    counts = (Campaign.objects.count(), Activity.objects.count(), User.objects.count(), Membership.objects.count())

    call_command("demo", stdout=io.StringIO())

    assert (
        Campaign.objects.count(),
        Activity.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    ) == counts


def test_demo_prints_the_logins(db, capsys, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo")

    printed = capsys.readouterr().out
    assert "ipweek-demo-2027" in printed
    assert "office" in printed and "viewer" in printed


def test_demo_fills_reports_figures_and_a_county_submission(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from ipweek.reporting.models import ActivityReport, Figure, Submission
    from ipweek.reporting.rollup import rollup

    call_command("demo", stdout=io.StringIO())

    city = Campaign.objects.get(year=2027, region__code="330500")
    units = set(ActivityReport.objects.filter(activity__campaign=city).values_list("unit", flat=True))
    totals = rollup(city).totals
    assert len(units) >= 3
    assert Figure.objects.filter(report__activity__campaign__parent=city).exists()
    assert Submission.objects.get().parent == city
    # the county launch is linked to the city launch, so its 180 participants are not added again
    assert totals[Figure.Metric.PARTICIPANTS] == 320 + 1500 + 60 + 4200 + 8600 + 640


def test_demo_publishes_news_and_holds_the_white_paper_under_embargo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from ipweek.publishing.models import Article, Post

    call_command("demo", stdout=io.StringIO())

    city = Campaign.objects.get(year=2027, region__code="330500")
    public_titles = set(Post.objects.public().filter(campaign=city).values_list("title", flat=True))
    assert "我市启动2027年知识产权宣传周" in public_titles
    assert "《2026年湖州市知识产权保护状况》白皮书" not in public_titles  # until 2027-04-20 10:30
    assert Article.objects.filter(is_published=True).count() >= 6
