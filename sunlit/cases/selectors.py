"""Reads of cases, all through the scope selector: the queue of everything in one's scope, the
inbox of one's own unit, one case with its timeline and the next steps open to the reader, and
model precision (confirmed ÷ verified)."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import has_transition_perm

from sunlit.accounts.roles import can
from sunlit.accounts.scope import get_in_scope, require, scoped
from sunlit.attachments.models import Attachment
from sunlit.attachments.selectors import attachment_get
from sunlit.errors import NotFound
from sunlit.identity import identity_mask
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


# What a case is about, by its subject type (the models' subjects, a late disclosure), and its colour.
SUBJECT_LABELS = {
    "labour_payment": _("Labour payment"), "lease": _("Lease"), "project": _("Project"),
    "purchase": _("Purchase"), "relief_payment": _("Relief payment"), "relief_recipient": _("Relief approval"),
    "seal_usage": _("Seal use"), "asset": _("Asset"), "village": _("Village"), "person": _("Person"),
    "disclosure": _("Disclosure"),
}
COLOUR_LABELS = {"red": _("Red"), "yellow": _("Yellow"), "blue": _("Blue")}
# Actors of a step that are not a person's account: the platform (opening, the deadline sweep) and
# the villager who asked for a reopening.
ACTOR_LABELS = {"system": _("System"), "public:reporter": _("The reporter")}


def actor_label(username: str) -> str:
    return str(ACTOR_LABELS.get(username, username))


def subject_label(subject_type: str) -> str:
    return str(SUBJECT_LABELS.get(subject_type, subject_type))


def colour_label(severity: str) -> str:
    return str(COLOUR_LABELS.get(severity, severity))


def case_list(*, user, state: str | None = None, severity: str | None = None, level: str | None = None,
              model_code: str | None = None, region_code: str | None = None, source_kind: str | None = None,
              overdue: bool = False, village_code: str | None = None) -> QuerySet[Case]:
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
    if village_code:
        qs = qs.filter(village_code=village_code)
    if overdue:
        qs = qs.filter(state__in=OPEN_STATES, due_on__lt=timezone.localdate(timezone.now()))
    return qs.order_by("due_on", "pk")


# The states a case can be dispatched from (the dispatch transition's sources).
DISPATCHABLE = (State.NEW, State.RETURNED, State.ESCALATED, State.REOPENED)


def queue_villages(*, user, limit: int = 500) -> list:
    """The villages in the user's scope, for the queue's village filter (empty when there are more
    than ``limit``: the region code filter serves a county or city)."""
    from sunlit.regions.models import Region

    villages = scoped(Region.objects.filter(level="village"), user=user).order_by("code")
    return list(villages[:limit]) if villages.count() <= limit else []


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


def case_model(case: Case):
    """The model behind an alert case (its title, legal basis and evidence fields), or None."""
    if not case.model_code:
        return None
    from sunlit.engine.spec import CATALOGUE_DIR, load_model

    found = sorted(CATALOGUE_DIR.glob(f"*/{case.model_code}.sql"))
    return load_model(found[0]) if found else None


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


# ---- the subject's records across all domains, and related cases ----------------------------------

SECTION_ROWS = 100   # rows shown per domain; the count says how many there are


@dataclass
class RecordSection:
    """One domain's records of the subject's person or organisation, as display text."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[str]]
    refs: list[tuple[str, str]]          # (subject type, subject id) of each row, for related cases
    count: int
    total: Decimal | None = None          # the sum of the money column, over all rows
    current: set[int] = field(default_factory=set)   # rows that are the case's own subject


@dataclass
class SubjectRecords:
    """Who the case's subject leads to (a person, by masked ID number and name; or an organisation,
    by masked credit code and name) and their records in every ledger domain, inside the reader's scope."""

    party_kind: str = ""                  # "person", "organisation" or "" (no party: e.g. a village)
    party_name: str = ""
    party_masked: str = ""
    sections: list[RecordSection] = field(default_factory=list)

    @property
    def refs(self) -> set[tuple[str, str]]:
        return {ref for s in self.sections for ref in s.refs}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _section(key, title, columns, queryset, *, row, ref, money=None, current=None) -> RecordSection | None:
    count = queryset.count()
    if not count:
        return None
    total = queryset.aggregate(t=Sum(money))["t"] if money else None
    rows, refs, mine = [], [], set()
    for n, obj in enumerate(queryset[:SECTION_ROWS]):
        rows.append([_text(v) for v in row(obj)])
        refs.extend(ref(obj))
        if current is not None and current(obj):
            mine.add(n)
    return RecordSection(key=key, title=str(title), columns=[str(c) for c in columns], rows=rows, refs=refs,
                         count=count, total=total, current=mine)


