"""Reads of citizen reports. The public side reads one report by its tracking code and sees only
its public steps (what happened and when, never who or the internal notes); officers read the report
of a case through the scope selector."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from sunlit.accounts.scope import get_in_scope, require
from sunlit.cases.models import Case, Conclusion

from . import codes
from .models import Report

# What the reporter is told of each step of the case. Every step has a public line; the officer's
# name, the handling unit's internal notes, the people handled and the money are never shown.
PUBLIC_STEP = {
    "open": _("Received"),
    "dispatch": _("Sent to the unit that handles it"),
    "take": _("Accepted by the handling unit"),
    "give_back": _("Being sent to the right unit"),
    "start_verification": _("Verification started"),
    "verify": _("Verification finished"),
    "dispose": _("Handled"),
    "close": _("Closed"),
    "escalate": _("Moved up to a higher commission"),
    "reopen": _("Reopened at your request"),
}


@dataclass(frozen=True)
class PublicStep:
    at: datetime
    name: str
    label: str
    conclusion: str = ""


def report_by_code(*, code: str) -> Report | None:
    """The report with this tracking code, or None. A malformed code is looked up like any other
    (one indexed query either way), so a wrong code and an unknown one cost the same."""
    wanted = codes.normalise(code)
    found = Report.objects.select_related("case").filter(tracking_code=wanted[:32]).first()
    return found if found is not None and codes.is_well_formed(wanted) else None


def report_public_steps(*, report: Report) -> list[PublicStep]:
    steps = []
    for event in report.case.events.all().only("at", "transition", "detail"):
        conclusion = ""
        if event.transition == "verify":
            value = (event.detail or {}).get("conclusion", "")
            conclusion = str(Conclusion(value).label) if value in Conclusion.values else ""
        steps.append(PublicStep(at=event.at, name=event.transition,
                                label=str(PUBLIC_STEP.get(event.transition, _("Updated"))), conclusion=conclusion))
    return steps


def report_of_case(*, user, case: Case) -> Report | None:
    """The report behind a case the user may see (None for an alert's case)."""
    require(user, "cases.view")
    seen = get_in_scope(Case.objects.all(), user=user, pk=case.pk)
    return Report.objects.filter(case=seen).prefetch_related("photos", "replies", "ratings").first()


def report_photo(*, user, photo_id: int):
    """A photo of a report in the user's scope (as unknown as a missing one when outside it)."""
    from .models import ReportPhoto

    require(user, "cases.view")
    report_ids = get_in_scope(Report.objects.all(), user=user, photos__pk=photo_id).pk
    return ReportPhoto.objects.select_related("attachment").get(pk=photo_id, report_id=report_ids)
