"""The case engine: opening, routing, every transition allowed and refused by role, scope and
state, the append-only event log and the audit chain."""

import json
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from sunlit.audit.models import AuditEvent
from sunlit.cases import services
from sunlit.cases.models import Case, CaseEvent, State
from sunlit.cases.services import CaseConflict, PersonMeasure
from sunlit.engine import load_catalogue
from sunlit.errors import AccessDenied, InvalidInput, NotFound
from sunlit.supervision.models import Alert, ModelRun
from sunlit.supervision.services import alerts_raise
from tests.cases.records import case_make


def _row(village, subject="S1", period="2026-06"):
    return {"subject_type": "labour_payment", "subject_id": f"{subject}-{village.code}", "village_code": village.code, "period": period,
            "amount_involved": Decimal("300.00"), "evidence": '{"age": 86}', "score": 0.5}


def _run():
    return ModelRun.objects.create(started_at=timezone.now(), engine="duckdb")


def test_alerts_raise_opens_one_case_per_new_alert(world):
    spec = load_catalogue(codes=["LAB-05"])[0]
    assert alerts_raise(run=_run(), spec=spec, rows=[_row(world.village_a), _row(world.village_b)]) == 2
    assert Case.objects.count() == 2
    assert alerts_raise(run=_run(), spec=spec, rows=[_row(world.village_a), _row(world.village_b)]) == 0
    assert Case.objects.count() == 2
    case = Case.objects.get(village_code=world.village_a.code)
    assert case.alert.village_code == world.village_a.code and case.state == State.NEW
    assert case.source_kind == "alert" and case.source_ref == str(case.alert_id)
    assert list(case.events.values_list("transition", "to_state")) == [("open", "new")]


def test_routing_yellow_to_the_village_red_to_the_township(world):
    spec = load_catalogue(codes=["LAB-05"])[0]
    alerts_raise(run=_run(), spec=spec, rows=[_row(world.village_a, "Y")])
    alerts_raise(run=_run(), spec=replace(spec, severity="red"), rows=[_row(world.village_a, "R")])
    yellow, red = Case.objects.get(subject_id__startswith="Y"), Case.objects.get(subject_id__startswith="R")
    assert (yellow.level, yellow.handling_code) == ("village", world.village_a.code)
    assert (red.level, red.handling_code) == ("township", world.township_a.code)


def test_opening_twice_gives_the_same_case(world):
    first = case_make(world.village_a)
    assert services.case_open_for_alert(alert=first.alert) == first
    assert Case.objects.count() == 1


def _walk_to(case, state, users):
    """Drive a yellow village case of county A to ``state`` by the right people."""
    steps = [
        ("dispatched", lambda: services.case_dispatch(case_id=case.pk, actor=users.township_officer)),
        ("accepted", lambda: services.case_take(case_id=case.pk, actor=users.liaison)),
        ("verifying", lambda: services.case_start_verification(case_id=case.pk, actor=users.liaison)),
        ("verified", lambda: services.case_verify(case_id=case.pk, actor=users.liaison, conclusion="confirmed")),
        ("disposed", lambda: services.case_dispose(case_id=case.pk, actor=users.liaison, money_recovered="1200.50",
                                                   people=[PersonMeasure("张三", "criticism", "村报账员")],
                                                   rectification="退回多领工资")),
        ("closed", lambda: services.case_close(case_id=case.pk, actor=users.township_officer)),
    ]
    for target, step in steps:
        if Case.objects.get(pk=case.pk).state == state:
            break
        assert step().state == target
    return Case.objects.get(pk=case.pk)


def test_the_whole_path_closes_the_case_and_its_alert(users, world):
    case = case_make(world.village_a)
    audit_before = AuditEvent.objects.filter(kind="case_transition").count()
    closed = _walk_to(case, "closed", users)
    assert closed.state == State.CLOSED and closed.closed_at is not None and closed.conclusion == "confirmed"
    assert Alert.objects.get(pk=case.alert_id).state == Alert.State.CLOSED
    events = list(closed.events.values_list("transition", "from_state", "to_state", "actor_username"))
    assert events == [
        ("open", "", "new", "system"),
        ("dispatch", "new", "dispatched", "township_officer"),
        ("take", "dispatched", "accepted", "liaison"),
        ("start_verification", "accepted", "verifying", "liaison"),
        ("verify", "verifying", "verified", "liaison"),
        ("dispose", "verified", "disposed", "liaison"),
        ("close", "disposed", "closed", "township_officer"),
    ]
    assert AuditEvent.objects.filter(kind="case_transition").count() == audit_before + 6
    last = AuditEvent.objects.filter(kind="case_transition").order_by("-seq").first()
    detail = json.loads(last.detail)
    assert last.object_id == str(case.pk) and detail["from"] == "disposed" and detail["to"] == "closed"
    assert closed.disposition.money_recovered == Decimal("1200.50")
    assert list(closed.disposition.people.values_list("name", "measure")) == [("张三", "criticism")]


