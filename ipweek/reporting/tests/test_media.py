from pathlib import Path

import pytest
from django.urls import reverse

from ipweek.core.models import AuditEvent
from ipweek.reporting.tests.factories import ActivityReportFactory, PhotoFactory


@pytest.fixture
def photo(settings, tmp_path, activity_of_a, unit_a):
    settings.MEDIA_ROOT = tmp_path
    report = ActivityReportFactory(activity=activity_of_a, unit=unit_a)
    return PhotoFactory(report=report)


def original_url(photo):
    return reverse("reporting:photo_original", args=[photo.report.activity.campaign_id, photo.pk])


def test_original_photo_goes_to_office_staff_and_is_audited(client, admin_zhang, photo, settings):
    client.force_login(admin_zhang)

    response = client.get(original_url(photo))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == (Path(settings.IPWEEK_PRIVATE_ROOT) / photo.image.name).read_bytes()
    assert AuditEvent.objects.filter(action="photo.original_viewed", object_id=str(photo.pk)).exists()


def test_original_photo_is_kept_outside_media(photo, settings):
    assert (Path(settings.IPWEEK_PRIVATE_ROOT) / photo.image.name).is_file()
    assert not (Path(settings.MEDIA_ROOT) / photo.image.name).exists()
    assert photo.image.name.startswith("reports/originals/")


def test_original_photo_missing_from_private_storage_is_404(client, admin_zhang, photo, settings):
    (Path(settings.IPWEEK_PRIVATE_ROOT) / photo.image.name).unlink()
    client.force_login(admin_zhang)

    response = client.get(original_url(photo))

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="photo.original_viewed").exists()


def test_original_photo_is_refused_to_liaisons_and_strangers(client, coordinator_li, photo, django_user_model):
    client.force_login(coordinator_li)
    liaison = client.get(original_url(photo))
    client.force_login(django_user_model.objects.create_user("stranger", password="x-long-password-1"))
    stranger = client.get(original_url(photo))

    assert (liaison.status_code, stranger.status_code) == (403, 404)


def test_published_copy_is_public(client, photo):
    response = client.get(photo.published_image.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"


def test_originals_are_not_served_under_media(client, photo):
    response = client.get("/media/" + photo.image.name)

    assert response.status_code == 404
