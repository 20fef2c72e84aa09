"""On a phone: a village clerk dispatches a labour task, adds a worker, ticks the day's
attendance and records pay; the day's labour then shows on the village's public page, with the
worker's name masked and no ID number."""

import re

import pytest

from sunlit.identity import person_id_make
from sunlit.labour.models import LabourAttendance, LabourPayment
from tests.browser.conftest import PHONE
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TASK_PAGE = re.compile(r".*/entry/labour/task/[^/]+/$")
WORKER = person_id_make("33010219580315222")


def test_clerk_dispatches_records_attendance_and_pay_on_a_phone(live_server, users, world, new_page, artifacts):
    page = new_page(**PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", users.clerk.username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/")

    page.click("nav >> text=台账录入")
    page.wait_for_url(f"{live_server.url}/entry/")
    page.click("text=劳务用工")
    page.wait_for_url(f"{live_server.url}/entry/{world.village_a.code}/labour/")
    form = page.get_by_test_id("task-form")
    form.locator("#id_title").fill("村口河道清淤")
    form.locator("#id_category").fill("保洁")
    form.locator("#id_planned_days").fill("2")
    form.locator("#id_planned_workers").fill("1")
    form.locator("#id_approved_by").fill("王书记")
    page.screenshot(path=artifacts / "clerk-labour-dispatch-phone.png", full_page=True)
    form.locator("button[type=submit]").click()
    page.wait_for_url(TASK_PAGE)
    assert page.get_by_test_id("task-title").inner_text() == "村口河道清淤"

    worker_form = page.get_by_test_id("worker-form")
    worker_form.locator("#id_person_id").fill(WORKER)
    worker_form.locator("#id_name").fill("张三丰")
    worker_form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "张三丰" in page.get_by_test_id("crew").inner_text()

    page.get_by_test_id("go-attendance").click()
    page.wait_for_url("**/attendance/")
    page.get_by_label("张三丰").check()
    page.screenshot(path=artifacts / "clerk-labour-attendance-phone.png", full_page=True)
    page.get_by_test_id("attendance-form").locator("button[type=submit]").click()
    page.wait_for_url(TASK_PAGE)
    assert LabourAttendance.objects.filter(person_id=WORKER).count() == 1

    page.get_by_test_id("go-pay").click()
    page.wait_for_url("**/pay/")
    page.select_option("#id_worker", label="张三丰")
    assert page.input_value("#id_days") == "1"          # the unpaid attended days, filled in
    page.fill("#id_daily_rate", "180")
    assert page.get_by_test_id("pay-check").inner_text().endswith("= 180.00")
    page.screenshot(path=artifacts / "clerk-labour-pay-phone.png", full_page=True)
    page.get_by_test_id("pay-form").locator("button[type=submit]").click()
    page.wait_for_url(TASK_PAGE)
    pay = LabourPayment.objects.get(person_id=WORKER)
    assert (str(pay.days), str(pay.amount)) == ("1.00", "180.00")

    public = new_page(**PHONE)     # a villager: no account
    public.goto(f"{live_server.url}/v/{world.village_a.code}/labour/")
    day = public.get_by_test_id("labour-day").first
    text = day.inner_text()
    assert "村口河道清淤" in text and "张*丰" in text and "180.00" in text
    assert "张三丰" not in public.content() and WORKER not in public.content()
    public.screenshot(path=artifacts / "public-village-labour-phone.png", full_page=True)
