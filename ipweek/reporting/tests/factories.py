"""Factories of reports, figures and photos, shared by the reporting tests.

Keep their arguments stable: other test modules build on ``ActivityReportFactory(activity, unit, kind,
title, status)`` and ``FigureFactory(report, metric, value, unit)``. ``PhotoFactory`` writes two small
JPEGs: the published copy to ``MEDIA_ROOT`` (point that at ``tmp_path`` in tests that use it), the
original to ``IPWEEK_PRIVATE_ROOT`` (the root conftest already points that at a temporary folder).
"""

from decimal import Decimal
from io import BytesIO

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from ipweek.campaigns.models import Activity, ActivityUnit
from ipweek.campaigns.tests.factories import ActivityFactory, UnitFactory
from ipweek.reporting.models import ActivityReport, Figure, Photo
from ipweek.reporting.services.figures import default_unit
from ipweek.units.models import Unit

_SENT = {ActivityReport.Status.SUBMITTED, ActivityReport.Status.APPROVED, ActivityReport.Status.PUBLISHED}
_REVIEWED = {ActivityReport.Status.APPROVED, ActivityReport.Status.PUBLISHED, ActivityReport.Status.RETURNED}


def _reporting_unit(activity: Activity) -> Unit:
    """The activity's lead unit if it has one, else a new unit of the campaign's region."""
    role = activity.unit_roles.filter(role=ActivityUnit.Role.LEAD).select_related("unit").first()
    return role.unit if role else UnitFactory(region=activity.campaign.region)


class ActivityReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityReport

    activity = factory.SubFactory(ActivityFactory)
    unit = factory.LazyAttribute(lambda report: _reporting_unit(report.activity))
    kind = ActivityReport.Kind.CLOSING
    title = factory.Sequence(lambda n: f"活动报告{n}")
    body = "<p>活动顺利开展。</p>"
    status = ActivityReport.Status.DRAFT
    submitted_at = factory.LazyAttribute(
        lambda report: timezone.now() if report.status in _SENT or report.status == "returned" else None
    )
    reviewed_at = factory.LazyAttribute(lambda report: timezone.now() if report.status in _REVIEWED else None)
    published_at = factory.LazyAttribute(
        lambda report: timezone.now() if report.status == ActivityReport.Status.PUBLISHED else None
    )


class FigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Figure

    report = factory.SubFactory(ActivityReportFactory)
    metric = Figure.Metric.PARTICIPANTS
    value = Decimal("100")
    unit = factory.LazyAttribute(lambda figure: default_unit(figure.metric))
    label = factory.LazyAttribute(lambda figure: "其他数据" if figure.metric == Figure.Metric.OTHER else "")


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    report = factory.SubFactory(ActivityReportFactory)
    image = factory.django.ImageField(filename="original.jpg", format="JPEG", width=64, height=48, color="red")
    published_image = factory.django.ImageField(
        filename="published.jpg", format="JPEG", width=64, height=48, color="blue"
    )
    caption = factory.Sequence(lambda n: f"活动现场{n}")
    width = 64
    height = 48


# --- images built in memory ----------------------------------------------------------------------


def exif_with_place(
    *, taken: str = "2025:04:21 09:30:00", latitude: tuple = (39.0, 54.0, 30.0), longitude: tuple = (116.0, 23.0, 0.0)
) -> Image.Exif:
    """EXIF as a phone writes it: time taken (Exif IFD) and place (GPS IFD), 39°54'30"N 116°23'E."""
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[0x8769] = {0x9003: taken}  # DateTimeOriginal
    exif[0x8825] = {1: "N", 2: latitude, 3: "E", 4: longitude}
    return exif


def image_bytes(
    image_format: str = "JPEG",
    *,
    size: tuple[int, int] = (64, 48),
    color: str | tuple = "red",
    mode: str = "RGB",
    exif: Image.Exif | None = None,
) -> bytes:
    """A small image encoded in ``image_format``, optionally with EXIF."""
    buffer = BytesIO()
    extra = {"exif": exif} if exif is not None else {}
    Image.new(mode, size, color).save(buffer, image_format, **extra)
    return buffer.getvalue()


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
