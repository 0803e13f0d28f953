"""The e-commerce fast track (FACTS.md §3.4): a platform asks, the office gives its opinion within 2 working days,
the platform records its measure, a seller's declaration starts the 15-day window (E-commerce Law art. 43),
then the platform restores the listing or keeps the measure.

The case (kind ``ecommerce``) carries the right holder's contact, which is personal data, and the trail;
:class:`EcommerceRequest` carries the platform's side. The opinion is a caseworker's step on the case
(``decide`` with outcome ``opinion``, which also tells the right holder); the other steps belong to the
platform's own user. Every step locks the case, checks the version the caller saw, raises the version and
writes a case event and an audit event — numbers and choices only, never names or phones.
"""

from ipweek.casework.services.ecommerce.reading import (
    STAGE_LABELS,
    Contact,
    contact_of,
    is_settled,
    platform_steps,
    stage_of,
    working_days_left,
)
from ipweek.casework.services.ecommerce.steps import (
    STALE,
    TAKEN_MEASURES,
    close_request,
    final_refusal,
    finalise,
    is_late_opinion,
    issue_opinion,
    record_complaint_or_suit,
    record_counter_notice,
    record_measure,
)
from ipweek.casework.services.ecommerce.submission import (
    SubmitResult,
    check_patent_number,
    clean_request_data,
    platform_key,
    platform_of,
    submit_request,
)

__all__ = [
    "STAGE_LABELS",
    "STALE",
    "TAKEN_MEASURES",
    "Contact",
    "SubmitResult",
    "check_patent_number",
    "clean_request_data",
    "close_request",
    "contact_of",
    "final_refusal",
    "finalise",
    "is_late_opinion",
    "is_settled",
    "issue_opinion",
    "platform_key",
    "platform_of",
    "platform_steps",
    "record_complaint_or_suit",
    "record_counter_notice",
    "record_measure",
    "stage_of",
    "submit_request",
    "working_days_left",
]
