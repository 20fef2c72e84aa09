"""Rate limits per client (its IP address) on the public report routes, counted in Django's cache
(the default cache: local memory on one process; a shared cache — database or Redis — when the site
runs several processes). Limits are settings: ``SUNLIT_REPORT_RATE_LIMITS = {"submit": (count,
seconds), "track": (count, seconds)}``. A fixed window per client: the count-th request in a window
passes, the next ones are refused (429) until the window ends."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

DEFAULTS = {"submit": (5, 3600), "track": (30, 600)}


def limit_of(scope: str) -> tuple[int, int]:
    configured = getattr(settings, "SUNLIT_REPORT_RATE_LIMITS", {}) or {}
    count, seconds = configured.get(scope, DEFAULTS[scope])
    return int(count), int(seconds)


def client_of(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "unknown")[:45]


def hit(scope: str, request) -> int | None:
    """Count one request of this client; None if it is allowed, else the seconds until it may retry."""
    count, seconds = limit_of(scope)
    now = int(time.time())
    window = now // seconds
    # the address is hashed so the cache holds no plain IP addresses
    client = hashlib.sha256(client_of(request).encode()).hexdigest()[:24]
    key = f"sunlit:rl:{scope}:{client}:{window}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        used = cache.incr(key)
    except ValueError:          # expired between add and incr
        cache.set(key, 1, timeout=seconds + 1)
        used = 1
    if used > count:
        return (window + 1) * seconds - now
    return None
