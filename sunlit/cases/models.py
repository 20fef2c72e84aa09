"""Cases (预警处置 / 群众反映办理): one state machine for alerts and citizen reports, an append-only
event log, the disposition, suppressions of unfounded subjects and deadline notifications."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from sunlit.appendonly import AppendOnlyModel

from . import rules


class State(models.TextChoices):
    NEW = "new", _("New")
    DISPATCHED = "dispatched", _("Dispatched")
    ACCEPTED = "accepted", _("Accepted")
    VERIFYING = "verifying", _("Verifying")
    VERIFIED = "verified", _("Verified")
    DISPOSED = "disposed", _("Disposed")
    CLOSED = "closed", _("Closed")
    RETURNED = "returned", _("Returned")
    ESCALATED = "escalated", _("Escalated")
    REOPENED = "reopened", _("Reopened")


# States in which the handling unit still owes work: these run against the deadline.
OPEN_STATES = (State.NEW, State.DISPATCHED, State.ACCEPTED, State.VERIFYING, State.RETURNED,
               State.ESCALATED, State.REOPENED)


class SourceKind(models.TextChoices):
    ALERT = "alert", _("Alert")
    REPORT = "report", _("Citizen report")
    DISCLOSURE = "disclosure", _("Late disclosure")


class Conclusion(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    PARTLY_CONFIRMED = "partly_confirmed", _("Partly confirmed")
    UNFOUNDED = "unfounded", _("Unfounded")


class Measure(models.TextChoices):
    REMINDER_TALK = "reminder_talk", _("Reminder talk (提醒谈话)")
    CRITICISM = "criticism", _("Criticism and education (批评教育)")
    ADMONITION_TALK = "admonition_talk", _("Admonition talk (诫勉谈话)")
    PARTY_DISCIPLINE = "party_discipline", _("Party disciplinary sanction (党纪处分)")
    GOVERNMENT_SANCTION = "government_sanction", _("Government sanction (政务处分)")
    JUDICIAL_REFERRAL = "judicial_referral", _("Referred to judicial organs (移送司法机关)")


class Level(models.TextChoices):
    VILLAGE = "village", _("Village liaison station")
    TOWNSHIP = "township", _("Township commission")
    COUNTY = "county", _("County commission")
    CITY = "city", _("City commission")
    PROVINCE = "province", _("Province commission")


class Case(FSMModelMixin, models.Model):
    """One alert or one report being handled. ``village_code`` places it in the region tree (the
    scope selector filters on it, so every level above sees it); ``handling_code`` is the unit that
    holds it now (a village's liaison station or a commission), at ``level``."""

    source_kind = models.CharField(_("source"), max_length=10, choices=SourceKind.choices)
    source_ref = models.CharField(_("source reference"), max_length=64)
    alert = models.OneToOneField("supervision.Alert", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="case")
    model_code = models.CharField(_("model"), max_length=10, blank=True, db_index=True)
    severity = models.CharField(_("colour"), max_length=6, blank=True)
    subject_type = models.CharField(_("subject type"), max_length=30, blank=True)
    subject_id = models.CharField(_("subject"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=200)
    village_code = models.CharField(_("village"), max_length=12, db_index=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    handling_code = models.CharField(_("handling unit"), max_length=12, db_index=True)
    state = FSMField(_("state"), max_length=12, choices=State.choices, default=State.NEW, protected=True)
    routed_on = models.DateField(_("routed on"))
    due_on = models.DateField(_("due on"), db_index=True)
    conclusion = models.CharField(_("conclusion"), max_length=20, choices=Conclusion.choices, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    escalation_count = models.PositiveSmallIntegerField(default=0)
    opened_at = models.DateTimeField(_("opened"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    scope_field = "village_code"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source_kind", "source_ref"], name="case_once_per_source")]
        indexes = [models.Index(fields=["handling_code", "state"], name="case_inbox"),
                   models.Index(fields=["state", "due_on"], name="case_due")]
        ordering = ["due_on", "pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return f"case {self.pk} ({self.state})"

    # The transitions. Each names the actor who may take it (sunlit.cases.rules); the services check
    # role and scope, lock the row and write the event.
    @transition(field=state, source=[State.NEW, State.RETURNED, State.ESCALATED, State.REOPENED],
                target=State.DISPATCHED, permission=rules.may_supervise)
    def dispatch(self):
        pass

    @transition(field=state, source=[State.NEW, State.DISPATCHED, State.ESCALATED, State.REOPENED],
                target=State.ACCEPTED,
                permission=rules.may_handle)
    def take(self):
        pass

    @transition(field=state, source=[State.NEW, State.DISPATCHED], target=State.RETURNED, permission=rules.may_handle)
    def give_back(self):
        pass

    @transition(field=state, source=State.ACCEPTED, target=State.VERIFYING, permission=rules.may_handle)
    def start_verification(self):
        pass

    @transition(field=state, source=State.VERIFYING, target=State.VERIFIED, permission=rules.may_handle)
    def verify(self):
        pass

    @transition(field=state, source=State.VERIFIED, target=State.DISPOSED, permission=rules.may_handle)
    def dispose(self):
        pass

    @transition(field=state, source=State.DISPOSED, target=State.CLOSED, permission=rules.may_close)
    def close(self):
        pass

    @transition(field=state, source=list(OPEN_STATES), target=State.ESCALATED,
                permission=rules.may_escalate, conditions=[rules.has_level_above])
    def escalate(self):
        pass

    @transition(field=state, source=State.CLOSED, target=State.REOPENED, permission=rules.may_supervise,
                conditions=[rules.is_report_not_yet_reopened])
    def reopen(self):
        pass


class CaseEvent(AppendOnlyModel):
    """One step of a case: who, when, from → to, note. Append-only: never updated or deleted."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    actor_username = models.CharField(_("actor"), max_length=150)
    transition = models.CharField(_("step"), max_length=20)
    from_state = models.CharField(_("from"), max_length=12, blank=True)
    to_state = models.CharField(_("to"), max_length=12)
    note = models.TextField(_("note"), blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_state} → {self.to_state}"



class Disposition(models.Model):
    """What was done (处置): money recovered, rectification, and the people handled (below)."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="disposition")
    money_recovered = models.DecimalField(_("money recovered (yuan)"), max_digits=16, decimal_places=2, default=0)
    rectification = models.TextField(_("rectification"), blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.CharField(max_length=150)

    class Meta:
        verbose_name = _("disposition")
        verbose_name_plural = _("dispositions")

    def __str__(self) -> str:
        return f"disposition of case {self.case_id}"


class PersonHandled(models.Model):
    """A person held to account and the measure taken. Named by name and post, never by ID number."""

    disposition = models.ForeignKey(Disposition, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("name"), max_length=50)
    post = models.CharField(_("post"), max_length=100, blank=True)
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("person handled")
        verbose_name_plural = _("people handled")

    def __str__(self) -> str:
        return f"{self.name}: {self.measure}"


class Suppression(models.Model):
    """After an unfounded alert: the same model on the same subject opens no case until ``until``."""

    model_code = models.CharField(_("model"), max_length=10)
    subject_type = models.CharField(_("subject type"), max_length=30)
    subject_id = models.CharField(_("subject"), max_length=100)
    until = models.DateField(_("suppressed until"))
    reason = models.TextField(_("reason"))
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="suppressions")
    created_at = models.DateTimeField()
    created_by = models.CharField(max_length=150)

    class Meta:
        indexes = [models.Index(fields=["model_code", "subject_type", "subject_id"], name="suppression_subject")]
        verbose_name = _("suppression")
        verbose_name_plural = _("suppressions")

    def __str__(self) -> str:
        return f"{self.model_code} {self.subject_type}:{self.subject_id} until {self.until}"


class DeadlineRule(models.Model):
    """Working days a unit has for a case of one severity (``report`` for citizen reports). A row
    here overrides ``SUNLIT_CASE_DEADLINES`` in the settings."""

    severity = models.CharField(_("colour"), max_length=10, unique=True)
    working_days = models.PositiveSmallIntegerField(_("working days"))

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")

    def __str__(self) -> str:
        return f"{self.severity}: {self.working_days}"


class Notification(models.Model):
    """A message to one user about one case (e.g. it was escalated to them because it was overdue)."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20)
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"
