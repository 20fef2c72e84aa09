"""An inspector signs in in Chinese, switches to English, and sees the region tree limited to
their scope."""

import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_inspector_signs_in_switches_language_and_sees_only_own_county(live_server, users, world, new_page, artifacts):
    page = new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("h1").inner_text() == "登录"
    page.fill("#id_username", users.inspector_a.username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/")
    assert "欢迎" in page.locator("h1").inner_text()
    page.screenshot(path=artifacts / "inspector-home-zh.png", full_page=True)

    page.click("button[data-lang=en]")
    page.wait_for_load_state()
    assert "Welcome" in page.locator("h1").inner_text()

    page.click("nav >> text=Regions")
    page.wait_for_url(f"{live_server.url}/regions/{world.county_a.code}/")
    assert page.get_by_test_id("region-name").inner_text() == world.county_a.name
    tree = page.get_by_test_id("children").inner_text()
    assert world.township_a.name in tree
    assert world.township_b.name not in tree and world.county_b.name not in page.content()
    assert "Subordinate regions" in page.content()
    page.screenshot(path=artifacts / "inspector-region-tree-en.png", full_page=True)

    response = page.goto(f"{live_server.url}/regions/{world.county_b.code}/")
    assert response.status == 404
