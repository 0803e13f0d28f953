import pytest

from ipweek.api.tests.helpers import campaign_url, error_of, send
from ipweek.campaigns.models import PlanSection
from ipweek.campaigns.tests.factories import PlanItemFactory, PlanSectionFactory


def sections_url(campaign, section=None, suffix=""):
    return campaign_url(campaign, "/sections" + (f"/{section.pk}" if section else "") + suffix)


@pytest.fixture
def sections(campaign):
    first = PlanSectionFactory(campaign=campaign, heading="指导思想", kind="guiding_ideology", position=1)
    second = PlanSectionFactory(campaign=campaign, heading="宣传重点", kind="priorities", position=2)
    PlanItemFactory(section=second, title="深入宣传，把握导向", position=1)
    return first, second


def test_section_list_shows_sections_in_order_with_items(client, campaign, viewer_zhao, sections):
    client.force_login(viewer_zhao)

    response = client.get(sections_url(campaign))

    body = response.json()
    assert response.status_code == 200
    assert [row["heading"] for row in body] == ["指导思想", "宣传重点"]
    assert [item["title"] for item in body[1]["items"]] == ["深入宣传，把握导向"]


def test_section_list_is_hidden_from_a_user_without_roles(client, campaign, stranger, sections):
    client.force_login(stranger)

    response = client.get(sections_url(campaign))

    assert response.status_code == 404


def test_section_add_appends_a_section(client, campaign, admin_zhang, sections):
    client.force_login(admin_zhang)

    response = send(
        client,
        "post",
        sections_url(campaign),
        {"heading": "工作要求", "kind": "requirements", "body": "<p>要求。</p><script>x</script>"},
    )

    section = PlanSection.objects.get(pk=response.json()["id"])
    assert response.status_code == 201
    assert (section.heading, section.kind, section.position) == ("工作要求", "requirements", 3)
    assert "<script>" not in section.body


@pytest.mark.parametrize("persona", ["viewer_zhao", "coordinator_li"])
def test_section_add_by_a_reader_is_403(client, campaign, persona, request):
    client.force_login(request.getfixturevalue(persona))

    response = send(client, "post", sections_url(campaign), {"heading": "工作要求"})

    assert error_of(response, 403)["code"] == "permission_denied"
    assert PlanSection.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "field"), [({"heading": "  "}, "heading"), ({"heading": "x", "kind": "poem"}, "kind"), ({}, "heading")]
)
def test_section_add_bad_input_is_422(client, campaign, admin_zhang, body, field):
    client.force_login(admin_zhang)

    response = send(client, "post", sections_url(campaign), body)

    assert field in error_of(response, 422)["fields"]
    assert PlanSection.objects.count() == 0


def test_section_add_with_oversized_rich_text_is_422(client, campaign, admin_zhang, settings):
    settings.IPWEEK_RICH_TEXT_MAX_CHARS = 100
    client.force_login(admin_zhang)

    response = send(client, "post", sections_url(campaign), {"heading": "活动安排", "body": "长" * 101})

    assert "body" in error_of(response, 422)["fields"]
    assert PlanSection.objects.count() == 0


def test_section_patch_changes_only_what_is_sent(client, campaign, admin_zhang, sections):
    first, _second = sections
    client.force_login(admin_zhang)

    response = send(client, "patch", sections_url(campaign, first), {"heading": "总体要求"})

    first.refresh_from_db()
    assert response.status_code == 200
    assert (first.heading, first.kind, first.body) == ("总体要求", "guiding_ideology", "<p>正文。</p>")


def test_section_patch_by_a_liaison_is_403(client, campaign, coordinator_li, sections):
    first, _second = sections
    client.force_login(coordinator_li)

    response = send(client, "patch", sections_url(campaign, first), {"heading": "总体要求"})

    first.refresh_from_db()
    assert response.status_code == 403
    assert first.heading == "指导思想"


def test_section_patch_of_another_campaigns_section_is_404(client, campaign, admin_zhang):
    elsewhere = PlanSectionFactory(heading="别处")
    client.force_login(admin_zhang)

    response = send(client, "patch", sections_url(campaign, elsewhere), {"heading": "改掉"})

    elsewhere.refresh_from_db()
    assert response.status_code == 404
    assert elsewhere.heading == "别处"


def test_section_patch_with_blank_heading_is_422(client, campaign, admin_zhang, sections):
    first, _second = sections
    client.force_login(admin_zhang)

    response = send(client, "patch", sections_url(campaign, first), {"heading": ""})

    first.refresh_from_db()
    assert "heading" in error_of(response, 422)["fields"]
    assert first.heading == "指导思想"


def test_section_move_up_swaps_with_the_one_above(client, campaign, admin_zhang, sections):
    client.force_login(admin_zhang)

    response = send(client, "post", sections_url(campaign, sections[1], "/move"), {"direction": "up"})

    assert response.status_code == 200
    assert [row["heading"] for row in response.json()] == ["宣传重点", "指导思想"]


def test_section_move_by_a_viewer_is_403(client, campaign, viewer_zhao, sections):
    client.force_login(viewer_zhao)

    response = send(client, "post", sections_url(campaign, sections[1], "/move"), {"direction": "up"})

    assert response.status_code == 403


def test_section_delete_removes_it_with_its_items(client, campaign, admin_zhang, sections):
    client.force_login(admin_zhang)

    response = client.delete(sections_url(campaign, sections[1]))

    assert response.status_code == 204
    assert list(PlanSection.objects.values_list("heading", flat=True)) == ["指导思想"]


def test_section_delete_by_a_viewer_is_403(client, campaign, viewer_zhao, sections):
    client.force_login(viewer_zhao)

    response = client.delete(sections_url(campaign, sections[0]))

    assert response.status_code == 403
    assert PlanSection.objects.count() == 2
