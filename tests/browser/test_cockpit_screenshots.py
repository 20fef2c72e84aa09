"""The cockpit in Chinese, in a browser: the province view on a large screen and a laptop, then a
drill-down to a village; every chart is drawn by ECharts (served from the project's own static
files) onto a canvas before the screenshots are saved to artifacts/."""

import pytest
from django.contrib.staticfiles import finders

from sunlit.cockpit import services
from tests.browser.conftest import LAPTOP
from tests.cockpit.builders import build
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LARGE_SCREEN = {"viewport": {"width": 1920, "height": 1080}}


def _wait_for_charts(page):
    charts = page.locator("[data-chart]")
    count = charts.count()
    assert count >= 8
    for i in range(count):
        charts.nth(i).locator("canvas").first.wait_for(state="attached", timeout=15000)
    page.wait_for_function("document.querySelectorAll('[data-chart]').length === "
                           "document.querySelectorAll('[data-chart][data-rendered]').length", timeout=15000)
    return count


def _sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/")


def test_cockpit_at_province_and_village_level_in_chinese(live_server, users, world, monkeypatch, new_page, artifacts):
    if not finders.find("vendor/echarts/echarts.min.js"):
        pytest.fail("ECharts is not installed as a static file: run `make assets` (npm ci, then the copy)")
    build(world, users, monkeypatch)
    services.coverage_refresh()
    for name, size in (("large-screen", LARGE_SCREEN), ("laptop", LAPTOP)):
        page = new_page(**size)
        _sign_in(page, live_server, users.admin)
        page.click("nav >> text=驾驶舱")
        page.wait_for_url(f"{live_server.url}/cockpit/")
        assert page.get_by_test_id("region-name").inner_text() == world.province.name
        assert "预警按颜色" in page.content() and "村社风险排名" in page.content()
        assert page.locator("[data-figure=alerts]").inner_text() == "13"
        _wait_for_charts(page)
        page.screenshot(path=artifacts / f"cockpit-province-{name}-zh.png", full_page=True)

    # drill down through the subordinate-regions table: city → county → township → village
    for region in (world.city, world.county_a, world.township_a, world.village_a):
        page.get_by_test_id("panel-children").locator(f"a[href='/cockpit/{region.code}/']").click()
        page.wait_for_url(f"{live_server.url}/cockpit/{region.code}/")
        assert page.get_by_test_id("region-name").inner_text() == region.name
    crumbs = page.get_by_test_id("breadcrumb").inner_text()
    assert all(r.name in crumbs for r in (world.province, world.city, world.county_a, world.township_a))
    _wait_for_charts(page)
    page.screenshot(path=artifacts / "cockpit-village-laptop-zh.png", full_page=True)
