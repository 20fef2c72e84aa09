"""Labour, end to end: dispatch a task, put workers on its crew, tick each day's attendance,
record pay (which publishes the day's labour on the village's public page)."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.utils.translation import gettext as _

from sunlit.accounts.scope import get_in_scope, scoped
from sunlit.audit.services import audit_record
from sunlit.errors import InvalidInput, RowError
from sunlit.labour.models import LabourPayment, LabourTask
from sunlit.labour.services import labour_attendance_bulk_create, labour_payment_create, labour_task_create
from sunlit.projects.models import Project

from .. import selectors
from ..forms.labour import AttendanceForm, PayForm, TaskForm, WorkerForm
from ..services import record_new, task_worker_add
from .common import page, saved, submitted


def _task_get(request, task_id) -> LabourTask:
    selectors.require(request.user, selectors.VIEW_ACTION)
    return get_in_scope(LabourTask.objects.all(), user=request.user, task_id=task_id)


@login_required
def tasks(request, village_code):
    village = selectors.village_get(user=request.user, code=village_code)
    projects = scoped(Project.objects.filter(village_code=village.code), user=request.user)
    form = TaskForm(request.POST or None, projects=projects,
                    initial={"dispatch_date": timezone.localdate().isoformat()})
    task = submitted(request, form, lambda cells: record_new(
        table="labour_task", actor=request.user, village_code=village.code,
        data={**cells, "village_code": village.code}, write=labour_task_create))
    if task is not None:
        return saved(request, _("Task dispatched."), "entry:labour_task", task_id=task.task_id)
    rows = scoped(LabourTask.objects.filter(village_code=village.code), user=request.user)
    return page(request, "entry/labour/tasks.html", {
        "village": village, "form": form, "tasks": rows.order_by("-dispatch_date", "-id")[:200]})


@login_required
def task(request, task_id):
    """The task: its crew (with days attended and paid), its days and its pay; add a worker."""
    task = _task_get(request, task_id)
    known = selectors.workers_known(user=request.user, village_code=task.village_code)
    form = WorkerForm(request.POST or None, known=known)

    def add(cells):
        person_id, name = cells.get("person_id", ""), cells.get("name", "")
        if cells.get("known"):
            person_id, remembered = selectors.worker_resolve(user=request.user, village_code=task.village_code,
                                                              ref=cells["known"])
            name = name or remembered
        elif not person_id:
            raise InvalidInput("请选择或输入工人 / pick a worker or type their ID number",
                               [RowError(1, "person_id", "", "必填 / required")])
        return task_worker_add(actor=request.user, task=task, person_id=person_id, name=name)

    worker = submitted(request, form, add)
    if worker is not None:
        return saved(request, _("%(name)s added to the crew.") % {"name": worker.name}, "entry:labour_task",
                     task_id=task.task_id)
    audit_record(kind="view", actor=request.user, request=request, object_type="labour_task",
                 object_id=task.task_id)
    payments = scoped(LabourPayment.objects.filter(task=task), user=request.user).order_by("-paid_date", "-id")
    return page(request, "entry/labour/task.html", {
        "task": task, "form": form, "crew": selectors.task_crew(user=request.user, task=task),
        "days": selectors.task_attendance_by_day(user=request.user, task=task), "payments": payments})


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return timezone.localdate()


@login_required
def attendance(request, task_id):
    """A day's attendance: tick the workers present (already recorded ones stay ticked)."""
    task = _task_get(request, task_id)
    crew = selectors.task_crew(user=request.user, task=task)
    work_date = _day(request.POST.get("work_date") or request.GET.get("date") or "")
    form = AttendanceForm(request.POST or None, crew=crew, initial={"work_date": work_date.isoformat()})
    by_pk = {str(line.worker.pk): line.worker for line in crew}

    def record(cells):
        present = [by_pk[pk] for pk in cells.get("present", [])]
        if not present:
            raise InvalidInput("请勾选出工的人员 / tick the workers present")
        return labour_attendance_bulk_create(actor=request.user, records=[
            {"task_id": task.task_id, "person_id": w.person_id, "work_date": cells.get("work_date", "")}
            for w in present])

    result = submitted(request, form, record)
    if result is not None:
        return saved(request, _("Attendance recorded: %(n)s workers.") % {"n": result.rows},
                     "entry:labour_task", task_id=task.task_id)
    audit_record(kind="view", actor=request.user, request=request, object_type="labour_attendance",
                 object_id=task.task_id)
    recorded = set(task.attendance.filter(work_date=work_date).values_list("person_id", flat=True))
    return page(request, "entry/labour/attendance.html", {
        "task": task, "form": form, "work_date": work_date,
        "lines": [(line, line.worker.person_id in recorded) for line in crew]})


def _amount(days: str, rate: str) -> str:
    try:
        return str((Decimal(days.replace(",", "")) * Decimal(rate.replace(",", ""))).quantize(Decimal("0.01")))
    except (InvalidOperation, ValueError):
        return ""


@login_required
def pay(request, task_id):
    """Pay one worker of the crew; the amount is days × daily rate."""
    task = _task_get(request, task_id)
    crew = selectors.task_crew(user=request.user, task=task)
    form = PayForm(request.POST or None, crew=crew, initial={"paid_date": timezone.localdate().isoformat()})
    by_pk = {str(line.worker.pk): line.worker for line in crew}

    def record(cells):
        worker = by_pk.get(form.cleaned_data.get("worker") or "")
        if worker is None:
            raise InvalidInput("请选择工人 / choose the worker", [RowError(1, "worker", "", "必填 / required")])
        if not cells.get("amount"):
            cells["amount"] = _amount(cells.get("days", ""), cells.get("daily_rate", ""))
        data = {**cells, "village_code": task.village_code, "task_id": task.task_id,
                "person_id": worker.person_id, "name": worker.name}
        return record_new(table="labour_payment", actor=request.user, village_code=task.village_code,
                          data=data, write=labour_payment_create)

    payment = submitted(request, form, record)
    if payment is not None:
        return saved(request, _("Pay recorded and published on the village's public page."),
                     "entry:labour_task", task_id=task.task_id)
    audit_record(kind="view", actor=request.user, request=request, object_type="labour_payment",
                 object_id=task.task_id)
    return page(request, "entry/labour/pay.html", {"task": task, "form": form, "crew": crew})
