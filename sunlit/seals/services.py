"""Writes to the seal register and the seal-use log. A use with no approver, or approved after
the use, is a valid row — the models flag it."""

from sunlit.ledger.services import record_write, records_write


def seal_create(*, actor, data: dict):
    return record_write("seal", actor=actor, data=data)


def seals_bulk_create(*, actor, records: list[dict]):
    return records_write("seal", actor=actor, records=records)


def seal_usage_create(*, actor, data: dict):
    """Log one use of a seal (applicant, approver, time)."""
    return record_write("seal_usage", actor=actor, data=data)


def seal_usages_bulk_create(*, actor, records: list[dict]):
    return records_write("seal_usage", actor=actor, records=records)


def seal_usage_approve(*, actor, usage_id: str, approver_person_id: str, approved_at=None):
    """Approve a requested seal use (用印审批). The approver is a cadre of the village in office on
    the day of approval, and not the applicant; the approval time is recorded (now, unless given)."""
    from django.db import transaction
    from django.utils import timezone

    from sunlit.accounts.scope import get_in_scope, scoped
    from sunlit.cadres.models import Cadre
    from sunlit.errors import InvalidInput, RowError
    from sunlit.ledger import registry

    from .models import SealUsage

    def refuse(column, message):
        raise InvalidInput(message, [RowError(1, column, "", message)])

    with transaction.atomic():
        usage = get_in_scope(SealUsage.objects.select_for_update(), user=actor, usage_id=usage_id)
        if usage.approver_person_id or usage.approved_at:
            refuse("approved_at", "此次用印已审批 / this seal use is already approved")
        moment = approved_at or timezone.now()
        day = timezone.localdate(moment)
        cadres = scoped(Cadre.objects.filter(village_code=usage.village_code, person_id=approver_person_id,
                                             term_start__lte=day), user=actor)
        cadre = next((c for c in cadres if c.term_end is None or c.term_end >= day), None)
        if cadre is None:
            refuse("approver_person_id", "审批人须为本村在任村干部 / the approver must be a cadre of this village in office")
        if "".join(cadre.name.split()) == "".join(usage.applicant_name.split()):
            refuse("approver_person_id", "审批人不能是申请人本人 / the approver must be someone other than the applicant")
        current = {key: getattr(usage, key) for key in registry.table("seal_usage").keys}
        return record_write("seal_usage", actor=actor, data={**current, "approver_person_id": cadre.person_id,
                                                             "approved_at": moment})
