"""From nothing to a working platform, as the README says: `sunlit demo --scale county --no-serve`
(a few villages, in a temporary data directory and SQLite file) in one process, then `sunlit serve`
on a free port in another; a browser signs in with a printed demo account, reaches the cockpit of
its county and sees the alerts the demo raised, and opens a village's public page and its labour
page with no account."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from sunlit.demo.users import DEMO_PASSWORD
from tests.browser.conftest import LAPTOP, PHONE

pytestmark = pytest.mark.browser

SUNLIT = [sys.executable, "-m", "sunlit"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"sunlit serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 — loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data = tmp_path_factory.mktemp("demo-site")
    env = {**os.environ, "SUNLIT_DATA_DIR": str(data), "DATABASE_URL": f"sqlite:///{data / 'site.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "sunlit.settings.base"}
    demo = subprocess.run([*SUNLIT, "demo", "--scale", "county", "--no-serve", "--villages", "12", "--seed", "9"],
                          env=env, capture_output=True, text=True, timeout=600)
    assert demo.returncode == 0, demo.stderr[-3000:]
    village = re.search(r"^Village public page: http://\S+/v/(\d{12})/$", demo.stdout, re.MULTILINE).group(1)
    assert re.search(r"^Cockpit \(sign in as an inspector\): http://\S+/cockpit/$", demo.stdout, re.MULTILINE)
    new_alerts = int(re.search(r"(\d+) new alerts", demo.stderr).group(1))
    port = _free_port()
    # a session of its own, so that the server and the worker it starts are stopped together
    server = subprocess.Popen([*SUNLIT, "serve", f"127.0.0.1:{port}"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base}/accounts/login/", server)
        yield {"base": base, "village": village, "new_alerts": new_alerts, "stdout": demo.stdout}
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def test_a_county_inspector_signs_in_and_reaches_the_cockpit_and_the_demo_alerts(site, new_page, artifacts):
    assert site["new_alerts"] > 0
    assert "inspector.county" in site["stdout"]
    page = new_page(**LAPTOP)
    page.goto(f"{site['base']}/accounts/login/")
    page.fill("#id_username", "inspector.county")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{site['base']}/")
    page.goto(f"{site['base']}/cockpit/")
    cockpit = page.get_by_test_id("cockpit")
    assert cockpit.get_attribute("data-region") == "330102000000"  # the inspector's own county
    assert page.get_by_test_id("region-name").inner_text().strip() == "上城区"
    page.screenshot(path=artifacts / "demo-cockpit.png", full_page=True)
    page.goto(f"{site['base']}/supervision/alerts/")
    rows = page.get_by_test_id("alerts").locator("tbody tr")
    assert rows.count() > 0
    assert re.search(r"\n(LAB|REL|PRJ|AST|PUR|SEAL)-\d\d\t", page.get_by_test_id("alerts").inner_text())
    page.screenshot(path=artifacts / "demo-alerts.png", full_page=True)


def test_a_villager_opens_the_village_page_and_its_labour_page(site, new_page, artifacts):
    page = new_page(**PHONE)
    page.goto(f"{site['base']}/v/{site['village']}/")
    assert page.get_by_test_id("village-name").inner_text().strip()
    page.get_by_test_id("labour-link").click()
    page.wait_for_url(f"**/v/{site['village']}/labour/")
    assert page.get_by_test_id("labour-day").count() > 0
    assert not re.search(r"\b\d{17}[\dX]\b", page.content())  # no resident ID number on a public page
    page.screenshot(path=artifacts / "demo-village-labour-phone.png", full_page=True)
