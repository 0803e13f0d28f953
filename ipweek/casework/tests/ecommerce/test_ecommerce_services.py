"""The e-commerce fast track's services: intake, the opinion, the platform's steps and their rules."""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ipweek.casework import deadlines, demo_ecommerce
from ipweek.casework.demo import DemoContext
from ipweek.casework.models import Case, CaseEvent, EcommerceRequest, Notification
from ipweek.casework.services import ecommerce as services
from ipweek.casework.tests.ecommerce.support import DATA, PHONE, backdate_measure, days_ago, submit
from ipweek.core.models import AuditEvent


def test_submit_opens_an_ecommerce_case_at_the_platforms_office(platform, office):
    item = submit(platform)

    case = item.case
    assert (case.kind, case.channel, case.office, case.status) == ("ecommerce", "platform", office, "received")
    assert case.number.startswith("DS")
    assert (item.patent_number, case.right_number, case.ip_type) == ("ZL201310699744.2",) * 2 + ("invention",)
    assert (case.respondent_name, case.respondent_url) == (DATA["shop_name"], DATA["listing_url"])
    assert case.complainant_phone == PHONE
    assert item.opinion_due == case.due_date


def test_the_opinion_is_due_two_working_days_later_across_may_day(platform):
    received = timezone.make_aware(dt.datetime(2026, 4, 30, 10, 0))

    item = submit(platform, received_at=received)

    # 1–5 May 2026 are off; 6 and 7 May are the two working days after 30 April.
    assert item.opinion_due == dt.date(2026, 5, 7)


def test_the_same_idempotency_key_gives_one_request(platform, platform_user):
    first = services.submit_request(platform=platform, actor=platform_user, data=DATA, idempotency_key="k-1")
    again = services.submit_request(platform=platform, actor=platform_user, data=DATA, idempotency_key="k-1")

    assert first.created and not again.created
    assert first.request.pk == again.request.pk
    assert EcommerceRequest.objects.count() == Case.objects.count() == 1


def test_two_platforms_may_use_the_same_key_without_meeting(platform, platform_user, other_platform):
    one = services.submit_request(platform=platform, actor=platform_user, data=DATA, idempotency_key="k-1")
    assert other_platform.user is not None
    two = services.submit_request(platform=other_platform, actor=other_platform.user, data=DATA, idempotency_key="k-1")

    assert two.created and one.request.pk != two.request.pk


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("ZL201310699744.3", "2"),  # the check character should be 2
        ("ZL201340699744.2", "4"),  # type digit 4 does not exist
        ("ZL20131069974.2", "11"),  # 11 digits
        ("ZL201310699744", "2"),  # check character missing: the message gives the one expected
        ("专利号见附件", "见"),  # not a number at all: the stray characters are named
    ],
)
def test_a_malformed_patent_number_is_explained_and_nothing_saved(platform, number, words):
    with pytest.raises(ValidationError) as caught:
        submit(platform, patent_number=number)

    messages = caught.value.message_dict
    assert list(messages) == ["patent_number"]
    assert words in messages["patent_number"][0]
    assert not Case.objects.exists()


def test_patent_numbers_are_stored_in_one_spelling_with_their_type():
    assert services.check_patent_number("CN 95115608.x") == ("ZL95115608.X", "invention")
    assert services.check_patent_number("ZL２０２３ ２ ０１２３４５６．１") == ("ZL202320123456.1", "utility_model")


def test_a_publication_number_is_not_a_patent_number(platform):
    with pytest.raises(ValidationError) as caught:
        submit(platform, patent_number="CN209876543U")

    assert list(caught.value.message_dict) == ["patent_number"]


def test_every_missing_field_is_named(platform):
    with pytest.raises(ValidationError) as caught:
        submit(platform, shop_name="", listing_url="ftp://x", facts="", contact_phone="", contact_email="")

    assert {"shop_name", "listing_url", "facts", "contact_phone"} <= set(caught.value.message_dict)
    assert not Case.objects.exists()


def test_only_the_platforms_own_account_submits(platform, caseworker):
    with pytest.raises(PermissionDenied):
        services.submit_request(platform=platform, actor=caseworker, data=DATA)

    assert not Case.objects.exists()


