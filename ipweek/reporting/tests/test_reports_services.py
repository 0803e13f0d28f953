import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ipweek.core.models import AuditEvent
from ipweek.reporting.models import ActivityReport, CampaignDeadlines
from ipweek.reporting.services import reports as services
from ipweek.reporting.services.figures import FigureInput, set_figures
from ipweek.reporting.tests.factories import ActivityReportFactory, FigureFactory

Status = ActivityReport.Status
Kind = ActivityReport.Kind


@pytest.fixture
def draft(activity_of_a, unit_a):
    return ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=Kind.CLOSING, title="宣讲活动总结")


@pytest.fixture
def submitted(activity_of_a, unit_a):
    report = ActivityReportFactory(activity=activity_of_a, unit=unit_a, status=Status.SUBMITTED)
    FigureFactory(report=report)
    return report


def actions(report):
    return list(
        AuditEvent.objects.filter(object_type="reporting.activityreport", object_id=str(report.pk))
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )


def save(activity, unit, actor, **kwargs):
    data = {"title": kwargs.pop("title", "活动当日动态"), "body": kwargs.pop("body", "<p>今天开展了宣讲。</p>")}
    return services.save_report(
        activity=activity, unit=unit, kind=kwargs.pop("kind", Kind.NEWS), data=data, actor=actor, **kwargs
    )


# --- saving --------------------------------------------------------------------------------------


def test_save_report_creates_a_sanitised_draft(activity_of_a, unit_a, coordinator_li):
    report = save(activity_of_a, unit_a, coordinator_li, body='<p onclick="x()">好</p><script>alert(1)</script>')

    report.refresh_from_db()
    assert (report.status, report.kind, report.unit, report.version) == (Status.DRAFT, Kind.NEWS, unit_a, 1)
    assert report.body == "<p>好</p>"
    assert actions(report) == ["report.created"]


def test_save_report_refuses_an_empty_title(activity_of_a, unit_a, coordinator_li):
    with pytest.raises(ValidationError) as caught:
        save(activity_of_a, unit_a, coordinator_li, title="   ")

    assert "title" in caught.value.message_dict
    assert not ActivityReport.objects.exists()


def test_save_report_updates_when_the_version_is_current(draft, coordinator_li):
    save(draft.activity, draft.unit, coordinator_li, kind=Kind.CLOSING, report=draft, version=1, title="新标题")

    draft.refresh_from_db()
    assert (draft.title, draft.version) == ("新标题", 2)
    assert actions(draft) == ["report.updated"]


def test_save_report_refuses_a_stale_version_and_keeps_the_other_edit(draft, coordinator_li, admin_zhang):
    first = ActivityReport.objects.get(pk=draft.pk)
    second = ActivityReport.objects.get(pk=draft.pk)
    save(draft.activity, draft.unit, admin_zhang, kind=Kind.CLOSING, report=first, version=1, title="办公室的修改")

    with pytest.raises(ValidationError) as caught:
        save(
            draft.activity,
            draft.unit,
            coordinator_li,
            kind=Kind.CLOSING,
            report=second,
            version=1,
            title="联络员的修改",
        )

    draft.refresh_from_db()
    assert "version" in caught.value.message_dict
    assert (draft.title, draft.version) == ("办公室的修改", 2)
    assert actions(draft) == ["report.updated"]


def test_save_report_refuses_an_edit_without_a_version(draft, coordinator_li):
    with pytest.raises(ValidationError) as caught:
        save(draft.activity, draft.unit, coordinator_li, kind=Kind.CLOSING, report=draft, title="无版本")

    draft.refresh_from_db()
    assert "version" in caught.value.message_dict
    assert draft.title == "宣讲活动总结"


def test_save_report_refuses_to_change_the_kind(draft, coordinator_li):
    with pytest.raises(ValidationError) as caught:
        save(draft.activity, draft.unit, coordinator_li, kind=Kind.NEWS, report=draft, version=1)

    draft.refresh_from_db()
    assert "kind" in caught.value.message_dict
    assert draft.kind == Kind.CLOSING


def test_save_report_refuses_a_sent_report(submitted, coordinator_li):
    with pytest.raises(ValidationError) as caught:
        save(submitted.activity, submitted.unit, coordinator_li, kind=Kind.CLOSING, report=submitted, version=1)

    assert "status" in caught.value.message_dict


