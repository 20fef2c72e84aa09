"""/api/v1/cases: the same rules as the services, through HTTP with bearer tokens."""

import pytest

from sunlit.cases.models import Case, CaseEvent
from tests.cases.records import case_make


def _post(client, case, step, **data):
    return client.post(f"/api/v1/cases/{case.pk}/{step}", data=data, content_type="application/json")


def test_the_whole_path_over_the_api(users, world, api_client_for):
    case = case_make(world.village_a)
    township, liaison = api_client_for(users.township_officer), api_client_for(users.liaison)
    assert liaison.get(f"/api/v1/cases/{case.pk}").json()["next_steps"] == ["take", "give_back", "escalate"]
    assert _post(township, case, "dispatch", note="请核实").status_code == 200
    detail = liaison.get(f"/api/v1/cases/{case.pk}").json()
    assert detail["state"] == "dispatched" and detail["evidence"] == {"age": 86}
    assert detail["next_steps"] == ["take", "give_back", "escalate"]
    assert [c["id"] for c in liaison.get("/api/v1/cases/inbox").json()["items"]] == [case.pk]
    assert _post(liaison, case, "take", expected_state="dispatched").json()["state"] == "accepted"
    assert _post(liaison, case, "start-verification").json()["state"] == "verifying"
    assert _post(liaison, case, "verify", conclusion="confirmed").json()["conclusion"] == "confirmed"
    body = _post(liaison, case, "dispose", money_recovered="880.00", rectification="已退回",
                 people=[{"name": "王五", "post": "村会计", "measure": "admonition_talk"}]).json()
    assert body["state"] == "disposed" and body["disposition"]["money_recovered"] == "880.00"
    assert body["disposition"]["people"] == [{"name": "王五", "post": "村会计", "measure": "admonition_talk"}]
    closed = _post(township, case, "close").json()
    assert closed["state"] == "closed"
    assert [e["transition"] for e in closed["events"]] == ["open", "dispatch", "take", "start_verification", "verify",
                                                          "dispose", "close"]
    assert closed["events"][2]["actor"] == "liaison"


@pytest.mark.parametrize("step,who,status", [
    ("take", "township_officer", 403),     # not the handling unit
    ("take", "clerk", 403),                # role
    ("take", "inspector_b", 404),          # scope
    ("take", "anonymous", 401),
    ("dispatch", "liaison", 403),
    ("close", "township_officer", 409),    # state
    ("verify", "liaison", 409),
])
def test_refusals_over_the_api(users, world, api_client_for, step, who, status):
    case = case_make(world.village_a)
    _post(api_client_for(users.township_officer), case, "dispatch")
    response = _post(api_client_for(getattr(users, who)), case, step, conclusion="confirmed")
    assert response.status_code == status, response.content
    assert Case.objects.get(pk=case.pk).state == "dispatched"
    assert CaseEvent.objects.filter(case=case).count() == 2


def test_stale_state_and_bad_input(users, world, api_client_for):
    case = case_make(world.village_a)
    township, liaison = api_client_for(users.township_officer), api_client_for(users.liaison)
    assert _post(township, case, "dispatch", expected_state="accepted").status_code == 409
    _post(township, case, "dispatch")
    assert _post(liaison, case, "return", note="").status_code == 422
    _post(liaison, case, "take")
    _post(liaison, case, "start-verification")
    assert _post(liaison, case, "verify", conclusion="perhaps").status_code == 422
    _post(liaison, case, "verify", conclusion="confirmed")
    bad = _post(liaison, case, "dispose", people=[{"name": "赵六", "measure": "fine"}])
    assert bad.status_code == 422 and bad.json()["errors"][0]["column"] == "measure"
    assert Case.objects.get(pk=case.pk).state == "verified"


def test_lists_are_scoped(users, world, api_client_for):
    a, b = case_make(world.village_a), case_make(world.village_b, subject_id="Q")
    red = case_make(world.village_a, severity="red", subject_id="R")
    ids = lambda who, q="": [c["id"] for c in api_client_for(getattr(users, who)).get(f"/api/v1/cases{q}").json()["items"]]  # noqa: E731
    assert sorted(ids("inspector_a")) == sorted([a.pk, red.pk])
    assert ids("inspector_b") == [b.pk]
    assert sorted(ids("admin")) == sorted([a.pk, b.pk, red.pk])
    assert ids("inspector_a", "?colour=red") == [red.pk]
    assert ids("inspector_a", "?level=township") == [red.pk]
    assert api_client_for(users.clerk).get("/api/v1/cases").status_code == 403
    assert api_client_for(users.inspector_a).get(f"/api/v1/cases/{b.pk}").status_code == 404
    township_inbox = api_client_for(users.township_officer).get("/api/v1/cases/inbox").json()["items"]
    assert [c["id"] for c in township_inbox] == [red.pk]
