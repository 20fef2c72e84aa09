"""Special campaigns (专项治理): creation with one task per village, who may create where, task moves
as append-only events by the village and the inspectors, and progress rolled up to every level."""

import json
from datetime import date

import pytest

from sunlit.audit.models import AuditEvent
from sunlit.closedloop import selectors, services
from sunlit.closedloop.models import Campaign, CampaignTask, CampaignTaskEvent
from sunlit.errors import AccessDenied, InvalidInput, NotFound
from sunlit.regions.models import Region
from tests.closedloop.records import campaign_in, more_villages

pytestmark = pytest.mark.django_db


def _create(user, region, **kw):
    args = {"title": "村级工程项目专项治理", "region_code": region.code, "target_kind": "model", "target": "LAB-05",
            "starts_on": "2026-06-01", "ends_on": "2026-08-31"} | kw
    return services.campaign_create(user=user, **args)


def test_a_campaign_makes_one_task_per_village_of_its_region(world, users):
    township, villages = more_villages(world, 3)
    campaign = _create(users.inspector_a, world.county_a)
    codes = sorted(campaign.tasks.values_list("village_code", flat=True))
    assert codes == sorted([world.village_a.code] + [v.code for v in villages])
    assert set(campaign.tasks.values_list("state", flat=True)) == {"not_started"}
    assert (campaign.level, campaign.starts_on, campaign.created_by_username) == ("county", date(2026, 6, 1),
                                                                                   "inspector_a")
    audit = AuditEvent.objects.get(kind="campaign_created", object_id=str(campaign.pk))
    assert json.loads(audit.detail)["tasks"] == 4
    province = _create(users.admin, world.province, target_kind="domain", target="projects")
    assert province.tasks.count() == Region.objects.filter(level="village").count() == 5


def test_who_may_create_a_campaign_and_where(world, users):
    with pytest.raises(InvalidInput) as refused:
        _create(users.township_officer, world.township_a)
    assert any(e.column == "region_code" for e in refused.value.errors)
    with pytest.raises(NotFound):
        _create(users.inspector_b, world.county_a)
    with pytest.raises(NotFound):
        _create(users.inspector_a, world.city)
    for who in (users.liaison, users.clerk, users.steward):
        with pytest.raises(AccessDenied):
            _create(who, world.county_a)
    with pytest.raises(InvalidInput) as bad:
        _create(users.inspector_a, world.county_a, target="XXX-99", ends_on="2026-05-01", title="")
    assert {e.column for e in bad.value.errors} == {"target", "ends_on", "title"}
    with pytest.raises(InvalidInput):
        _create(users.inspector_a, world.county_a, target_kind="domain", target="weather")
    assert not Campaign.objects.exists() and not CampaignTask.objects.exists()


def test_the_village_works_its_task_and_the_inspector_verifies(world, users):
    campaign = _create(users.inspector_a, world.county_a)
    task = campaign.tasks.get(village_code=world.village_a.code)
    assert services.task_moves(task=task, user=users.liaison) == ["in_progress", "rectified"]
    assert services.task_moves(task=task, user=users.inspector_a) == []
    services.campaign_task_move(user=users.liaison, task_id=task.pk, to_state="in_progress", note="已排查")
    services.campaign_task_move(user=users.clerk, task_id=task.pk, to_state="rectified", expected_state="in_progress")
    with pytest.raises(AccessDenied):   # the village cannot verify its own work
        services.campaign_task_move(user=users.liaison, task_id=task.pk, to_state="verified")
    services.campaign_task_move(user=users.township_officer, task_id=task.pk, to_state="verified")
    task.refresh_from_db()
    assert task.state == "verified"
    events = list(task.events.values_list("from_state", "to_state", "actor_username"))
    assert events == [("not_started", "in_progress", "liaison"), ("in_progress", "rectified", "clerk"),
                      ("rectified", "verified", "township_officer")]
    assert AuditEvent.objects.filter(kind="campaign_task_moved", object_id=str(task.pk)).count() == 3
    services.campaign_task_move(user=users.inspector_a, task_id=task.pk, to_state="in_progress", note="返工")
    assert CampaignTask.objects.get(pk=task.pk).state == "in_progress"


