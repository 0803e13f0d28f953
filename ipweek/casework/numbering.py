"""Case numbers and access codes.

A number reads ``TS2027-330500-00042``: the type's two letters, the year, the office's region code and
a serial per (type, year, region). The serial comes from :class:`CaseCounter`, incremented with one
UPDATE inside the transaction that inserts the case: the row lock (PostgreSQL) or the write lock
(SQLite) orders concurrent intakes, and a rolled-back intake gives its serial back. The unique
constraint on ``Case.number`` is the last line of defence.

The public tracks a case with its number and an access code. The code is derived from the intake's
idempotency key with the site's secret, so a resubmitted form gets the same code again; only its
SHA-256 digest is stored.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from ipweek.casework.models import Case, CaseCounter

PREFIXES: dict[str, str] = {
    Case.Kind.CONSULTATION: "ZX",
    Case.Kind.COMPLAINT: "TS",
    Case.Kind.REPORT: "JB",
    Case.Kind.ASSISTANCE: "YZ",
    Case.Kind.DISPUTE: "JF",
    Case.Kind.ECOMMERCE: "DS",
}
_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I


def next_number(kind: str, year: int, region_code: str) -> str:
    """Reserve the next serial; must run inside the transaction that saves the case."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must run inside transaction.atomic()")
    key = {"kind": kind, "year": year, "region_code": region_code}
    if not CaseCounter.objects.filter(**key).update(last=F("last") + 1):
        try:
            with transaction.atomic():
                CaseCounter.objects.create(**key, last=1)
        except IntegrityError:  # another intake created the row first
            CaseCounter.objects.filter(**key).update(last=F("last") + 1)
    serial = CaseCounter.objects.filter(**key).values_list("last", flat=True).get()
    return f"{PREFIXES[kind]}{year}-{region_code}-{serial:05d}"


def new_idempotency_key() -> str:
    return secrets.token_urlsafe(24)


def access_code_for(idempotency_key: str) -> str:
    """Eight characters from an unambiguous alphabet, stable for one idempotency key."""
    mac = hmac.new(settings.SECRET_KEY.encode(), b"case-access:" + idempotency_key.encode(), hashlib.sha256).digest()
    return "".join(_CODE_ALPHABET[b % len(_CODE_ALPHABET)] for b in mac[:8])


def digest_code(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def code_matches(case: Case | None, code: str) -> bool:
    """Constant-time check; a missing case costs the same as a wrong code."""
    expected = case.access_code_digest if case is not None else "0" * 64
    ok = hmac.compare_digest(expected, digest_code(code))
    return ok and case is not None
