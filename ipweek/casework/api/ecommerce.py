"""The e-commerce fast track in the JSON API, at ``/api/v1/casework/ecommerce``.

A platform calls it with a bearer token of its own account (``ipweek create_api_token platform --name …``):
it sends requests, reads its own, and records its steps. Office caseworkers and readers read requests of
their offices, and caseworkers may issue the opinion. The right holder's contact is always masked here.
Evidence files are not taken by the API (JSON only): send them through the web form
``/casework/ecommerce/platform/new/``, or hand them to the office.
"""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Header, Router, Schema, Status
from pydantic import Field

from ipweek.api.auth import current_user
from ipweek.api.errors import ApiException, renamed_fields
from ipweek.api.schemas import PlainText, errors, examples, inline_enum, input_config
from ipweek.casework.models import EcommerceRequest
from ipweek.casework.permissions import casework_access, offices_filter
from ipweek.casework.services import ecommerce as services

router = Router(tags=["ecommerce"])

Opinion = Annotated[EcommerceRequest.Opinion, inline_enum(EcommerceRequest.Opinion)]
Measure = Annotated[EcommerceRequest.Measure, inline_enum(EcommerceRequest.Measure)]
Final = Annotated[EcommerceRequest.Final, inline_enum(EcommerceRequest.Final)]
Version = Annotated[int, Field(ge=1, le=2_147_483_647)]
VERSION_FIELD = Field(None, description="The case version you read; if the case changed since, the answer is 409.")
NUMBER = "/requests/{number}"


class RequestIn(Schema):
    shop_name: PlainText = Field(max_length=200, description="The shop on the platform (the respondent).")
    listing_url: PlainText = Field(max_length=500, description="The listing's address, http:// or https://.")
    patent_number: PlainText = Field(max_length=40, description="ZL + application number + check character.")
    right_holder: PlainText = Field(max_length=200, description="The patentee or licensee who sent the notice.")
    contact_name: PlainText = Field("", max_length=100, description="The right holder's contact person.")
    contact_phone: PlainText = Field("", max_length=32, description="Phone or e-mail is needed.")
    contact_email: PlainText = Field("", max_length=254)
    facts: PlainText = Field(max_length=20000, description="The right holder's notice and what the listing shows.")
    request: PlainText = Field("", max_length=5000, description="What the platform asks the office.")

    model_config = input_config(
        {
            "shop_name": "示例家居旗舰店",
            "listing_url": "https://shop.example.com/item/10086",
            "patent_number": "ZL 2013 1 0699744.2",
            "right_holder": "示例科技有限公司",
            "contact_name": "王经理",
            "contact_phone": "13900001111",
            "facts": "权利人通知称该商品落入其发明专利权利要求1的保护范围，并附比对表。",
            "request": "请就是否构成侵权出具意见。",
        }
    )


