"""Keeping the cockpit's tallies up to date. The hooks are called, one line each, by the services
that change what the cockpit counts, inside their transaction:

- ``cockpit_cases_opened`` after cases are opened (``sunlit.cases.services``);
- ``cockpit_case_snapshot`` / ``cockpit_case_changed`` around every case transition (``_transition``);
- ``cockpit_alerts_raised`` after a run writes new alerts, ``cockpit_after_model_run`` at the end
  of a run (``sunlit.supervision.services``) — it refreshes village coverage.

``cockpit_rebuild`` recomputes everything from the rows; ``cockpit_check`` compares without writing."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Case as DbCase
from django.db.models import Count, DateField, F, Max, Sum, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from sunlit.cases.models import Case, Disposition, PersonHandled
from sunlit.regions import codes
from sunlit.regions.models import Region
from sunlit.supervision.models import Alert

from . import tallies
from .models import Tally

# The ledger tables whose rows are village activity (dated transactions; not registers such as
# cadres, assets or relief recipients): a village with a row dated in the last N days has current data.
ACTIVITY_TABLES = (
    ("labour", "LabourTask"), ("labour", "LabourAttendance"), ("labour", "LabourPayment"),
    ("projects", "Project"), ("projects", "ProjectChange"), ("projects", "ProjectPayment"),
    ("procurement", "Purchase"), ("relief", "ReliefPayment"), ("assets", "RentReceipt"), ("seals", "SealUsage"),
)
COVERAGE_METRICS = ("villages", "data_on")


# ---- facts of one case ---------------------------------------------------------------------------

def _facts(case: Case) -> tallies.CaseFacts:
    return tallies.CaseFacts(village_code=case.village_code, source_kind=case.source_kind, severity=case.severity,
                             model_code=case.model_code, state=str(case.state), conclusion=case.conclusion,
                             due_on=case.due_on, opened_month=tallies.month_of(case.opened_at),
                             closed_month=tallies.month_of(case.closed_at))


def _disposition_facts(case_id: int) -> tallies.DispositionFacts | None:
    d = Disposition.objects.filter(case_id=case_id).values("pk", "money_recovered", "recorded_at").first()
    if d is None:
        return None
    measures = tuple(PersonHandled.objects.filter(disposition_id=d["pk"]).values_list("measure", flat=True))
    return tallies.DispositionFacts(month=tallies.month_of(d["recorded_at"]), money_fen=tallies.fen(d["money_recovered"]),
                                    measures=measures)


def _whole(case: Case) -> Counter:
    """The case's contribution with its disposition's (money, people), read from the database."""
    c = tallies.case_contribution(_facts(case))
    c.update(tallies.disposition_contribution(_disposition_facts(case.pk)))
    return c


# ---- the hooks -----------------------------------------------------------------------------------

def cockpit_cases_opened(*, cases: Iterable[Case]) -> None:
    by_village: dict[str, Counter] = defaultdict(Counter)
    for case in cases:
        by_village[case.village_code].update(tallies.case_contribution(_facts(case)))
    tallies.apply(by_village)


def cockpit_case_snapshot(case: Case) -> Counter:
    """What the case contributes now (before a transition changes it)."""
    return _whole(case)


def cockpit_case_changed(*, case: Case, before: Counter) -> None:
    """After a transition: add what the case contributes now and take away what it did before."""
    delta = Counter(_whole(case))
    delta.subtract(before)
    tallies.apply({case.village_code: delta})


def cockpit_alerts_raised(*, alerts: Iterable[Alert]) -> None:
    by_village: dict[str, Counter] = defaultdict(Counter)
    for a in alerts:
        by_village[a.village_code].update(
            tallies.alert_contribution(a.severity, a.domain, a.model_code, tallies.month_of(a.raised_at)))
    tallies.apply(by_village)


def cockpit_after_model_run(*, run=None) -> None:
    coverage_refresh()


# ---- coverage ------------------------------------------------------------------------------------

def _as_date(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def latest_activity() -> dict[str, date]:
    """Each village's newest dated ledger row, over the activity tables."""
    latest: dict[str, date] = {}
    for app_label, model_name in ACTIVITY_TABLES:
        if not apps.is_installed(f"sunlit.{app_label}"):
            continue
        model = apps.get_model(app_label, model_name)
        column = model.date_column
        for village, last in model.objects.order_by().values_list("village_code").annotate(last=Max(column)):
            last = _as_date(last)
            if village and last and (village not in latest or last > latest[village]):
                latest[village] = last
    return latest


def _coverage_contributions() -> dict[str, Counter]:
    by_village: dict[str, Counter] = defaultdict(Counter)
    for code in Region.objects.filter(level="village").values_list("code", flat=True):
        by_village[code][("villages", "", "")] += 1
    for village, last in latest_activity().items():
        if village in by_village:          # coverage counts the villages of the tree only
            by_village[village][("data_on", last.isoformat(), "")] += 1
    return by_village


@transaction.atomic
def coverage_refresh() -> None:
    """Replace the coverage tallies (villages in the tree, each village's newest ledger date)."""
    Tally.objects.filter(metric__in=COVERAGE_METRICS).delete()
    _insert(tallies.roll_up(_coverage_contributions()))


# ---- rebuild and check ---------------------------------------------------------------------------

def _month(value) -> str:
    return "" if value is None else tallies.month_of(value)


