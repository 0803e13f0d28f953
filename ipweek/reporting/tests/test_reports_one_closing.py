"""One closing report per unit per activity: the service's check, the database constraint behind it,
the race between them, and the migration that made existing data fit (docs/decisions/0006)."""

import importlib
import threading

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from ipweek.core.models import AuditEvent
from ipweek.reporting.models import ActivityReport
from ipweek.reporting.services import reports as services
from ipweek.reporting.tests.factories import ActivityReportFactory, FigureFactory

Kind = ActivityReport.Kind
Status = ActivityReport.Status
ALREADY = "本单位已为该活动提交过活动总结报告，请修改原报告。"
CONSTRAINT = "report_one_closing_per_unit"
demote_extra_closing_reports = importlib.import_module(
    "ipweek.reporting.migrations.0002_demote_extra_closing_reports"
).demote_extra_closing_reports


def save_closing(activity, unit, actor, title="宣讲活动总结"):
    return services.save_report(
        activity=activity, unit=unit, kind=Kind.CLOSING, data={"title": title, "body": ""}, actor=actor
    )


def closing_reports(activity, unit):
    return ActivityReport.objects.filter(activity=activity, unit=unit, kind=Kind.CLOSING).count()


# --- the constraint ------------------------------------------------------------------------------


def test_database_refuses_a_second_closing_report_of_a_unit(activity_of_a, unit_a):
    ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=Kind.CLOSING)

    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityReport.objects.create(activity=activity_of_a, unit=unit_a, kind=Kind.CLOSING, title="重复的总结")

    assert closing_reports(activity_of_a, unit_a) == 1


def test_database_refuses_turning_news_into_a_second_closing_report(activity_of_a, unit_a):
    ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=Kind.CLOSING)
    news = ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=Kind.NEWS)

    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityReport.objects.filter(pk=news.pk).update(kind=Kind.CLOSING)

    assert closing_reports(activity_of_a, unit_a) == 1


def test_database_allows_news_and_other_units_closing_reports(activity_of_a, unit_a, unit_b):
    ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=Kind.CLOSING)

    ActivityReportFactory.create_batch(2, activity=activity_of_a, unit=unit_a, kind=Kind.NEWS)
    ActivityReportFactory(activity=activity_of_a, unit=unit_b, kind=Kind.CLOSING)

    assert ActivityReport.objects.filter(activity=activity_of_a).count() == 4


# --- the race ------------------------------------------------------------------------------------


def test_save_report_refuses_a_racing_second_closing_report_in_the_same_words(
    activity_of_a, unit_a, coordinator_li, monkeypatch
):
    ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=Kind.CLOSING)
    # As if the other request committed its report just after this one checked.
    monkeypatch.setattr(services, "_has_other_closing_report", lambda *args: False)

    with pytest.raises(ValidationError) as caught:
        save_closing(activity_of_a, unit_a, coordinator_li)

    assert caught.value.message_dict == {"kind": [ALREADY]}
    assert closing_reports(activity_of_a, unit_a) == 1
    assert not AuditEvent.objects.filter(action="report.created").exists()


@pytest.mark.django_db(transaction=True)
def test_save_report_in_two_parallel_requests_keeps_one_closing_report(activity_of_a, unit_a, coordinator_li):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the race is reproduced above by skipping the check")
    both_checked = threading.Barrier(2, timeout=10)
    check = services._has_other_closing_report

    def check_then_wait(*args):
        found = check(*args)
        both_checked.wait()  # both requests saw no closing report before either saves
        return found

    outcomes: list[str] = []

    def request(title):
        try:
            save_closing(activity_of_a, unit_a, coordinator_li, title=title)
            outcomes.append("saved")
        except ValidationError as error:
            outcomes.append(error.message_dict["kind"][0])
        finally:
            connection.close()

    original = services._has_other_closing_report
    services._has_other_closing_report = check_then_wait
    try:
        threads = [threading.Thread(target=request, args=(title,)) for title in ("第一份总结", "第二份总结")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
    finally:
        services._has_other_closing_report = original

    assert sorted(outcomes) == sorted(["saved", ALREADY])
    assert closing_reports(activity_of_a, unit_a) == 1


# --- the migration that made existing data fit ---------------------------------------------------


@pytest.fixture
def without_constraint(db):
    """The data the migration meets predates the constraint; its index is dropped inside the test's transaction."""
    with connection.cursor() as cursor:
        cursor.execute(f'DROP INDEX "{CONSTRAINT}"')


def add_constraint():
    (constraint,) = (c for c in ActivityReport._meta.constraints if c.name == CONSTRAINT)
    editor = connection.SchemaEditorClass(connection)
    connection.check_constraints()  # PostgreSQL builds no index while deferred foreign-key checks are pending
    with connection.cursor() as cursor:
        cursor.execute(str(constraint.create_sql(ActivityReport, editor)))


def test_migration_keeps_the_report_furthest_along_and_turns_the_others_into_news(
    without_constraint, activity_of_a, unit_a
):
    draft = ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=Kind.CLOSING)
    approved = ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=Kind.CLOSING, status=Status.APPROVED)
    returned = ActivityReportFactory(
        activity=activity_of_a, unit=unit_a, kind=Kind.CLOSING, status=Status.RETURNED, review_comment="请补充照片。"
    )
    FigureFactory(report=draft)

    demote_extra_closing_reports(apps, None)

    kinds = dict(ActivityReport.objects.values_list("pk", "kind"))
    assert kinds == {draft.pk: Kind.NEWS, approved.pk: Kind.CLOSING, returned.pk: Kind.NEWS}
    returned.refresh_from_db()
    assert returned.review_comment.startswith("请补充照片。\n\n【系统说明】")
    assert f"编号 {approved.pk}" in returned.review_comment
    assert (returned.status, returned.version) == (Status.RETURNED, 2)
    assert draft.figures.count() == 1
    assert set(
        AuditEvent.objects.filter(action="report.closing_demoted_to_news").values_list("object_id", flat=True)
    ) == {str(draft.pk), str(returned.pk)}
    add_constraint()  # the data now fits


def test_migration_keeps_the_oldest_among_equals_and_leaves_single_reports_alone(
    without_constraint, activity_of_a, activity_of_b, unit_a, unit_b
):
    first = ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=Kind.CLOSING)
    second = ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=Kind.CLOSING)
    single = ActivityReportFactory(activity=activity_of_b, unit=unit_b, kind=Kind.CLOSING)
    news = ActivityReportFactory(activity=activity_of_a, unit=unit_a, kind=Kind.NEWS)

    demote_extra_closing_reports(apps, None)

    kinds = dict(ActivityReport.objects.values_list("pk", "kind"))
    assert kinds == {first.pk: Kind.CLOSING, second.pk: Kind.NEWS, single.pk: Kind.CLOSING, news.pk: Kind.NEWS}
    news.refresh_from_db()
    assert (news.review_comment, news.version) == ("", 1)


def test_migration_can_run_twice(without_constraint, activity_of_a, unit_a):
    ActivityReportFactory.create_batch(2, activity=activity_of_a, unit=unit_a, kind=Kind.CLOSING)
    demote_extra_closing_reports(apps, None)

    demote_extra_closing_reports(apps, None)

    assert closing_reports(activity_of_a, unit_a) == 1
    assert AuditEvent.objects.filter(action="report.closing_demoted_to_news").count() == 1
    add_constraint()