class RequestOut(Schema):
    number: str
    status: str = Field(description="The case's status (received, decided, closed…).")
    stage: str = Field(description="Where the request stands: " + ", ".join(services.STAGE_LABELS) + ".")
    version: int = Field(description="Send it back with a step to guard against concurrent changes.")
    platform: str
    shop_name: str
    listing_url: str
    patent_number: str = Field(description="Normalised: ZL + digits + . + check character.")
    right_holder: str
    contact_name: str = Field(description="Masked.")
    contact_phone: str = Field(description="Masked.")
    contact_email: str = Field(description="Masked.")
    received_at: dt.datetime
    opinion_due: dt.date
    working_days_left: int | None = Field(description="Until the opinion is due; negative when late; null once out.")
    opinion: str = Field(description="infringing, not_infringing, cannot_determine, or empty.")
    opinion_text: str
    opinion_at: dt.datetime | None
    opinion_late: bool
    measure: str = Field(description="delete, block, disconnect, stop, none, or empty.")
    measure_at: dt.datetime | None
    counter_notice_at: dt.datetime | None
    window_ends: dt.date | None
    complaint_or_suit_notified: bool
    final: str = Field(description="restored, kept, or empty.")
    final_at: dt.datetime | None

    model_config = examples(
        {
            "number": "DS2027-330500-00001",
            "status": "received",
            "stage": "awaiting_opinion",
            "version": 1,
            "platform": "示例优选商城",
            "shop_name": "示例家居旗舰店",
            "listing_url": "https://shop.example.com/item/10086",
            "patent_number": "ZL201310699744.2",
            "right_holder": "示例科技有限公司",
            "contact_name": "王**",
            "contact_phone": "139****1111",
            "contact_email": "",
            "received_at": "2027-04-20T09:30:00+08:00",
            "opinion_due": "2027-04-22",
            "working_days_left": 2,
            "opinion": "",
            "opinion_text": "",
            "opinion_at": None,
            "opinion_late": False,
            "measure": "",
            "measure_at": None,
            "counter_notice_at": None,
            "window_ends": None,
            "complaint_or_suit_notified": False,
            "final": "",
            "final_at": None,
        }
    )

    @classmethod
    def build(cls, item: EcommerceRequest) -> "RequestOut":
        today = timezone.localdate()
        contact = services.contact_of(item)
        fields: tuple[str, ...] = (
            "shop_name",
            "listing_url",
            "patent_number",
            "right_holder",
            "opinion_due",
            "opinion",
        )
        fields += ("opinion_text", "opinion_at", "measure", "measure_at", "counter_notice_at", "window_ends")
        fields += ("complaint_or_suit_notified", "final", "final_at")
        return cls(
            number=item.case.number,
            status=item.case.status,
            stage=services.stage_of(item, today),
            version=item.case.version,
            platform=item.platform.name,
            contact_name=contact.name,
            contact_phone=contact.phone,
            contact_email=contact.email,
            received_at=item.case.received_at,
            working_days_left=services.working_days_left(item, today),
            opinion_late=services.is_late_opinion(item),
            **{name: getattr(item, name) for name in fields},
        )


class OpinionIn(Schema):
    opinion: Opinion
    reasons: PlainText = Field(max_length=5000)
    version: Version | None = VERSION_FIELD

    model_config = input_config({"opinion": "infringing", "reasons": "被控商品具备权利要求1的全部技术特征。"})


class MeasureIn(Schema):
    measure: Measure
    version: Version | None = VERSION_FIELD

    model_config = input_config({"measure": "delete", "version": 2})


class CounterNoticeIn(Schema):
    received_on: dt.date | None = Field(None, description="When the declaration arrived; today if left out.")
    version: Version | None = VERSION_FIELD

    model_config = input_config({"received_on": "2027-04-23", "version": 3})


class VersionIn(Schema):
    version: Version | None = VERSION_FIELD

    model_config = input_config({"version": 4})


class FinalIn(Schema):
    final: Final
    version: Version | None = VERSION_FIELD

    model_config = input_config({"final": "restored", "version": 5})


ANY_VERSION = VersionIn.model_validate({})


# --- lookups --------------------------------------------------------------------------------------


def _requests() -> QuerySet[EcommerceRequest]:
    return EcommerceRequest.objects.select_related("case", "platform").order_by("-case__received_at", "-pk")


def _readable(request: HttpRequest) -> QuerySet[EcommerceRequest]:
    """A platform's own requests, or those of the offices a caseworker or reader may see."""
    user = current_user(request)
    platform = services.platform_of(user)
    if platform is not None:
        return _requests().filter(platform=platform)
    access = casework_access(user)
    if not access.can_view_any:
        raise PermissionDenied(_("Only platforms and the office's staff use the e-commerce fast track."))
    return _requests().filter(offices_filter(access, "case__office_id"))


def _find(request: HttpRequest, number: str) -> EcommerceRequest:
    item = _readable(request).filter(case__number=number).first()
    if item is None:
        raise Http404
    return item


def _for_platform(request: HttpRequest, number: str) -> EcommerceRequest:
    item = _find(request, number)
    if item.platform.user_id != current_user(request).pk:
        raise PermissionDenied(_("Only the platform that sent the request may record its steps."))
    return item


@contextmanager
def _stale_is_409() -> Iterator[None]:
    try:
        yield
    except ValidationError as error:
        if not hasattr(error, "error_dict") and any(e.code == services.STALE for e in error.error_list):
            raise ApiException(409, services.STALE, error.messages[0], {"version": error.messages[0]}) from error
        raise