def _rows(queryset, stream: bool):
    """A whole table is streamed (server-side cursor); a village's few rows are fetched at once."""
    return queryset.iterator(chunk_size=20000) if stream else queryset


def _case_contributions(where: dict | None = None, stream: bool = True) -> dict[str, Counter]:
    """Contributions of every case (or of those matching ``where``), their dispositions and people,
    grouped in the database first (the due date only matters while a case is open)."""
    where = where or {}
    by_village: dict[str, Counter] = defaultdict(Counter)
    tz = timezone.get_current_timezone()
    groups = (Case.objects.order_by().filter(**where)
              .annotate(opened_m=TruncMonth("opened_at", tzinfo=tz), closed_m=TruncMonth("closed_at", tzinfo=tz),
                        due_open=DbCase(When(state__in=tallies.OPEN, then=F("due_on")), default=None,
                                        output_field=DateField()))
              .values_list("village_code", "source_kind", "severity", "model_code", "state", "conclusion", "due_open",
                           "opened_m", "closed_m")
              .annotate(n=Count("pk")))
    for village, source, severity, model, state, conclusion, due_on, opened_m, closed_m, n in _rows(groups, stream):
        facts = tallies.CaseFacts(village_code=village, source_kind=source, severity=severity, model_code=model,
                                  state=state, conclusion=conclusion, due_on=due_on,  # None unless open
                                  opened_month=_month(opened_m), closed_month=_month(closed_m))
        by_village[village].update(tallies.case_contribution(facts, n))
    inner = {f"case__{k}": v for k, v in where.items()}
    money = (Disposition.objects.order_by().filter(**inner)
             .annotate(m=TruncMonth("recorded_at", tzinfo=tz))
             .values_list("case__village_code", "m").annotate(total=Sum("money_recovered")))
    for village, m, total in _rows(money, stream):
        if tallies.fen(total):
            by_village[village][("money_fen", "", _month(m))] += tallies.fen(total)
    people = (PersonHandled.objects.order_by().filter(**{f"disposition__{k}": v for k, v in inner.items()})
              .values_list("disposition__case__village_code", "measure").annotate(n=Count("pk")))
    for village, measure, n in _rows(people, stream):
        by_village[village][("people", measure, "")] += n
    return by_village


def _alert_contributions(where: dict | None = None, stream: bool = True) -> dict[str, Counter]:
    by_village: dict[str, Counter] = defaultdict(Counter)
    tz = timezone.get_current_timezone()
    groups = (Alert.objects.order_by().filter(**(where or {})).annotate(m=TruncMonth("raised_at", tzinfo=tz))
              .values_list("village_code", "severity", "domain", "model_code", "m").annotate(n=Count("pk")))
    for village, severity, domain, model, m, n in _rows(groups, stream):
        by_village[village].update(tallies.alert_contribution(severity, domain, model, _month(m), n))
    return by_village


def live_rows(*, prefix: str) -> dict[str, list[tuple[str, str, str, int]]]:
    """The figures of the villages under ``prefix`` (a village's or a township's code prefix) that
    villages do not tally, computed from their rows: {village: [(metric, key, month, value)]}."""
    where = codes.subtree_range(prefix)
    out: dict[str, list] = defaultdict(list)
    for part in (_case_contributions(where, stream=False), _alert_contributions(where, stream=False)):
        for village, contribution in part.items():
            out[village].extend((m, k, mo, v) for (m, k, mo), v in contribution.items()
                                if v and m not in tallies.VILLAGE_METRICS)
    return out


def expected_tallies() -> dict[tuple[str, str, str, str], int]:
    """Every tally recomputed from the rows: {(region, metric, key, month): value}, zeros left out."""
    total: Counter = Counter()
    for part in (_case_contributions(), _alert_contributions(), _coverage_contributions()):
        total.update(tallies.roll_up(part))
    return {k: v for k, v in total.items() if v}


def _insert(rows: dict[tuple[str, str, str, str], int]) -> int:
    if connection.vendor == "postgresql":       # COPY: a province's tallies in seconds
        with connection.cursor() as cursor, cursor.cursor.copy(
                "COPY cockpit_tally (region_code, level, metric, key, month, value) FROM STDIN") as copy:
            for (code, metric, key, month), value in rows.items():
                if value:
                    copy.write_row((code, codes.level_of(code), metric, key, month, value))
        return len(rows)
    Tally.objects.bulk_create((Tally(region_code=code, level=codes.level_of(code), metric=metric, key=key, month=month,
                                     value=value) for (code, metric, key, month), value in rows.items() if value),
                              batch_size=5000)
    return len(rows)


@transaction.atomic
def cockpit_rebuild() -> int:
    """Recompute every tally from the rows (cases, dispositions, people, alerts, ledgers, regions)."""
    rows = expected_tallies()
    Tally.objects.all().delete()
    return _insert(rows)


def cockpit_check() -> list[tuple[tuple[str, str, str, str], int, int]]:
    """The tallies that differ from a full recomputation: [(row key, stored, expected)]."""
    expected = expected_tallies()
    stored = {(r.region_code, r.metric, r.key, r.month): r.value for r in Tally.objects.exclude(value=0).iterator()}
    return [(k, stored.get(k, 0), expected.get(k, 0)) for k in sorted(set(expected) | set(stored))
            if stored.get(k, 0) != expected.get(k, 0)]
