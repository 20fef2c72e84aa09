"""The demo's workflow (`sunlit.demo.activity`), on two small demos generated with the same seed in
subprocesses (each its own SQLite file and data directory): the activity's counts are not zero, every
case's events form a valid path of the state machine, the same seed gives the same activity,
disclosures exist for every village but the few left late (which the check found), the planted
anomalies are still all found with no near-miss alert, and the cockpit's tallies equal a rebuild."""

import json
import os
import random
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.utils import timezone

from sunlit.demo import activity

ROOT = Path(__file__).resolve().parents[2]
DEMO = ["demo", "--no-serve", "--villages", "6", "--planted", "1", "--seed", "11"]


def _site(tmp_path_factory, name):
    data = tmp_path_factory.mktemp(name)
    env = {**os.environ, "SUNLIT_DATA_DIR": str(data), "DATABASE_URL": f"sqlite:///{data / 'site.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "sunlit.settings.base", "SUNLIT_COCKPIT_CACHE_SECONDS": "0"}

    def run(*args):
        return subprocess.run([sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True,
                              timeout=900)

    demo = run("-m", "sunlit", *DEMO)
    assert demo.returncode == 0, demo.stderr[-3000:]
    state = run("-m", "tests.demo.activity_state")
    assert state.returncode == 0, state.stderr[-3000:]
    return run, demo.stdout, json.loads(state.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    return _site(tmp_path_factory, "first"), _site(tmp_path_factory, "second")


@pytest.fixture(scope="module")
def site(sites):
    return sites[0]


def test_the_demo_prints_the_activity_and_its_counts_are_not_zero(site):
    _run, stdout, state = site
    line = next(row for row in stdout.splitlines() if row.startswith("Activity: "))
    assert "disclosures" in line and "citizen reports" in line and "alert cases moved" in line
    assert sum(len(v) for v in state["published"].values()) > 0
    assert state["reports"] >= activity.REPORTS_MIN and state["replies"] > 0 and state["ratings"]
    assert state["dispositions"] > 0 and state["people"] > 0 and float(state["money"]) > 0
    assert state["overdue"] >= 1
    by_state = {}
    for chain in state["chains"].values():
        by_state[chain["state"]] = by_state.get(chain["state"], 0) + 1
    assert by_state["closed"] > 0 and by_state["new"] > 0          # handled ones, and many still open
    assert {"dispatched", "accepted", "verifying"} & set(by_state)
    conclusions = {c["conclusion"] for c in state["chains"].values() if c["conclusion"]}
    assert conclusions == {"confirmed", "partly_confirmed", "unfounded"}
    assert [p[0] for p in state["problem_lists"]] == ["330100000000", "330102000000"]
    assert all(p[2] > 0 for p in state["problem_lists"]) and state["problem_items"] > 0
    assert len(state["campaigns"]) == 1 and state["task_events"] > 0
    assert {s for _v, s in state["tasks"]} - {"not_started"}           # partly progressed
    assert sorted(r[0] for r in state["reforms"]) == ["city", "county"]
    assert all(r[1] > 0 for r in state["reforms"])                      # linked to listed problems


def test_every_case_s_events_form_a_valid_path(site):
    _run, _stdout, state = site
    allowed = {tuple(pair) for pair in state["allowed"]}
    moved = 0
    for key, chain in state["chains"].items():
        events = chain["events"]
        assert events[0][:3] == ["open", "", "new"], key
        for before, after in zip(events, events[1:], strict=False):
            assert after[1] == before[2], (key, events)              # from = the previous to
            assert (after[1], after[2]) in allowed, (key, after)
        assert events[-1][2] == chain["state"], key
        assert chain["times_ascending"] and chain["pk_order_is_time_order"], key
        moved += len(events) > 1
    assert moved >= 10


def test_the_same_seed_gives_the_same_activity(sites):
    (_r1, out1, first), (_r2, out2, second) = sites
    assert first["chains"] == second["chains"]
    assert first == second
    line = [r for r in out1.splitlines() if r.startswith("Activity: ")][0]
    assert line.rsplit(" in ", 1)[0] == [r for r in out2.splitlines() if r.startswith("Activity: ")][0].rsplit(
        " in ", 1)[0]


def test_disclosures_exist_for_every_village_but_the_few_left_late(site):
    _run, _stdout, state = site
    periods = {f"{c}|{p}" for c, p in state["periods"]}
    newest = {}
    for category, period in state["periods"]:
        newest[category] = max(newest.get(category, ""), period)
    late = sorted(set(state["disclosure_cases"]))
    assert 1 <= len(late) < len(state["published"]) / 2
    newest_only = {f"{c}|{p}" for c, p in newest.items()}
    assert newest_only < periods                                  # the finance month before too
    for village, published in state["published"].items():
        # the demo's county publishes every recent period, the others the newest of each category
        expected = periods if village.startswith(activity.HOME_COUNTY[:6]) else newest_only
        if village in late:
            missing = expected - set(published)
            assert missing and all(m.split("|")[1] == newest[m.split("|")[0]] for m in missing), village
            assert len(missing) == state["disclosure_cases"].count(village)   # one late case per missed period
        else:
            assert set(published) == expected, village
    assert any(not v.startswith(activity.HOME_COUNTY[:6]) for v in state["published"])
    # each village's clerk published its own (the demo's clerk for its village, a station account elsewhere)
    assert "clerk" in state["disclosure_publishers"]
    assert all(p == "clerk" or p.startswith("clerk.") for p in state["disclosure_publishers"])


def test_planted_anomalies_are_still_all_found_and_no_near_miss_fires(site):
    run, _stdout, _state = site
    check = run("-m", "sunlit", "demo", "--check", "--json")
    assert check.returncode == 0, check.stderr[-2000:]
    report = json.loads(check.stdout)
    assert report["models"] and report["models_with_missed_plants"] == []
    for row in report["models"]:
        assert row["recall"] == 1.0, row
        assert row["near_miss_alerts"] == 0, row


def test_cockpit_tallies_equal_a_rebuild_and_show_the_workflow(site):
    run, _stdout, state = site
    assert state["cockpit_differences"] == 0
    check = run("-m", "sunlit", "cockpit", "check", "--json")
    assert check.returncode == 0, check.stdout[-2000:]
    assert json.loads(check.stdout.splitlines()[-1])["differences"] == 0
    cockpit = state["cockpit"]
    assert cockpit["money_wan"] > 0 and cockpit["people"] > 0 and cockpit["closed"] > 0
    assert cockpit["overdue"] >= 1 and cockpit["precision_models"] > 0
    assert cockpit["problem_lists"]["lists"] >= 1 and cockpit["problem_lists"]["problems"] > 0
    assert cockpit["campaigns"] and cockpit["campaigns"][0]["progress"] > 0
    assert cockpit["reforms"]["total"] >= 1
    assert cockpit["satisfaction"]["rated"] > 0


# ---- the pieces, without a database ------------------------------------------------------------------

def test_the_plan_of_alert_cases_follows_the_seed():
    keys = [("LAB-01", "labour_payment", f"LP{i:04d}", "330102001001") for i in range(400)]
    plan = activity._alert_case_plan(keys, random.Random("demo-activity:1"))
    assert plan == activity._alert_case_plan(list(reversed(keys)), random.Random("demo-activity:1"))
    assert plan != activity._alert_case_plan(keys, random.Random("demo-activity:2"))
    assert len(plan) == activity.ALERT_CASES_MAX
    stages = {stage for _k, stage, _c in plan}
    assert stages <= {s for s, _w in activity.ALERT_STAGES}
    assert {"new", "dispatched", "accepted", "verifying", "verified", "disposed", "closed"} <= stages


def test_the_timeline_runs_in_time_order_under_the_clock_and_stops_at_the_horizon():
    real = timezone.now
    seen = []
    timeline = activity._Timeline()
    for day in (5, 2, 9, 3):
        at = datetime(2026, 10, day, 10, tzinfo=UTC)
        timeline.add(at, lambda at=at: seen.append((at, timezone.now())))
    timeline.run(datetime(2026, 10, 9, tzinfo=UTC))
    assert [a.day for a, _n in seen] == [2, 3, 5]
    assert all(a == n for a, n in seen)
    assert timezone.now is real

    with pytest.raises(RuntimeError), activity._clock(datetime(2026, 1, 1, tzinfo=UTC)):
        raise RuntimeError
    assert timezone.now is real
