from sunlit.accounts.scope import require

from .models import AuditEvent


def audit_event_list(*, user, kind: str | None = None, limit: int = 200):
    """The newest events, for administrators only (the log spans the whole deployment)."""
    require(user, "audit.view")
    qs = AuditEvent.objects.order_by("-seq")
    if kind:
        qs = qs.filter(kind=kind)
    return list(qs[:limit])
