"""/api/v1/reports: anonymous submit and tracking, same checks, limits and not-found answer."""

import pytest

from sunlit.cases.models import Case, State
from sunlit.reports.models import Report
from tests.reports.records import case_to_closed

pytestmark = pytest.mark.django_db


def _post(client, body, **extra):
    return client.post("/api/v1/reports", body, content_type="application/json", **extra)


def test_the_form_choices_and_limits(world, client_for):
    body = client_for(None).get("/api/v1/reports").json()
    assert {c["value"] for c in body["categories"]} == {"labour", "projects", "assets", "procurement", "relief",
                                                        "seals", "other"}
    assert body["text_max"] == 2000


def test_anonymous_submit_and_track(world, users, client_for):
    client = client_for(None)
    response = _post(client, {"village": world.village_a.code, "category": "relief", "text": "低保名单里有村干部亲属",
                              "name": "赵六", "phone": "13700003333"})
    assert response.status_code == 201, response.content
    code = response.json()["tracking_code"]
    report = Report.objects.get()
    assert report.case.handling_code == world.village_a.code and report.case.state == State.NEW
    case_to_closed(report, users)
    tracked = client.get(f"/api/v1/reports/{code.lower()}").json()
    assert tracked["state"] == "closed" and tracked["conclusion"] == "confirmed" and tracked["may_rate"] is True
    assert [s["step"] for s in tracked["steps"]][-1] == "close"
    text = str(tracked)
    assert "赵六" not in text and "13700003333" not in text and "liaison" not in text and "内部" not in text


def test_bad_input_is_refused_whole(world, client_for):
    response = _post(client_for(None), {"village": "330102001000", "category": "nope", "text": ""})
    assert response.status_code == 422
    assert {e["column"] for e in response.json()["errors"]} == {"village", "category", "text"}
    assert not Report.objects.exists() and not Case.objects.exists()


def test_wrong_and_unknown_codes_answer_alike_and_lookups_are_limited(world, client_for, settings):
    settings.SUNLIT_REPORT_RATE_LIMITS = {"submit": (1, 3600), "track": (2, 600)}
    client = client_for(None)
    unknown, wrong = client.get("/api/v1/reports/ABCD-EFGH-JKMN-PQRS"), client.get("/api/v1/reports/x%3Cb%3E")
    assert unknown.status_code == wrong.status_code == 404 and unknown.json() == wrong.json()
    assert client.get("/api/v1/reports/ABCD-EFGH-JKMN-PQRS").status_code == 429
    body = {"village": world.village_a.code, "category": "other", "text": "一"}
    assert _post(client, body).status_code == 201
    assert _post(client, body).status_code == 429
    assert Report.objects.count() == 1
