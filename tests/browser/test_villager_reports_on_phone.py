"""On a phone: a villager opens the village page from its QR code, reads the labour detail and
sends a complaint with a photo, getting a tracking code; the village's liaison officer takes it
(it is routed straight to the station), verifies and disposes it on the case page, writes a public
reply and closes it; the villager follows every step on the tracking page and rates it."""

import re

import pytest

from sunlit.cases.models import Case, State
from sunlit.ledger.services import records_write
from sunlit.public.posters import village_url
from sunlit.reports.models import Report, ReportRating
from tests.browser.conftest import PHONE
from tests.conftest import PASSWORD
from tests.entry.conftest import ZHANG
from tests.reports.records import jpeg_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMPLAINT = "河道清理只干了一天，公示却写了两天的工钱。"


def _sign_in(new_page, live_server, user):
    page = new_page(**PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/")
    return page


def _step(page, step, **fields):
    form = page.locator(f'form[data-step="{step}"]')
    for selector, value in fields.items():
        if selector.startswith("select"):
            form.locator(selector[len("select"):]).select_option(value)
        else:
            form.locator(selector).fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_villager_reports_and_follows_it_to_the_end_on_a_phone(live_server, users, world, new_page, artifacts, tmp_path,
                                                                settings):
    from django.core.cache import cache

    cache.clear()

    def ledger(table, **cells):
        records_write(table, actor=users.admin, records=[cells])

    ledger("labour_task", task_id="T-A", village_code=world.village_a.code, title="河道清理", category="保洁",
           dispatch_date="2026-11-20", planned_days="2", planned_workers="1")
    ledger("labour_payment", payment_id="P1", village_code=world.village_a.code, task_id="T-A", person_id=ZHANG,
           name="张三丰", days="2", daily_rate="150", amount="300", paid_date="2026-11-23")
    photo = tmp_path / "河道.jpg"
    photo.write_bytes(jpeg_bytes(exif=True, size=(640, 480)))

    # the villager scans the poster's QR code: the address it encodes, on this server
    settings.SUNLIT_PUBLIC_BASE_URL = live_server.url
    villager = new_page(**PHONE)
    villager.goto(village_url(world.village_a.code))
    assert villager.url == f"{live_server.url}/v/{world.village_a.code}/"
    assert world.village_a.name in villager.content()
    villager.get_by_test_id("labour-link").click()
    villager.wait_for_url(f"**/v/{world.village_a.code}/labour/")
    day = villager.get_by_test_id("labour-day").first.inner_text()
    assert "河道清理" in day and "张*丰" in day and "300.00" in day
    villager.screenshot(path=artifacts / "villager-labour-phone.png", full_page=True)
    villager.go_back()
    villager.get_by_test_id("make-report").first.click()
    villager.wait_for_url(f"**/r/new/?village={world.village_a.code}")
    assert world.village_a.name in villager.get_by_test_id("report-village").inner_text()
    form = villager.get_by_test_id("report-form")
    form.locator("#category").select_option("labour")
    form.locator("#text").fill(COMPLAINT)
    form.locator("#photos").set_input_files(str(photo))
    villager.screenshot(path=artifacts / "villager-report-form-phone.png", full_page=True)
    form.locator("button[type=submit]").click()
    villager.wait_for_url(re.compile(r".*/r/track/[A-Z0-9-]+/$"))
    code = villager.get_by_test_id("tracking-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", code)
    assert "已受理" in villager.get_by_test_id("steps").inner_text()
    villager.screenshot(path=artifacts / "villager-tracking-code-phone.png", full_page=True)
    report = Report.objects.get()
    assert report.photos.count() == 1 and report.case.handling_code == world.village_a.code

    # the liaison officer: the inbox, the case page with the report and its photo, then each step
    liaison = _sign_in(new_page, live_server, users.liaison)
    liaison.goto(f"{live_server.url}/cases/inbox/")
    assert COMPLAINT[:8] in liaison.content()
    liaison.goto(f"{live_server.url}/cases/{report.case_id}/")
    panel = liaison.get_by_test_id("citizen-report")
    assert COMPLAINT in panel.inner_text() and "匿名" in panel.inner_text()
    image = panel.locator("img").first
    image.wait_for()
    assert liaison.evaluate("img => img.naturalWidth", image.element_handle()) == 640
    _step(liaison, "take")
    _step(liaison, "start_verification", **{"textarea[name=note]": "内部：走访了出工的村民"})
    _step(liaison, "verify", **{"select#conclusion": "confirmed"})
    _step(liaison, "dispose", **{"#rectification": "多列的一天工钱已追回"})
    liaison.get_by_test_id("reply-form").locator("textarea").fill("经核实，多列的一天工钱已追回并重新公示。")
    liaison.get_by_test_id("reply-form").locator("button[type=submit]").click()
    liaison.wait_for_load_state()
    assert "经核实" in liaison.get_by_test_id("citizen-report").inner_text()
    liaison.screenshot(path=artifacts / "liaison-report-case-phone.png", full_page=True)

    _step(liaison, "close")
    assert Case.objects.get(pk=report.case_id).state == State.CLOSED

    # the villager looks the code up again: every step, the result and the reply; then rates it
    villager.goto(f"{live_server.url}/r/track/")
    villager.fill("#code", code.lower().replace("-", " "))
    villager.get_by_test_id("track-form").locator("button[type=submit]").click()
    villager.wait_for_url(f"**/r/track/{code}/")
    steps = villager.get_by_test_id("steps").inner_text()
    for label in ("已受理", "承办单位已接单", "开始核查", "核查完毕: 属实", "已处置", "已办结"):
        assert label in steps, label
    body = villager.content()
    assert "经核实" in body and "内部：走访" not in body and users.liaison.username not in body
    villager.screenshot(path=artifacts / "villager-tracking-steps-phone.png", full_page=True)
    villager.get_by_test_id("rate-form").get_by_label("满意", exact=True).check()
    villager.get_by_test_id("rate-form").locator("button[type=submit]").click()
    villager.wait_for_load_state()
    assert "满意" in villager.get_by_test_id("rating").inner_text()
    assert villager.get_by_test_id("rate-form").count() == 0
    assert list(ReportRating.objects.values_list("value", flat=True)) == ["satisfied"]
    villager.screenshot(path=artifacts / "villager-rated-phone.png", full_page=True)
