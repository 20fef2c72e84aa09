"""A county data steward, on a phone, loads a registry file: a bad file is refused with a per-rule
report that masks ID numbers, a good one becomes the current version shown in the lake catalogue."""

import pytest

from sunlit.registries import examples
from tests.conftest import PASSWORD
from tests.registries.files import rows_of, write_file

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def own_lake(settings, tmp_path):
    settings.LAKE_DIR = tmp_path / "lake"
    settings.UPLOAD_DIR = tmp_path / "uploads"


def test_steward_loads_a_registry_on_a_phone(live_server, users, new_page, artifacts, tmp_path):
    page = new_page(**PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", users.steward.username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/registries/load/")
    assert page.locator("h1").inner_text() == "载入外部数据"
    rows = rows_of("household")
    good = rows[0][1]
    rows[0][1] = good[:-1] + ("0" if good[-1] != "0" else "1")
    rows[2][4] = "男"
    bad_file = write_file(tmp_path, "household", rows, name="household-bad.csv")
    page.select_option("#id_table", "household")
    page.set_input_files("#id_file", str(bad_file))
    page.click("button.primary")
    failures = page.get_by_test_id("load-failures")
    failures.wait_for()
    text = failures.inner_text()
    assert "person_id.check_digit" in text and "gender.enum" in text
    assert rows[0][1] not in page.content() and good[:6] + "****" + good[-2:-1] in text
    page.screenshot(path=artifacts / "steward-registry-refused-phone.png", full_page=True)

    good_file = tmp_path / "household.csv"
    good_file.write_bytes(examples.example_csv("household"))
    page.select_option("#id_table", "household")
    page.set_input_files("#id_file", str(good_file))
    page.click("button.primary")
    page.get_by_test_id("load-ok").wait_for()

    page.goto(f"{live_server.url}/registries/")
    row = page.locator("tr[data-dataset='registry/household']")
    assert "4" in row.inner_text() and "户籍人口" in row.inner_text()
    page.screenshot(path=artifacts / "steward-lake-catalogue-phone.png", full_page=True)