def test_events_are_append_only(users, world):
    case = case_make(world.village_a)
    event = CaseEvent.objects.get(case=case)
    event.note = "edited"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
    # nor in bulk: a queryset's update or delete is refused as well, and the row stays as written
    with pytest.raises(ValueError):
        CaseEvent.objects.filter(case=case).update(note="edited")
    with pytest.raises(ValueError):
        case.events.all().delete()
    assert CaseEvent.objects.get(pk=event.pk).note != "edited"


# (transition, state the case is brought to first, who tries, the error expected or None for success)
MATRIX = [
    # dispatch: supervisors (inspectors above or at the unit, administrators)
    ("dispatch", "new", "township_officer", None),
    ("dispatch", "new", "inspector_a", None),
    ("dispatch", "new", "admin", None),
    ("dispatch", "new", "liaison", AccessDenied),        # role has no cases.dispatch
    ("dispatch", "new", "clerk", AccessDenied),
    ("dispatch", "new", "steward", AccessDenied),
    ("dispatch", "new", "inspector_b", NotFound),        # another county
    ("dispatch", "accepted", "township_officer", CaseConflict),
    # take (接单): the handling unit only
    ("take", "dispatched", "liaison", None),
    ("take", "dispatched", "township_officer", AccessDenied),   # supervises, does not handle
    ("take", "dispatched", "admin", AccessDenied),
    ("take", "dispatched", "clerk", AccessDenied),
    ("take", "dispatched", "inspector_b", NotFound),
    ("take", "new", "liaison", None),                   # already routed to the station: no dispatch needed
    ("take", "new", "township_officer", AccessDenied),
    ("take", "accepted", "liaison", CaseConflict),
    # return (mis-routed)
    ("give_back", "dispatched", "liaison", None),
    ("give_back", "dispatched", "township_officer", AccessDenied),
    ("give_back", "new", "liaison", None),
    ("give_back", "accepted", "liaison", CaseConflict),
    # verification
    ("start_verification", "accepted", "liaison", None),
    ("start_verification", "accepted", "inspector_a", AccessDenied),
    ("start_verification", "dispatched", "liaison", CaseConflict),
    ("verify", "verifying", "liaison", None),
    ("verify", "verifying", "township_officer", AccessDenied),
    ("verify", "verifying", "clerk", AccessDenied),
    ("verify", "accepted", "liaison", CaseConflict),
    # disposition
    ("dispose", "verified", "liaison", None),
    ("dispose", "verified", "inspector_b", NotFound),
    ("dispose", "verified", "steward", AccessDenied),
    ("dispose", "verifying", "liaison", CaseConflict),
    # close: supervisors only
    ("close", "disposed", "township_officer", None),
    ("close", "disposed", "inspector_a", None),
    ("close", "disposed", "admin", None),
    ("close", "disposed", "liaison", AccessDenied),
    ("close", "disposed", "inspector_b", NotFound),
    ("close", "verified", "township_officer", CaseConflict),
    # escalate: handler or supervisor, from any open state
    ("escalate", "new", "liaison", None),
    ("escalate", "dispatched", "township_officer", None),
    ("escalate", "accepted", "liaison", None),
    ("escalate", "verifying", "inspector_a", None),
    ("escalate", "dispatched", "clerk", AccessDenied),
    ("escalate", "dispatched", "inspector_b", NotFound),
    ("escalate", "verified", "liaison", CaseConflict),
    ("escalate", "closed", "township_officer", CaseConflict),
    # reopen: reports only (an alert's case cannot be reopened)
    ("reopen", "closed", "township_officer", CaseConflict),
    ("reopen", "closed", "liaison", AccessDenied),
]

