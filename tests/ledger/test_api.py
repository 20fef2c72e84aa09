"""The ledger API: create, bulk create, list and retrieve, with the services' validation and the
scope rules."""

import json

from sunlit.labour.models import LabourPayment, LabourTask

from .conftest import VILLAGE_A, VILLAGE_B, WORKER, valid
from .records import record_in

BASE = "/api/v1/ledger"


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_create_then_retrieve(users, api_client_for):
    clerk = api_client_for(users.clerk)
    response = _post(clerk, f"{BASE}/labour_task", valid("labour_task"))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["task_id"] == "T-02001-1" and body["village_code"] == VILLAGE_A and body["planned_days"] == 3
    got = clerk.get(f"{BASE}/labour_task/T-02001-1")
    assert got.status_code == 200 and got.json()["title"] == "河道清理"
    pay = _post(clerk, f"{BASE}/labour_payment", {**valid("labour_payment"), "days": 2, "amount": 300.0})
    assert pay.status_code == 201 and pay.json()["amount"] == "300.00" and pay.json()["person_id"] == WORKER


def test_create_refuses_bad_input_row_by_row(users, api_client_for):
    clerk = api_client_for(users.clerk)
    bad = {**valid("labour_payment"), "task_id": "", "amount": "-1", "person_id": WORKER[:-1] + "0"}
    response = _post(clerk, f"{BASE}/labour_payment", bad)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert sorted(e["column"] for e in errors) == ["amount", "person_id"]
    assert WORKER[:-1] not in response.content.decode()
    assert _post(clerk, f"{BASE}/labour_payment", {**bad, "bogus": 1}).status_code == 422
    assert LabourPayment.objects.count() == 0


def test_scope_rules_for_writes(users, api_client_for):
    other = {**valid("labour_task", VILLAGE_B)}
    response = _post(api_client_for(users.clerk), f"{BASE}/labour_task", other)
    assert response.status_code == 422 and response.json()["errors"][0]["column"] == "village_code"
    assert _post(api_client_for(users.inspector_a), f"{BASE}/labour_task", valid("labour_task")).status_code == 403
    assert _post(api_client_for(users.liaison), f"{BASE}/labour_task", valid("labour_task")).status_code == 403
    assert _post(api_client_for(None), f"{BASE}/labour_task", valid("labour_task")).status_code == 401
    assert _post(api_client_for(users.steward), f"{BASE}/labour_task", valid("labour_task")).status_code == 201
    assert LabourTask.objects.count() == 1


def test_bulk_create_is_all_or_nothing(users, api_client_for):
    clerk = api_client_for(users.clerk)
    records = [{**valid("labour_payment", n=i), "task_id": ""} for i in range(1, 51)]
    records[30]["daily_rate"] = "abc"
    response = _post(clerk, f"{BASE}/labour_payment/bulk", records)
    assert response.status_code == 422
    assert [(e["row"], e["column"]) for e in response.json()["errors"]] == [(31, "daily_rate")]
    assert LabourPayment.objects.count() == 0
    records[30]["daily_rate"] = "150.00"
    done = _post(clerk, f"{BASE}/labour_payment/bulk", records).json()
    assert (done["created"], done["unchanged"]) == (50, 0)
    again = _post(clerk, f"{BASE}/labour_payment/bulk", records).json()
    assert (again["created"], again["unchanged"]) == (0, 50)
    assert LabourPayment.objects.count() == 50


def test_lists_are_scoped_paginated_and_filtered(users, api_client_for):
    for n in range(1, 6):
        record_in("labour_payment", VILLAGE_A, n)
    record_in("labour_payment", VILLAGE_B)
    inspector = api_client_for(users.inspector_a)
    page = inspector.get(f"{BASE}/labour_payment?page_size=2").json()
    assert page["count"] == 5 and len(page["items"]) == 2 and page["scope"] == "330102000000"
    assert {i["village_code"] for i in page["items"]} == {VILLAGE_A}
    last = inspector.get(f"{BASE}/labour_payment?page_size=2&page=3").json()
    assert len(last["items"]) == 1
    admin = api_client_for(users.admin)
    assert admin.get(f"{BASE}/labour_payment").json()["count"] == 6
    assert admin.get(f"{BASE}/labour_payment?village={VILLAGE_B}").json()["count"] == 1
    assert admin.get(f"{BASE}/labour_payment?village=330102").json()["count"] == 5
    assert admin.get(f"{BASE}/labour_payment?date_from=2024-05-10&date_to=2024-05-10").json()["count"] == 6
    assert admin.get(f"{BASE}/labour_payment?date_from=2024-05-11").json()["count"] == 0
    assert api_client_for(None).get(f"{BASE}/labour_payment").status_code == 401


def test_retrieve_outside_scope_is_not_found(users, api_client_for):
    theirs = record_in("seal_usage", VILLAGE_B)
    assert api_client_for(users.inspector_a).get(f"{BASE}/seal_usage/{theirs.usage_id}").status_code == 404
    assert api_client_for(users.inspector_b).get(f"{BASE}/seal_usage/{theirs.usage_id}").status_code == 200
    cadre = record_in("cadre", VILLAGE_A)
    assert api_client_for(users.clerk).get(f"{BASE}/cadre/{cadre.pk}").json()["person_id"] == cadre.person_id


def test_every_table_has_its_four_operations_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    from sunlit.ledger.registry import TABLE_NAMES
    for t in TABLE_NAMES:
        assert set(paths[f"{BASE}/{t}"]) == {"get", "post"}
        assert set(paths[f"{BASE}/{t}/bulk"]) == {"post"}
        assert set(paths[f"{BASE}/{t}/{{key}}"]) == {"get"}
