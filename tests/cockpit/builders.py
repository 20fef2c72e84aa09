"""A small world of alerts, cases (taken through their steps at different dates), dispositions and
ledger rows, built through the services the application itself uses, for the cockpit's tests."""

import json
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.utils import timezone

from sunlit.accounts.roles import Role
from sunlit.accounts.services import user_create
from sunlit.accounts.system import command_line_actor
from sunlit.cases import services as cs
from sunlit.cases.models import Case
from sunlit.ledger.services import records_write
from sunlit.regions.models import Region
from sunlit.supervision.models import ModelRun
from sunlit.supervision.services import alerts_raise
from tests.conftest import PASSWORD
from tests.ledger.conftest import valid

SHANGHAI = ZoneInfo("Asia/Shanghai")


class Clock:
    """Moves ``timezone.now`` to a given local day (10:00 Asia/Shanghai) or back to the real time."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch
        self.real = timezone.now

    def set(self, day: date):
        moment = datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI)
        self.monkeypatch.setattr(timezone, "now", lambda: moment)

    def reset(self):
        self.monkeypatch.setattr(timezone, "now", self.real)


def more_regions(world):
    """A second township in county A with two villages, so ranking and drill-down have peers."""
    township = Region.objects.create(code="330102002000", name="南岭镇", level="township", parent=world.county_a)
    v2 = Region.objects.create(code="330102002001", name="上湾村", level="village", parent=township, kind="village")
    v3 = Region.objects.create(code="330102002002", name="下湾村", level="village", parent=township, kind="village")
    return SimpleNamespace(township_a2=township, village_a2=v2, village_a3=v3)


def _spec(code, severity, domain):
    return SimpleNamespace(code=code, version="test", severity=severity, domain=domain)


def raise_alerts(rows_by_model, *, period="2026-06"):
    """Alerts through ``alerts_raise`` (as a model run writes them); returns their cases."""
    run = ModelRun.objects.create(started_at=timezone.now(), engine="duckdb", status=ModelRun.Status.SUCCEEDED)
    for (code, severity, domain), villages in rows_by_model.items():
        rows = [{"subject_type": "labour_payment", "subject_id": f"{code}-{v}-{n}", "village_code": v,
                 "period": period, "amount_involved": "100.00", "evidence": json.dumps({"n": n}), "score": 1.0}
                for n, v in enumerate(villages)]
        alerts_raise(run=run, spec=_spec(code, severity, domain), rows=rows)
    return list(Case.objects.filter(alert__run=run).order_by("pk"))


def officers(world, extra):
    make = lambda name, role, scope: user_create(username=name, password=PASSWORD, role=role, scope=scope)  # noqa: E731
    out = {}
    for village in (world.village_a, world.village_b, extra.village_a2, extra.village_a3):
        out[village.code] = make(f"liaison_{village.code}", Role.LIAISON_OFFICER, village)
    for township in (world.township_a, world.township_b, extra.township_a2):
        out[township.code] = make(f"inspector_{township.code}", Role.INSPECTOR, township)
    return out


def handler(case, officer_of):
    return officer_of[Case.objects.get(pk=case.pk).handling_code]


def walk(case, *, to, admin, officer_of, conclusion="confirmed", money="0", people=()):
    """Take a case through its steps up to ``to`` (dispatched, accepted, verifying, verified,
    disposed, closed)."""
    order = ["dispatched", "accepted", "verifying", "verified", "disposed", "closed"]
    for step in order[:order.index(to) + 1]:
        if step == "dispatched":
            cs.case_dispatch(case_id=case.pk, actor=admin)
        elif step == "accepted":
            cs.case_take(case_id=case.pk, actor=handler(case, officer_of))
        elif step == "verifying":
            cs.case_start_verification(case_id=case.pk, actor=handler(case, officer_of))
        elif step == "verified":
            cs.case_verify(case_id=case.pk, actor=handler(case, officer_of), conclusion=conclusion)
        elif step == "disposed":
            cs.case_dispose(case_id=case.pk, actor=handler(case, officer_of), money_recovered=money,
                            people=[cs.PersonMeasure(name=n, measure=m) for n, m in people])
        elif step == "closed":
            cs.case_close(case_id=case.pk, actor=admin)


def ledger_row(table, village, n, **dates):
    """One ledger row (with the rows it refers to) written through the ledger service."""
    from tests.ledger.conftest import PARENTS

    actor = command_line_actor()
    for parent in PARENTS.get(table, []):
        records_write(parent, actor=actor, records=[valid(parent, village, n)])
    records_write(table, actor=actor, records=[{**valid(table, village, n), **dates}])


def build(world, users, monkeypatch):
    """The scenario: alerts of three colours and several models over four villages in two
    counties, raised in two months; cases left at every stage, some overdue; dispositions with
    money and people; a reopened citizen report; ledger rows old and current, some today."""
    clock = Clock(monkeypatch)
    extra = more_regions(world)
    officer_of = officers(world, extra)
    a, b, a2, a3 = world.village_a.code, world.village_b.code, extra.village_a2.code, extra.village_a3.code
    today = timezone.localdate()

    clock.set(today - timedelta(days=70))          # an earlier month: these cases are overdue by now
    early = raise_alerts({("LAB-05", "yellow", "labour"): [a, a, b, a2],
                          ("SEAL-01", "red", "seals"): [a, a3, b]}, period="2026-01")
    report = cs.case_open_for_report(reference="R-1", village_code=a2, title="路灯不亮")
    clock.set(today - timedelta(days=35))
    walk(early[0], to="closed", admin=users.admin, officer_of=officer_of, money="12345.67",
         people=[("甲", "reminder_talk"), ("乙", "party_discipline")])
    walk(early[1], to="disposed", admin=users.admin, officer_of=officer_of, conclusion="unfounded")
    walk(report, to="closed", admin=users.admin, officer_of=officer_of, conclusion="partly_confirmed",
         money="500", people=[("丙", "criticism")])
    clock.reset()
    late = raise_alerts({("LAB-05", "yellow", "labour"): [a, a3],
                         ("PRJ-01", "red", "projects"): [a, b, b],
                         ("AST-01", "blue", "assets"): [a2]})
    walk(early[2], to="verified", admin=users.admin, officer_of=officer_of)
    walk(early[4], to="closed", admin=users.admin, officer_of=officer_of, money="80000",
         people=[("丁", "admonition_talk"), ("戊", "government_sanction"), ("己", "reminder_talk")])
    walk(late[0], to="accepted", admin=users.admin, officer_of=officer_of)
    walk(late[2], to="disposed", admin=users.admin, officer_of=officer_of, conclusion="partly_confirmed",
         money="2000.5", people=[("庚", "criticism")])
    cs.case_reopen(case_id=report.pk, actor=users.admin, note="群众不满意")
    cs.case_escalate(case_id=early[3].pk, actor=users.admin, note="严重")

    ledger_row("labour_task", a, 1, dispatch_date=today.isoformat())
    ledger_row("labour_task", a, 2, dispatch_date=(today - timedelta(days=400)).isoformat())
    ledger_row("labour_payment", a2, 3, paid_date=today.isoformat(), amount="450.00")
    ledger_row("seal_usage", b, 4, used_at=f"{today.isoformat()} 11:00", approved_at=f"{today.isoformat()}T09:00:00+08:00")
    ledger_row("purchase", a3, 5, purchase_date=(today - timedelta(days=200)).isoformat())
    return SimpleNamespace(extra=extra, officer_of=officer_of, early=early, late=late, report=report)
