"""Appending to the audit chain. Call ``audit_record`` for every security-relevant event: sign-in,
failed sign-in, lockout, permission denied, view of a person's records, export, imports, and every
case transition. ``detail`` must never hold an ID number: refer to people by record id."""

from django.db import transaction
from django.utils import timezone

from . import chain
from .models import AuditEvent, AuditHead


def _client_ip(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "")[:45] if request is not None else ""


@transaction.atomic
def audit_record(*, kind: str, actor=None, request=None, object_type: str = "", object_id: str = "",
                 detail: dict | None = None, actor_username: str = "") -> AuditEvent:
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        AuditHead.objects.get_or_create(pk=1)
        head = AuditHead.objects.select_for_update().get(pk=1)
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    fields = {
        "seq": head.seq + 1,
        "at": timezone.now(),
        "kind": kind,
        "actor_id": actor.pk if is_user else None,
        "actor_username": (actor.get_username() if is_user else actor_username)[:150],
        "ip": _client_ip(request),
        "object_type": object_type,
        "object_id": str(object_id)[:100],
        "detail": chain.canonical_detail(detail),
        "prev_hash": head.hash,
    }
    event = AuditEvent(**fields, hash=chain.row_hash(**fields))
    event.save()
    AuditHead.objects.filter(pk=1).update(seq=event.seq, hash=event.hash)
    return event


def audit_verify() -> chain.Verdict:
    head = AuditHead.objects.filter(pk=1).first() or AuditHead(seq=0, hash=chain.GENESIS)
    return chain.verify(AuditEvent.objects.order_by("seq").iterator(chunk_size=5000), head)