def test_task_events_are_append_only():
    event = CampaignTaskEvent(pk=1, at=None, actor_username="x", from_state="a", to_state="b")
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_task_events_cannot_be_rewritten_in_bulk(world, users):
    campaign = _create(users.admin, world.city)
    task = campaign.tasks.get(village_code=world.village_a.code)
    services.campaign_task_move(user=users.liaison, task_id=task.pk, to_state="in_progress")
    with pytest.raises(ValueError):
        CampaignTaskEvent.objects.filter(task=task).update(to_state="verified")
    with pytest.raises(ValueError):
        task.events.all().delete()
    assert list(task.events.values_list("from_state", "to_state")) == [("not_started", "in_progress")]


def test_refused_moves(world, users):
    campaign = _create(users.admin, world.city)
    task_a = campaign.tasks.get(village_code=world.village_a.code)
    task_b = campaign.tasks.get(village_code=world.village_b.code)
    with pytest.raises(NotFound):          # another village's task
        services.campaign_task_move(user=users.liaison, task_id=task_b.pk, to_state="in_progress")
    with pytest.raises(NotFound):          # county B's inspector and county A's task
        services.campaign_task_move(user=users.inspector_b, task_id=task_a.pk, to_state="verified")
    with pytest.raises(AccessDenied):
        services.campaign_task_move(user=users.steward, task_id=task_a.pk, to_state="in_progress")
    with pytest.raises(services.TaskConflict):   # not rectified yet
        services.campaign_task_move(user=users.inspector_a, task_id=task_a.pk, to_state="verified")
    with pytest.raises(services.TaskConflict):   # someone moved it first
        services.campaign_task_move(user=users.liaison, task_id=task_a.pk, to_state="in_progress",
                                    expected_state="in_progress")
    with pytest.raises(InvalidInput):
        services.campaign_task_move(user=users.liaison, task_id=task_a.pk, to_state="finished")
    assert not CampaignTaskEvent.objects.exists()
    assert set(CampaignTask.objects.values_list("state", flat=True)) == {"not_started"}


def test_who_sees_which_campaigns(world, users):
    a, b = campaign_in(world.county_a), campaign_in(world.county_b)
    city = campaign_in(world.city)
    assert set(selectors.campaign_list(user=users.inspector_a)) == {a, city}
    assert set(selectors.campaign_list(user=users.inspector_b)) == {b, city}
    assert set(selectors.campaign_list(user=users.liaison)) == {a, city}      # the campaigns over her village
    assert set(selectors.campaign_list(user=users.township_officer)) == {a, city}
    assert set(selectors.campaign_list(user=users.admin)) == {a, b, city}
    with pytest.raises(NotFound):
        selectors.campaign_get(user=users.inspector_b, campaign_id=a.pk)
    # a county inspector sees only the city campaign's tasks of his county
    assert [t.village_code for t in selectors.campaign_tasks(user=users.inspector_a, campaign=city)] == \
        [world.village_a.code]
    with pytest.raises(AccessDenied):
        selectors.campaign_list(user=users.steward)


def _liaison_of(code):
    from sunlit.accounts.services import user_create

    return user_create(username=f"liaison-{code}", password="correct-horse-battery-staple", role="liaison_officer",
                       scope=Region.objects.get(code=code))


def _direct(campaign_ids, prefix):
    tasks = CampaignTask.objects.filter(campaign__in=campaign_ids, village_code__startswith=prefix)
    return tasks.count(), tasks.filter(state__in=["rectified", "verified"]).count(), \
        tasks.filter(state="verified").count()