def _party_of(subject_type: str, subject_id: str, user) -> tuple[str, str, str]:
    """(kind, identity number, name) of the person or organisation behind a subject, looked up
    inside the user's scope; ("", "", "") when the subject has none or is not visible."""
    from sunlit.assets.models import Lease
    from sunlit.labour.models import LabourPayment
    from sunlit.procurement.models import Purchase
    from sunlit.projects.models import Project
    from sunlit.relief.models import ReliefPayment
    from sunlit.seals.models import SealUsage

    def one(model, **lookup):
        return scoped(model.objects.all(), user=user).filter(**lookup).first()

    if subject_type == "person":
        return "person", subject_id, ""
    if subject_type == "labour_payment" and (p := one(LabourPayment, payment_id=subject_id)):
        return "person", p.person_id, p.name
    if subject_type == "relief_payment" and (p := one(ReliefPayment, payment_id=subject_id)):
        return "person", p.person_id, ""
    if subject_type == "relief_recipient" and subject_id:
        from sunlit.relief.models import ReliefRecipient

        person_id = subject_id.split("/")[0]
        if scoped(ReliefRecipient.objects.all(), user=user).filter(person_id=person_id).exists():
            return "person", person_id, ""
    if subject_type == "lease" and (lease := one(Lease, lease_id=subject_id)):
        if lease.lessee_person_id:
            return "person", lease.lessee_person_id, lease.lessee_name
        if lease.lessee_org_id:
            return "organisation", lease.lessee_org_id, lease.lessee_name
    if subject_type == "purchase" and (p := one(Purchase, purchase_id=subject_id)) and p.supplier_org_id:
        return "organisation", p.supplier_org_id, p.supplier_name
    if subject_type == "project" and (p := one(Project, project_id=subject_id)) and p.contractor_org_id:
        return "organisation", p.contractor_org_id, p.contractor_name
    if subject_type == "seal_usage" and (u := one(SealUsage, usage_id=subject_id)) and u.approver_person_id:
        return "person", u.approver_person_id, ""
    return "", "", ""


