"""Filing (备案) endpoints: read, save, submit, and the office's approval or return."""

from django.http import Http404, HttpRequest

from ipweek.api.auth import current_user
from ipweek.api.schemas import Id, errors
from ipweek.reporting.api.lookups import (
    current_filing,
    filing_for_reading,
    filing_for_review,
    filing_out,
    reporting_activity,
    reporting_unit,
    service_errors,
)
from ipweek.reporting.api.router import router
from ipweek.reporting.api.schemas import FilingIn, FilingOut, FilingReviewIn, FilingVersionIn
from ipweek.reporting.services import filings as services

FILING = "/{campaign_id}/activities/{activity_id}/filing"
# These bodies may be left out.
ANY_VERSION = FilingVersionIn.model_validate({})
NO_REVIEW = FilingReviewIn.model_validate({})


@router.get(FILING, response={200: FilingOut, **errors(401, 404, 422)}, summary="Get an activity's filing")
def get_filing(request: HttpRequest, campaign_id: Id, activity_id: Id) -> FilingOut:
    """The filing; before it is first saved, the draft the page offers (pre-filled, ``id`` null, ``version`` 0).

    Office staff and the filing unit's liaisons see it at every stage; other readers only once approved.
    """
    access, activity, filing = filing_for_reading(request, campaign_id, activity_id)
    return filing_out(access, activity, filing)


@router.put(
    FILING, response={200: FilingOut, **errors(400, 401, 403, 404, 409, 422)}, summary="Save an activity's filing"
)
def put_filing(request: HttpRequest, campaign_id: Id, activity_id: Id, payload: FilingIn) -> FilingOut:
    """Create or replace the filing (fields left out are emptied). A draft may be incomplete.

    ``version`` is the one you read (0 for a new filing); if the filing changed since, nothing is
    saved and the answer is 409. Changing an approved filing keeps it approved but flags
    ``changed_after_approval`` until the office approves it again.
    """
    access, activity = reporting_activity(request, campaign_id, activity_id)
    with service_errors():
        filing = services.save_filing(
            activity=activity,
            unit=reporting_unit(access, activity),
            data=payload.model_dump(exclude={"version"}),
            actor=current_user(request),
            version=payload.version,
        )
    return filing_out(access, activity, filing)


@router.post(
    f"{FILING}/submit",
    response={200: FilingOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Submit a filing for review",
)
def submit_filing(
    request: HttpRequest, campaign_id: Id, activity_id: Id, payload: FilingVersionIn = ANY_VERSION
) -> FilingOut:
    """Send a draft or returned filing to the office; host, venue, contact person and phone must be filled in.

    The body may be left out; with a ``version``, a filing changed since is refused with 409.
    """
    access, activity = reporting_activity(request, campaign_id, activity_id)
    filing = current_filing(activity)
    if filing is None:
        raise Http404
    with service_errors():
        filing = services.submit_filing(filing=filing, actor=current_user(request), version=payload.version)
    return filing_out(access, activity, filing)


@router.post(
    f"{FILING}/approve",
    response={200: FilingOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Approve a filing",
)
def approve_filing(
    request: HttpRequest, campaign_id: Id, activity_id: Id, payload: FilingReviewIn = NO_REVIEW
) -> FilingOut:
    """Office staff approve a submitted filing, or acknowledge the changes to an approved one.

    The body (``comment``, ``version``) may be left out.
    """
    access, activity, filing = filing_for_review(request, campaign_id, activity_id)
    with service_errors():
        filing = services.approve_filing(
            filing=filing, actor=current_user(request), comment=payload.comment, version=payload.version
        )
    return filing_out(access, activity, filing)


@router.post(
    f"{FILING}/return",
    response={200: FilingOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Return a filing to its unit",
)
def return_filing(request: HttpRequest, campaign_id: Id, activity_id: Id, payload: FilingReviewIn) -> FilingOut:
    """Office staff send a submitted or approved filing back, with a ``comment`` saying what to change."""
    access, activity, filing = filing_for_review(request, campaign_id, activity_id)
    with service_errors():
        filing = services.return_filing(
            filing=filing, actor=current_user(request), comment=payload.comment, version=payload.version
        )
    return filing_out(access, activity, filing)
