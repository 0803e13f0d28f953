"""Changes to the publishing queue: drafting, approval, schedule and embargo, promotion, assets.

draft ──submit──▶ pending ──approve(publish_at)──▶ approved ──withdraw──▶ withdrawn
  └───────────────approve──────────────▲              ▲                      │
withdrawn ──submit──▶ pending ─────────┘              └── (re-approved) ◀────┘

Only office staff change posts. Whether an approved post is public is computed from ``publish_at``
(:meth:`Post.objects.public`); no job flips a flag, so an embargo lifts at exactly its second.
Every change writes an audit event.
"""

import datetime as dt
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipweek.accounts.models import User
from ipweek.campaigns.models import Campaign
from ipweek.campaigns.permissions import access_for
from ipweek.core.audit import record_audit
from ipweek.core.richtext import sanitize_rich_text
from ipweek.core.uploads import check_upload
from ipweek.publishing.models import Asset, Post, Screen
from ipweek.reporting.models import ActivityReport

Status = Post.Status
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.PENDING, Status.WITHDRAWN})
APPROVABLE_STATUSES = frozenset({Status.DRAFT, Status.PENDING})
PROMOTABLE_REPORT_STATUSES = frozenset({ActivityReport.Status.APPROVED, ActivityReport.Status.PUBLISHED})
# A publish time picked in a form is minute-precise; a minute or two in the past still means "now".
PAST_PUBLISH_TOLERANCE = dt.timedelta(minutes=5)
MAX_ASSET_BYTES = 20 * 1024 * 1024
# Extension → content type we store. The type is decided by sniffing, never taken from the browser.
ASSET_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
}


def _require_office(actor: User, campaign: Campaign) -> None:
    if not access_for(actor, campaign).can_manage:
        raise PermissionDenied