def _person_sections(person_id: str, name: str, user, subject: tuple[str, str]) -> list[RecordSection]:
    from sunlit.assets.models import Lease
    from sunlit.cadres.models import Cadre
    from sunlit.labour.models import LabourPayment
    from sunlit.relief.models import ReliefPayment, ReliefRecipient
    from sunlit.seals.models import Seal, SealUsage

    def q(model, **lookup):
        return scoped(model.objects.all(), user=user).filter(**lookup)

    def is_subject(kind, key):
        return lambda obj: subject == (kind, getattr(obj, key))

    villages = set()
    sections = [
        _section("labour_payment", _("Labour pay"),
                 [_("Payment"), _("Village"), _("Task"), _("Paid on"), _("Days"), _("Amount (yuan)")],
                 q(LabourPayment, person_id=person_id).order_by("-paid_date", "payment_id"),
                 row=lambda p: [p.payment_id, p.village_code, p.task_id or "—", p.paid_date, p.days, p.amount],
                 ref=lambda p: [("labour_payment", p.payment_id)], money="amount",
                 current=is_subject("labour_payment", "payment_id")),
        _section("relief_recipient", _("Relief approvals"),
                 [_("Village"), _("Relief type"), _("Approved on"), _("Ended on"), _("Monthly amount (yuan)")],
                 q(ReliefRecipient, person_id=person_id).order_by("-approved_date"),
                 row=lambda r: [r.village_code, r.get_relief_type_display(), r.approved_date, r.end_date or "—",
                                r.monthly_amount],
                 ref=lambda r: [("relief_recipient", f"{r.person_id}/{r.relief_type}"),
                                ("relief_recipient", f"{r.person_id}/{r.relief_type}/{r.approved_date.isoformat()}")]),
        _section("relief_payment", _("Relief payments"),
                 [_("Payment"), _("Village"), _("Relief type"), _("Period"), _("Paid on"), _("Amount (yuan)")],
                 q(ReliefPayment, person_id=person_id).order_by("-paid_date", "payment_id"),
                 row=lambda p: [p.payment_id, p.village_code, p.get_relief_type_display(), p.period, p.paid_date,
                                p.amount],
                 ref=lambda p: [("relief_payment", p.payment_id)], money="amount",
                 current=is_subject("relief_payment", "payment_id")),
        _section("lease", _("Leases held"),
                 [_("Lease"), _("Village"), _("Asset"), _("Method"), _("From"), _("To"), _("Annual rent (yuan)")],
                 q(Lease, lessee_person_id=person_id).select_related("asset").order_by("-start_date"),
                 row=lambda x: [x.lease_id, x.village_code, x.asset.name, x.get_method_display(), x.start_date,
                                x.end_date, x.annual_rent],
                 ref=lambda x: [("lease", x.lease_id), ("asset", x.asset_id)], money="annual_rent",
                 current=is_subject("lease", "lease_id")),
        _section("seal_usage_approved", _("Seal uses approved"),
                 [_("Use"), _("Village"), _("Used at"), _("Matter"), _("Approved at")],
                 q(SealUsage, approver_person_id=person_id).order_by("-used_at"),
                 row=lambda u: [u.usage_id, u.village_code, u.used_at, u.matter[:80], u.approved_at or "—"],
                 ref=lambda u: [("seal_usage", u.usage_id)], current=is_subject("seal_usage", "usage_id")),
        _section("seal_custody", _("Seals in custody"), [_("Seal"), _("Village"), _("Name")],
                 q(Seal, custodian_person_id=person_id).order_by("seal_id"),
                 row=lambda s: [s.seal_id, s.village_code, s.name], ref=lambda s: []),
        _section("cadre", _("Cadre posts"), [_("Village"), _("Post"), _("From"), _("To")],
                 q(Cadre, person_id=person_id).order_by("-term_start"),
                 row=lambda c: [c.village_code, c.position, c.term_start, c.term_end or _("now")],
                 ref=lambda c: [("village", c.village_code)]),
    ]
    sections = [s for s in sections if s is not None]
    for s in sections:
        villages |= {row[s.columns.index(str(_("Village")))] for row in s.rows}
    names = {name} if name else set(q(Cadre, person_id=person_id).values_list("name", flat=True)[:5]) | set(
        q(LabourPayment, person_id=person_id).values_list("name", flat=True)[:5])
    if names and villages:
        # a seal use names its applicant by name only: the same name in a village where this person has records
        applied = _section("seal_usage_applied", _("Seal uses applied for (matched by name in the same village)"),
                           [_("Use"), _("Village"), _("Applicant"), _("Used at"), _("Matter")],
                           q(SealUsage, applicant_name__in=names, village_code__in=villages).order_by("-used_at"),
                           row=lambda u: [u.usage_id, u.village_code, u.applicant_name, u.used_at, u.matter[:80]],
                           ref=lambda u: [("seal_usage", u.usage_id)], current=is_subject("seal_usage", "usage_id"))
        if applied is not None:
            sections.append(applied)
    return sections


def _organisation_sections(org_id: str, user, subject: tuple[str, str]) -> list[RecordSection]:
    from sunlit.assets.models import Lease
    from sunlit.procurement.models import Purchase
    from sunlit.projects.models import Project, ProjectPayment

    def q(model, **lookup):
        return scoped(model.objects.all(), user=user).filter(**lookup)

    def is_subject(kind, key):
        return lambda obj: subject == (kind, getattr(obj, key))

    sections = [
        _section("purchase", _("Purchases supplied"),
                 [_("Purchase"), _("Village"), _("Item"), _("Method"), _("Date"), _("Amount (yuan)")],
                 q(Purchase, supplier_org_id=org_id).order_by("-purchase_date"),
                 row=lambda p: [p.purchase_id, p.village_code, p.item, p.get_method_display(), p.purchase_date,
                                p.amount],
                 ref=lambda p: [("purchase", p.purchase_id)], money="amount",
                 current=is_subject("purchase", "purchase_id")),
        _section("project", _("Projects contracted"),
                 [_("Project"), _("Village"), _("Name"), _("Contract date"), _("Contract amount (yuan)")],
                 q(Project, contractor_org_id=org_id).order_by("-contract_date"),
                 row=lambda p: [p.project_id, p.village_code, p.name, p.contract_date or "—", p.contract_amount],
                 ref=lambda p: [("project", p.project_id)], money="contract_amount",
                 current=is_subject("project", "project_id")),
        _section("project_payment", _("Project payments received"),
                 [_("Payment"), _("Village"), _("Project"), _("Paid on"), _("Amount (yuan)")],
                 q(ProjectPayment, payee_org_id=org_id).order_by("-pay_date"),
                 row=lambda p: [p.payment_id, p.village_code, p.project_id, p.pay_date, p.amount],
                 ref=lambda p: [("project", p.project_id)], money="amount"),
        _section("lease", _("Leases held"),
                 [_("Lease"), _("Village"), _("Asset"), _("Method"), _("From"), _("To"), _("Annual rent (yuan)")],
                 q(Lease, lessee_org_id=org_id).select_related("asset").order_by("-start_date"),
                 row=lambda x: [x.lease_id, x.village_code, x.asset.name, x.get_method_display(), x.start_date,
                                x.end_date, x.annual_rent],
                 ref=lambda x: [("lease", x.lease_id), ("asset", x.asset_id)], money="annual_rent",
                 current=is_subject("lease", "lease_id")),
    ]
    return [s for s in sections if s is not None]


