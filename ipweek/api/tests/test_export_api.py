from io import BytesIO

import docx
import pytest

from ipweek.api.tests.helpers import campaign_url, error_of
from ipweek.campaigns.tests.factories import PlanSectionFactory


@pytest.fixture
def planned_campaign(campaign):
    PlanSectionFactory(
        campaign=campaign,
        heading="指导思想",
        kind="guiding_ideology",
        body="<p>以习近平新时代中国特色社会主义思想为指导。</p>",
    )
    return campaign


def test_export_as_markdown_for_a_liaison(client, planned_campaign, coordinator_li):
    client.force_login(coordinator_li)

    response = client.get(campaign_url(planned_campaign, "/export"), {"format": "md"})

    text = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/markdown")
    assert "attachment" in response["Content-Disposition"]
    assert "2027年示例市知识产权宣传周活动方案" in text
    assert "指导思想" in text


def test_export_as_docx_by_default(client, planned_campaign, viewer_zhao):
    client.force_login(viewer_zhao)

    response = client.get(campaign_url(planned_campaign, "/export"))

    paragraphs = [p.text for p in docx.Document(BytesIO(response.content)).paragraphs]
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert any("指导思想" in text for text in paragraphs)


def test_export_is_hidden_from_a_user_without_roles(client, planned_campaign, stranger):
    client.force_login(stranger)

    response = client.get(campaign_url(planned_campaign, "/export"), {"format": "md"})

    assert error_of(response, 404)["code"] == "not_found"


def test_export_in_an_unknown_format_is_422(client, planned_campaign, admin_zhang):
    client.force_login(admin_zhang)

    response = client.get(campaign_url(planned_campaign, "/export"), {"format": "odt"})

    assert "format" in error_of(response, 422)["fields"]


def test_export_anonymous_is_401(client, planned_campaign):
    response = client.get(campaign_url(planned_campaign, "/export"), {"format": "md"})

    assert response.status_code == 401