def _clean_post_data(post: Post, data: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    post.title = str(data.get("title", post.title) or "").strip()
    post.summary = str(data.get("summary", post.summary) or "").strip()
    post.kind = str(data.get("kind", post.kind) or Post.Kind.NEWS)
    post.is_highlight = bool(data.get("is_highlight", post.is_highlight))
    if "activity" in data:
        activity = data["activity"]
        if activity is not None and activity.campaign_id != post.campaign_id:
            errors["activity"] = _("Choose an activity of this campaign.")
        else:
            post.activity = activity
    if not post.title:
        errors["title"] = _("A post needs a title.")
    elif len(post.title) > 200:
        errors["title"] = _("The title is too long.")
    if len(post.summary) > 300:
        errors["summary"] = _("The summary is too long.")
    if post.kind not in Post.Kind.values:
        errors["kind"] = _("Choose news, a release or a notice.")
    try:
        post.body = sanitize_rich_text(str(data.get("body", post.body) or ""), field="body")
    except ValidationError as error:
        errors.update({name: messages[0] for name, messages in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_post(*, campaign: Campaign, actor: User, data: dict[str, Any]) -> Post:
    """Draft a post (title, summary, kind, body as sanitised rich text, activity, highlight). Audited."""
    _require_office(actor, campaign)
    post = Post(campaign=campaign, created_by=actor)
    _clean_post_data(post, data)
    post.save()
    record_audit(actor=actor, action="post.created", obj=post, campaign_id=campaign.pk, title=post.title)
    return post


@transaction.atomic
def update_post(*, post: Post, actor: User, data: dict[str, Any]) -> Post:
    """Change a post that is not approved; an approved one must be withdrawn first. Audited."""
    _require_office(actor, post.campaign)
    if post.status not in EDITABLE_STATUSES:
        raise ValidationError({"status": _("An approved post cannot be changed; withdraw it first.")})
    _clean_post_data(post, data)
    post.save()
    record_audit(actor=actor, action="post.updated", obj=post, campaign_id=post.campaign_id, title=post.title)
    return post


def _lock(post: Post) -> Post:
    return Post.objects.select_for_update().select_related("campaign").get(pk=post.pk)


def _sync(target: Post, source: Post) -> None:
    for name in ("status", "publish_at", "approved_by_id", "approved_at", "updated_at"):
        setattr(target, name, getattr(source, name))


@transaction.atomic
def submit_for_approval(*, post: Post, actor: User) -> Post:
    """Send a draft or withdrawn post for approval. Audited."""
    locked = _lock(post)
    _require_office(actor, locked.campaign)
    if locked.status not in {Status.DRAFT, Status.WITHDRAWN}:
        raise ValidationError({"status": _("Only a draft or withdrawn post can be sent for approval.")})
    locked.status = Status.PENDING
    locked.save(update_fields=["status", "updated_at"])
    record_audit(actor=actor, action="post.submitted", obj=locked, campaign_id=locked.campaign_id)
    _sync(post, locked)
    return post


@transaction.atomic
def approve_post(
    *, post: Post, actor: User, publish_at: dt.datetime | None = None, now: dt.datetime | None = None
) -> Post:
    """Approve a post for publication at ``publish_at`` (an embargo) or at once.

    Nothing happens at ``publish_at``: the post is public from that second because every reader asks
    ``Post.objects.public(now)``. A time more than a few minutes in the past is refused. Audited.
    """
    now = now or timezone.now()
    locked = _lock(post)
    _require_office(actor, locked.campaign)
    if locked.status not in APPROVABLE_STATUSES:
        raise ValidationError({"status": _("Only a draft or pending post can be approved.")})
    if publish_at is not None and timezone.is_naive(publish_at):
        raise ValidationError({"publish_at": _("Give the publication time with its time zone.")})
    if publish_at is not None and publish_at < now - PAST_PUBLISH_TOLERANCE:
        raise ValidationError({"publish_at": _("The publication time is in the past; leave it empty to publish now.")})
    locked.status = Status.APPROVED
    locked.publish_at = max(publish_at, now) if publish_at is not None else now
    locked.approved_by = actor
    locked.approved_at = now
    locked.save(update_fields=["status", "publish_at", "approved_by", "approved_at", "updated_at"])
    record_audit(
        actor=actor,
        action="post.approved",
        obj=locked,
        campaign_id=locked.campaign_id,
        publish_at=locked.publish_at.isoformat(),
        is_embargoed=locked.publish_at > now,
    )
    _sync(post, locked)
    return post


@transaction.atomic
def withdraw_post(*, post: Post, actor: User) -> Post:
    """Take a pending or approved post back: it stops showing everywhere at once. Audited."""
    locked = _lock(post)
    _require_office(actor, locked.campaign)
    if locked.status not in {Status.PENDING, Status.APPROVED}:
        raise ValidationError({"status": _("Only a pending or approved post can be withdrawn.")})
    locked.status = Status.WITHDRAWN
    locked.save(update_fields=["status", "updated_at"])
    record_audit(actor=actor, action="post.withdrawn", obj=locked, campaign_id=locked.campaign_id)
    _sync(post, locked)
    return post


def promote_report(*, report: ActivityReport, actor: User) -> Post:
    """Turn an approved or published activity report into a draft news post, once.

    Asking again returns the post made the first time (``Post.source_report`` is unique), even when
    two requests race. Audited when a post is made.
    """
    campaign = report.activity.campaign
    _require_office(actor, campaign)
    existing = Post.objects.filter(source_report=report).first()
    if existing is not None:
        return existing
    if report.status not in PROMOTABLE_REPORT_STATUSES:
        raise ValidationError({"report": _("Only an approved or published report can become a post.")})
    try:
        with transaction.atomic():
            post = Post.objects.create(
                campaign=campaign,
                kind=Post.Kind.NEWS,
                title=report.title[:200],
                body=sanitize_rich_text(report.body, field="body"),
                activity=report.activity,
                source_report=report,
                created_by=actor,
            )
            record_audit(actor=actor, action="post.promoted", obj=post, campaign_id=campaign.pk, report_id=report.pk)
    except IntegrityError:
        return Post.objects.get(source_report=report)
    return post


def _check_upload(upload: UploadedFile) -> tuple[str, str]:
    """(extension, content type) of an acceptable upload, or a ValidationError on ``file``."""
    return check_upload(
        upload,
        allowed=ASSET_TYPES,
        max_bytes=MAX_ASSET_BYTES,
        allowed_text=_("Upload a PDF, Word (.docx), Excel (.xlsx), ZIP, JPEG or PNG file."),
    )


@transaction.atomic
def add_asset(
    *, campaign: Campaign, actor: User, upload: UploadedFile, title: str = "", post: Post | None = None
) -> Asset:
    """Store a downloadable file after checking its size and sniffing its content. Audited."""
    _require_office(actor, campaign)
    if post is not None and post.campaign_id != campaign.pk:
        raise ValidationError({"post": _("Choose a post of this campaign.")})
    _extension, content_type = _check_upload(upload)
    title = (title or "").strip() or PurePath(upload.name or "").stem
    if len(title) > 200:
        raise ValidationError({"title": _("The title is too long.")})
    asset = Asset(campaign=campaign, post=post, title=title, content_type=content_type, size=upload.size or 0)
    asset.file.save(PurePath(upload.name or "file").name, upload, save=False)
    asset.save()
    record_audit(
        actor=actor,
        action="asset.added",
        obj=asset,
        campaign_id=campaign.pk,
        title=asset.title,
        content_type=content_type,
        size=asset.size,
    )
    return asset


@transaction.atomic
def add_screen(*, campaign: Campaign, actor: User, name: str, venue: str = "", char_limit: int = 40) -> Screen:
    """Register an LED screen or TV and how many characters it shows. Audited."""
    _require_office(actor, campaign)
    name = (name or "").strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("A screen needs a name.")
    if not 1 <= char_limit <= 10000:
        errors["char_limit"] = _("Give a character limit between 1 and 10000.")
    if errors:
        raise ValidationError(errors)
    screen = Screen.objects.create(
        campaign=campaign, name=name[:100], venue=(venue or "").strip()[:200], char_limit=char_limit
    )
    record_audit(actor=actor, action="screen.added", obj=screen, campaign_id=campaign.pk, char_limit=char_limit)
    return screen
