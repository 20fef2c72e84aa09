"""Reads for the entry pages, every one through the scope layer."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from sunlit.accounts.scope import get_in_scope, require, scoped
from sunlit.errors import InvalidInput, RowError
from sunlit.labour.models import LabourAttendance, LabourPayment
from sunlit.ledger.validation import mask_identity
from sunlit.regions.models import Region

from .models import TaskWorker

VIEW_ACTION = "ledger.view"


def village_get(*, user, code: str) -> Region:
    """A village the user may read the ledger of (404 outside their scope)."""
    require(user, VIEW_ACTION)
    return get_in_scope(Region.objects.filter(level="village"), user=user, code=code)


def village_list(*, user):
    require(user, VIEW_ACTION)
    return scoped(Region.objects.filter(level="village"), user=user).order_by("code")


@dataclass(frozen=True)
class KnownWorker:
    ref: str            # opaque reference for a form (never the ID number)
    name: str
    masked_id: str

    @property
    def label(self) -> str:
        return f"{self.name or '？'} · {self.masked_id}"


def _known_rows(*, user, village_code: str):
    """(ref, person_id, name) of every worker seen in the village: crews, pay, attendance."""
    crews = scoped(TaskWorker.objects.filter(village_code=village_code), user=user)
    for pk, person, name in crews.order_by("-id").values_list("pk", "person_id", "name"):
        yield f"w{pk}", person, name
    pay = scoped(LabourPayment.objects.filter(village_code=village_code), user=user)
    for pk, person, name in pay.order_by("-paid_date", "-id").values_list("pk", "person_id", "name"):
        yield f"p{pk}", person, name
    attendance = scoped(LabourAttendance.objects.filter(village_code=village_code), user=user)
    for pk, person in attendance.order_by("-work_date", "-id").values_list("pk", "person_id"):
        yield f"a{pk}", person, ""


def workers_known(*, user, village_code: str) -> list[KnownWorker]:
    """Workers seen in the village (from crews, earlier pay and attendance), one entry a person,
    for quick picking; sorted by name. The most recent name wins."""
    people: dict[str, KnownWorker] = {}
    for ref, person, name in _known_rows(user=user, village_code=village_code):
        seen = people.get(person)
        if seen is None or (not seen.name and name):
            people[person] = KnownWorker(ref, name, mask_identity(person))
    return sorted(people.values(), key=lambda w: (not w.name, w.name, w.masked_id))


def worker_resolve(*, user, village_code: str, ref: str) -> tuple[str, str]:
    """(person_id, name) behind a picker reference; refused when it is not of this village."""
    kinds = {"w": (TaskWorker, "name"), "p": (LabourPayment, "name"), "a": (LabourAttendance, None)}
    kind = kinds.get(ref[:1])
    if kind is None or not ref[1:].isdigit():
        raise InvalidInput("请从列表中选择 / choose from the list", [RowError(1, "known", "", "请从列表中选择 / choose from the list")])
    model, name_field = kind
    row = scoped(model.objects.filter(village_code=village_code, pk=int(ref[1:])), user=user).first()
    if row is None:
        raise InvalidInput("请从列表中选择 / choose from the list", [RowError(1, "known", "", "请从列表中选择 / choose from the list")])
    return row.person_id, getattr(row, name_field) if name_field else ""


@dataclass
class CrewLine:
    worker: TaskWorker
    days_attended: int
    days_paid: Decimal
    amount_paid: Decimal

    @property
    def days_unpaid(self) -> Decimal:
        return max(Decimal(self.days_attended) - self.days_paid, Decimal(0))

    @property
    def masked_id(self) -> str:
        return mask_identity(self.worker.person_id)


def task_crew(*, user, task) -> list[CrewLine]:
    """The task's crew with the days each attended and was paid."""
    crew = list(scoped(TaskWorker.objects.filter(task=task), user=user))
    attended = dict(scoped(LabourAttendance.objects.filter(task=task), user=user)
                    .values("person_id").annotate(n=Count("id")).values_list("person_id", "n"))
    paid = defaultdict(lambda: (Decimal(0), Decimal(0)))
    for row in (scoped(LabourPayment.objects.filter(task=task), user=user).values("person_id")
                .annotate(d=Sum("days"), a=Sum("amount"))):
        paid[row["person_id"]] = (row["d"], row["a"])
    return [CrewLine(w, attended.get(w.person_id, 0), *paid[w.person_id]) for w in crew]


def task_attendance_by_day(*, user, task) -> list[tuple]:
    """(work_date, workers present) for each day with attendance, newest first."""
    return list(scoped(LabourAttendance.objects.filter(task=task), user=user).values("work_date")
                .annotate(n=Count("id")).order_by("-work_date").values_list("work_date", "n"))
