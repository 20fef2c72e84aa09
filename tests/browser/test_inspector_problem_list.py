"""A county inspector issues this month's problem list in the browser, downloads it as Excel (the
same rows come back) and opens the printable page, which prints without the site's navigation."""

import pytest
from django.utils import timezone

from sunlit.closedloop import selectors
from sunlit.closedloop.models import ProblemList
from tests.browser.conftest import LAPTOP
from tests.closedloop.records import confirmed_case
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_inspector_issues_exports_and_prints_a_problem_list(live_server, users, world, new_page, artifacts):
    confirmed_case(users, world.village_a, money="1200.50", subject_id="P1", note="冒领务工工资",
                   people=[("王某", "村会计", "admonition_talk")], rectification="已退回")
    confirmed_case(users, world.village_b, money="99", subject_id="Q1")     # county B: not on county A's list
    base = live_server.url
    page = new_page(**LAPTOP)
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", users.inspector_a.username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{base}/")

    page.click("nav >> text=问题清单")
    page.wait_for_url(f"{base}/loop/problems/")
    form = page.get_by_test_id("generate")
    assert form.locator("#pl-region").input_value() == world.county_a.code
    assert form.locator("#pl-period").input_value() == f"{timezone.localdate():%Y-%m}"
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{base}/loop/problems/*/")
    problems = page.get_by_test_id("problems")
    assert problems.locator("tbody tr").count() == 1
    assert "冒领务工工资" in problems.inner_text() and "王某（村会计）：诫勉谈话" in problems.inner_text()
    page.screenshot(path=artifacts / "inspector-problem-list.png", full_page=True)

    with page.expect_download() as download:
        page.get_by_test_id("export").click()
    data = open(download.value.path(), "rb").read()
    issued = ProblemList.objects.get()
    assert selectors.problem_rows_from_xlsx(data) == [selectors.problem_row(i) for i in issued.items.all()]

    page.goto(f"{base}/loop/problems/{issued.pk}/print/")
    page.emulate_media(media="print")
    assert not page.locator("header.bar").is_visible()
    assert page.get_by_test_id("print").is_visible() and "前山村" in page.get_by_test_id("problems").inner_text()
    page.screenshot(path=artifacts / "inspector-problem-list-print.png", full_page=True)
    pdf = page.pdf(format="A4", landscape=True)
    assert pdf[:4] == b"%PDF"