CALLS = {
    "dispatch": lambda pk, u: services.case_dispatch(case_id=pk, actor=u),
    "take": lambda pk, u: services.case_take(case_id=pk, actor=u),
    "give_back": lambda pk, u: services.case_return(case_id=pk, actor=u, note="不属本村 / not our village"),
    "start_verification": lambda pk, u: services.case_start_verification(case_id=pk, actor=u),
    "verify": lambda pk, u: services.case_verify(case_id=pk, actor=u, conclusion="unfounded"),
    "dispose": lambda pk, u: services.case_dispose(case_id=pk, actor=u, rectification="无 / none"),
    "close": lambda pk, u: services.case_close(case_id=pk, actor=u),
    "escalate": lambda pk, u: services.case_escalate(case_id=pk, actor=u),
    "reopen": lambda pk, u: services.case_reopen(case_id=pk, actor=u, note="不满意 / not satisfied"),
}


@pytest.mark.parametrize("name,state,who,error", MATRIX, ids=[f"{m[0]}-{m[1]}-{m[2]}" for m in MATRIX])
def test_transition_allowed_or_refused(name, state, who, error, users, world):
    case = _walk_to(case_make(world.village_a), state, users)
    events_before = case.events.count()
    actor = getattr(users, who)
    if error is None:
        after = CALLS[name](case.pk, actor)
        assert after.events.count() == events_before + 1
        assert after.events.order_by("-pk").first().transition == name
    else:
        with pytest.raises(error):
            CALLS[name](case.pk, actor)
        unchanged = Case.objects.get(pk=case.pk)
        assert unchanged.state == state and unchanged.events.count() == events_before


def test_the_liaison_station_closes_a_citizen_report_it_handled_but_not_an_alert(users, world):
    report = services.case_open_for_report(reference="R-TEST-1", village_code=world.village_a.code,
                                           title="出工名单里有不认识的人")
    services.case_take(case_id=report.pk, actor=users.liaison)
    services.case_start_verification(case_id=report.pk, actor=users.liaison)
    services.case_verify(case_id=report.pk, actor=users.liaison, conclusion="unfounded")
    services.case_dispose(case_id=report.pk, actor=users.liaison, rectification="已向反映人说明")
    with pytest.raises(NotFound):
        services.case_close(case_id=report.pk, actor=users.inspector_b)
    closed = services.case_close(case_id=report.pk, actor=users.liaison)
    assert closed.state == State.CLOSED
    assert list(closed.events.values_list("transition", "actor_username")) == [
        ("open", "system"), ("take", "liaison"), ("start_verification", "liaison"), ("verify", "liaison"),
        ("dispose", "liaison"), ("close", "liaison")]

    alert_case = _walk_to(case_make(world.village_a), "disposed", users)
    with pytest.raises(AccessDenied):
        services.case_close(case_id=alert_case.pk, actor=users.liaison)


def test_refusals_are_audited(users, world):
    case = _walk_to(case_make(world.village_a), "dispatched", users)
    with pytest.raises(AccessDenied):
        services.case_take(case_id=case.pk, actor=users.township_officer)
    denied = AuditEvent.objects.filter(kind="permission_denied").order_by("-seq").first()
    assert denied.object_id == str(case.pk) and json.loads(denied.detail)["transition"] == "take"


def test_expected_state_guards_against_a_stale_page(users, world):
    case = _walk_to(case_make(world.village_a), "dispatched", users)
    with pytest.raises(CaseConflict):
        services.case_take(case_id=case.pk, actor=users.liaison, expected_state="new")
    assert services.case_take(case_id=case.pk, actor=users.liaison, expected_state="dispatched").state == "accepted"


def test_returned_case_is_redispatched_elsewhere(users, world):
    case = _walk_to(case_make(world.village_a), "dispatched", users)
    with pytest.raises(InvalidInput):
        services.case_return(case_id=case.pk, actor=users.liaison, note="  ")
    services.case_return(case_id=case.pk, actor=users.liaison, note="应由乡镇核查 / for the township")
    with pytest.raises(InvalidInput):   # another county's village is not this case's
        services.case_dispatch(case_id=case.pk, actor=users.inspector_a, to_code=world.village_b.code)
    with pytest.raises(InvalidInput):   # above the dispatcher's scope
        services.case_dispatch(case_id=case.pk, actor=users.township_officer, to_code=world.county_a.code)
    again = services.case_dispatch(case_id=case.pk, actor=users.township_officer, to_code=world.township_a.code)
    assert (again.state, again.level, again.handling_code) == ("dispatched", "township", world.township_a.code)
    with pytest.raises(AccessDenied):   # the liaison station no longer holds it
        services.case_take(case_id=case.pk, actor=users.liaison)
    assert services.case_take(case_id=case.pk, actor=users.township_officer).state == "accepted"


