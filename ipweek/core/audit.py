"""Writing the audit trail. Every service that changes state calls :func:`record_audit`."""

from typing import Any

from django.db import models

from ipweek.core.models import AuditEvent


def record_audit(
    *, actor: Any, action: str, obj: models.Model, campaign_id: int | None = None, **data: Any
) -> AuditEvent:
    """Append one audit event; ``data`` must be JSON-serialisable."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        campaign_id=campaign_id,
        data=data,
    )
