"""On a phone: a clerk requests a seal use and has it approved by a cadre in office (the
applicant cannot approve their own use), then records a project's decision and award and sees the
timeline."""

import re

import pytest

from sunlit.seals.models import SealUsage
from tests.browser.conftest import PHONE
from tests.conftest import PASSWORD
from tests.entry import records

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/")


def test_seal_use_request_and_approval_on_a_phone(live_server, users, world, new_page, artifacts):
    village = world.village_a.code
    records.seal(world.village_a)
    records.write("cadre", village_code=village, person_id=records.CADRE, name="王书记", position="村党组织书记",
                  term_start="2021-01-01")
    page = new_page(**PHONE)
    _sign_in(page, live_server, users.clerk)
    page.goto(f"{live_server.url}/entry/{village}/seals/uses/")
    page.click("text=用印申请")
    form = page.get_by_test_id("seal-use-form")
    form.locator("#id_seal_id").select_option(label="村民委员会章")
    form.locator("#id_document_type").select_option(label="证明")
    form.locator("#id_matter").fill("出具居住证明")
    form.locator("#id_applicant_name").fill("王书记")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/entry/seal-uses/[^/]+/$"))
    assert "等待审批" in page.get_by_test_id("approval").inner_text()

    page.select_option("#id_approver", label="王书记 · 村党组织书记")
    page.get_by_test_id("approval-form").locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "审批人不能是申请人本人" in page.content()
    page.screenshot(path=artifacts / "clerk-seal-approval-refused-phone.png", full_page=True)
    assert SealUsage.objects.get().approved_at is None

    records.write("cadre", village_code=village, person_id=records.WORKER, name="李主任", position="村委会主任",
                  term_start="2021-01-01")
    page.reload()
    page.select_option("#id_approver", label="李主任 · 村委会主任")
    page.get_by_test_id("approval-form").locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "已审批" in page.get_by_test_id("approval").inner_text()
    assert "李主任" in page.get_by_test_id("approval").inner_text()
    page.screenshot(path=artifacts / "clerk-seal-approved-phone.png", full_page=True)
    usage = SealUsage.objects.get()
    assert usage.approver_person_id == records.WORKER and usage.approved_at is not None


def test_project_decision_and_award_on_a_phone(live_server, users, world, new_page, artifacts):
    page = new_page(**PHONE)
    _sign_in(page, live_server, users.clerk)
    page.goto(f"{live_server.url}/entry/{world.village_a.code}/projects/")
    form = page.get_by_test_id("project-form")
    form.locator("#id_name").fill("村道硬化")
    form.locator("#id_category").fill("道路")
    form.locator("#id_budget_amount").fill("380000")
    form.locator("#id_decision_date").fill("2026-03-01")
    form.locator("#id_decision_ref").fill("村民代表会议决议〔2026〕3号")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/entry/projects/[^/]+/$"))
    page.click("li[data-step=award] >> a")
    page.select_option("#id_procurement_method", label="询价")
    page.fill("#id_contractor_name", "某某建设有限公司")
    page.fill("#id_contractor_org_id", records.ORG)
    page.get_by_test_id("step-form").locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/entry/projects/[^/]+/$"))
    timeline = page.get_by_test_id("timeline")
    assert timeline.locator("li.done").count() == 2
    assert "某某建设有限公司" in timeline.inner_text()
    page.screenshot(path=artifacts / "clerk-project-timeline-phone.png", full_page=True)
