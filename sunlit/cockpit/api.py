"""The cockpit under /api/v1/cockpit: the figures of the caller's scope root or of one region of
their subtree, its subordinate regions, the risk ranking and today's high-frequency items. The same
selectors as the pages: a region outside the caller's scope answers 404."""

from ninja import Router

from . import selectors

router = Router(tags=["cockpit"])


def _summary(user, region) -> dict:
    return {"code": region.code, "name": region.name, "level": region.level,
            "breadcrumb": [{"code": r.code, "name": r.name, "level": r.level}
                           for r in selectors.cockpit_breadcrumb(user=user, region=region)],
            **selectors.cockpit_figures(user=user, region=region),
            "panels": selectors.cockpit_extra_panels(user=user, region=region)}


@router.get("", url_name="cockpit_root")
def cockpit_root(request):
    return _summary(request.auth, selectors.cockpit_root(user=request.auth))


@router.get("/{code}", url_name="cockpit_region")
def cockpit_region(request, code: str):
    return _summary(request.auth, selectors.cockpit_region(user=request.auth, code=code))


@router.get("/{code}/children", url_name="cockpit_children")
def cockpit_children(request, code: str):
    region = selectors.cockpit_region(user=request.auth, code=code)
    return selectors.cockpit_children(user=request.auth, region=region)


@router.get("/{code}/ranking", url_name="cockpit_ranking")
def cockpit_ranking(request, code: str, level: str = "village", limit: int = selectors.RANK_LIMIT):
    region = selectors.cockpit_region(user=request.auth, code=code)
    if level not in ("village", "township"):
        from sunlit.errors import InvalidInput

        raise InvalidInput("level 只能是 village 或 township / level must be village or township")
    return selectors.cockpit_ranking(user=request.auth, region=region, level=level, limit=max(1, min(limit, 100)))


@router.get("/{code}/today", url_name="cockpit_today")
def cockpit_today(request, code: str):
    region = selectors.cockpit_region(user=request.auth, code=code)
    return selectors.cockpit_high_frequency(user=request.auth, region=region)
