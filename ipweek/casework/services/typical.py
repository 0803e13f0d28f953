"""Typical cases (典型案例): redacted write-ups of closed cases, reviewed by a second person, then published.

draft ──review (not by the author)──▶ reviewed ──send──▶ sent (a pending post in the publishing queue)
  ▲                                      │
  └────────────── edited ◀───────────────┘

Every title and body is redacted again on each save with the case's own names and numbers
(``casework.redaction``), so whatever the author types, the complainant's name and phone never get
into the write-up. Only caseworkers of the case's office draft and edit; the reviewer is office staff
of the case's campaign or another caseworker of the office. The post is created pending approval:
the office staff of the campaign still decide in the publishing queue whether and when it goes out.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.campaigns.models import Campaign
from ipweek.casework.models import Case, IntakeRoute, TypicalCase
from ipweek.casework.permissions import CaseworkAccess, casework_access, offices_filter
from ipweek.casework.redaction import Known, known_of, redact
from ipweek.core.audit import record_audit
from ipweek.core.richtext import sanitize_rich_text
from ipweek.publishing.models import Post
from ipweek.units.models import Membership

TITLE_MAX_LENGTH = 200
# The facts can be long; a write-up quotes the start and the author shortens or completes it.
FACTS_MAX_LENGTH = 4000
TO_BE_WRITTEN = "（请撰写本案的典型意义。）"


def visible_typical_cases(access: CaseworkAccess) -> QuerySet[TypicalCase]:
    return (
        TypicalCase.objects.filter(offices_filter(access, "case__office_id"))
        .select_related("case", "case__office", "created_by", "reviewed_by")
        .order_by("-created_at", "-pk")
    )


def _paragraphs(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n".join(f"<p>{escape(line)}</p>" for line in lines)


def redacted_text(case: Case, title: str, body: str) -> tuple[str, str]:
    """(title, body) with the case's names and numbers masked, the body sanitised."""
    known: Known = known_of(case)
    clean_title = redact(title.strip(), known)
    clean_body = sanitize_rich_text(redact(body, known), field="body")
    errors = {}
    if not clean_title:
        errors["title"] = _("Give the write-up a title.")
    elif len(clean_title) > TITLE_MAX_LENGTH:
        errors["title"] = _("The title is too long.")
    if not clean_body:
        errors["body"] = _("Write the text of the typical case.")
    if errors:
        raise ValidationError(errors)
    return clean_title, clean_body


def draft_text(case: Case) -> tuple[str, str]:
    """A first title and body from the case's subject, facts and outcome (redacted), for the author to edit."""
    with translation.override("zh-hans"):
        kind, ip_type, outcome = case.get_kind_display(), case.get_ip_type_display(), case.get_outcome_display()
    title = f"{case.subject}（{kind}）"
    body = "\n".join(
        [
            "<h3>基本案情</h3>",
            _paragraphs(case.facts[:FACTS_MAX_LENGTH]) or f"<p>{escape(case.subject)}</p>",
            "<h3>处理结果</h3>",
            f"<p>案件类型：{escape(kind)}；知识产权类型：{escape(ip_type)}。处理结果：{escape(outcome or '—')}。</p>",
            "<h3>典型意义</h3>",
            f"<p>{TO_BE_WRITTEN}</p>",
        ]
    )
    return redacted_text(case, title[:TITLE_MAX_LENGTH], body)


def _require_handler(actor: User, case: Case) -> None:
    if not casework_access(actor).can_handle(case.office_id):
        raise PermissionDenied(_("Only caseworkers of this office may write typical cases of its cases."))


@transaction.atomic
def draft_typical_case(case: Case, actor: User, *, title: str = "", body: str = "") -> TypicalCase:
    """Draft a typical case of a closed case (from the case itself, or the text given). Audited."""
    _require_handler(actor, case)
    if case.status != Case.Status.CLOSED:
        raise ValidationError(_("Only a closed case can become a typical case."))
    if title or body:
        title, body = redacted_text(case, title, body)
    else:
        title, body = draft_text(case)
    typical = TypicalCase.objects.create(case=case, title=title, body=body, created_by=actor)
    record_audit(actor=actor, action="typical_case.drafted", obj=typical, campaign_id=case.campaign_id)
    return typical


def _locked(typical: TypicalCase) -> TypicalCase:
    locked = TypicalCase.objects.select_for_update().get(pk=typical.pk)
    locked.case = typical.case
    return locked


