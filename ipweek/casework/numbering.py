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
from django.db import IntegrityError, connection, transaction

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
    """Reserve the next serial; must run inside the transaction that saves the case, as late as possible.

    The counter row stays locked until that transaction commits, so callers take the number after
    everything else of the case is written.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must run inside transaction.atomic()")
    serial = _increment(kind, year, region_code)
    if serial is None:
        try:
            with transaction.atomic():
                CaseCounter.objects.create(kind=kind, year=year, region_code=region_code, last=1)
            serial = 1
        except IntegrityError:  # another intake created the row first
            serial = _increment(kind, year, region_code)
    if serial is None:  # pragma: no cover — the row exists after the IntegrityError above
        raise RuntimeError("case counter row vanished")
    return f"{PREFIXES[kind]}{year}-{region_code}-{serial:05d}"


def _increment(kind: str, year: int, region_code: str) -> int | None:
    """One statement that raises and reads the serial (PostgreSQL and SQLite ≥ 3.35 both have RETURNING)."""
    table = connection.ops.quote_name(CaseCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last = last + 1 WHERE kind = %s AND year = %s AND region_code = %s RETURNING last",  # noqa: S608 — the table name is ours
            [kind, year, region_code],
        )
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def placeholder_number() -> str:
    """A unique stand-in while the case's rows are written, replaced by :func:`next_number` before commit."""
    return "~" + secrets.token_hex(15)


def stored_key(channel: str, office_id: int, key: str) -> str:
    """What the table holds for a client's idempotency key: a digest scoped to the way in and the office.

    A key a client chose only ever finds a case that came in the same way to the same office, so a
    key seen elsewhere (a hotline case's, an inspection's) cannot fetch that case's receipt through the
    public form. The raw key is never stored.
    """
    scoped = f"{channel}\x1f{office_id}\x1f{key.strip()[:64]}"
    return hashlib.sha256(scoped.encode()).hexdigest()


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
