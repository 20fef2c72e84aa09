"""On a phone: a village's liaison officer opens the county's special campaign from the menu, starts
the village's task and reports it rectified; the county inspector then sees the village done in
the campaign's roll-up and verifies it."""

import pytest

from sunlit.closedloop.models import CampaignTask
from tests.browser.conftest import PHONE
from tests.closedloop.records import campaign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, base, user):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{base}/")


def test_liaison_works_the_task_and_the_inspector_verifies_on_a_phone(live_server, users, world, new_page, artifacts):
    campaign = campaign_in(world.county_a, title="超龄务工专项治理")
    task = CampaignTask.objects.get(campaign=campaign)
    base = live_server.url

    page = new_page(**PHONE)
    _sign_in(page, base, users.liaison)
    page.click("nav >> text=专项治理")
    page.wait_for_url(f"{base}/loop/campaigns/")
    page.click("text=超龄务工专项治理")
    page.wait_for_url(f"{base}/loop/campaigns/{campaign.pk}/")
    card = page.locator(f"[data-task='{task.pk}']")
    card.locator("input[name=note]").fill("已排查全部务工人员")
    card.locator("[data-move=in_progress]").click()
    page.wait_for_load_state()
    assert page.locator(f"[data-task='{task.pk}']").get_attribute("data-state") == "in_progress"
    page.locator(f"[data-task='{task.pk}'] [data-move=rectified]").click()
    page.wait_for_load_state()
    page.screenshot(path=artifacts / "liaison-campaign-task-phone.png", full_page=True)
    assert page.locator(f"[data-task='{task.pk}']").get_attribute("data-state") == "rectified"
    assert "已整改" in page.locator(f"[data-task='{task.pk}']").inner_text()

    inspector = new_page(**PHONE)
    _sign_in(inspector, base, users.inspector_a)
    inspector.goto(f"{base}/loop/campaigns/{campaign.pk}/")
    county_row = inspector.get_by_test_id("progress-county").locator("tbody tr").first
    assert county_row.locator("td").nth(1).inner_text() == "1"       # done
    assert county_row.locator("td").nth(4).inner_text() == "100%"
    inspector.locator(f"[data-task='{task.pk}'] [data-move=verified]").click()
    inspector.wait_for_load_state()
    inspector.screenshot(path=artifacts / "inspector-campaign-progress-phone.png", full_page=True)
    assert CampaignTask.objects.get(pk=task.pk).state == "verified"
    assert list(task.events.values_list("to_state", flat=True)) == ["in_progress", "rectified", "verified"]
