from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from ipweek.campaigns.exporters import attachment
from ipweek.campaigns.permissions import get_campaign_for_user
from ipweek.core.http import AuthenticatedHttpRequest

FORMATS = {"docx", "pdf", "md"}


@login_required
def plan_export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The plan as DOCX, PDF or Markdown, for anyone who may read the campaign."""
    campaign, _access = get_campaign_for_user(request.user, pk)
    if fmt not in FORMATS:
        raise Http404
    # Imported here: the renderers pull in WeasyPrint, which every other page can do without.
    from ipweek.documents.exporters import export_plan

    content, content_type, filename = export_plan(campaign, fmt)
    return attachment(content, content_type, filename)
