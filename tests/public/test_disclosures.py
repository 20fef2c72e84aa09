"""Three-affairs disclosures (三务公开): a clerk publishes for their own village only; the period
follows the category's cadence; the deadline tracker opens exactly one case per late period."""

import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from sunlit.cases.models import Case, CaseEvent, SourceKind
from sunlit.errors import AccessDenied, InvalidInput, NotFound
from sunlit.public import deadlines
from sunlit.public.models import Disclosure
from sunlit.public.services import disclosure_publish, disclosures_check
from tests.entry.conftest import VILLAGE_A, VILLAGE_B


def _publish(actor, village=VILLAGE_A, category="finance", period="2026-09", **extra):
    return disclosure_publish(actor=actor, village_code=village, category=category, period=period,
                              title=extra.get("title", "九月财务"), content=extra.get("content", "收支明细"),
                              today=extra.get("today", date(2026, 11, 1)))


def test_a_clerk_publishes_for_their_village(world, users):
    d = _publish(users.clerk)
    assert (d.village_code, d.category, d.period, d.published_by) == (VILLAGE_A, "finance", "2026-09", users.clerk)
    from sunlit.audit.models import AuditEvent

    assert AuditEvent.objects.filter(kind="disclosure_published", object_id=str(d.pk)).exists()


def test_a_clerk_of_village_a_cannot_publish_for_village_b(world, users):
    with pytest.raises(NotFound):
        _publish(users.clerk, village=VILLAGE_B)
    assert not Disclosure.objects.exists()


@pytest.mark.parametrize("who", ["inspector_a", "liaison", "steward"])
def test_roles_that_may_not_publish_are_refused(world, users, who):
    with pytest.raises(AccessDenied):
        _publish(getattr(users, who))


@pytest.mark.parametrize("category,period", [("finance", "2026Q3"), ("party", "2026-09"), ("village", "2026Q5"),
                                             ("finance", "2027-01"), ("other", "2026-09"), ("finance", "0000-01"),
                                             ("party", "0000Q1"), ("finance", "9999-12")])
def test_the_period_follows_the_category_and_is_not_in_the_future(world, users, category, period):
    with pytest.raises(InvalidInput):
        _publish(users.clerk, category=category, period=period)
    assert not Disclosure.objects.exists()


def test_a_quarter_written_with_a_dash_is_the_same_quarter(world, users):
    assert _publish(users.clerk, category="party", period="2026-q3").period == "2026Q3"
    assert _publish(users.clerk, category="village", period=" 2026 Q2 ").period == "2026Q2"


def test_title_and_content_are_required(world, users):
    with pytest.raises(InvalidInput) as refused:
        _publish(users.clerk, title=" ", content="")
    assert {e.column for e in refused.value.errors} == {"title", "content"}


def test_the_publish_page(world, users, client_for):
    client = client_for(users.clerk)
    page = client.get(f"/v/{VILLAGE_A}/disclosures/publish/")
    assert page.status_code == 200 and 'data-testid="disclosure-form"' in page.content.decode()
    done = client.post(f"/v/{VILLAGE_A}/disclosures/publish/",
                       {"category": "party", "period": "2026q3", "title": "三季度党务", "content": "支部会议三次"})
    assert done.status_code == 302
    assert Disclosure.objects.get().period == "2026Q3"
    bad = client.post(f"/v/{VILLAGE_A}/disclosures/publish/",
                      {"category": "finance", "period": "2026Q3", "title": "x", "content": "y"})
    assert bad.status_code == 422 and "YYYY-MM" in bad.content.decode()
    assert client.get(f"/v/{VILLAGE_B}/disclosures/publish/").status_code == 404
    assert client.post(f"/v/{VILLAGE_B}/disclosures/publish/",
                       {"category": "party", "period": "2026Q3", "title": "t", "content": "c"}).status_code == 404
    # an inspector reads the list but has no form and may not post
    inspector = client_for(users.inspector_a)
    body = inspector.get(f"/v/{VILLAGE_A}/disclosures/publish/").content.decode()
    assert "三季度党务" in body and 'data-testid="disclosure-form"' not in body
    assert inspector.post(f"/v/{VILLAGE_A}/disclosures/publish/",
                          {"category": "party", "period": "2026Q3", "title": "t", "content": "c"}).status_code == 403
    assert Disclosure.objects.count() == 1


