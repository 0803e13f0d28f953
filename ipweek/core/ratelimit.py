"""A small fixed-window rate limiter on Django's cache, for public forms that must not be hammered.

Each (scope, key) gets one counter per window of ``window`` seconds. The counter lives in the
cache, so with the default local-memory cache the limit holds per server process; production sets
``REDIS_URL`` and then it holds for the whole site. Keys are hashed before they reach the cache,
so a client's address is never stored in the clear.

The client's address is ``REMOTE_ADDR`` only. ``X-Forwarded-For`` is written by the client and
would let anyone pick a fresh address per request; a reverse proxy in front of the site must
therefore set ``REMOTE_ADDR`` to the real client (e.g. nginx's ``real_ip`` module, or granian
behind a proxy that rewrites the peer address).
"""

import hashlib
import time

from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address the request came from, as the server saw it (never a client-supplied header)."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def _cache_key(scope: str, key: str, window: int, now: float) -> str:
    digest = hashlib.sha256(f"{scope}\x1f{key}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{int(now // window)}"


def hit(scope: str, key: str, limit: int, window: int) -> bool:
    """Count one attempt; True while the attempts in this window are at most ``limit``.

    ``limit`` or ``window`` of 0 (or less) turns the limit off: every attempt is allowed.
    """
    if limit <= 0 or window <= 0:
        return True
    cache_key = _cache_key(scope, key, window, time.time())
    # add() is atomic: only the first attempt of a window creates the counter.
    cache.add(cache_key, 0, timeout=window + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the counter expired between add() and incr()
        cache.set(cache_key, 1, timeout=window + 1)
        count = 1
    return count <= limit