def _asset_sections(asset_id: str, user, subject: tuple[str, str]) -> list[RecordSection]:
    from sunlit.assets.models import Lease

    leases = _section("lease", _("Leases of this asset"),
                      [_("Lease"), _("Village"), _("Lessee"), _("Method"), _("From"), _("To"),
                       _("Annual rent (yuan)")],
                      scoped(Lease.objects.all(), user=user).filter(asset_id=asset_id).order_by("-start_date"),
                      row=lambda x: [x.lease_id, x.village_code, x.lessee_name, x.get_method_display(), x.start_date,
                                     x.end_date, x.annual_rent],
                      ref=lambda x: [("lease", x.lease_id)], money="annual_rent")
    return [leases] if leases else []


def subject_records(*, user, subject_type: str, subject_id: str) -> SubjectRecords:
    """The records of a case's subject across every ledger domain, read through the user's scope:
    the subject leads to a person (a labour or relief payment, a relief approval, a seal use's
    approver, a lease to a person) or an organisation (a purchase's supplier, a project's contractor,
    a lease to a company), and all of that party's pay, relief, leases, purchases, projects, seal uses
    and cadre posts are listed. Identity numbers appear only masked."""
    require(user, "cases.view")
    require(user, "ledger.view")
    subject = (subject_type, subject_id)
    kind, number, name = _party_of(subject_type, subject_id, user)
    if kind == "person":
        from sunlit.cadres.models import Cadre

        if not name:
            name = (scoped(Cadre.objects.all(), user=user).filter(person_id=number)
                    .values_list("name", flat=True).first()) or ""
        return SubjectRecords("person", name, identity_mask(number), _person_sections(number, name, user, subject))
    if kind == "organisation":
        return SubjectRecords("organisation", name, identity_mask(number),
                              _organisation_sections(number, user, subject))
    if subject_type == "asset":
        return SubjectRecords(sections=_asset_sections(subject_id, user, subject))
    return SubjectRecords()


def related_cases(*, user, case: Case, records: SubjectRecords | None = None, limit: int = 50) -> dict:
    """Other cases in the user's scope that concern the same thing: ``same_subject`` (the same
    subject in other cases, e.g. another model's alert on the same payment), ``same_party`` (a case
    on another record of the same person or organisation, from ``records``) and ``same_model``
    (the same model in the same village)."""
    require(user, "cases.view")
    visible = scoped(Case.objects.all(), user=user).exclude(pk=case.pk)
    same_subject = Case.objects.none()
    if case.subject_type and case.subject_id:
        same_subject = visible.filter(subject_type=case.subject_type, subject_id=case.subject_id)
    seen = set(same_subject.values_list("pk", flat=True)[:limit])
    same_party = Case.objects.none()
    refs = sorted((records.refs if records else set()) - {(case.subject_type, case.subject_id)})[:500]
    if refs:
        match = Q()
        for subject_type, subject_id in refs:
            match |= Q(subject_type=subject_type, subject_id=subject_id)
        same_party = visible.filter(match).exclude(pk__in=seen)
    same_model = Case.objects.none()
    if case.model_code:
        same_model = visible.filter(model_code=case.model_code, village_code=case.village_code)
    return {"same_subject": list(same_subject.order_by("-opened_at", "-pk")[:limit]),
            "same_party": list(same_party.order_by("-opened_at", "-pk")[:limit]),
            "same_model": list(same_model.order_by("-opened_at", "-pk")[:limit])}
