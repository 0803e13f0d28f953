"""Reporting data for the 2027 demo: filings, reports with figures and photos, a county submission.

Called by ``ipweek demo`` after the campaigns exist; everything goes through the services, so the
audit trail, late flags and rollups are what a real office would see. Invented figures only.
"""

import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from ipweek.accounts.models import User
from ipweek.campaigns.models import Activity, Campaign
from ipweek.campaigns.permissions import access_for
from ipweek.reporting.models import ActivityReport, CampaignDeadlines
from ipweek.reporting.permissions import reporting_unit_id
from ipweek.reporting.services import figures as figure_services
from ipweek.reporting.services import filings as filing_services
from ipweek.reporting.services import photos as photo_services
from ipweek.reporting.services import reports as report_services
from ipweek.reporting.services.submissions import submit_upward

# activity title → figures of its closing report (metric, value)
CITY_FIGURES: dict[str, list[tuple[str, int]]] = {
    "宣传周启动仪式暨知识产权保护成果发布": [("participants", 320), ("online_views", 58000), ("media_items", 12)],
    "知识产权宣传服务广场日暨“12330”维权援助咨询台": [
        ("participants", 1500),
        ("materials", 6000),
        ("consultations", 230),
        ("complaints", 7),
        ("violation_reports", 3),
    ],
    "专利执法专项检查": [("officers", 46), ("inspections", 128), ("seized_items", 35), ("cases", 4)],
    "电子商务平台专利侵权纠纷快速处理": [("complaints", 19), ("cases", 11), ("online_views", 9000)],
    "知识产权司法保护新闻发布会": [("media_items", 15), ("online_views", 120000), ("participants", 60)],
    "企业知识产权合规管理培训班": [("trainings", 2), ("trainees", 210), ("materials", 400)],
    "知识产权进校园主题班会": [("participants", 4200), ("trainings", 36)],
    "青少年知识产权知识竞赛": [("participants", 8600), ("online_views", 24000)],
}
NEWS_TITLES = {
    "宣传周启动仪式暨知识产权保护成果发布": "我市启动2027年知识产权宣传周",
    "知识产权宣传服务广场日暨“12330”维权援助咨询台": "“4·26”广场日：咨询台前排起长队",
    "知识产权司法保护新闻发布会": "市中级法院发布十大知识产权典型案例",
}
COUNTY_FIGURES = {
    "全区知识产权宣传周启动活动": [("participants", 180), ("materials", 900)],
    "全区知识产权保护典型案例发布": [("media_items", 4), ("online_views", 6400)],
    "知识产权进社区宣传": [("participants", 640), ("materials", 2100), ("consultations", 85)],
}


def fill_reporting_demo(*, campaigns: dict[str, Campaign], users: dict[str, User]) -> None:
    """Fill filings, reports, figures and a county submission, once (skipped when reports exist)."""
    city, county = campaigns["city"], campaigns["county"]
    if ActivityReport.objects.filter(activity__campaign=city).exists():
        return
    _deadlines(city)
    office = users["office"]
    by_title = {a.title: a for a in city.activities.prefetch_related("unit_roles__unit")}
    for title in CITY_FIGURES:
        _file(by_title[title], office)
    for title, figures in CITY_FIGURES.items():
        actor = users["liaison"] if title == "知识产权司法保护新闻发布会" else office
        _close(by_title[title], actor, office, figures, publish=title in NEWS_TITLES)
    for title, headline in NEWS_TITLES.items():
        _news(by_title[title], office, headline)
    _fill_county(county, city, users["county"], by_title["宣传周启动仪式暨知识产权保护成果发布"])


def _deadlines(campaign: Campaign) -> None:
    tz = timezone.get_current_timezone()
    CampaignDeadlines.objects.update_or_create(
        campaign=campaign,
        defaults={
            "filing_due": dt.datetime(campaign.year, 4, 12, 17, 0, tzinfo=tz),
            "report_due": dt.datetime(campaign.year, 4, 30, 17, 0, tzinfo=tz),
            "submission_due": dt.datetime(campaign.year, 5, 8, 17, 0, tzinfo=tz),
        },
    )


def _unit_of(activity: Activity, actor: User):  # type: ignore[no-untyped-def]
    unit_id = reporting_unit_id(access_for(actor, activity.campaign), activity)
    return next(role.unit for role in activity.unit_roles.all() if role.unit_id == unit_id)


def _file(activity: Activity, office: User) -> None:
    data = filing_services.initial_filing_data(activity)
    data.update(contact_name="周主任", contact_phone="0572-2220426", expected_headcount=300)
    data.setdefault("venue", activity.venue or "湖州市")
    if not data.get("starts_at"):
        data["starts_at"] = timezone.make_aware(dt.datetime(activity.campaign.year, 4, 20, 9, 0))
    filing = filing_services.save_filing(
        activity=activity, unit=_unit_of(activity, office), data=data, actor=office, version=0, submit=True
    )
    filing_services.approve_filing(filing=filing, actor=office)


def _close(activity: Activity, actor: User, office: User, figures: list[tuple[str, int]], *, publish: bool) -> None:
    report = report_services.save_report(
        activity=activity, unit=_unit_of(activity, actor), kind=ActivityReport.Kind.CLOSING, actor=actor,
        data={"title": f"{activity.title}总结", "body": f"<p>{activity.title}已圆满完成，现将有关情况报告如下。</p>"},
    )  # fmt: skip
    figure_services.set_figures(
        report=report,
        figures=[figure_services.FigureInput(metric=m, value=Decimal(v), confirmed=True) for m, v in figures],
        actor=actor,
    )
    report_services.submit_report(report=report, actor=actor)
    report_services.approve_report(report=report, actor=office)
    if publish:
        report_services.publish_report(report=report, actor=office)


def _news(activity: Activity, office: User, headline: str) -> None:
    report = report_services.save_report(
        activity=activity, unit=_unit_of(activity, office), kind=ActivityReport.Kind.NEWS, actor=office,
        data={"title": headline, "body": f"<p>{headline}。活动现场秩序井然，群众参与热情高。</p>"},
    )  # fmt: skip
    photo_services.add_photo(report=report, upload=_demo_photo(headline), caption=headline, actor=office)
    report_services.submit_report(report=report, actor=office)
    report_services.approve_report(report=report, actor=office)
    report_services.publish_report(report=report, actor=office)


def _demo_photo(name: str) -> SimpleUploadedFile:
    """A plain drawn picture (no text, no EXIF) standing in for a photo of the event."""
    image = Image.new("RGB", (960, 640), (155, 28, 28))
    draw = ImageDraw.Draw(image)
    draw.rectangle((80, 420, 880, 560), fill=(240, 240, 240))
    draw.ellipse((380, 120, 580, 320), fill=(250, 204, 21))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return SimpleUploadedFile(f"{abs(hash(name))}.jpg", buffer.getvalue(), content_type="image/jpeg")


def _fill_county(county: Campaign, city: Campaign, county_office: User, city_launch: Activity) -> None:
    activities = {a.title: a for a in county.activities.prefetch_related("unit_roles__unit")}
    launch = activities["全区知识产权宣传周启动活动"]
    launch.linked_to = city_launch  # the county's sub-venue of the city launch: counted once, at city level
    launch.save(update_fields=["linked_to"])
    for title, figures in COUNTY_FIGURES.items():
        _close(activities[title], county_office, county_office, figures, publish=False)
    submit_upward(
        campaign=county,
        actor=county_office,
        summary="吴兴区宣传周期间共组织活动3场，数据已经区局审核。",
    )
