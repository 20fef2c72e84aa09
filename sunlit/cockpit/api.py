"""The cockpit under /api/v1/cockpit: the figures of the caller's scope root or of one region of
their subtree, its subordinate regions, the risk ranking and today's high-frequency items. The same
selectors as the pages: a region outside the caller's scope answers 404 — checked on every request,
before a response computed earlier is reused (reuse.py: its JSON bytes, for
SUNLIT_COCKPIT_CACHE_SECONDS)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from ninja import Router

from sunlit.errors import InvalidInput

from . import selectors
from .reuse import reused

router = Router(tags=["cockpit"])


def _summary(user, region) -> dict:
    return {"code": region.code, "name": region.name, "level": region.level,
            "breadcrumb": [{"code": r.code, "name": r.name, "level": r.level}
                           for r in selectors.cockpit_breadcrumb(user=user, region=region)],
            **selectors.cockpit_figures(user=user, region=region),
            "panels": selectors.cockpit_extra_panels(user=user, region=region)}


def _json(kind: str, user, region, compute, parts: tuple = ()) -> HttpResponse:
    body = reused(kind, user=user, region=region, parts=parts,
                  compute=lambda: json.dumps(compute(), cls=DjangoJSONEncoder, ensure_ascii=False).encode())
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@router.get("", url_name="cockpit_root")
def cockpit_root(request):
    region = selectors.cockpit_root(user=request.auth)
    return _json("summary", request.auth, region, lambda: _summary(request.auth, region))


@router.get("/{code}", url_name="cockpit_region")
def cockpit_region(request, code: str):
    region = selectors.cockpit_region(user=request.auth, code=code)
    return _json("summary", request.auth, region, lambda: _summary(request.auth, region))


@router.get("/{code}/children", url_name="cockpit_children")
def cockpit_children(request, code: str):
    region = selectors.cockpit_region(user=request.auth, code=code)
    return _json("children", request.auth, region, lambda: selectors.cockpit_children(user=request.auth, region=region))


@router.get("/{code}/ranking", url_name="cockpit_ranking")
def cockpit_ranking(request, code: str, level: str = "village", limit: int = selectors.RANK_LIMIT):
    region = selectors.cockpit_region(user=request.auth, code=code)
    if level not in ("village", "township"):
        raise InvalidInput("level 只能是 village 或 township / level must be village or township")
    limit = max(1, min(limit, 100))
    return _json("ranking", request.auth, region, parts=(level, limit),
                 compute=lambda: selectors.cockpit_ranking(user=request.auth, region=region, level=level, limit=limit))


@router.get("/{code}/today", url_name="cockpit_today")
def cockpit_today(request, code: str):
    region = selectors.cockpit_region(user=request.auth, code=code)
    return _json("today", request.auth, region,
                 lambda: selectors.cockpit_high_frequency(user=request.auth, region=region))