def test_escalated_case_goes_to_the_next_level(users, world):
    case = _walk_to(case_make(world.village_a), "accepted", users)
    up = services.case_escalate(case_id=case.pk, actor=users.liaison, note="涉及村干部 / involves cadres")
    assert (up.state, up.level, up.handling_code, up.escalation_count) == ("escalated", "township",
                                                                           world.township_a.code, 1)
    assert list(up.notifications.values_list("recipient__username", flat=True)) == ["township_officer"]
    with pytest.raises(AccessDenied):
        services.case_take(case_id=case.pk, actor=users.liaison)
    assert services.case_take(case_id=case.pk, actor=users.township_officer).state == "accepted"
    # the liaison still sees it (visible upward and in its own village), but cannot act
    from sunlit.cases.selectors import case_get
    assert case_get(user=users.liaison, case_id=case.pk).level == "township"


def test_a_province_case_cannot_escalate(users, world):
    case = case_make(world.village_a)
    Case.objects.filter(pk=case.pk).update(handling_code=world.province.code, level="province")
    with pytest.raises(CaseConflict):
        services.case_escalate(case_id=case.pk, actor=users.admin)


def test_report_reopens_once(users, world):
    case = services.case_open_for_report(reference="R-0001", village_code=world.village_a.code, title="修路款")
    assert (case.level, case.handling_code, case.source_kind) == ("village", world.village_a.code, "report")
    assert services.case_open_for_report(reference="R-0001", village_code=world.village_a.code, title="x") == case
    _walk_to(case, "closed", users)
    reopened = services.case_reopen(case_id=case.pk, actor=users.township_officer, note="村民不满意 / not satisfied")
    assert (reopened.state, reopened.reopen_count, reopened.closed_at) == ("reopened", 1, None)
    assert services.case_take(case_id=case.pk, actor=users.liaison).state == "accepted"
    services.case_start_verification(case_id=case.pk, actor=users.liaison)
    services.case_verify(case_id=case.pk, actor=users.liaison, conclusion="confirmed")
    services.case_dispose(case_id=case.pk, actor=users.liaison, rectification="已公示")
    services.case_close(case_id=case.pk, actor=users.township_officer)
    with pytest.raises(CaseConflict):
        services.case_reopen(case_id=case.pk, actor=users.township_officer, note="again")


def test_report_needs_a_village(world):
    with pytest.raises(InvalidInput):
        services.case_open_for_report(reference="R-2", village_code=world.township_a.code, title="x")


def test_verify_refuses_an_unknown_conclusion(users, world):
    case = _walk_to(case_make(world.village_a), "verifying", users)
    with pytest.raises(InvalidInput):
        services.case_verify(case_id=case.pk, actor=users.liaison, conclusion="maybe")
    assert Case.objects.get(pk=case.pk).state == "verifying"


def test_the_command_line_actor_may_escalate(world):
    from sunlit.accounts.system import command_line_actor

    case = case_make(world.village_a)
    up = services.case_escalate(case_id=case.pk, actor=command_line_actor(), reason="overdue")
    assert up.level == "township"
    assert up.events.order_by("-pk").first().actor_username.startswith("cli:")
    assert up.due_on > timezone.localdate() - timedelta(days=1)


def test_alert_and_case_are_written_together(world, monkeypatch):
    """alerts_raise opens the cases in its own transaction: if opening fails, no alert is kept."""
    from django.db import transaction

    import sunlit.supervision.services as supervision_services

    def broken(*, alerts):
        raise RuntimeError("case store unavailable")

    monkeypatch.setattr(supervision_services, "cases_open_for_alerts", broken)
    spec = load_catalogue(codes=["LAB-05"])[0]
    with pytest.raises(RuntimeError), transaction.atomic():
        alerts_raise(run=_run(), spec=spec, rows=[_row(world.village_a, "TX")])
    assert not Alert.objects.filter(subject_id__startswith="TX").exists()
