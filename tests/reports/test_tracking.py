"""The tracking page: public steps only, the same answer for a wrong code and an unknown one,
rating after closure once per closure, one reopening when not satisfied."""

import json
import re

import pytest

from sunlit.cases import services as cases
from sunlit.cases.models import Case, CaseEvent, State
from sunlit.errors import InvalidInput
from sunlit.reports import codes
from sunlit.reports.models import ReportRating
from sunlit.reports.services import report_rate, report_reopen, report_reply
from tests.reports.records import case_to_closed, report_make

pytestmark = pytest.mark.django_db


def _page(client, report):
    return client.get(f"/r/track/{codes.grouped(report.tracking_code)}/")


def _comparable(body: bytes) -> str:
    """The page without what differs by request anyway: the CSRF token and the language switch's
    return address (the path asked for)."""
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body.decode())
    return re.sub(r'name="next" value="[^"]+"', "", text)


def test_every_public_step_is_shown_without_officer_names_or_internal_notes(world, users, client_for):
    report = report_make(world.village_a)
    report_reply(case_id=report.case_id, actor=users.liaison, text="已安排人员核实，请耐心等待。")
    case_to_closed(report, users)
    response = _page(client_for(None), report)
    assert response.status_code == 200
    body = response.content.decode()
    steps = re.findall(r'data-step="([a-z_]+)"', body)
    assert steps == ["open", "dispatch", "take", "start_verification", "verify", "dispose", "close"]
    for label in ("已受理", "已交承办单位", "承办单位已接单", "开始核查", "核查完毕: 属实", "已处置", "已办结"):
        assert label in body, label
    assert "已安排人员核实" in body                     # the public reply
    for secret in ("liaison", "inspector_a", "内部：走访了三户", "已督促施工方返工"):
        assert secret not in body, secret            # officers' names, step notes, disposition


def test_a_wrong_code_and_an_unknown_code_get_the_same_answer(world, client_for):
    report = report_make(world.village_a)
    client = client_for(None)
    unknown = client.get("/r/track/ABCD-EFGH-JKMN-PQRS/")             # well formed, no such report
    wrong = client.get("/r/track/not-a-code<script>/")                  # malformed
    near = client.get(f"/r/track/{report.tracking_code[:-1]}2/")        # one character off
    assert unknown.status_code == wrong.status_code == near.status_code == 404
    assert _comparable(unknown.content) == _comparable(wrong.content) == _comparable(near.content)
    assert "<script>" not in wrong.content.decode().lower().replace("&lt;script&gt;", "")
    assert _page(client, report).status_code == 200


def test_the_look_up_form_sends_any_code_to_the_same_answer(world, client_for):
    client = client_for(None)
    for typed in ("zzzz", "ABCD EFGH JKMN PQRS", "../../etc/passwd"):
        response = client.get("/r/track/", {"code": typed}, follow=True)
        assert response.status_code == 404, typed
        assert "没有与此查询码对应的反映" in response.content.decode()


def test_rating_only_after_closure_and_only_once_per_closure(world, users, client_for):
    report = report_make(world.village_a)
    client = client_for(None)
    url = f"/r/track/{report.tracking_code}/"
    client.post(url, {"action": "rate", "value": "satisfied"})
    assert not ReportRating.objects.exists()                       # still open: refused
    assert "办结后才能评价" in client.get(url).content.decode()
    assert 'data-testid="rate-form"' not in client.get(url).content.decode()
    case_to_closed(report, users)
    assert 'data-testid="rate-form"' in client.get(url).content.decode()
    client.post(url, {"action": "rate", "value": "basically"})
    client.post(url, {"action": "rate", "value": "unsatisfied"})
    assert list(ReportRating.objects.values_list("value", flat=True)) == ["basically"]
    page = client.get(url).content.decode()
    assert "您已经评价过了" in page and 'data-testid="rate-form"' not in page and "基本满意" in page
    assert 'data-testid="reopen-form"' not in page                 # satisfied enough: no reopening
    with pytest.raises(InvalidInput):
        report_reopen(report=report)