def test_progress_rolled_up_to_every_level_matches_direct_counts(world, users):
    township, villages = more_villages(world, 4)
    campaign = _create(users.admin, world.province)
    other = _create(users.admin, world.county_a, target_kind="domain", target="labour")
    moves = {villages[0].code: ["in_progress", "rectified"], villages[1].code: ["rectified", "verified"],
             villages[2].code: ["in_progress"], world.village_b.code: ["rectified"],
             world.village_a.code: ["rectified", "verified"]}
    for code, states in moves.items():
        task = campaign.tasks.get(village_code=code)
        worker = users.liaison if code == users.liaison.scope_id else _liaison_of(code)
        for state in states:
            services.campaign_task_move(user=users.admin if state == "verified" else worker, task_id=task.pk,
                                        to_state=state)
    services.campaign_task_move(user=users.liaison, task_id=other.tasks.get(village_code=world.village_a.code).pk,
                                to_state="rectified")
    for level in ("province", "city", "county", "township", "village"):
        rows = selectors.campaign_progress(user=users.admin, level=level, campaign_id=campaign.pk)
        assert sum(r["total"] for r in rows) == 6
        for r in rows:
            prefix = r["region_code"][:{"province": 2, "city": 4, "county": 6, "township": 9, "village": 12}[level]]
            total, done, verified = _direct([campaign.pk], prefix)
            assert (r["total"], r["done"], r["verified"]) == (total, done, verified), (level, r)
            assert r["ratio"] == round(done / total, 4)
    county_a = {r["region_code"]: r for r in selectors.campaign_progress(user=users.admin, level="county",
                                                                         campaign_id=campaign.pk)}
    assert (county_a[world.county_a.code]["done"], county_a[world.county_a.code]["total"]) == (3, 5)
    assert county_a[world.county_a.code]["region_name"] == "上城区"
    # over every campaign the reader sees, and only the reader's villages
    both = selectors.campaign_progress(user=users.inspector_a, level="county")
    assert both == [{"region_code": world.county_a.code, "region_name": "上城区",
                     "total": _direct([campaign.pk, other.pk], "330102")[0],
                     "done": _direct([campaign.pk, other.pk], "330102")[1],
                     "verified": _direct([campaign.pk, other.pk], "330102")[2],
                     "ratio": round(_direct([campaign.pk, other.pk], "330102")[1]
                                    / _direct([campaign.pk, other.pk], "330102")[0], 4)}]
    assert selectors.campaign_progress(user=users.inspector_b, level="township", campaign_id=campaign.pk) == [
        {"region_code": world.township_b.code, "region_name": "白塔镇", "total": 1, "done": 1, "verified": 0,
         "ratio": 1.0}]
    figures = {f["id"]: f for f in selectors.campaign_figures(user=users.inspector_a)}
    assert (figures[campaign.pk]["done"], figures[campaign.pk]["total"]) == (3, 5)
    assert (figures[other.pk]["done"], figures[other.pk]["total"]) == (1, 5)
    rollup = selectors.campaign_rollup(user=users.admin, campaign=campaign)
    assert list(rollup) == ["province", "city", "county", "township"]


def test_pages_create_list_and_move(world, users, client_for):
    inspector = client_for(users.inspector_a)
    response = inspector.post("/loop/campaigns/", {
        "title": "务工补贴专项治理", "region_code": world.county_a.code, "target_kind": "model", "target_model": "LAB-05",
        "starts_on": "2026-06-01", "ends_on": "2026-06-30"})
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/loop/campaigns/{campaign.pk}/"
    assert "务工补贴专项治理" in inspector.get("/loop/campaigns/").content.decode()
    liaison = client_for(users.liaison)
    page = liaison.get(f"/loop/campaigns/{campaign.pk}/").content.decode()
    task = campaign.tasks.get()
    assert f'data-task="{task.pk}"' in page and 'data-move="in_progress"' in page
    # the village's officer is offered no link to pages closed to the role, and no empty progress
    nav = page.split('data-testid="loop-nav"')[1].split("</p>")[0]
    assert 'href="/loop/campaigns/"' in nav and "/loop/problems/" not in nav and "/loop/reforms/" not in nav
    assert 'data-testid="progress-' not in page and "<h2>进度</h2>" not in page
    inspector_page = inspector.get(f"/loop/campaigns/{campaign.pk}/").content.decode()
    assert "<h2>进度</h2>" in inspector_page and 'href="/loop/reforms/"' in inspector_page
    moved = liaison.post(f"/loop/tasks/{task.pk}/", {"state": "in_progress", "expected_state": "not_started"})
    assert moved.status_code == 302 and CampaignTask.objects.get(pk=task.pk).state == "in_progress"
    stale = liaison.post(f"/loop/tasks/{task.pk}/", {"state": "in_progress", "expected_state": "not_started"})
    assert stale.status_code == 302 and task.events.count() == 1
    bad = inspector.post("/loop/campaigns/", {"title": "x", "region_code": world.township_a.code,
                                              "target_kind": "model", "target_model": "LAB-05",
                                              "starts_on": "2026-06-01", "ends_on": "2026-06-30"})
    assert bad.status_code == 200 and Campaign.objects.count() == 1
    assert client_for(users.inspector_b).get(f"/loop/campaigns/{campaign.pk}/").status_code == 404
    assert client_for(users.steward).get("/loop/campaigns/").status_code == 403


