"""Reuse of a computed cockpit response (the page's rendered body, an endpoint's JSON bytes) for
SUNLIT_COCKPIT_CACHE_SECONDS, in Django's default cache. Without a CACHES setting that is Django's
local-memory cache: one copy per server process, nothing to install; each process computes a
response once per period and serves its copy until it expires.

What a response shows depends on the region, the reader's language, the reader's role (which panels
they may see) and scope (where the breadcrumb starts; what the closed-loop panels count) and the
day; the key holds all five, so two readers share a response only when it would be the same for
both. The caller checks that the reader may see the region *before* asking for the response: the
scope check runs on every request, a reused response never replaces it."""

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from .selectors import cache_seconds


def response_key(kind: str, *, user, region, parts: tuple = ()) -> str:
    return ":".join(("cockpit", kind, region.code, get_language() or "", str(user.role), user.scope_id or "*",
                     timezone.localdate().isoformat(), *map(str, parts)))


def reused(kind: str, *, user, region, compute, parts: tuple = ()):
    """``compute()``'s result for this reader and region, computed at most once per period per
    process; computed on every call when reuse is off (SUNLIT_COCKPIT_CACHE_SECONDS = 0)."""
    seconds = cache_seconds()
    if seconds <= 0:
        return compute()
    key = response_key(kind, user=user, region=region, parts=parts)
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, seconds)
    return found
