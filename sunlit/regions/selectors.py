"""Reads of the region tree; every one goes through the scope selector."""

from django.db.models import Count, QuerySet

from sunlit.accounts.scope import get_in_scope, scoped

from . import codes
from .models import Region


def region_list(*, user, parent_code: str | None = None, level: str | None = None) -> QuerySet[Region]:
    qs = scoped(Region.objects.all(), user=user)
    if parent_code:
        qs = qs.filter(parent_id=parent_code)
    if level:
        qs = qs.filter(level=level)
    return qs


def region_get(*, user, code: str) -> Region:
    return get_in_scope(Region.objects.all(), user=user, pk=code)


def region_breadcrumb(*, user, region: Region) -> list[Region]:
    """The path from the user's scope root down to ``region`` (nothing above the scope)."""
    chain = []
    code = region.code
    while code:
        chain.append(code)
        code = codes.parent_code_of(code)
    visible = {r.code: r for r in scoped(Region.objects.filter(code__in=chain), user=user)}
    return [visible[c] for c in reversed(chain) if c in visible]


def region_counts_by_level(*, user) -> dict[str, int]:
    rows = scoped(Region.objects.all(), user=user).values("level").annotate(n=Count("code"))
    counts = {level: 0 for level in codes.LEVELS}
    counts.update({r["level"]: r["n"] for r in rows})
    return counts


def region_export_rows(*, user):
    """The user's subtree as canonical rows, parents before children."""
    for r in scoped(Region.objects.all(), user=user).order_by("code"):
        yield [r.code, r.name, r.level, r.parent_id or "", r.kind]