def test_a_caseworker_issues_the_opinion_and_the_right_holder_is_told(ecommerce_request, caseworker):
    item = services.issue_opinion(request=ecommerce_request, actor=caseworker, opinion="infringing", reasons="相同。")

    case = Case.objects.get(pk=item.case_id)
    assert (item.opinion, case.status, case.outcome) == ("infringing", "decided", "opinion")
    assert item.opinion_at is not None and not services.is_late_opinion(item)
    assert CaseEvent.objects.filter(case=case, action="decide").exists()
    notification = Notification.objects.get(case=case)
    assert notification.recipient_masked == "139****5678"


def test_a_reader_cannot_issue_the_opinion(ecommerce_request, admin_zhang, platform_user):
    for actor in (admin_zhang, platform_user):
        with pytest.raises(PermissionDenied):
            services.issue_opinion(request=ecommerce_request, actor=actor, opinion="infringing", reasons="相同。")

    assert EcommerceRequest.objects.get().opinion == ""


def test_a_late_opinion_is_allowed_and_flagged(platform, caseworker):
    item = submit(platform, received_at=days_ago(20))

    item = services.issue_opinion(request=item, actor=caseworker, opinion="not_infringing", reasons="缺少特征。")

    assert services.is_late_opinion(item)
    assert AuditEvent.objects.get(action="ecommerce.opinion").data["late"] is True


def test_the_opinion_is_given_once_and_needs_reasons(ecommerce_request, caseworker):
    with pytest.raises(ValidationError) as caught:
        services.issue_opinion(request=ecommerce_request, actor=caseworker, opinion="maybe", reasons=" ")
    assert set(caught.value.message_dict) == {"opinion", "reasons"}

    services.issue_opinion(request=ecommerce_request, actor=caseworker, opinion="infringing", reasons="相同。")
    with pytest.raises(ValidationError):
        services.issue_opinion(request=ecommerce_request, actor=caseworker, opinion="infringing", reasons="相同。")


def test_a_stale_version_is_refused(ecommerce_request, caseworker, platform_user):
    seen = ecommerce_request.case.version
    services.record_measure(request=ecommerce_request, actor=platform_user, measure="block", version=seen)

    with pytest.raises(ValidationError) as caught:
        services.issue_opinion(
            request=ecommerce_request, actor=caseworker, opinion="infringing", reasons="相同。", version=seen
        )

    assert caught.value.error_list[0].code == services.STALE
    assert EcommerceRequest.objects.get().opinion == ""


def test_only_the_sending_platform_records_steps(ecommerce_request, other_platform, caseworker):
    for actor in (other_platform.user, caseworker):
        with pytest.raises(PermissionDenied):
            services.record_measure(request=ecommerce_request, actor=actor, measure="delete")

    assert EcommerceRequest.objects.get().measure == ""


def test_the_measure_is_recorded_once(ecommerce_request, platform_user):
    services.record_measure(request=ecommerce_request, actor=platform_user, measure="delete")

    with pytest.raises(ValidationError):
        services.record_measure(request=ecommerce_request, actor=platform_user, measure="block")
    assert EcommerceRequest.objects.get().measure == "delete"
    assert Case.objects.get().version == 2


def test_a_declaration_starts_the_fifteen_day_window(measured, platform_user):
    item = backdate_measure(measured, 3)
    day = timezone.localdate() - dt.timedelta(days=2)

    item = services.record_counter_notice(request=item, actor=platform_user, at=day)

    assert item.window_ends == deadlines.due("ecommerce.window", day)  # 15 days, off a holiday
    assert item.window_ends - day >= dt.timedelta(days=15)
    assert services.stage_of(item, timezone.localdate()) == "in_window"


def test_a_declaration_needs_a_measure_and_a_possible_date(ecommerce_request, platform_user):
    with pytest.raises(ValidationError):
        services.record_counter_notice(request=ecommerce_request, actor=platform_user)
    item = services.record_measure(request=ecommerce_request, actor=platform_user, measure="block")

    for day in (timezone.localdate() + dt.timedelta(days=1), timezone.localdate() - dt.timedelta(days=5)):
        with pytest.raises(ValidationError) as caught:
            services.record_counter_notice(request=item, actor=platform_user, at=day)
        assert "at" in caught.value.message_dict
    assert EcommerceRequest.objects.get().window_ends is None


def test_restore_is_refused_until_the_window_has_passed(measured, platform_user):
    item = services.record_counter_notice(request=measured, actor=platform_user)

    with pytest.raises(ValidationError) as caught:
        services.finalise(request=item, actor=platform_user, final="restored")

    assert "final" in caught.value.message_dict
    assert EcommerceRequest.objects.get().final == ""


