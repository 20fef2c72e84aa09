"""Reads for the public village pages. These pages need no sign-in, so they do not go through the
scope layer: they read only what is public by rule and return it already masked."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sunlit.errors import NotFound
from sunlit.labour.models import LabourPayment
from sunlit.regions.models import Region

from .masking import mask_name


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


def labour_days(*, village: Region, month: str) -> list[LabourDay]:
    """The village's labour pay in ``month`` by day, newest day first: task, masked name, days, pay."""
    year, number = (int(part) for part in month.split("-"))
    rows = (LabourPayment.objects.filter(village_code=village.code, paid_date__year=year,
                                         paid_date__month=number)
            .select_related("task").order_by("-paid_date", "task_id", "payment_id"))
    days: dict[date, list[LabourLine]] = {}
    for p in rows:
        task = p.task.title if p.task is not None else ""
        days.setdefault(p.paid_date, []).append(LabourLine(task, mask_name(p.name), p.days, p.amount))
    return [LabourDay(d, lines) for d, lines in days.items()]