def test_save_report_allows_one_closing_report_per_unit_and_activity(draft, coordinator_li):
    with pytest.raises(ValidationError) as caught:
        save(draft.activity, draft.unit, coordinator_li, kind=Kind.CLOSING)

    assert "kind" in caught.value.message_dict
    assert ActivityReport.objects.count() == 1


def test_save_report_allows_many_same_day_news(activity_of_a, unit_a, coordinator_li):
    save(activity_of_a, unit_a, coordinator_li)
    save(activity_of_a, unit_a, coordinator_li)

    assert ActivityReport.objects.filter(kind=Kind.NEWS).count() == 2


# --- submitting ----------------------------------------------------------------------------------


def test_submit_report_sends_it_on_time_without_deadlines(draft, coordinator_li):
    FigureFactory(report=draft)

    services.submit_report(report=draft, actor=coordinator_li)

    draft.refresh_from_db()
    assert (draft.status, draft.is_late, draft.submitted_by) == (Status.SUBMITTED, False, coordinator_li)
    assert draft.submitted_at is not None
    assert draft.version == 2
    assert actions(draft) == ["report.submitted"]


def test_submit_report_marks_a_closing_report_late_after_the_deadline(draft, coordinator_li, campaign):
    CampaignDeadlines.objects.create(campaign=campaign, report_due=timezone.now() - dt.timedelta(hours=1))
    FigureFactory(report=draft)

    services.submit_report(report=draft, actor=coordinator_li)

    draft.refresh_from_db()
    assert (draft.status, draft.is_late) == (Status.SUBMITTED, True)


def test_submit_report_is_on_time_before_the_deadline(draft, coordinator_li, campaign):
    CampaignDeadlines.objects.create(campaign=campaign, report_due=timezone.now() + dt.timedelta(days=1))
    FigureFactory(report=draft)

    services.submit_report(report=draft, actor=coordinator_li)

    draft.refresh_from_db()
    assert draft.is_late is False


def test_submit_report_never_marks_news_late(activity_of_a, unit_a, coordinator_li, campaign):
    CampaignDeadlines.objects.create(campaign=campaign, report_due=timezone.now() - dt.timedelta(days=3))
    news = ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=Kind.NEWS)

    services.submit_report(report=news, actor=coordinator_li)

    news.refresh_from_db()
    assert (news.status, news.is_late) == (Status.SUBMITTED, False)


def test_submit_report_keeps_the_first_submission_on_time(draft, coordinator_li, admin_zhang, campaign):
    FigureFactory(report=draft)
    services.submit_report(report=draft, actor=coordinator_li)
    services.return_report(report=draft, actor=admin_zhang, comment="请补充照片")
    CampaignDeadlines.objects.create(campaign=campaign, report_due=timezone.now() - dt.timedelta(minutes=1))

    services.submit_report(report=draft, actor=coordinator_li)

    draft.refresh_from_db()
    assert (draft.status, draft.is_late) == (Status.SUBMITTED, False)


def test_submit_report_refuses_a_closing_report_without_figures(draft, coordinator_li):
    with pytest.raises(ValidationError) as caught:
        services.submit_report(report=draft, actor=coordinator_li)

    draft.refresh_from_db()
    assert "figures" in caught.value.message_dict
    assert draft.status == Status.DRAFT


def test_submit_report_refuses_unconfirmed_implausible_figures(draft, coordinator_li):
    set_figures(report=draft, figures=[FigureInput("participants", Decimal(6_000_000))], actor=coordinator_li)

    with pytest.raises(ValidationError) as caught:
        services.submit_report(report=draft, actor=coordinator_li)

    draft.refresh_from_db()
    assert "figures" in caught.value.message_dict
    assert draft.status == Status.DRAFT


def test_submit_report_accepts_implausible_figures_the_reporter_vouched_for(draft, coordinator_li):
    figure = FigureInput("participants", Decimal(6_000_000), confirmed=True)
    set_figures(report=draft, figures=[figure], actor=coordinator_li)

    services.submit_report(report=draft, actor=coordinator_li)

    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def test_submit_report_refuses_a_report_already_sent(submitted, coordinator_li):
    with pytest.raises(ValidationError):
        services.submit_report(report=submitted, actor=coordinator_li)