def test_deadlines_by_cadence(settings):
    rules = deadlines.rules()
    assert rules["finance"].every == "month" and rules["party"].every == "quarter"
    assert deadlines.period_bounds("2026Q4") == (date(2026, 10, 1), date(2026, 12, 31))
    assert deadlines.period_bounds("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert deadlines.due_on("2026-10", rules["finance"]) == date(2026, 11, 10)
    assert deadlines.latest_due_period(rules["finance"], date(2026, 11, 10)) == "2026-09"
    assert deadlines.latest_due_period(rules["finance"], date(2026, 11, 11)) == "2026-10"
    assert deadlines.latest_due_period(rules["party"], date(2026, 11, 28)) == "2026Q3"
    assert deadlines.latest_due_period(rules["party"], date(2026, 1, 10)) == "2025Q3"
    settings.SUNLIT_DISCLOSURE_DEADLINES = {"party": {"every": "month", "grace_days": 0}}
    assert deadlines.rules()["party"].every == "month" and deadlines.rules()["finance"].every == "month"


def test_the_tracker_opens_exactly_one_case_per_late_period(world, users):
    today = date(2026, 11, 28)      # finance 2026-10 was due 11-10, party/village 2026Q3 due 10-15
    _publish(users.clerk, category="finance", period="2026-10", today=today)
    _publish(users.admin, village=VILLAGE_B, category="party", period="2026Q3", today=today)
    first = disclosures_check(today=today)
    assert first.periods == {"finance": "2026-10", "party": "2026Q3", "village": "2026Q3"}
    assert sorted(first.late) == sorted([(VILLAGE_A, "party", "2026Q3"), (VILLAGE_A, "village", "2026Q3"),
                                         (VILLAGE_B, "finance", "2026-10"), (VILLAGE_B, "village", "2026Q3")])
    cases = Case.objects.filter(source_kind=SourceKind.DISCLOSURE)
    assert cases.count() == 4 and len(first.opened) == 4
    case = cases.get(source_ref=f"{VILLAGE_B}:finance:2026-10")
    assert case.village_code == VILLAGE_B and case.handling_code == VILLAGE_B and case.state == "new"
    assert case.level == "village" and case.title == "三务公开逾期：财务 2026-10"   # data: Chinese only
    assert CaseEvent.objects.filter(case=case, transition="open").count() == 1
    again = disclosures_check(today=today)
    assert len(again.late) == 4 and again.opened == [] and cases.count() == 4
    # publishing late does not open more; the next month's check raises the next period once
    _publish(users.admin, village=VILLAGE_B, category="finance", period="2026-10", today=today)
    december = disclosures_check(today=date(2026, 12, 11))
    assert set(december.opened) and cases.filter(source_ref__endswith=":finance:2026-11").count() == 2
    assert cases.count() == 6


def test_the_command_and_the_scheduled_task(world, users, capsys):
    call_command("disclosures", "check", "--today", "2026-11-28", "--region", world.county_a.code, "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["villages"] == 1 and len(out["opened"]) == 3
    assert {tuple(x) for x in out["late"]} == {(VILLAGE_A, "finance", "2026-10"), (VILLAGE_A, "party", "2026Q3"),
                                               (VILLAGE_A, "village", "2026Q3")}
    call_command("disclosures", "check", "--today", "2026-11-28", "--period", "finance=2026-09")
    text = capsys.readouterr().out
    assert "finance 2026-09" in text and "4 cases opened" in text   # 2026-09 for both villages; 2026Q3 ×2 for B
    with pytest.raises(CommandError, match="12"):
        call_command("disclosures", "check", "--region", "3301")
    with pytest.raises(CommandError, match="CATEGORY=PERIOD"):
        call_command("disclosures", "check", "--period", "finance=2026Q3")
    from sunlit.public.tasks import disclosures_check_task

    result = disclosures_check_task.enqueue().return_value
    assert result["villages"] == 2


def test_the_schedule_names_the_task(settings):
    from django.utils.module_loading import import_string

    at, path = settings.SUNLIT_SCHEDULE["disclosures_check"]
    assert import_string(path).name == "disclosures_check_task"


def test_the_late_disclosure_case_is_in_the_liaison_stations_inbox(world, users, client_for):
    opened = disclosures_check(today=date(2026, 11, 28), region_code=VILLAGE_A)
    case = Case.objects.get(pk=opened.opened[0])
    client = client_for(users.liaison)
    inbox = client.get("/cases/inbox/").content.decode()
    assert "三务公开逾期" in inbox
    detail = client.get(f"/cases/{case.pk}/")
    assert detail.status_code == 200 and case.title in detail.content.decode()
    assert client_for(users.inspector_b).get(f"/cases/{case.pk}/").status_code in (403, 404)


def test_a_late_disclosure_case_is_titled_in_chinese(world):
    from sunlit.cases.services import case_open_for_late_disclosure

    case, opened = case_open_for_late_disclosure(village_code=VILLAGE_A, category="party", period="2026Q3",
                                                 title="三务公开逾期：党务 2026Q3 / late disclosure: party 2026Q3")
    assert opened and Case.objects.get(pk=case.pk).title == "三务公开逾期：党务 2026Q3"
