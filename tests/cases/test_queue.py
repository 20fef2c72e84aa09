"""Work queues: the village filter and bulk dispatch (page and API). Bulk dispatch is per case: each
case its own transition, event and audit record; a refused case is reported and the rest go ahead."""

import json

import pytest
from django.utils import translation

from sunlit.audit.models import AuditEvent
from sunlit.cases import services
from sunlit.cases.models import Case, CaseEvent
from sunlit.errors import AccessDenied, InvalidInput
from sunlit.regions.models import Region
from tests.cases.records import case_make


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def three(world):
    return [case_make(world.village_a, subject_id=f"B{n}") for n in range(3)]


def test_bulk_dispatch_each_case_on_its_own(users, world, three):
    a, b, c = three
    services.case_dispatch(case_id=b.pk, actor=users.township_officer)        # someone was first on b
    outside = case_make(world.village_b, subject_id="B9")
    results = services.cases_dispatch_bulk(case_ids=[a.pk, b.pk, c.pk, outside.pk, a.pk], actor=users.inspector_a,
                                           expected_states={b.pk: "new"}, note="请尽快核实")
    assert [(r.case_id, r.ok) for r in results] == [(a.pk, True), (b.pk, False), (c.pk, True), (outside.pk, False)]
    assert results[1].status == 409 and results[3].status == 404
    assert results[0].state == "dispatched"
    assert {k.pk: k.state for k in Case.objects.filter(pk__in=[a.pk, b.pk, c.pk, outside.pk])} == {
        a.pk: "dispatched", b.pk: "dispatched", c.pk: "dispatched", outside.pk: "new"}
    # one event and one audit record per dispatched case, with the note
    for case in (a, c):
        events = CaseEvent.objects.filter(case=case, transition="dispatch")
        assert events.count() == 1 and events.get().note == "请尽快核实" and events.get().actor_username == "inspector_a"
    assert CaseEvent.objects.filter(case=b, transition="dispatch").count() == 1      # only the first one
    dispatched = [json.loads(e.detail) for e in AuditEvent.objects.filter(kind="case_transition")]
    assert sum(1 for d in dispatched if d.get("transition") == "dispatch") == 3


def test_bulk_dispatch_refusals_of_the_whole_request(users, three):
    with pytest.raises(AccessDenied):
        services.cases_dispatch_bulk(case_ids=[three[0].pk], actor=users.liaison)
    with pytest.raises(InvalidInput, match="at least one"):
        services.cases_dispatch_bulk(case_ids=[], actor=users.inspector_a)
    with pytest.raises(InvalidInput, match="at most 200"):
        services.cases_dispatch_bulk(case_ids=range(1, 202), actor=users.inspector_a)
    assert not Case.objects.filter(state="dispatched").exists()


def test_bulk_dispatch_page(users, world, three, client_for):
    a, b, c = three
    client = client_for(users.township_officer)
    page = client.get("/cases/?colour=yellow").content.decode()
    assert 'data-testid="bulk-dispatch"' in page and page.count('data-testid="select-case"') == 3
    services.case_dispatch(case_id=b.pk, actor=users.inspector_a)
    response = client.post("/cases/dispatch/", {"case": [f"{a.pk}:new", f"{b.pk}:new", f"{c.pk}:new"],
                                                "note": "统一派发", "query": "colour=yellow"}, follow=True)
    assert response.redirect_chain[-1][0] == "/cases/?colour=yellow"
    body = response.content.decode()
    assert f"已派发 2 / 3 个案件：#{a.pk}, #{c.pk}" in body                # pages speak Chinese by default
    assert f"#{b.pk} 未派发" in body and "刷新" in body
    assert set(Case.objects.filter(pk__in=[a.pk, c.pk]).values_list("state", flat=True)) == {"dispatched"}
    # dispatched cases are no longer offered for dispatch
    assert 'data-testid="select-case"' not in client.get("/cases/").content.decode()


def test_the_queue_offers_no_dispatch_to_handlers(users, three, client_for):
    page = client_for(users.liaison).get("/cases/").content.decode()
    assert 'data-testid="bulk-dispatch"' not in page and 'data-testid="select-case"' not in page
    assert client_for(users.liaison).post("/cases/dispatch/", {"case": [f"{three[0].pk}:new"]}).status_code == 403
    assert Case.objects.get(pk=three[0].pk).state == "new"


def test_bulk_dispatch_api(users, world, three, api_client_for):
    a, b, c = three
    client = api_client_for(users.township_officer)
    response = client.post("/api/v1/cases/bulk-dispatch?note=批量派发",
                           data=[{"id": a.pk, "expected_state": "new"}, {"id": b.pk, "expected_state": "returned"},
                                 {"id": c.pk}], content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert (body["dispatched"], body["refused"]) == (2, 1)
    assert [(r["case_id"], r["ok"], r["status"]) for r in body["results"]] == [
        (a.pk, True, 200), (b.pk, False, 409), (c.pk, True, 200)]
    assert CaseEvent.objects.get(case=a, transition="dispatch").note == "批量派发"
    refused = api_client_for(users.liaison).post("/api/v1/cases/bulk-dispatch", data=[{"id": b.pk}],
                                                 content_type="application/json")
    assert refused.status_code == 403 and Case.objects.get(pk=b.pk).state == "new"


def test_village_filter(users, world, client_for, api_client_for):
    second = Region.objects.create(code="330102001002", name="后山村", level="village", parent=world.township_a,
                                   kind="village")
    here = case_make(world.village_a, subject_id="V1")
    there = case_make(second, subject_id="V2")
    client = client_for(users.inspector_a)
    page = client.get("/cases/").content.decode()
    assert 'id="f-village"' in page and "后山村" in page and "后塘村" not in page
    body = client.get(f"/cases/?village={second.code}").content.decode()
    assert f'href="/cases/{there.pk}/"' in body and f'href="/cases/{here.pk}/"' not in body
    items = api_client_for(users.inspector_a).get(f"/api/v1/cases?village={world.village_a.code}").json()["items"]
    assert [i["id"] for i in items] == [here.pk]