@transaction.atomic
def update_typical_case(typical: TypicalCase, actor: User, *, title: str, body: str) -> TypicalCase:
    """Change the text; a reviewed write-up goes back to draft, since the review covered the old text. Audited."""
    _require_handler(actor, typical.case)
    locked = _locked(typical)
    if locked.status == TypicalCase.Status.SENT:
        raise ValidationError(_("This typical case has been sent to publishing; change it there."))
    locked.title, locked.body = redacted_text(locked.case, title, body)
    locked.status, locked.reviewed_by, locked.reviewed_at = TypicalCase.Status.DRAFT, None, None
    locked.save(update_fields=["title", "body", "status", "reviewed_by", "reviewed_at"])
    record_audit(actor=actor, action="typical_case.updated", obj=locked, campaign_id=locked.case.campaign_id)
    return locked


def is_office_staff(user: User, campaign_id: int | None) -> bool:
    if campaign_id is None:
        return False
    return Membership.objects.filter(user=user, campaign_id=campaign_id, role=Membership.Role.OFFICE_STAFF).exists()


def can_review(user: User, typical: TypicalCase) -> bool:
    """Four eyes: a caseworker of the office or office staff of the publishing campaign, never the author."""
    if typical.created_by_id == user.pk:
        return False
    if casework_access(user).can_handle(typical.case.office_id):
        return True
    campaign = publishing_campaign(typical.case)
    return campaign is not None and is_office_staff(user, campaign.pk)


@transaction.atomic
def review(typical: TypicalCase, actor: User) -> TypicalCase:
    """Approve the redacted text for publishing. Audited."""
    if typical.created_by_id == actor.pk:
        raise ValidationError(_("Someone other than the author must review the typical case."))
    if not can_review(actor, typical):
        raise PermissionDenied(_("You may not review this typical case."))
    locked = _locked(typical)
    if locked.status != TypicalCase.Status.DRAFT:
        raise ValidationError(_("Only a draft can be reviewed."))
    locked.status, locked.reviewed_by, locked.reviewed_at = TypicalCase.Status.REVIEWED, actor, timezone.now()
    locked.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    record_audit(actor=actor, action="typical_case.reviewed", obj=locked, campaign_id=locked.case.campaign_id)
    return locked


def publishing_campaign(case: Case) -> Campaign | None:
    """The case's campaign, or the latest campaign its office organises or takes the intake of."""
    if case.campaign_id is not None:
        return Campaign.objects.filter(pk=case.campaign_id).first()
    routed = IntakeRoute.objects.filter(office_id=case.office_id).values("campaign_id")
    return (
        Campaign.objects.filter(Q(organiser_id=case.office_id) | Q(pk__in=routed))
        .order_by("-start_date", "-pk")
        .first()
    )


def can_send(user: User, typical: TypicalCase) -> bool:
    if casework_access(user).can_handle(typical.case.office_id):
        return True
    campaign = publishing_campaign(typical.case)
    return campaign is not None and is_office_staff(user, campaign.pk)


@transaction.atomic
def send_to_publishing(typical: TypicalCase, actor: User) -> Post:
    """Queue the reviewed write-up as a release awaiting the office's approval. Audited.

    The post is made here rather than through ``publishing.services.create_post``, which only office
    staff may call: a caseworker queues the release, and the office staff still approve it there.
    """
    if not can_send(actor, typical):
        raise PermissionDenied(_("You may not send this typical case to publishing."))
    locked = _locked(typical)
    if locked.status != TypicalCase.Status.REVIEWED:
        raise ValidationError(_("Only a reviewed typical case can be sent to publishing."))
    campaign = publishing_campaign(locked.case)
    if campaign is None:
        raise ValidationError(_("There is no campaign to publish this typical case in."))
    post = Post.objects.create(
        campaign=campaign,
        kind=Post.Kind.RELEASE,
        status=Post.Status.PENDING,
        title=locked.title[:200],
        body=sanitize_rich_text(locked.body, field="body"),
        created_by=actor,
    )
    locked.post, locked.status = post, TypicalCase.Status.SENT
    locked.save(update_fields=["post", "status"])
    record_audit(actor=actor, action="post.submitted", obj=post, campaign_id=campaign.pk, typical_case_id=locked.pk)
    record_audit(actor=actor, action="typical_case.sent", obj=locked, campaign_id=campaign.pk, post_id=post.pk)
    return post
