"""On a phone, a villager opens the village page from the address its QR code encodes (the code's
modules are read back from the served PNG and compared with the symbol of that address), sees the
village's disclosures and the report link, follows the link to the labour detail and reads a day."""

import io

import pytest
import segno
from PIL import Image

from sunlit.public.services import disclosure_publish
from tests.browser.conftest import PHONE
from tests.entry.conftest import OUYANG, ZHANG
from tests.entry.records import write

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCALE, BORDER = 10, 2     # how sunlit.public.posters.qr_png draws a module


def _modules(png: bytes) -> list[list[bool]]:
    """The dark modules of a QR code PNG, read at each module's centre."""
    image = Image.open(io.BytesIO(png)).convert("L")
    side = image.size[0] // SCALE - 2 * BORDER
    return [[image.getpixel(((BORDER + x) * SCALE + SCALE // 2, (BORDER + y) * SCALE + SCALE // 2)) < 128
             for x in range(side)] for y in range(side)]


def _pay(payment_id, person_id, name, village):
    write("labour_payment", payment_id=payment_id, village_code=village, task_id="T-A", person_id=person_id,
           name=name, days="2", daily_rate="150", amount="300", paid_date="2026-11-23")


def test_villager_opens_the_page_from_the_qr_code_and_reads_the_labour_detail(
        live_server, world, users, new_page, artifacts, settings, client_for):
    village = world.village_a.code
    write("labour_task", task_id="T-A", village_code=village, title="河道清理", category="保洁",
          dispatch_date="2026-11-20", planned_days="3", planned_workers="2")
    _pay("P1", ZHANG, "张三", village)
    _pay("P2", OUYANG, "欧阳娜娜", village)
    disclosure_publish(actor=users.clerk, village_code=village, category="finance", period="2026-10",
                       title="十月财务收支", content="收入 12,000.00 元；支出 8,500.00 元")
    settings.SUNLIT_PUBLIC_BASE_URL = live_server.url

    png = client_for(None).get(f"/v/{village}/qr.png").content
    url = f"{live_server.url}/v/{village}/"
    symbol = segno.make(url, error="m", micro=False)
    assert _modules(png) == [[bool(v) for v in row] for row in symbol.matrix]   # the code holds this address

    page = new_page(**PHONE)
    page.goto(url)
    assert page.get_by_test_id("village-name").inner_text() == "前山村"
    assert page.get_by_test_id("make-report").get_attribute("href") == f"/r/new/?village={village}"
    page.get_by_test_id("disclosure").first.click()
    assert "收入 12,000.00 元" in page.get_by_test_id("disclosures").inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, "the page fits a phone's width"
    page.screenshot(path=artifacts / "public-village-page-phone.png", full_page=True)

    page.get_by_test_id("labour-link").click()
    page.wait_for_url(f"{live_server.url}/v/{village}/labour/")
    day = page.get_by_test_id("labour-day").first
    text = day.inner_text()
    assert "2026-11-23" in text and "河道清理" in text and "张*" in text and "欧**娜" in text and "600.00" in text
    content = page.content()
    assert "欧阳娜娜" not in content and ZHANG not in content and OUYANG not in content
    page.screenshot(path=artifacts / "public-village-labour-from-qr-phone.png", full_page=True)


def test_clerk_publishes_a_disclosure_on_a_phone_and_the_village_page_shows_it(
        live_server, world, users, new_page, artifacts):
    from tests.conftest import PASSWORD

    village = world.village_a.code
    page = new_page(**PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", users.clerk.username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/entry/")
    page.click("text=三务公开")
    page.wait_for_url(f"{live_server.url}/v/{village}/disclosures/publish/")
    form = page.get_by_test_id("disclosure-form")
    form.locator("#id_category").select_option("village")
    form.locator("#id_period").fill("2026Q3")
    form.locator("#id_title").fill("三季度村务公开")
    form.locator("#id_content").fill("一、村道硬化工程已验收。\n二、村东店铺公开竞价出租。")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    page.screenshot(path=artifacts / "clerk-disclosure-publish-phone.png", full_page=True)
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/v/{village}/disclosures/publish/")
    assert "三季度村务公开" in page.get_by_test_id("disclosures").inner_text()

    villager = new_page(**PHONE)
    villager.goto(f"{live_server.url}/v/{village}/")
    villager.get_by_test_id("disclosure").first.click()
    text = villager.get_by_test_id("disclosures").inner_text()
    assert "2026Q3" in text and "三季度村务公开" in text and "村东店铺公开竞价出租" in text