def test_one_reopening_when_not_satisfied(world, users, client_for):
    report = report_make(world.village_a)
    client = client_for(None)
    url = f"/r/track/{report.tracking_code}/"
    case_to_closed(report, users)
    client.post(url, {"action": "reopen", "reason": "还是没修"})       # not rated yet: refused
    assert Case.objects.get(pk=report.case_id).state == State.CLOSED
    client.post(url, {"action": "rate", "value": "unsatisfied"})
    assert 'data-testid="reopen-form"' in client.get(url).content.decode()
    client.post(url, {"action": "reopen", "reason": "路还是只修了一半"})
    case = Case.objects.get(pk=report.case_id)
    assert (case.state, case.reopen_count, case.handling_code) == (State.REOPENED, 1, world.village_a.code)
    event = CaseEvent.objects.filter(case=case).last()
    assert event.transition == "reopen" and event.actor_username == "public:reporter" and "只修了一半" in event.note
    assert "重新办理" in client.get(url).content.decode()
    # the village's liaison station has it again, and handles it to closure
    report.case.refresh_from_db()
    cases.case_take(case_id=case.pk, actor=users.liaison)      # a reopened case goes straight back
    cases.case_start_verification(case_id=case.pk, actor=users.liaison)
    cases.case_verify(case_id=case.pk, actor=users.liaison, conclusion="confirmed")
    cases.case_dispose(case_id=case.pk, actor=users.liaison)
    cases.case_close(case_id=case.pk, actor=users.inspector_a)
    # a second rating for the second handling; no second reopening whatever it says
    client.post(url, {"action": "rate", "value": "unsatisfied"})
    assert ReportRating.objects.filter(report=report).count() == 2
    page = client.get(url).content.decode()
    assert 'data-testid="reopen-form"' not in page
    client.post(url, {"action": "reopen"})
    assert Case.objects.get(pk=case.pk).state == State.CLOSED
    report.case.refresh_from_db()
    with pytest.raises(InvalidInput):
        report_reopen(report=report)


def test_rating_twice_at_once_keeps_one(world, users):
    report = case_to_closed(report_make(world.village_a), users)
    report_rate(report=report, value="satisfied")
    with pytest.raises(InvalidInput):
        report_rate(report=report, value="unsatisfied")
    assert ReportRating.objects.count() == 1


def test_a_reply_is_only_for_the_handling_unit_and_its_supervisors(world, users, client_for):
    report = report_make(world.village_a)
    for who in (users.liaison, users.inspector_a, users.township_officer):
        response = client_for(who).post(f"/r/case/{report.case_id}/reply/", {"text": f"答复 {who.username}"})
        assert response.status_code == 302, who.username
    assert report.replies.count() == 3
    assert client_for(users.clerk).post(f"/r/case/{report.case_id}/reply/", {"text": "x"}).status_code == 403
    assert client_for(users.inspector_b).post(f"/r/case/{report.case_id}/reply/", {"text": "x"}).status_code == 404
    assert report.replies.count() == 3


def test_a_reopening_sent_twice_reopens_once(world, users, client_for):
    report = case_to_closed(report_make(world.village_a), users)
    report_rate(report=report, value="unsatisfied")
    report_reopen(report=report, reason="第一次")
    client = client_for(None)
    response = client.post(f"/r/track/{report.tracking_code}/", {"action": "reopen"}, follow=True)
    assert response.status_code == 200
    case = Case.objects.get(pk=report.case_id)
    assert (case.state, case.reopen_count) == (State.REOPENED, 1)
    assert CaseEvent.objects.filter(case=case, transition="reopen").count() == 1


def test_an_id_number_written_in_a_report_is_hidden_in_public_but_not_from_officers(world, users, client_for):
    from sunlit.identity import person_id_make

    number = person_id_make("33010219800101123")
    report = report_make(world.village_a, text=f"村干部亲属（身份证 {number}）领了低保")
    report_reply(case_id=report.case_id, actor=users.liaison, text=f"已核查 {number} 的低保资格")
    page = _page(client_for(None), report).content.decode()
    api = json.dumps(client_for(None).get(f"/api/v1/reports/{report.tracking_code}").json(), ensure_ascii=False)
    for public in (page, api):
        assert number not in public and number[:14] not in public and "［已隐去］" in public
    assert number in client_for(users.liaison).get(f"/cases/{report.case_id}/").content.decode()


def test_a_tracking_page_is_neither_cached_nor_indexed(world, client_for):
    report = report_make(world.village_a)
    for response in (_page(client_for(None), report), client_for(None).get("/r/track/ABCD-EFGH-JKMN-PQRS/")):
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow" and response["Referrer-Policy"] == "same-origin"