def test_api_create_read_and_move(world, users, api_client_for):
    inspector = api_client_for(users.inspector_a)
    made = inspector.post("/api/v1/loop/campaigns", {"title": "专项", "region_code": world.county_a.code,
                                                     "target_kind": "domain", "target": "labour",
                                                     "starts_on": "2026-06-01", "ends_on": "2026-06-30"},
                          content_type="application/json")
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["progress"]["county"] == [{"region_code": world.county_a.code, "region_name": "上城区", "total": 1,
                                           "done": 0, "verified": 0, "ratio": 0.0}]
    tasks = api_client_for(users.liaison).get(f"/api/v1/loop/campaigns/{body['id']}/tasks").json()["items"]
    moved = api_client_for(users.liaison).post(f"/api/v1/loop/tasks/{tasks[0]['id']}", {"state": "rectified"},
                                               content_type="application/json")
    assert moved.status_code == 200 and moved.json()["state"] == "rectified"
    again = api_client_for(users.liaison).post(f"/api/v1/loop/tasks/{tasks[0]['id']}", {"state": "rectified"},
                                               content_type="application/json")
    assert again.status_code == 409
    progress = inspector.get(f"/api/v1/loop/progress?level=township&campaign={body['id']}").json()
    assert progress == [{"region_code": world.township_a.code, "region_name": "清溪街道", "total": 1, "done": 1,
                         "verified": 0, "ratio": 1.0}]
    assert api_client_for(users.inspector_b).get(f"/api/v1/loop/campaigns/{body['id']}").status_code == 404


def test_the_campaign_page_drills_down_one_region_at_a_time(world, users, client_for):
    township, villages = more_villages(world, 2)
    campaign = _create(users.admin, world.province)
    rollup = selectors.campaign_rollup(user=users.admin, campaign=campaign, depth=3)
    assert list(rollup) == ["province", "city", "county"]
    below = selectors.campaign_rollup(user=users.admin, campaign=campaign, region_code=world.county_a.code, depth=3)
    assert list(below) == ["county", "township"]
    assert [r["region_code"] for r in below["township"]] == [world.township_a.code, township.code]
    assert [r["total"] for r in below["township"]] == [1, 2]
    # a county inspector starts from his own county, and cannot drill into another
    own = selectors.campaign_rollup(user=users.inspector_a, campaign=campaign)
    assert list(own) == ["county", "township"] and own["county"][0]["total"] == 3
    with pytest.raises(NotFound):
        selectors.campaign_rollup(user=users.inspector_a, campaign=campaign, region_code=world.county_b.code)
    page = client_for(users.admin).get(f"/loop/campaigns/{campaign.pk}/?region={world.county_a.code}")
    body = page.content.decode()
    assert page.status_code == 200 and 'data-testid="progress-township"' in body
    assert 'data-testid="progress-city"' not in body and "330106" not in body
    assert body.count('data-testid="task"') == 3
    assert client_for(users.inspector_a).get(
        f"/loop/campaigns/{campaign.pk}/?region={world.county_b.code}").status_code == 404


def test_empty_pages_say_what_to_do(world, users, client_for):
    inspector = client_for(users.inspector_a)
    for url, hint in (("/loop/campaigns/", "可用下方表单发起"), ("/loop/problems/", "可用上方表单生成"),
                      ("/loop/reforms/", "可用下方表单记录")):
        page = inspector.get(url).content.decode()
        assert 'data-testid="empty"' in page and hint in page, url
    # the village's officer, who cannot create one, is not told to
    page = client_for(users.liaison).get("/loop/campaigns/").content.decode()
    assert 'data-testid="empty"' in page and "可用下方表单发起" not in page