def test_restore_after_the_window_without_a_complaint(measured, platform_user):
    item = backdate_measure(measured, 20)
    item = services.record_counter_notice(request=item, actor=platform_user, at=days_ago(16))

    item = services.finalise(request=item, actor=platform_user, final="restored")

    assert (item.final, services.stage_of(item, timezone.localdate())) == ("restored", "restored")
    with pytest.raises(ValidationError):
        services.record_complaint_or_suit(request=item, actor=platform_user)


def test_a_complaint_within_the_window_keeps_the_measure(measured, platform_user):
    item = services.record_counter_notice(request=measured, actor=platform_user)
    item = services.record_complaint_or_suit(request=item, actor=platform_user)

    with pytest.raises(ValidationError):
        services.finalise(request=item, actor=platform_user, final="restored")
    item = services.finalise(request=item, actor=platform_user, final="kept")

    assert item.final == "kept"


def test_a_complaint_after_the_window_is_refused(measured, platform_user):
    item = backdate_measure(measured, 20)
    item = services.record_counter_notice(request=item, actor=platform_user, at=days_ago(17))

    with pytest.raises(ValidationError):
        services.record_complaint_or_suit(request=item, actor=platform_user)

    assert not EcommerceRequest.objects.get().complaint_or_suit_notified


def test_keep_needs_infringement_or_a_complaint(measured, ecommerce_request, platform_user, caseworker):
    with pytest.raises(ValidationError):
        services.finalise(request=measured, actor=platform_user, final="kept")

    other = submit(measured.platform)
    other = services.issue_opinion(request=other, actor=caseworker, opinion="infringing", reasons="相同。")
    other = services.record_measure(request=other, actor=platform_user, measure="delete")
    assert services.finalise(request=other, actor=platform_user, final="kept").final == "kept"


def test_no_measure_ends_the_platforms_track(ecommerce_request, platform_user):
    item = services.record_measure(request=ecommerce_request, actor=platform_user, measure="none")

    assert services.is_settled(item)
    assert services.platform_steps(item, timezone.localdate()) == []
    with pytest.raises(ValidationError):
        services.finalise(request=item, actor=platform_user, final="kept")


def test_the_office_closes_a_decided_request(measured, caseworker, platform_user):
    case = services.close_request(request=measured, actor=caseworker)

    assert case.status == "closed"
    with pytest.raises(ValidationError):
        services.record_counter_notice(request=measured, actor=platform_user)


def test_audit_and_trail_hold_no_personal_data(measured, platform_user):
    services.record_counter_notice(request=measured, actor=platform_user)

    audit = json.dumps([event.data for event in AuditEvent.objects.all()], ensure_ascii=False)
    notes = " ".join(CaseEvent.objects.values_list("note", flat=True))
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"ecommerce.submitted", "ecommerce.opinion", "ecommerce.platform_measure"} <= actions
    assert "ecommerce.counter_notice" in actions
    for secret in (PHONE, "王小明", "wang@example.com"):
        assert secret not in audit and secret not in notes


def test_the_contact_is_masked_unless_revealed(ecommerce_request):
    masked = services.contact_of(ecommerce_request)
    shown = services.contact_of(ecommerce_request, reveal=True)

    assert (masked.name, masked.phone, masked.email) == ("王**", "139****5678", "w***@example.com")
    assert shown.phone == PHONE


def test_the_demo_fills_each_state_once(campaign, office, caseworker, admin_zhang, platform):
    context = DemoContext(city=campaign, centre=office, caseworker=caseworker, office=admin_zhang, platform=platform)

    demo_ecommerce.fill(context)
    demo_ecommerce.fill(context)

    today = timezone.localdate()
    stages = sorted(services.stage_of(item, today) for item in EcommerceRequest.objects.all())
    assert stages == ["awaiting_opinion", "in_window", "measure_taken", "restored"]
    assert Case.objects.filter(status="closed").count() == 1


def test_a_request_the_office_closed_says_so_and_takes_no_more_steps(ecommerce_request, caseworker, platform_user):
    services.issue_opinion(request=ecommerce_request, actor=caseworker, opinion="not_infringing", reasons="不同。")
    item = EcommerceRequest.objects.select_related("case").get()
    services.close_request(request=item, actor=caseworker)

    item = EcommerceRequest.objects.select_related("case").get()
    assert services.stage_of(item, timezone.localdate()) == "closed"
    assert services.platform_steps(item, timezone.localdate()) == []
    with pytest.raises(ValidationError):
        services.record_measure(request=item, actor=platform_user, measure="delete")
