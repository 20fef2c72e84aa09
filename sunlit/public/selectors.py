"""Reads for the public village pages. These pages need no sign-in, so they do not go through the
scope layer: they read only what is public by rule and return it already masked."""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from sunlit.assets.models import Lease
from sunlit.cadres.models import Cadre
from sunlit.errors import NotFound
from sunlit.labour.models import LabourPayment
from sunlit.procurement.models import Purchase
from sunlit.projects.models import Project
from sunlit.regions.models import Region
from sunlit.relief.models import ReliefRecipient

from .deadlines import period_bounds
from .masking import (
    counterparty_name,
    mask_name,
    public_text,
    relief_notice_days,
    relief_notice_visible,
    relief_notice_window,
)
from .models import Category, Disclosure

_MONTH = re.compile(r"^[12]\d{3}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class LabourLine:
    task: str
    name: str          # masked
    days: Decimal
    amount: Decimal


@dataclass(frozen=True)
class LabourDay:
    day: date
    lines: list[LabourLine]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))


def public_village(*, code: str) -> Region:
    village = Region.objects.filter(level="village", code=code).first()
    if village is None:
        raise NotFound("没有这个村 / no such village")
    return village


def labour_months(*, village: Region) -> list[str]:
    """The months (YYYY-MM) with published labour pay, newest first."""
    dates = (LabourPayment.objects.filter(village_code=village.code)
             .dates("paid_date", "month", order="DESC"))
    return [d.strftime("%Y-%m") for d in dates]


def labour_month_chosen(*, village: Region, requested: str) -> tuple[list[str], str]:
    """The village's labour months (newest first) and the month to show: ``requested`` when it is
    a month (YYYY-MM), else the newest with pay ("" when there is none)."""
    months = labour_months(village=village)
    if _MONTH.match(requested or ""):
        return months, requested
    return months, (months[0] if months else "")


def labour_days(*, village: Region, month: str) -> list[LabourDay]:
    """The village's labour pay in ``month`` by day, newest day first: task, masked name, days, pay."""
    year, number = (int(part) for part in month.split("-"))
    rows = (LabourPayment.objects.filter(village_code=village.code, paid_date__year=year,
                                         paid_date__month=number)
            .select_related("task").order_by("-paid_date", "task_id", "payment_id"))
    days: dict[date, list[LabourLine]] = {}
    for p in rows:
        task = p.task.title if p.task is not None else ""
        days.setdefault(p.paid_date, []).append(LabourLine(public_text(task), mask_name(p.name), p.days, p.amount))
    return [LabourDay(d, lines) for d, lines in days.items()]


# ---- the village page ----------------------------------------------------------------------------
# Every row below is built here, already masked by sunlit.public.masking: the page, the public API
# and the public export all read these and nothing else.

LIST_LIMIT = 30


@dataclass(frozen=True)
class VillageBasics:
    code: str
    name: str
    kind: str
    township: str
    county: str
    city: str


@dataclass(frozen=True)
class CadreRole:
    name: str            # masked
    position: str
    term_start: date
    term_end: date | None


@dataclass(frozen=True)
class DisclosureItem:
    category: str
    category_label: str
    period: str
    title: str
    content: str
    published_at: object


@dataclass(frozen=True)
class DisclosurePeriod:
    period: str
    items: list[DisclosureItem]


@dataclass(frozen=True)
class PaymentLine:
    day: date
    amount: Decimal


@dataclass(frozen=True)
class ProjectRow:
    project_id: str
    name: str
    category: str
    budget_amount: Decimal
    procurement_method: str
    contractor: str      # an organisation by name, a person masked
    contract_amount: Decimal | None
    progress: str
    paid_total: Decimal
    payments: list[PaymentLine]


@dataclass(frozen=True)
class LeaseRow:
    asset: str
    lessee: str          # an organisation by name, a person masked
    method: str
    annual_rent: Decimal
    start_date: date
    end_date: date


@dataclass(frozen=True)
class PurchaseRow:
    day: date
    item: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    amount: Decimal
    supplier: str        # an organisation by name, a person masked
    method: str


@dataclass(frozen=True)
class ReliefNotice:
    relief_type: str
    approved_date: date
    end_date: date | None
    monthly_amount: Decimal
    shown_until: date


def village_basics(*, village: Region) -> VillageBasics:
    chain = {}
    node = village.parent
    while node is not None:
        chain[node.level] = node.name
        node = node.parent
    return VillageBasics(village.code, village.name, village.get_kind_display() if village.kind else "",
                         chain.get("township", ""), chain.get("county", ""), chain.get("city", ""))


