import io

import pytest
from django.urls import reverse
from docx import Document

from ipweek.campaigns.tests.factories import MembershipFactory, PlanSectionFactory


def export_url(campaign, fmt):
    return reverse("campaigns:plan_export", args=[campaign.pk, fmt])


@pytest.mark.parametrize(
    ("fmt", "content_type"), [("docx", "application/vnd.openxml"), ("pdf", "application/pdf"), ("md", "text/markdown")]
)
def test_plan_export_downloads_for_a_viewer(client, viewer_zhao, campaign, fmt, content_type):
    PlanSectionFactory(campaign=campaign, heading="指导思想")
    client.force_login(viewer_zhao)

    response = client.get(export_url(campaign, fmt))

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert "attachment" in response["Content-Disposition"]


def test_plan_export_docx_holds_the_plan(client, admin_zhang, campaign):
    PlanSectionFactory(campaign=campaign, heading="活动安排")
    client.force_login(admin_zhang)

    response = client.get(export_url(campaign, "docx"))

    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert campaign.title in text
    assert "一、活动安排" in text


def test_plan_export_is_hidden_from_strangers(client, campaign, db):
    client.force_login(MembershipFactory().user)

    response = client.get(export_url(campaign, "docx"))

    assert response.status_code == 404


def test_plan_export_refuses_unknown_formats(client, admin_zhang, campaign):
    client.force_login(admin_zhang)

    response = client.get(export_url(campaign, "exe"))

    assert response.status_code == 404
