"""On a phone: the township commission dispatches an alert's case from its queue; the village
liaison officer opens the inbox, takes it in one tap (接单), reads the worker's other records,
starts verification, records it (confirmed, with a photo) and the disposition (money recovered, a
person handled with a measure, a rectification note, a PDF); the township commission closes it and
the recovered money appears in the region's figures on the cockpit."""

import pytest

from sunlit.attachments.models import Attachment
from sunlit.cases.models import Case, CaseEvent
from tests.attachments.files import jpeg_with_exif, pdf
from tests.browser.conftest import PHONE
from tests.cases.records import alert_case
from tests.conftest import PASSWORD
from tests.ledger.conftest import WORKER
from tests.ledger.records import record_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, base, user):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{base}/")


def _submit(page, button, *, tap=False):
    """Click (or tap) and wait for the page the form posts to (the same URL again after a step)."""
    with page.expect_navigation():
        button.tap() if tap else button.click()


def _money_figure(page, base) -> str:
    page.goto(f"{base}/cockpit/")
    return page.locator("[data-figure=money]").inner_text().strip()


def test_liaison_takes_verifies_and_disposes_on_a_phone_and_the_money_shows(
        live_server, users, world, new_page, artifacts):
    base = live_server.url
    payment = record_in("labour_payment", world.village_a.code)
    record_in("relief_payment", world.village_a.code)
    case = alert_case(world.village_a.code, subject_type="labour_payment", subject_id=payment.payment_id)

    township = new_page(**PHONE)
    _sign_in(township, base, users.township_officer)
    assert _money_figure(township, base) in ("0", "0.0", "0.00")
    township.goto(f"{base}/cases/")
    township.locator(f"input[name=case][value='{case.pk}:new']").check()
    township.fill("#bulk-note", "请核实")
    township.screenshot(path=artifacts / "township-queue-bulk-dispatch-phone.png", full_page=True)
    _submit(township, township.get_by_test_id("dispatch-selected"))
    assert "已派发 1 / 1" in township.locator(".messages").inner_text()
    assert Case.objects.get(pk=case.pk).state == "dispatched"

    page = new_page(**PHONE)
    _sign_in(page, base, users.liaison)
    page.click("nav >> text=我的待办")
    page.wait_for_url(f"{base}/cases/inbox/")
    card = page.locator(f"[data-case='{case.pk}']")
    page.screenshot(path=artifacts / "liaison-inbox-phone.png", full_page=True)
    take = card.get_by_test_id("take")
    box = take.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44           # one tap with a thumb
    _submit(page, take, tap=True)
    assert page.url == f"{base}/cases/inbox/"
    assert Case.objects.get(pk=case.pk).state == "accepted"
    assert card.get_by_test_id("take").count() == 0

    card.locator("a.button").click()
    page.wait_for_url(f"{base}/cases/{case.pk}/")
    assert page.get_by_test_id("evidence").is_visible()
    # the worker's other records, across domains, with the ID number masked
    records = page.get_by_test_id("records-relief_payment")
    records.scroll_into_view_if_needed()
    assert records.is_visible() and "800.00" in records.inner_text()
    assert page.get_by_test_id("current-subject").count() == 1 and WORKER not in page.content()
    page.screenshot(path=artifacts / "liaison-case-records-phone.png", full_page=True)
    _submit(page, page.locator("form[data-step=start_verification] button[type=submit]"))
    assert "核查中" in page.get_by_test_id("state").inner_text() or Case.objects.get(pk=case.pk).state == "verifying"

    verify = page.locator("form[data-step=verify]")
    verify.locator("select[name=conclusion]").select_option("confirmed")
    verify.locator("textarea[name=note]").fill("入户走访，本人未出工")
    verify.locator("input[type=file]").set_input_files(
        [{"name": "走访照片.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_exif()}])
    page.screenshot(path=artifacts / "liaison-verify-phone.png", full_page=True)
    _submit(page, verify.locator("button[type=submit]"))
    assert Case.objects.get(pk=case.pk).conclusion == "confirmed"

    dispose = page.locator("form[data-step=dispose]")
    dispose.locator("input[name=money_recovered]").fill("25000.00")
    dispose.locator("textarea[name=rectification]").fill("已追回冒领劳务费，建立派工公示制度")
    dispose.locator("input[name=person1_name]").fill("钱七")
    dispose.locator("input[name=person1_post]").fill("村委会主任")
    dispose.locator("select[name=person1_measure]").select_option("admonition_talk")
    dispose.locator("input[type=file]").set_input_files(
        [{"name": "退款凭证.pdf", "mimeType": "application/pdf", "buffer": pdf()}])
    dispose.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "liaison-dispose-phone.png", full_page=True)
    _submit(page, dispose.locator("button[type=submit]"))
    assert page.url == f"{base}/cases/{case.pk}/"
    disposition = page.get_by_test_id("disposition").inner_text()
    assert "25000.00" in disposition and "钱七" in disposition and "诫勉谈话" in disposition
    files = page.get_by_test_id("attachment")
    assert files.count() == 2 and "走访照片.jpg" in files.first.inner_text()
    thumb = page.locator("img.thumb").first
    thumb.scroll_into_view_if_needed()
    page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=thumb.element_handle())
    assert page.locator("form[data-step=close]").count() == 0    # closing is the commission's
    page.screenshot(path=artifacts / "liaison-disposed-phone.png", full_page=True)

    # the photo is served to who sees the case, without its camera metadata
    photo = page.request.get(base + files.first.get_attribute("href"))
    assert photo.status == 200 and photo.headers["content-type"] == "image/jpeg"
    assert b"SecretCam" not in photo.body()

    township.goto(f"{base}/cases/{case.pk}/")
    township.locator("form[data-step=close] textarea[name=note]").fill("处置到位，予以办结")
    _submit(township, township.locator("form[data-step=close] button[type=submit]"))
    closed = Case.objects.get(pk=case.pk)
    assert closed.state == "closed" and closed.alert.state == "closed"
    assert "办结" in township.get_by_test_id("timeline").inner_text()
    township.screenshot(path=artifacts / "township-closed-phone.png", full_page=True)

    steps = list(CaseEvent.objects.filter(case=case).values_list("transition", flat=True))
    assert steps == ["open", "dispatch", "take", "start_verification", "verify", "dispose", "close"]
    assert Attachment.objects.count() == 2

    assert float(_money_figure(township, base)) == 2.5         # 25,000 yuan = 2.5 (10,000 yuan)
    township.screenshot(path=artifacts / "township-cockpit-money-phone.png", full_page=True)