# --- reviewing -----------------------------------------------------------------------------------


def test_approve_report_by_office_staff(submitted, admin_zhang):
    services.approve_report(report=submitted, actor=admin_zhang, comment="很好")

    submitted.refresh_from_db()
    assert (submitted.status, submitted.reviewed_by, submitted.review_comment) == (Status.APPROVED, admin_zhang, "很好")
    assert submitted.counts_in_rollup
    assert actions(submitted) == ["report.approved"]


@pytest.mark.parametrize("persona", ["coordinator_li", "viewer_zhao", "outsider_wang"])
def test_review_services_refuse_anyone_but_office_staff(submitted, persona, request):
    user = request.getfixturevalue(persona)

    with pytest.raises(PermissionDenied):
        services.approve_report(report=submitted, actor=user)
    with pytest.raises(PermissionDenied):
        services.return_report(report=submitted, actor=user, comment="x")

    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert actions(submitted) == []


def test_approve_report_refuses_a_draft(draft, admin_zhang):
    with pytest.raises(ValidationError):
        services.approve_report(report=draft, actor=admin_zhang)

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_approve_report_waits_for_flagged_figures_to_be_confirmed(submitted, admin_zhang):
    FigureFactory(report=submitted, metric="trainings", value=Decimal(5000), needs_confirmation=True)

    with pytest.raises(ValidationError) as caught:
        services.approve_report(report=submitted, actor=admin_zhang)

    submitted.refresh_from_db()
    assert "figures" in caught.value.message_dict
    assert submitted.status == Status.SUBMITTED


def test_return_report_needs_a_comment(submitted, admin_zhang):
    with pytest.raises(ValidationError) as caught:
        services.return_report(report=submitted, actor=admin_zhang, comment="  ")

    submitted.refresh_from_db()
    assert "comment" in caught.value.message_dict
    assert submitted.status == Status.SUBMITTED


def test_return_report_sends_it_back_with_the_comment(submitted, admin_zhang):
    services.return_report(report=submitted, actor=admin_zhang, comment="请补充参与人次")

    submitted.refresh_from_db()
    assert (submitted.status, submitted.review_comment) == (Status.RETURNED, "请补充参与人次")
    assert actions(submitted) == ["report.returned"]


@pytest.mark.parametrize("kind", [Kind.NEWS, Kind.CLOSING])
def test_publish_report_publishes_approved_reports(activity_of_a, unit_a, admin_zhang, kind):
    report = ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=kind, status=Status.APPROVED)

    services.publish_report(report=report, actor=admin_zhang)

    report.refresh_from_db()
    assert report.status == Status.PUBLISHED
    assert report.published_at is not None
    assert actions(report) == ["report.published"]


def test_publish_report_refuses_an_unapproved_report(submitted, admin_zhang):
    with pytest.raises(ValidationError):
        services.publish_report(report=submitted, actor=admin_zhang)

    submitted.refresh_from_db()
    assert (submitted.status, submitted.published_at) == (Status.SUBMITTED, None)


def test_publish_report_refuses_a_liaison(activity_of_a, unit_a, coordinator_li):
    report = ActivityReportFactory(activity=activity_of_a, unit=unit_a, status=Status.APPROVED)

    with pytest.raises(PermissionDenied):
        services.publish_report(report=report, actor=coordinator_li)

    report.refresh_from_db()
    assert report.status == Status.APPROVED


# --- reading -------------------------------------------------------------------------------------


def test_visible_reports_depend_on_the_role(campaign, activity_of_a, activity_of_b, unit_a, unit_b, request):
    own_draft = ActivityReportFactory(activity=activity_of_a, unit=unit_a)
    other_draft = ActivityReportFactory(activity=activity_of_b, unit=unit_b)
    approved = ActivityReportFactory(activity=activity_of_b, unit=unit_b, kind=Kind.NEWS, status=Status.APPROVED)
    from ipweek.campaigns.permissions import access_for

    def seen(persona):
        access = access_for(request.getfixturevalue(persona), campaign)
        return set(services.visible_reports(access))

    assert seen("admin_zhang") == {own_draft, other_draft, approved}
    assert seen("coordinator_li") == {own_draft, approved}
    assert seen("viewer_zhao") == {approved}
