"""Every cockpit figure equals a direct count from the rows, at every level of the tree, after a
sequence of alerts, case steps (at different dates), dispositions, a reopened report and ledger
rows; the incremental tallies equal a full rebuild."""

import pytest
from django.core.management import call_command

from sunlit.cockpit import selectors, services
from sunlit.cockpit.models import Tally
from sunlit.regions.models import Region
from tests.cockpit import direct
from tests.cockpit.builders import build


@pytest.fixture
def scenario(world, users, monkeypatch):
    made = build(world, users, monkeypatch)
    services.coverage_refresh()       # what the end of a model run does
    return made


def _check_region(user, region):
    f = selectors.cockpit_figures(user=user, region=region)
    d = direct.figures(region.code)
    where = f"{region.level} {region.code}"
    assert f["coverage"]["villages"] == d["villages"], where
    assert f["coverage"]["current"] == d["current"], where
    assert f["alerts"]["total"] == d["alerts"], where
    assert f["alerts"]["by_colour"] == d["by_colour"], where
    assert f["alerts"]["by_domain"] == d["by_domain"], where
    assert f["alerts"]["by_model"] == d["by_model"], where
    assert f["alerts"]["by_month"] == d["by_month"], where
    assert f["cases"]["opened"] == d["opened"], where
    assert f["cases"]["open"] == d["open"], where
    assert f["cases"]["overdue"] == d["overdue"], where
    assert f["cases"]["closed"] == d["closed"], where
    assert f["cases"]["by_state"] == d["by_state"], where
    assert f["reports"]["total"] == d["reports"], where
    assert f["people"]["by_measure"] == d["people"], where
    assert f["people"]["total"] == sum(d["people"].values()), where
    assert f["money"]["wan"] == d["money_wan"], where
    assert f["precision"] == d["precision"], where
    assert f["risk"] == direct.risk(region.code), where
    return f


def test_every_figure_equals_a_direct_count_at_every_level(scenario, users):
    checked = {level: 0 for level in ("province", "city", "county", "township", "village")}
    for region in Region.objects.all():
        f = _check_region(users.admin, region)
        checked[region.level] += 1
        if region.level == "province":
            province = f
    assert all(checked.values()), checked
    # the scenario is not trivial: every kind of figure has something to count
    assert province["alerts"]["total"] == 13 and set(province["alerts"]["by_colour"].values()) != {0}
    assert province["cases"]["overdue"] > 0 and province["cases"]["closed"] >= 2 and province["cases"]["open"] > 0
    assert province["money"]["wan"] == pytest.approx(9.48, abs=0.01)
    assert province["coverage"] == {"villages": 4, "current": 3, "rate": 0.75, "days": 90}
    assert province["people"]["total"] == 7 and province["reports"]["total"] == 1


def test_the_children_and_ranking_agree_with_the_rows(scenario, users, world):
    children = selectors.cockpit_children(user=users.admin, region=world.county_a)
    assert [c["code"] for c in children] == ["330102001000", "330102002000"]
    villages = selectors.cockpit_children(user=users.admin, region=scenario.extra.township_a2)
    assert [c["code"] for c in villages] == ["330102002001", "330102002002"]
    for child in children + villages + selectors.cockpit_children(user=users.admin, region=world.province):
        d = direct.figures(child["code"])
        assert (child["villages"], child["coverage"], child["cases"]) == \
            (d["villages"], round(d["current"] / d["villages"], 4), d["opened"]), child["code"]
        d = direct.figures(child["code"])
        assert (child["alerts"], child["open"], child["overdue"], child["closed"], child["money_wan"]) == \
            (d["alerts"], d["open"], d["overdue"], d["closed"], d["money_wan"])
        assert child["risk"] == direct.risk(child["code"])
    ranking = selectors.cockpit_ranking(user=users.admin, region=world.province, level="village")
    expected = sorted(((direct.risk(r.code), r.code) for r in Region.objects.filter(level="village")),
                      key=lambda t: (-t[0], t[1]))
    assert [(r["risk"], r["code"]) for r in ranking] == [e for e in expected if e[0] > 0]
    townships = selectors.cockpit_ranking(user=users.admin, region=world.county_a, level="township")
    assert {r["code"] for r in townships} <= {"330102001000", "330102002000"} and townships[0]["rank"] == 1
    assert selectors.cockpit_ranking(user=users.admin, region=world.village_a, level="village") == []


def test_todays_high_frequency_items(scenario, users, world):
    items = {h["item"]: h for h in selectors.cockpit_high_frequency(user=users.admin, region=world.province)}
    assert items["labour_dispatches"]["count"] == 1          # the dispatch of 400 days ago is not today's
    assert items["labour_payments"]["count"] == 1 and items["labour_payments"]["amount"] == 450.0
    assert items["seal_uses"]["count"] == 1
    assert items["purchases"]["count"] == 0
    county_a = {h["item"]: h for h in selectors.cockpit_high_frequency(user=users.admin, region=world.county_a)}
    assert county_a["seal_uses"]["count"] == 0                # the seal use was in county B


def test_incremental_tallies_equal_a_full_rebuild(scenario):
    assert services.cockpit_check() == []
    before = {(t.region_code, t.metric, t.key, t.month): t.value for t in Tally.objects.exclude(value=0)}
    rows = services.cockpit_rebuild()
    after = {(t.region_code, t.metric, t.key, t.month): t.value for t in Tally.objects.all()}
    assert before == after and rows == len(after)


def test_check_finds_a_tally_out_of_step_and_the_command_rebuilds(scenario, capsys):
    Tally.objects.filter(region_code="330000000000", metric="risk").update(value=999)
    differences = services.cockpit_check()
    assert [(d[0][0], d[0][1], d[1]) for d in differences] == [("330000000000", "risk", 999)]
    with pytest.raises(SystemExit):
        call_command("cockpit", "check")
    assert "1 tallies differ" in capsys.readouterr().out
    call_command("cockpit", "rebuild")
    call_command("cockpit", "check")
    assert "match" in capsys.readouterr().out


def test_figures_are_reused_for_the_cache_time_then_read_afresh(scenario, users, world, settings):
    from sunlit.cases.services import case_open_for_report

    settings.SUNLIT_COCKPIT_CACHE_SECONDS = 60
    first = selectors.cockpit_figures(user=users.admin, region=world.province)["cases"]["opened"]
    case_open_for_report(reference="R-cache", village_code=world.village_a.code, title="x")
    assert selectors.cockpit_figures(user=users.admin, region=world.province)["cases"]["opened"] == first
    settings.SUNLIT_COCKPIT_CACHE_SECONDS = 0
    assert selectors.cockpit_figures(user=users.admin, region=world.province)["cases"]["opened"] == first + 1
    from django.core.cache import cache

    cache.clear()
