"""Reuse of computed cockpit responses (SUNLIT_COCKPIT_CACHE_SECONDS): the scope check runs on every
request before a reused response is returned; a response is reused for one reader's language, role
and scope only; it expires after the period; with reuse off every request reads the tallies."""

import time

import pytest
from django.core.cache import caches

from sunlit.cockpit.models import Tally

ENDPOINTS = ("", "/children", "/ranking?level=village", "/today")


@pytest.fixture
def reuse(settings):
    def set_seconds(seconds):
        settings.SUNLIT_COCKPIT_CACHE_SECONDS = seconds

    caches["cockpit"].clear()
    set_seconds(10)
    yield set_seconds
    caches["cockpit"].clear()


@pytest.fixture
def alerts(world):
    """County A's tally of red alerts (the figure the page and the JSON show as alerts issued)."""
    return Tally.objects.create(region_code=world.county_a.code, level="county", metric="alerts", key="red",
                                month="2026-06", value=7)


def _alerts_on_page(response) -> str:
    return response.content.decode().split('data-figure="alerts">')[1].split("<")[0]


def test_a_county_b_inspector_gets_404_on_county_a_right_after_its_responses_were_reused(
        reuse, alerts, users, world, client_for, api_client_for):
    page_a, api_a = client_for(users.inspector_a), api_client_for(users.inspector_a)
    code = world.county_a.code
    assert _alerts_on_page(page_a.get(f"/cockpit/{code}/")) == "7"
    for tail in ENDPOINTS:
        assert api_a.get(f"/api/v1/cockpit/{code}{tail}").status_code == 200, tail
    for outsider in (users.inspector_b, users.township_officer):
        assert client_for(outsider).get(f"/cockpit/{code}/").status_code == 404
        for tail in ENDPOINTS:
            assert api_client_for(outsider).get(f"/api/v1/cockpit/{code}{tail}").status_code == 404, tail
    # a reader above county A (another scope) gets the page with their own breadcrumb, not county A's
    province_page = client_for(users.admin).get(f"/cockpit/{code}/").content.decode()
    crumbs = province_page.split('data-testid="breadcrumb"')[1].split("</ol>")[0]
    assert world.province.name in crumbs
    own = page_a.get(f"/cockpit/{code}/").content.decode().split('data-testid="breadcrumb"')[1].split("</ol>")[0]
    assert world.province.name not in own


def test_a_reused_response_is_kept_for_the_period_then_computed_again(reuse, alerts, users, world, client_for,
                                                                      api_client_for):
    reuse(1)
    page, api = client_for(users.inspector_a), api_client_for(users.inspector_a)
    code = world.county_a.code
    assert _alerts_on_page(page.get(f"/cockpit/{code}/")) == "7"
    assert api.get(f"/api/v1/cockpit/{code}").json()["alerts"]["total"] == 7
    Tally.objects.filter(pk=alerts.pk).update(value=9)
    assert _alerts_on_page(page.get(f"/cockpit/{code}/")) == "7"           # reused
    assert api.get(f"/api/v1/cockpit/{code}").json()["alerts"]["total"] == 7
    time.sleep(1.2)
    assert _alerts_on_page(page.get(f"/cockpit/{code}/")) == "9"           # expired: computed again
    assert api.get(f"/api/v1/cockpit/{code}").json()["alerts"]["total"] == 9


def test_without_reuse_every_request_reads_the_tallies(reuse, alerts, users, world, client_for, api_client_for):
    reuse(0)
    page, api = client_for(users.inspector_a), api_client_for(users.inspector_a)
    code = world.county_a.code
    assert _alerts_on_page(page.get(f"/cockpit/{code}/")) == "7"
    Tally.objects.filter(pk=alerts.pk).update(value=9)
    assert _alerts_on_page(page.get(f"/cockpit/{code}/")) == "9"
    assert api.get(f"/api/v1/cockpit/{code}").json()["alerts"]["total"] == 9


def test_a_reused_page_is_kept_per_language(reuse, alerts, users, world, client_for):
    client = client_for(users.inspector_a)
    code = world.county_a.code
    chinese = client.get(f"/cockpit/{code}/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(f"/cockpit/{code}/").content.decode()
    assert "Village coverage" in english and "Village coverage" not in chinese
    client.cookies["django_language"] = "zh-hans"
    assert "Village coverage" not in client.get(f"/cockpit/{code}/").content.decode()


def test_the_frame_around_a_reused_page_is_the_readers_own(reuse, alerts, users, world, client_for):
    """The reused part is the page's body; the navigation and the sign-out form's token are drawn per request."""
    code = world.county_a.code
    first, second = client_for(users.inspector_a), client_for(users.inspector_a)
    one, two = first.get(f"/cockpit/{code}/"), second.get(f"/cockpit/{code}/")
    token = 'name="csrfmiddlewaretoken" value="'
    assert token in one.content.decode()
    assert one.content.decode().split(token)[1][:64] != two.content.decode().split(token)[1][:64]


def test_an_expired_response_is_served_while_another_request_computes_it_again(reuse, users, world):
    from sunlit.cockpit import reuse as module

    reuse(1)
    user, region = users.inspector_a, world.county_a
    assert module.reused("test", user=user, region=region, compute=lambda: "first") == "first"
    assert module.reused("test", user=user, region=region, compute=lambda: "second") == "first"    # fresh
    time.sleep(1.2)
    lock = module._lock(module.response_key("test", user=user, region=region))
    with lock:      # another request is computing it again
        assert module.reused("test", user=user, region=region, compute=lambda: "second") == "first"
    assert module.reused("test", user=user, region=region, compute=lambda: "second") == "second"
    assert module.reused("test", user=user, region=region, compute=lambda: "third") == "second"
