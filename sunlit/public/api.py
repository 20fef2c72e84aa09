"""The public API (/api/v1/public/…): anonymous, read-only, the same masked rows as the public
pages (built by sunlit.public.selectors with sunlit.public.masking)."""

from dataclasses import asdict
from datetime import date
from decimal import Decimal

from django.utils import timezone
from ninja import Router, Schema

from . import posters, selectors

router = Router(tags=["public"], auth=None)


class CadreOut(Schema):
    name: str
    position: str
    term_start: date
    term_end: date | None


class DisclosureOut(Schema):
    category: str
    period: str
    title: str
    content: str
    published_at: str


class PaymentOut(Schema):
    day: date
    amount: Decimal


class ProjectOut(Schema):
    project_id: str
    name: str
    category: str
    budget_amount: Decimal
    procurement_method: str
    contractor: str
    contract_amount: Decimal | None
    progress: str
    paid_total: Decimal
    payments: list[PaymentOut]


class LeaseOut(Schema):
    asset: str
    lessee: str
    method: str
    annual_rent: Decimal
    start_date: date
    end_date: date


class PurchaseOut(Schema):
    day: date
    item: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    amount: Decimal
    supplier: str
    method: str


class ReliefOut(Schema):
    relief_type: str
    approved_date: date
    end_date: date | None
    monthly_amount: Decimal
    shown_until: date


class VillageOut(Schema):
    code: str
    name: str
    township: str
    county: str
    page_url: str
    report_url: str
    cadres: list[CadreOut]
    disclosures: list[DisclosureOut]
    labour_months: list[str]
    projects: list[ProjectOut]
    leases: list[LeaseOut]
    purchases: list[PurchaseOut]
    relief_notices: list[ReliefOut]


class LabourLineOut(Schema):
    day: date
    task: str
    name: str
    days: Decimal
    amount: Decimal


class LabourOut(Schema):
    code: str
    month: str
    months: list[str]
    lines: list[LabourLineOut]


@router.get("/villages/{code}", response=VillageOut, url_name="public_village")
def public_village(request, code: str):
    """Everything the village page shows, masked the same way."""
    village = selectors.public_village(code=code)
    today = timezone.localdate()
    basics = selectors.village_basics(village=village)
    return {
        "code": village.code, "name": village.name, "township": basics.township, "county": basics.county,
        "page_url": posters.village_url(village.code), "report_url": f"/r/new/?village={village.code}",
        "cadres": [asdict(c) for c in selectors.village_cadres(village=village, today=today)],
        "disclosures": [{"category": d.category, "period": d.period, "title": d.title, "content": d.content,
                         "published_at": d.published_at.isoformat()}
                        for p in selectors.village_disclosures(village=village) for d in p.items],
        "labour_months": selectors.labour_months(village=village),
        "projects": [asdict(p) for p in selectors.village_projects(village=village)],
        "leases": [asdict(x) for x in selectors.village_leases(village=village, today=today)],
        "purchases": [asdict(x) for x in selectors.village_purchases(village=village)],
        "relief_notices": [asdict(r) for r in selectors.village_relief_notices(village=village, today=today)],
    }


@router.get("/villages/{code}/labour", response=LabourOut, url_name="public_village_labour")
def public_village_labour(request, code: str, month: str = ""):
    """The labour detail of a month (the newest by default): day, task, masked name, days, pay."""
    village = selectors.public_village(code=code)
    months, month = selectors.labour_month_chosen(village=village, requested=month)
    rows = selectors.labour_export_rows(village=village, month=month) if month else []
    return {"code": village.code, "month": month, "months": months,
            "lines": [{"day": d, "task": t, "name": n, "days": days, "amount": a} for d, t, n, days, a in rows]}
