"""The scope selector layer (分层授权). Every view, API endpoint and export reads through
``scoped`` / ``get_in_scope`` and checks actions with ``require``; nothing filters by region on its
own. A model opts in by naming the column that holds its region code in ``scope_field``."""

from django.db.models import Model, QuerySet

from sunlit.errors import AccessDenied, NotFound
from sunlit.regions import codes

from .roles import Role, can


def scope_prefix(user) -> str | None:
    """The code prefix of the user's subtree: '' for everything, None for nothing."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.scope_id:
        return codes.prefix_of(user.scope_id)
    return "" if user.role == Role.ADMINISTRATOR else None


def scoped(queryset: QuerySet, *, user) -> QuerySet:
    prefix = scope_prefix(user)
    if prefix is None:
        return queryset.none()
    if prefix == "":
        return queryset
    field = queryset.model.scope_field
    return queryset.filter(**{f"{field}__startswith": prefix})


def get_in_scope(queryset: QuerySet, *, user, **lookup) -> Model:
    """One object inside the user's scope. An object that exists outside it is answered exactly as
    one that does not exist (no leak of its existence), and the attempt is audited."""
    try:
        return scoped(queryset, user=user).get(**lookup)
    except queryset.model.DoesNotExist:
        if queryset.filter(**lookup).exists():
            from sunlit.audit.services import audit_record

            audit_record(kind="permission_denied", actor=user,
                         object_type=queryset.model._meta.model_name,
                         detail={"reason": "out_of_scope", "lookup": {k: str(v) for k, v in lookup.items()}})
        raise NotFound("未找到，或不在您的管辖范围内 / not found, or outside your scope") from None


def require(user, action: str):
    """Check that the user's role may take ``action``; returns the user's scope region (None for a
    deployment-wide administrator). Raises AccessDenied."""
    if user is None or not user.is_authenticated:
        raise AccessDenied("请先登录 / sign in first")
    if not can(user.role, action) or scope_prefix(user) is None:
        from sunlit.audit.services import audit_record

        audit_record(kind="permission_denied", actor=user, detail={"action": action})
        raise AccessDenied("您的角色无权执行此操作 / your role may not do this")
    return user.scope