def village_cadres(*, village: Region, today: date) -> list[CadreRole]:
    """The cadres in office today: masked name, post, term."""
    rows = (Cadre.objects.filter(village_code=village.code, term_start__lte=today)
            .filter(Q(term_end__isnull=True) | Q(term_end__gte=today)).order_by("position", "term_start", "id"))
    return [CadreRole(mask_name(c.name), public_text(c.position), c.term_start, c.term_end) for c in rows]


def village_disclosures(*, village: Region, periods: int = 6) -> list[DisclosurePeriod]:
    """The newest ``periods`` periods with published disclosures, each with its items."""
    rows = Disclosure.objects.filter(village_code=village.code)
    # newest first by the day a period ends (a quarter before the last month in it: 2026Q3, 2026-09)
    every = set(rows.values_list("period", flat=True).distinct())
    wanted = sorted(every, key=lambda p: (period_bounds(p)[1], "Q" in p), reverse=True)[:periods]
    grouped: dict[str, list[DisclosureItem]] = {p: [] for p in wanted}
    labels = dict(Category.choices)
    for d in rows.filter(period__in=wanted).order_by("-period", "category", "-published_at", "-pk"):
        grouped[d.period].append(DisclosureItem(d.category, str(labels.get(d.category, d.category)), d.period,
                                                public_text(d.title), public_text(d.content), d.published_at))
    return [DisclosurePeriod(p, items) for p, items in grouped.items()]


def _progress(p) -> str:
    if p.settlement_amount is not None:
        return _("Settled")
    if p.acceptance_date:
        return _("Accepted")
    if p.start_date:
        return _("Under construction")
    if p.contract_date:
        return _("Contract signed")
    if p.decision_date:
        return _("Decided")
    return _("Planned")


def village_projects(*, village: Region, limit: int = LIST_LIMIT) -> list[ProjectRow]:
    """The newest projects: budget, method, contractor, contract amount, progress, payments."""
    rows = (Project.objects.filter(village_code=village.code).prefetch_related("payments")
            .order_by("-contract_date", "-decision_date", "-project_id")[:limit])
    out = []
    for p in rows:
        payments = sorted((PaymentLine(x.pay_date, x.amount) for x in p.payments.all()), key=lambda x: x.day)
        out.append(ProjectRow(
            p.project_id, public_text(p.name), public_text(p.category), p.budget_amount,
            p.get_procurement_method_display() if p.procurement_method else "",
            counterparty_name(p.contractor_name, org_id=p.contractor_org_id) if p.contractor_name else "",
            p.contract_amount, _progress(p), sum((x.amount for x in payments), Decimal("0.00")), payments))
    return out


def village_leases(*, village: Region, today: date, limit: int = LIST_LIMIT) -> list[LeaseRow]:
    """The leases running today or ended in the last year, newest first."""
    rows = (Lease.objects.filter(village_code=village.code, end_date__gte=today - timedelta(days=365))
            .select_related("asset").order_by("-start_date", "-lease_id")[:limit])
    return [LeaseRow(public_text(x.asset.name), counterparty_name(x.lessee_name, org_id=x.lessee_org_id),
                     x.get_method_display(), x.annual_rent, x.start_date, x.end_date) for x in rows]


def village_purchases(*, village: Region, limit: int = LIST_LIMIT) -> list[PurchaseRow]:
    rows = Purchase.objects.filter(village_code=village.code).order_by("-purchase_date", "-purchase_id")[:limit]
    return [PurchaseRow(x.purchase_date, public_text(x.item), x.quantity, public_text(x.unit), x.unit_price,
                        x.amount, counterparty_name(x.supplier_name, org_id=x.supplier_org_id),
                        x.get_method_display()) for x in rows]


def village_relief_notices(*, village: Region, today: date) -> list[ReliefNotice]:
    """Relief approvals still inside their display period (sunlit.public.masking): the type, the
    dates and the monthly amount. The relief ledger holds no name; nothing identifying is shown."""
    earliest = today - timedelta(days=relief_notice_days() - 1)
    rows = (ReliefRecipient.objects.filter(village_code=village.code, approved_date__gte=earliest,
                                           approved_date__lte=today)
            .order_by("-approved_date", "relief_type", "id"))
    out = []
    for r in rows:
        if not relief_notice_visible(approved=r.approved_date, ended=r.end_date, today=today):
            continue
        _first, last = relief_notice_window(approved=r.approved_date, ended=r.end_date)
        out.append(ReliefNotice(r.get_relief_type_display(), r.approved_date, r.end_date, r.monthly_amount, last))
    return out


def labour_export_rows(*, village: Region, month: str) -> list[tuple]:
    """The labour detail of a month as rows for the public export: day, task, masked name, days, pay."""
    return [(day.day, line.task, line.name, line.days, line.amount)
            for day in labour_days(village=village, month=month) for line in day.lines]