def _fresh(item: EcommerceRequest) -> RequestOut:
    return RequestOut.build(_requests().get(pk=item.pk))


# --- endpoints ------------------------------------------------------------------------------------


@router.post(
    "/requests", response={200: RequestOut, 201: RequestOut, **errors(400, 401, 403, 422)}, summary="Send a request"
)
def create_request(
    request: HttpRequest,
    payload: RequestIn,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)] = None,
) -> Status[RequestOut]:
    """A platform asks for a determination; 201 with the new case, or 200 with the case an earlier call
    with the same ``Idempotency-Key`` header created (the body is then not read again). JSON only:
    evidence files go through the web form."""
    platform = services.platform_of(current_user(request))
    if platform is None:
        raise PermissionDenied(_("Only an e-commerce platform's account may send requests."))
    result = services.submit_request(
        platform=platform, actor=current_user(request), data=payload.model_dump(), idempotency_key=idempotency_key
    )
    return Status(201 if result.created else 200, _fresh(result.request))


@router.get("/requests", response={200: list[RequestOut], **errors(401, 403)}, summary="List requests")
def list_requests(request: HttpRequest) -> list[RequestOut]:
    """A platform's own requests, or (for the office) those of its offices; newest first."""
    return [RequestOut.build(item) for item in _readable(request)[:500]]


@router.get(NUMBER, response={200: RequestOut, **errors(401, 403, 404, 422)}, summary="Get a request")
def get_request(request: HttpRequest, number: str) -> RequestOut:
    return RequestOut.build(_find(request, number))


@router.post(
    f"{NUMBER}/opinion", response={200: RequestOut, **errors(400, 401, 403, 404, 409, 422)}, summary="Issue the opinion"
)
def post_opinion(request: HttpRequest, number: str, payload: OpinionIn) -> RequestOut:
    """A caseworker of the office gives the opinion; the right holder is told. A late opinion is flagged."""
    item = _find(request, number)
    with _stale_is_409():
        services.issue_opinion(
            request=item,
            actor=current_user(request),
            opinion=payload.opinion,
            reasons=payload.reasons,
            version=payload.version,
        )
    return _fresh(item)


@router.post(
    f"{NUMBER}/measure",
    response={200: RequestOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Record the measure",
)
def post_measure(request: HttpRequest, number: str, payload: MeasureIn) -> RequestOut:
    item = _for_platform(request, number)
    with _stale_is_409():
        services.record_measure(
            request=item, actor=current_user(request), measure=payload.measure, version=payload.version
        )
    return _fresh(item)


@router.post(
    f"{NUMBER}/counter-notice",
    response={200: RequestOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Record the seller's declaration",
)
def post_counter_notice(request: HttpRequest, number: str, payload: CounterNoticeIn) -> RequestOut:
    """Starts the 15-day window (E-commerce Law art. 43) on ``received_on``."""
    item = _for_platform(request, number)
    with _stale_is_409(), renamed_fields({"at": "received_on"}):
        services.record_counter_notice(
            request=item, actor=current_user(request), at=payload.received_on, version=payload.version
        )
    return _fresh(item)


@router.post(
    f"{NUMBER}/complaint-or-suit",
    response={200: RequestOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Record a complaint or suit",
)
def post_complaint_or_suit(request: HttpRequest, number: str, payload: VersionIn = ANY_VERSION) -> RequestOut:
    """The right holder notified a complaint or suit within the window; the body may be left out."""
    item = _for_platform(request, number)
    with _stale_is_409():
        services.record_complaint_or_suit(request=item, actor=current_user(request), version=payload.version)
    return _fresh(item)


@router.post(
    f"{NUMBER}/final", response={200: RequestOut, **errors(400, 401, 403, 404, 409, 422)}, summary="Restore or keep"
)
def post_final(request: HttpRequest, number: str, payload: FinalIn) -> RequestOut:
    """``restored`` only after the window passed without a complaint or suit; ``kept`` after a complaint or
    suit, or an opinion of infringement."""
    item = _for_platform(request, number)
    with _stale_is_409():
        services.finalise(request=item, actor=current_user(request), final=payload.final, version=payload.version)
    return _fresh(item)
