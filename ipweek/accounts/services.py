import secrets

from django.db import transaction

from ipweek.accounts.models import ApiToken, User
from ipweek.core.audit import record_audit


@transaction.atomic
def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Issue a token; the raw value is returned once and never stored."""
    raw = "ipw_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, digest=ApiToken.digest_of(raw), prefix=raw[:8])
    record_audit(actor=user, action="api_token.created", obj=token, name=name)
    return token, raw
