from django import forms
from django.utils.translation import gettext_lazy as _

from .base import LedgerForm, Refusable, day, identity, number, text


class TaskForm(LedgerForm):
    table = "labour_task"
    title = text(_("Task"), placeholder=_("e.g. clearing the river bank"))
    category = text(_("Category"), placeholder=_("e.g. cleaning"))
    dispatch_date = day(_("Dispatch date"))
    planned_days = number(_("Planned days"), whole=True)
    planned_workers = number(_("Planned workers"), whole=True)
    approved_by = text(_("Approved by"))
    project_id = forms.CharField(label=_("Project (if any)"), required=False, widget=forms.Select())
    task_id = text(_("Task number"))

    def __init__(self, *args, projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project_id"].widget.choices = [("", "—")] + [(p.project_id, f"{p.name} ({p.project_id})")
                                                                  for p in projects]


class WorkerForm(Refusable, forms.Form):
    """Add a worker to a task's crew: pick one seen before in the village, or type the ID number
    and name of a new one."""

    known = forms.ChoiceField(label=_("Worker seen before"), required=False)
    person_id = identity(_("or type the ID number"))
    name = text(_("and the name"))

    def __init__(self, *args, known=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["known"].choices = [("", "—")] + [(w.ref, w.label) for w in known]



class AttendanceForm(Refusable, forms.Form):
    """A day's attendance: tick the workers present."""

    work_date = forms.CharField(label=_("Work date"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    present = forms.MultipleChoiceField(label=_("Present"), required=False,
                                        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, crew=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(line.worker.pk), line.worker.name) for line in crew]



class PayForm(LedgerForm):
    """Pay for one worker: days × daily rate = amount (computed, and checked by the ledger)."""

    table = "labour_payment"
    worker = forms.ChoiceField(label=_("Worker"), required=False)
    days = number(_("Days"))
    daily_rate = number(_("Daily rate (yuan)"))
    amount = number(_("Amount (yuan)"))
    paid_date = day(_("Paid on"))
    payment_id = text(_("Payment number"))

    def __init__(self, *args, crew=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].help_text = _("Computed from days × daily rate when left empty.")
        self.fields["amount"].widget.attrs.pop("required", None)
        self.fields["worker"].choices = [("", "—")] + [(str(line.worker.pk), line.worker.name) for line in crew]
        self.fields["worker"].widget.attrs["required"] = True
