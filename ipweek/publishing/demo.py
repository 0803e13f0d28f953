"""Publishing data for the 2027 demo: news promoted from the published reports, a release held
under embargo until the launch ceremony, a highlight, screens and the knowledge base."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from ipweek.accounts.models import User
from ipweek.campaigns.models import Campaign
from ipweek.publishing import services
from ipweek.publishing.models import Post, Screen
from ipweek.reporting.models import ActivityReport


def fill_publishing_demo(*, city: Campaign, office: User) -> None:
    """Once: skipped when the city already has posts."""
    call_command("load_demo_articles", verbosity=0)
    if Post.objects.filter(campaign=city).exists():
        return
    published = ActivityReport.objects.filter(
        activity__campaign=city, kind=ActivityReport.Kind.NEWS, status=ActivityReport.Status.PUBLISHED
    )
    for report in published.order_by("pk"):
        _approve(services.promote_report(report=report, actor=office), office)
    notice = services.create_post(
        campaign=city, actor=office,
        data={"kind": Post.Kind.NOTICE, "title": "2027年知识产权宣传周活动安排发布", "is_highlight": True,
              "summary": "宣传周期间全市将举办十余项活动，欢迎市民参与。",
              "body": "<p>4月20日至26日，全市将举办启动仪式、广场咨询日、专利成果网上展等活动。</p>"},
    )  # fmt: skip
    _approve(notice, office)
    release = services.create_post(
        campaign=city, actor=office,
        data={"kind": Post.Kind.RELEASE, "title": "《2026年湖州市知识产权保护状况》白皮书", "is_highlight": True,
              "summary": "白皮书在启动仪式上发布。",
              "body": "<p>白皮书全面介绍2026年全市知识产权保护工作进展。</p>"},
    )  # fmt: skip
    at_launch = dt.datetime(city.year, 4, 20, 10, 30, tzinfo=timezone.get_current_timezone())
    _approve(release, office, publish_at=at_launch if at_launch > timezone.now() else None)
    for name, venue, limit in (("中心广场大屏", "湖州市中心广场", 32), ("高新区门户屏", "南太湖新区创新中心", 20)):
        if not Screen.objects.filter(campaign=city, name=name).exists():
            services.add_screen(campaign=city, actor=office, name=name, venue=venue, char_limit=limit)


def _approve(post: Post, office: User, publish_at: dt.datetime | None = None) -> None:
    services.submit_for_approval(post=post, actor=office)
    services.approve_post(post=post, actor=office, publish_at=publish_at)
