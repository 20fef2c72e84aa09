"""The evaluation (成效评价) of a campaign: every figure checked against a direct count of the rows."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Sum

from sunlit.accounts.services import user_create
from sunlit.cases.models import Case, Disposition
from sunlit.closedloop import selectors, services
from sunlit.errors import AccessDenied, NotFound
from sunlit.supervision.models import Alert
from tests.closedloop.records import confirmed_case, more_villages
from tests.supervision.alerts import alert_make

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _between(start: date, end: date):
    return (datetime.combine(start, datetime.min.time(), SHANGHAI),
            datetime.combine(end + timedelta(days=1), datetime.min.time(), SHANGHAI))


@pytest.fixture
def scene(world, users, clock):
    """A county A campaign on LAB-05 in June 2026 (30 days), with alerts and cases before, during
    and after it, of LAB-05 and of another model, in county A and county B."""
    township, villages = more_villages(world, 2)
    clock.set(2026, 5, 20)
    campaign = services.campaign_create(user=users.inspector_a, title="超龄务工专项", region_code=world.county_a.code,
                                        target_kind="model", target="LAB-05", starts_on="2026-06-01",
                                        ends_on="2026-06-30")
    # before: two LAB-05 alerts in county A (one becomes a confirmed case), one of another model, one in county B
    confirmed_case(users, world.village_a, money="500", subject_id="B1", period="2026-05")
    alert_make(villages[0], subject_id="B2", period="2026-05")
    alert_make(world.village_a, subject_id="B3", model_code="LAB-01", period="2026-05")
    confirmed_case(users, world.village_b, money="70", subject_id="B4", period="2026-05")
    clock.set(2026, 5, 1)
    alert_make(world.village_a, subject_id="OLD", period="2026-04")          # before the before-window
    # during
    clock.set(2026, 6, 10)
    confirmed_case(users, villages[1], money="300", subject_id="D1", period="2026-06")
    confirmed_case(users, world.village_a, conclusion="unfounded", subject_id="D2", period="2026-06")
    # the villages rectify
    liaison_v0 = user_create(username="liaison-v0", password="correct-horse-battery-staple", role="liaison_officer",
                             scope=villages[0])
    clock.set(2026, 6, 20)
    task_a = campaign.tasks.get(village_code=world.village_a.code)
    services.campaign_task_move(user=users.liaison, task_id=task_a.pk, to_state="rectified")
    task_v0 = campaign.tasks.get(village_code=villages[0].code)
    services.campaign_task_move(user=liaison_v0, task_id=task_v0.pk, to_state="in_progress")
    clock.set(2026, 6, 25)
    services.campaign_task_move(user=liaison_v0, task_id=task_v0.pk, to_state="rectified")
    services.campaign_task_move(user=users.inspector_a, task_id=task_v0.pk, to_state="verified")
    # after: LAB-05 again in village A (recurrence, confirmed), once in county B
    clock.set(2026, 7, 5)
    confirmed_case(users, world.village_a, conclusion="partly_confirmed", money="40.5", subject_id="A1",
                   period="2026-07")
    alert_make(world.village_b, subject_id="A2", period="2026-07")
    clock.set(2026, 8, 15)                                                    # after the after-window
    alert_make(world.village_a, subject_id="LATE", period="2026-08")
    return {"campaign": campaign, "villages": villages, "township": township}


def _direct_alerts(prefix, model, start, end):
    lo, hi = _between(start, end)
    return Alert.objects.filter(village_code__startswith=prefix, model_code=model, raised_at__gte=lo,
                                raised_at__lt=hi).count()


def _direct_cases(prefix, model, start, end, confirmed_only=False):
    lo, hi = _between(start, end)
    qs = Case.objects.filter(village_code__startswith=prefix, model_code=model, opened_at__gte=lo, opened_at__lt=hi)
    if confirmed_only:
        qs = qs.filter(conclusion__in=["confirmed", "partly_confirmed"])
    return qs


def test_windows_before_during_and_after_match_direct_counts(scene, world, users):
    f = selectors.campaign_evaluation(user=users.inspector_a, campaign_id=scene["campaign"].pk)
    assert f["region"] == world.county_a and f["window_days"] == 30 and f["models"] == ["LAB-05"]
    windows = f["windows"]
    assert (windows["before"]["from"], windows["before"]["to"]) == (date(2026, 5, 2), date(2026, 5, 31))
    assert (windows["after"]["from"], windows["after"]["to"]) == (date(2026, 7, 1), date(2026, 7, 30))
    for name, w in windows.items():
        assert w["alerts"] == _direct_alerts("330102", "LAB-05", w["from"], w["to"]), name
        assert w["cases"] == _direct_cases("330102", "LAB-05", w["from"], w["to"]).count(), name
        confirmed = _direct_cases("330102", "LAB-05", w["from"], w["to"], confirmed_only=True)
        assert w["confirmed"] == confirmed.count(), name
        money = Disposition.objects.filter(case__in=confirmed).aggregate(s=Sum("money_recovered"))["s"] or 0
        assert w["money_recovered"] == money, name
    # and the figures themselves, so that a wrong direct count cannot hide a wrong selector
    assert (windows["before"]["alerts"], windows["before"]["confirmed"], windows["before"]["money_recovered"]) == \
        (2, 1, Decimal("500.00"))
    assert (windows["during"]["alerts"], windows["during"]["cases"], windows["during"]["confirmed"]) == (2, 2, 1)
    assert (windows["after"]["alerts"], windows["after"]["confirmed"], windows["after"]["money_recovered"]) == \
        (1, 1, Decimal("40.50"))
    assert f["change"] == {"alerts": -1, "confirmed": 0}
    assert f["after_complete"] is True       # the clock stands at 2026-08-15


def test_recurrence_money_and_precision(scene, world, users):
    f = selectors.campaign_evaluation(user=users.inspector_a, campaign_id=scene["campaign"].pk)
    recurrence = f["recurrence"]
    assert (recurrence["rectified_villages"], recurrence["recurred_villages"], recurrence["rate"]) == (2, 1, 0.5)
    # village A rectified on 2026-06-20; LAB-05 alerts raised there since: A1 (July) and LATE (August)
    rectified = datetime(2026, 6, 20, 10, tzinfo=SHANGHAI)
    direct = Alert.objects.filter(village_code=world.village_a.code, model_code="LAB-05",
                                  raised_at__gt=rectified).count()
    assert recurrence["alerts"] == direct == 2
    assert [v["village_code"] for v in recurrence["villages"]] == [world.village_a.code]
    since = Case.objects.filter(village_code__startswith="330102", model_code="LAB-05",
                                opened_at__gte=_between(date(2026, 6, 1), date(2026, 6, 1))[0],
                                conclusion__in=["confirmed", "partly_confirmed"])
    assert f["money_recovered"] == Disposition.objects.filter(case__in=since).aggregate(s=Sum("money_recovered"))["s"] \
        == Decimal("340.50")
    verified = Case.objects.filter(village_code__startswith="330102", model_code="LAB-05", source_kind="alert") \
        .exclude(conclusion="")
    confirmed = verified.filter(conclusion__in=["confirmed", "partly_confirmed"])
    assert f["precision"] == {"verified": verified.count(), "confirmed": confirmed.count(),
                              "precision": round(confirmed.count() / verified.count(), 4)}
    assert (f["precision"]["verified"], f["precision"]["confirmed"]) == (4, 3)


def test_a_sub_region_and_a_window_of_its_own(scene, world, users):
    f = selectors.campaign_evaluation(user=users.inspector_a, campaign_id=scene["campaign"].pk,
                                      region_code=scene["township"].code, window_days=20)
    assert f["region"] == scene["township"]
    assert f["windows"]["before"]["from"] == date(2026, 5, 12)
    assert f["windows"]["before"]["alerts"] == _direct_alerts("330102002", "LAB-05", date(2026, 5, 12),
                                                              date(2026, 5, 31)) == 1
    assert f["recurrence"]["rectified_villages"] == 1 and f["recurrence"]["recurred_villages"] == 0
    # a township officer below the campaign sees his own township by default
    own = selectors.campaign_evaluation(user=users.township_officer, campaign_id=scene["campaign"].pk)
    assert own["region"] == world.township_a and own["windows"]["before"]["alerts"] == 1


def test_evaluation_scope(scene, world, users):
    with pytest.raises(NotFound):
        selectors.campaign_evaluation(user=users.inspector_b, campaign_id=scene["campaign"].pk)
    with pytest.raises(NotFound):
        selectors.campaign_evaluation(user=users.inspector_a, campaign_id=scene["campaign"].pk,
                                      region_code=world.county_b.code)
    with pytest.raises(NotFound):
        selectors.campaign_evaluation(user=users.township_officer, campaign_id=scene["campaign"].pk,
                                      region_code=scene["township"].code)
    with pytest.raises(AccessDenied):
        selectors.campaign_evaluation(user=users.liaison, campaign_id=scene["campaign"].pk)


def test_page_and_api(scene, world, users, client_for, api_client_for):
    page = client_for(users.inspector_a).get(f"/loop/campaigns/{scene['campaign'].pk}/evaluation/")
    assert page.status_code == 200 and 'data-testid="recurrence"' in page.content.decode()
    body = api_client_for(users.inspector_a).get(f"/api/v1/loop/campaigns/{scene['campaign'].pk}/evaluation").json()
    assert body["windows"]["before"]["alerts"] == 2 and body["recurrence"]["recurred_villages"] == 1
    assert Decimal(body["money_recovered"]) == Decimal("340.50")
    assert client_for(users.liaison).get(f"/loop/campaigns/{scene['campaign'].pk}/evaluation/").status_code == 403


def test_a_domain_campaign_counts_the_citizen_reports_of_its_domain(world, users, clock):
    clock.set(2026, 5, 20)
    campaign = services.campaign_create(user=users.inspector_a, title="工程专项", region_code=world.county_a.code,
                                        target_kind="domain", target="projects", starts_on="2026-06-01",
                                        ends_on="2026-06-30")
    confirmed_case(users, world.village_a, money="60", report_category="projects", subject_id="R1")
    confirmed_case(users, world.village_a, money="9", report_category="labour", subject_id="R2")
    confirmed_case(users, world.village_a, money="7", subject_id="L1")              # a labour model's alert
    clock.set(2026, 8, 1)
    before = selectors.campaign_evaluation(user=users.inspector_a, campaign_id=campaign.pk)["windows"]["before"]
    assert (before["cases"], before["confirmed"], before["money_recovered"], before["alerts"]) == \
        (1, 1, Decimal("60.00"), 0)
    model_campaign = services.campaign_create(user=users.inspector_a, title="超龄", region_code=world.county_a.code,
                                              target_kind="model", target="LAB-05", starts_on="2026-06-01",
                                              ends_on="2026-06-30")
    before = selectors.campaign_evaluation(user=users.inspector_a, campaign_id=model_campaign.pk)["windows"]["before"]
    assert (before["cases"], before["confirmed"], before["money_recovered"], before["alerts"]) == \
        (1, 1, Decimal("7.00"), 1)
