"""Reuse of a computed cockpit response (the page's rendered body, an endpoint's JSON bytes) for
SUNLIT_COCKPIT_CACHE_SECONDS, in the cache named ``cockpit`` (settings.CACHES): by default Django's
local-memory cache, one per server process, nothing to install; each process computes a response
once per period and serves its copy until it expires. A shared cache (Redis, say) set there
instead would let the processes share them.

What a response shows depends on the region, the reader's language, the reader's role (which panels
they may see) and scope (where the breadcrumb starts; what the closed-loop panels count) and the
day; the key holds all five, so two readers share a response only when it would be the same for
both. The caller checks that the reader may see the region *before* asking for the response: the
scope check runs on every request, a reused response never replaces it.

When a response has expired, one request of the process computes it again; requests arriving
meanwhile get the expired copy instead of computing it too (twenty clients at the moment of expiry
would otherwise compute it twenty times at once). A response is thus at most one period plus one
computation old. A response never computed waits for the one computation under way."""

import threading
import time

from django.core.cache import caches
from django.utils import timezone
from django.utils.translation import get_language

from .selectors import cache_seconds

# An expired copy is kept this many periods longer, to be served while it is computed again.
KEPT_PERIODS = 6

_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def response_key(kind: str, *, user, region, parts: tuple = ()) -> str:
    return ":".join(("cockpit", kind, region.code, get_language() or "", str(user.role), user.scope_id or "*",
                     timezone.localdate().isoformat(), *map(str, parts)))


def _lock(key: str) -> threading.Lock:
    with _locks_guard:
        if len(_locks) > 10_000:    # keys change every day; drop the unused locks now and then
            for k in [k for k, lock in _locks.items() if not lock.locked()]:
                del _locks[k]
        return _locks.setdefault(key, threading.Lock())


def reused(kind: str, *, user, region, compute, parts: tuple = ()):
    """``compute()``'s result for this reader and region, computed at most once per period per
    process; computed on every call when reuse is off (SUNLIT_COCKPIT_CACHE_SECONDS = 0)."""
    seconds = cache_seconds()
    if seconds <= 0:
        return compute()
    key = response_key(kind, user=user, region=region, parts=parts)
    found = caches["cockpit"].get(key)          # (computed at, response)
    if found is not None and time.time() - found[0] < seconds:
        return found[1]
    lock = _lock(key)
    if found is not None:
        if not lock.acquire(blocking=False):
            return found[1]         # being computed again by another request: the expired copy meanwhile
    else:
        lock.acquire()
        found = caches["cockpit"].get(key)      # computed while this request waited
        if found is not None and time.time() - found[0] < seconds:
            lock.release()
            return found[1]
    try:
        value = compute()
        caches["cockpit"].set(key, (time.time(), value), seconds * KEPT_PERIODS)
        return value
    finally:
        lock.release()
