"""Reads of cases, all through the scope selector: the queue of everything in one's scope, the
inbox of one's own unit, one case with its timeline and the next steps open to the reader, and
model precision (confirmed ÷ verified)."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import has_transition_perm

from sunlit.accounts.roles import can
from sunlit.accounts.scope import get_in_scope, require, scoped
from sunlit.attachments.models import Attachment
from sunlit.attachments.selectors import attachment_get
from sunlit.errors import NotFound
from sunlit.regions import codes

from . import rules
from .models import OPEN_STATES, Case, Conclusion, State

# The order the steps are offered on the case page.
TRANSITIONS = ("take", "start_verification", "verify", "dispose", "close", "dispatch", "give_back", "escalate",
               "reopen")

STEP_LABELS = {
    "dispatch": _("Dispatch"), "take": _("Take the case"), "give_back": _("Return (mis-routed)"),
    "start_verification": _("Start verification"), "verify": _("Record the verification"),
    "dispose": _("Record the disposition"), "close": _("Close"), "escalate": _("Escalate"), "reopen": _("Reopen"),
    "open": _("Opened"),
}


def step_label(name: str) -> str:
    return str(STEP_LABELS.get(name, name))


def case_list(*, user, state: str | None = None, severity: str | None = None, level: str | None = None,
              model_code: str | None = None, region_code: str | None = None, source_kind: str | None = None,
              overdue: bool = False) -> QuerySet[Case]:
    require(user, "cases.view")
    qs = scoped(Case.objects.all(), user=user)
    if state:
        qs = qs.filter(state=state)
    if severity:
        qs = qs.filter(severity=severity)
    if level:
        qs = qs.filter(level=level)
    if model_code:
        qs = qs.filter(model_code=model_code)
    if source_kind:
        qs = qs.filter(source_kind=source_kind)
    if region_code:
        qs = qs.filter(village_code__startswith=codes.prefix_of(region_code)) if codes.is_well_formed(region_code) \
            else qs.none()
    if overdue:
        qs = qs.filter(state__in=OPEN_STATES, due_on__lt=timezone.localdate(timezone.now()))
    return qs.order_by("due_on", "pk")


def case_inbox(*, user) -> QuerySet[Case]:
    """The cases the user's own unit holds and still has to work on (a liaison officer's village, an
    inspector's commission), oldest deadline first."""
    require(user, "cases.view")
    if user.scope_id is None or rules.HANDLER_ROLE.get(codes.level_of(user.scope_id)) != user.role:
        return Case.objects.none()
    return (scoped(Case.objects.all(), user=user)
            .filter(handling_code=user.scope_id)
            .exclude(state__in=[State.CLOSED, State.RETURNED])
            .order_by("due_on", "pk"))


def case_get(*, user, case_id: int) -> Case:
    require(user, "cases.view")
    return get_in_scope(Case.objects.select_related("alert", "disposition"), user=user, pk=case_id)


def case_attachment(*, user, case_id: int, file_id) -> Attachment:
    """A file carried by one of the case's events, for a user who may see the case; anything else
    (another case's file, a case outside the scope) is answered as not found."""
    case = case_get(user=user, case_id=case_id)
    wanted = str(file_id)
    for attachments in case.events.values_list("attachments", flat=True):
        if any(isinstance(a, dict) and a.get("id") == wanted for a in attachments or ()):
            return attachment_get(public_id=wanted)
    raise NotFound("附件不存在 / no such attachment on this case")


def case_next_steps(*, case: Case, user) -> list[str]:
    """The transitions this user may take on this case now (state, role and scope all allow it)."""
    return [name for name in TRANSITIONS
            if can(user.role, rules.ACTION_OF[name]) and has_transition_perm(getattr(case, name), user)]


def _precision(verified: int, confirmed: int) -> float | None:
    return round(confirmed / verified, 4) if verified else None


def model_precision(*, user=None, level: str | None = None) -> dict:
    """Precision per model: cases verified confirmed or partly confirmed ÷ cases verified (a case
    counts once its conclusion is recorded). Read through the user's scope when given. With
    ``level`` (e.g. "county"), per model and per region of that level: {(model, region code): …}."""
    qs = Case.objects.filter(source_kind="alert").exclude(conclusion="")
    if user is not None:
        qs = scoped(qs, user=user)
    confirmed = Q(conclusion__in=[Conclusion.CONFIRMED, Conclusion.PARTLY_CONFIRMED])
    if level is None:
        rows = qs.values("model_code").annotate(verified=Count("pk"), confirmed=Count("pk", filter=confirmed))
        return {r["model_code"]: {"verified": r["verified"], "confirmed": r["confirmed"],
                                  "precision": _precision(r["verified"], r["confirmed"])} for r in rows}
    keep = codes.PREFIX_LENGTH[level]
    totals: dict[tuple[str, str], list[int]] = {}
    for r in qs.values("model_code", "village_code", "conclusion").annotate(n=Count("pk")):
        region = r["village_code"][:keep] + "0" * (12 - keep)
        bucket = totals.setdefault((r["model_code"], region), [0, 0])
        bucket[0] += r["n"]
        if r["conclusion"] in (Conclusion.CONFIRMED, Conclusion.PARTLY_CONFIRMED):
            bucket[1] += r["n"]
    return {key: {"verified": v, "confirmed": c, "precision": _precision(v, c)} for key, (v, c) in totals.items()}
