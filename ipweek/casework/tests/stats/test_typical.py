"""Typical cases: drafted redacted from a closed case, reviewed by a second person, queued for publishing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ipweek.casework.models import TypicalCase
from ipweek.casework.services.typical import (
    draft_typical_case,
    review,
    send_to_publishing,
    update_typical_case,
)
from ipweek.casework.tests.stats.support import NAME, PHONE, close, make_case
from ipweek.core.models import AuditEvent
from ipweek.publishing.models import Post


@pytest.fixture(autouse=True)
def console_gateway(settings):
    settings.IPWEEK_SMS_BACKEND = "console"


@pytest.fixture
def campaign_case(campaign, office, handler):
    return close(make_case(office, campaign=campaign), handler)


@pytest.fixture
def draft(campaign_case, handler):
    return draft_typical_case(campaign_case, handler)


@pytest.fixture
def reviewed(draft, second_handler):
    return review(draft, second_handler)


def assert_redacted(text):
    assert NAME not in text and PHONE not in text
    assert "0123456" not in text and "jiamei" not in text and "佳美" not in text


# --- services -------------------------------------------------------------------------------------


def test_draft_is_built_redacted_from_the_closed_case(closed_case, handler):
    typical = draft_typical_case(closed_case, handler)

    assert typical.status == TypicalCase.Status.DRAFT and typical.created_by == handler
    assert_redacted(typical.title + typical.body)
    assert "张某" in typical.body and "ZL2023 1 0******.5" in typical.body and "138****1234" in typical.body
    assert AuditEvent.objects.filter(action="typical_case.drafted", object_id=str(typical.pk)).exists()


def test_only_a_closed_case_can_be_drafted(open_case, handler):
    with pytest.raises(ValidationError):
        draft_typical_case(open_case, handler)


@pytest.mark.parametrize("who", ["admin_zhang", "other_handler", "outsider_wang"])
def test_only_the_offices_caseworkers_draft(closed_case, who, request):
    with pytest.raises(PermissionDenied):
        draft_typical_case(closed_case, request.getfixturevalue(who))


def test_an_edit_is_redacted_and_sanitised_again_and_needs_a_new_review(reviewed, handler):
    body = f"<p>{NAME}的电话是{PHONE}。</p><script>alert(1)</script><p onclick='x()'>好</p>"

    typical = update_typical_case(reviewed, handler, title=f"{NAME}案", body=body)

    assert_redacted(typical.title + typical.body)
    assert "<script" not in typical.body and "onclick" not in typical.body
    assert (typical.status, typical.reviewed_by) == (TypicalCase.Status.DRAFT, None)


def test_the_author_may_not_review(draft, handler):
    with pytest.raises(ValidationError):
        review(draft, handler)

    draft.refresh_from_db()
    assert draft.status == TypicalCase.Status.DRAFT


@pytest.mark.parametrize("who", ["second_handler", "admin_zhang"])
def test_another_caseworker_or_the_campaigns_office_staff_reviews(draft, who, request):
    reviewer = request.getfixturevalue(who)

    typical = review(draft, reviewer)

    assert (typical.status, typical.reviewed_by) == (TypicalCase.Status.REVIEWED, reviewer)


@pytest.mark.parametrize("who", ["other_handler", "outsider_wang", "coordinator_li"])
def test_others_may_not_review(draft, who, request):
    with pytest.raises(PermissionDenied):
        review(draft, request.getfixturevalue(who))


def test_send_queues_a_pending_release_on_the_cases_campaign(reviewed, handler, campaign):
    post = send_to_publishing(reviewed, handler)

    reviewed.refresh_from_db()
    assert (post.campaign, post.kind, post.status) == (campaign, Post.Kind.RELEASE, Post.Status.PENDING)
    assert_redacted(post.title + post.body)
    assert (reviewed.status, reviewed.post) == (TypicalCase.Status.SENT, post)
    with pytest.raises(ValidationError):
        send_to_publishing(reviewed, handler)
    assert Post.objects.count() == 1


def test_a_draft_cannot_be_sent(draft, handler):
    with pytest.raises(ValidationError):
        send_to_publishing(draft, handler)

    assert not Post.objects.exists()


def test_a_case_without_campaign_goes_to_its_offices_latest_campaign(closed_case, handler, second_handler, campaign):
    typical = review(draft_typical_case(closed_case, handler), second_handler)

    assert send_to_publishing(typical, handler).campaign == campaign


def test_an_office_without_any_campaign_cannot_send(campaign, other_office, other_handler):
    colleague = _colleague(campaign, other_office)
    case = close(make_case(other_office), other_handler)
    typical = review(draft_typical_case(case, other_handler), colleague)

    with pytest.raises(ValidationError):
        send_to_publishing(typical, other_handler)


def _colleague(campaign, unit):
    from ipweek.casework.tests.stats.support import _caseworker

    return _caseworker(campaign, unit, "county_colleague", "冯专员")


def test_outsiders_may_not_send(reviewed, other_handler):
    with pytest.raises(PermissionDenied):
        send_to_publishing(reviewed, other_handler)


# --- pages ----------------------------------------------------------------------------------------


def test_new_page_shows_a_redacted_preview(client, closed_case, handler):
    client.force_login(handler)

    response = client.get(reverse("casework:typical_new", args=[closed_case.number]))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="typical-preview"' in html
    assert NAME not in html and PHONE not in html


def test_new_page_saves_the_draft(client, closed_case, handler):
    client.force_login(handler)

    response = client.post(
        reverse("casework:typical_new", args=[closed_case.number]),
        {"title": f"{NAME}投诉案", "body": f"<p>{NAME}，{PHONE}</p>"},
    )

    typical = TypicalCase.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("casework:typical_detail", args=[typical.pk])
    assert_redacted(typical.title + typical.body)


def test_new_page_keeps_the_input_when_the_title_is_missing(client, closed_case, handler):
    client.force_login(handler)

    response = client.post(
        reverse("casework:typical_new", args=[closed_case.number]), {"title": "", "body": "<p>x</p>"}
    )

    assert response.status_code == 400
    assert "title" in response.context["form"].errors
    assert not TypicalCase.objects.exists()


def test_new_page_refuses_an_open_case(client, open_case, handler):
    client.force_login(handler)

    response = client.get(reverse("casework:typical_new", args=[open_case.number]))

    assert response.status_code == 400
    assert 'id="typical-not-closed"' in response.content.decode()


@pytest.mark.parametrize("who", ["admin_zhang", "other_handler", "outsider_wang"])
def test_new_page_is_hidden_from_non_handlers(client, closed_case, who, request):
    client.force_login(request.getfixturevalue(who))

    response = client.post(reverse("casework:typical_new", args=[closed_case.number]), {"title": "t", "body": "b"})

    assert response.status_code == 404
    assert not TypicalCase.objects.exists()


def test_pages_send_anonymous_visitors_to_sign_in(client, draft):
    urls = [
        reverse("casework:typical_list"),
        reverse("casework:typical_detail", args=[draft.pk]),
        reverse("casework:typical_new", args=[draft.case.number]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302
    assert client.post(urls[1], {"action": "review"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == TypicalCase.Status.DRAFT


def test_list_shows_the_offices_typical_cases(client, draft, admin_zhang):
    client.force_login(admin_zhang)

    response = client.get(reverse("casework:typical_list"))

    assert response.status_code == 200
    assert f'data-typical="{draft.pk}"' in response.content.decode()


def test_list_is_empty_for_another_office_and_hidden_from_outsiders(client, draft, other_handler, outsider_wang):
    client.force_login(other_handler)
    other = client.get(reverse("casework:typical_list"))
    client.force_login(outsider_wang)
    outsider = client.get(reverse("casework:typical_list"))

    assert other.status_code == 200 and other.context["typical_cases"] == []
    assert outsider.status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_list_queries_do_not_grow(client, handler, office, count, django_assert_num_queries):
    for _ in range(count):
        draft_typical_case(close(make_case(office), handler), handler)
    client.force_login(handler)

    with django_assert_num_queries(5):
        response = client.get(reverse("casework:typical_list"))

    assert len(response.context["typical_cases"]) == count


def test_detail_offers_editing_to_handlers_and_review_to_others(client, draft, handler, admin_zhang):
    client.force_login(handler)
    author = client.get(reverse("casework:typical_detail", args=[draft.pk]))
    client.force_login(admin_zhang)
    staff = client.get(reverse("casework:typical_detail", args=[draft.pk]))

    assert author.context["form"] is not None and not author.context["can_review"]
    assert staff.context["form"] is None and staff.context["can_review"]
    assert NAME not in author.content.decode() and PHONE not in staff.content.decode()


def test_detail_is_hidden_from_another_office(client, draft, other_handler):
    client.force_login(other_handler)

    assert client.get(reverse("casework:typical_detail", args=[draft.pk])).status_code == 404
    assert client.post(reverse("casework:typical_detail", args=[draft.pk]), {"action": "review"}).status_code == 404


def test_detail_review_by_the_author_is_refused(client, draft, handler):
    client.force_login(handler)

    response = client.post(reverse("casework:typical_detail", args=[draft.pk]), {"action": "review"})

    draft.refresh_from_db()
    assert response.status_code == 400 and response.context["errors"]
    assert draft.status == TypicalCase.Status.DRAFT


def test_detail_review_then_send(client, draft, handler, second_handler):
    client.force_login(second_handler)
    reviewed_response = client.post(reverse("casework:typical_detail", args=[draft.pk]), {"action": "review"})
    client.force_login(handler)
    sent_response = client.post(reverse("casework:typical_detail", args=[draft.pk]), {"action": "send"})

    draft.refresh_from_db()
    assert reviewed_response.status_code == sent_response.status_code == 302
    assert draft.status == TypicalCase.Status.SENT and draft.post.status == Post.Status.PENDING


def test_detail_save_redacts_and_keeps_input_on_error(client, draft, handler):
    client.force_login(handler)
    url = reverse("casework:typical_detail", args=[draft.pk])

    bad = client.post(url, {"action": "save", "title": "", "body": f"<p>{NAME}</p>"})
    good = client.post(url, {"action": "save", "title": "新标题", "body": f"<p>{NAME}，{PHONE}</p>"})

    draft.refresh_from_db()
    assert bad.status_code == 400 and "title" in bad.context["form"].errors
    assert good.status_code == 302
    assert draft.title == "新标题"
    assert_redacted(draft.body)


def test_detail_save_by_a_reader_is_forbidden(client, draft, admin_zhang):
    client.force_login(admin_zhang)

    response = client.post(
        reverse("casework:typical_detail", args=[draft.pk]), {"action": "save", "title": "x", "body": "y"}
    )

    draft.refresh_from_db()
    assert response.status_code == 403
    assert draft.title != "x"


def test_detail_refuses_an_unknown_action(client, draft, handler):
    client.force_login(handler)

    response = client.post(reverse("casework:typical_detail", args=[draft.pk]), {"action": "publish"})

    assert response.status_code == 400


def test_office_staff_review_a_case_without_campaign_through_the_offices_campaign(closed_case, handler, admin_zhang):
    typical = draft_typical_case(closed_case, handler)

    assert review(typical, admin_zhang).reviewed_by == admin_zhang
