"""Abuse resistance: per-client rate limits on submissions and look-ups (429 with a page saying
when to retry), and a complaint's HTML rendered harmless on every page where it appears."""

import pytest

from sunlit.reports import codes
from sunlit.reports.models import Report
from tests.reports.records import case_to_closed, report_make

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'&'


def _form(village):
    return {"village": village.code, "kind": "complaint", "category": "other", "text": "路灯坏了"}


def test_submissions_are_limited_per_client(world, client_for, settings):
    settings.SUNLIT_REPORT_RATE_LIMITS = {"submit": (3, 3600), "track": (100, 600)}
    client = client_for(None)
    for _ in range(3):
        assert client.post("/r/new/", _form(world.village_a), REMOTE_ADDR="10.0.0.1").status_code == 302
    refused = client.post("/r/new/", _form(world.village_a), REMOTE_ADDR="10.0.0.1")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "请求过于频繁" in refused.content.decode()
    assert Report.objects.count() == 3
    # another client is not affected, and reading the form is not counted
    assert client.post("/r/new/", _form(world.village_a), REMOTE_ADDR="10.0.0.2").status_code == 302
    assert client.get("/r/new/", REMOTE_ADDR="10.0.0.1").status_code == 200


def test_look_ups_are_limited_per_client_whether_the_code_exists_or_not(world, client_for, settings):
    settings.SUNLIT_REPORT_RATE_LIMITS = {"submit": (5, 3600), "track": (4, 600)}
    report = report_make(world.village_a)
    client = client_for(None)
    answers = [client.get(f"/r/track/{code}/", REMOTE_ADDR="10.0.0.9").status_code
               for code in ("AAAA-BBBB-CCCC-DDDD", "AAAA-BBBB-CCCC-DDDE", report.tracking_code, "nope",
                            report.tracking_code, "AAAA-BBBB-CCCC-DDDF")]
    assert answers == [404, 404, 200, 404, 429, 429]
    assert client.get(f"/r/track/{report.tracking_code}/", REMOTE_ADDR="10.0.0.10").status_code == 200


def test_the_limit_window_ends(world, client_for, settings, monkeypatch):
    settings.SUNLIT_REPORT_RATE_LIMITS = {"submit": (5, 3600), "track": (1, 60)}
    from sunlit.reports import limits

    now = [1_000_020.0]
    monkeypatch.setattr(limits.time, "time", lambda: now[0])
    client = client_for(None)
    assert client.get("/r/track/AAAA/").status_code == 404
    assert client.get("/r/track/AAAA/").status_code == 429
    now[0] += 60
    assert client.get("/r/track/AAAA/").status_code == 404


def test_html_in_a_complaint_is_harmless_wherever_it_appears(world, users, client_for):
    report = report_make(world.village_a, text=f"工钱被扣 {PAYLOAD}", reporter_name=PAYLOAD[:50],
                         reporter_phone="13800001111")
    client_for(users.liaison).post(f"/r/case/{report.case_id}/reply/", {"text": f"答复 {PAYLOAD}"})
    pages = {
        "tracking": client_for(None).get(f"/r/track/{codes.grouped(report.tracking_code)}/"),
        "case page": client_for(users.liaison).get(f"/cases/{report.case_id}/"),
        "queue": client_for(users.inspector_a).get("/cases/?source=report"),
        "inbox": client_for(users.liaison).get("/cases/inbox/"),
    }
    for where, response in pages.items():
        body = response.content.decode()
        assert response.status_code == 200, where
        assert "工钱被扣" in body, where                              # the complaint is there …
        assert "<script>alert" not in body and "<img src=x" not in body, where   # … but inert
        assert "&lt;script&gt;alert(" in body, where
    case_to_closed(report, users)
    closed = client_for(None).get(f"/r/track/{report.tracking_code}/").content.decode()
    assert "<script>alert" not in closed and "&lt;script&gt;" in closed
