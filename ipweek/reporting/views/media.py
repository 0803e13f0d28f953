"""Photo files. Published copies (resized, without EXIF) are public; originals, which may carry
the place they were taken, sit in private storage outside MEDIA_ROOT and go only to office staff,
each download audited."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.static import serve

from ipweek.campaigns.permissions import get_campaign_for_user
from ipweek.core.audit import record_audit
from ipweek.core.http import AuthenticatedHttpRequest
from ipweek.reporting.models import Photo

PUBLISHED_PREFIX = "reports/published/"


def published_photo(request: HttpRequest, path: str) -> HttpResponse | FileResponse:
    """Serve a published copy when no front server does (development, tests, a bare granian)."""
    return serve(request, path, document_root=str(Path(settings.MEDIA_ROOT) / PUBLISHED_PREFIX))


@login_required
def original_photo(request: AuthenticatedHttpRequest, pk: int, photo_id: int) -> FileResponse:
    get_campaign_for_user(request.user, pk, manage=True)  # 404 or 403 unless office staff
    photo = get_object_or_404(Photo.objects.select_related("report__activity"), pk=photo_id)
    if photo.report.activity.campaign_id != pk or not photo.image:
        raise Http404
    try:
        original = photo.image.open("rb")
    except FileNotFoundError as error:
        # Not in private storage: lost, or still under MEDIA_ROOT until `ipweek move-photo-originals` runs.
        raise Http404 from error
    record_audit(actor=request.user, action="photo.original_viewed", obj=photo, campaign_id=pk)
    response = FileResponse(original, content_type="application/octet-stream", as_attachment=True)
    response["Cache-Control"] = "private, no-store"
    return response
