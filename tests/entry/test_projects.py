"""The project lifecycle through the entry pages: decision, award, contract, changes, payments,
acceptance, settlement."""

from decimal import Decimal

from sunlit.projects.models import Project, ProjectChange, ProjectPayment

from . import records
from .conftest import VILLAGE_A, VILLAGE_B


def _new(client, **extra):
    data = {"name": "村道硬化", "category": "道路", "budget_amount": "380000", "funding_source": "财政",
            "decision_date": "2026-03-01", "decision_ref": "村民代表会议决议〔2026〕3号", **extra}
    return client.post(f"/entry/{VILLAGE_A}/projects/", data)


def test_the_whole_lifecycle(users, client_for):
    client = client_for(users.clerk)
    response = _new(client)
    project = Project.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/entry/projects/{project.project_id}/"
    base = f"/entry/projects/{project.project_id}"
    steps = [
        ("award", {"procurement_method": "inquiry", "contractor_name": "某某建设有限公司",
                   "contractor_org_id": records.ORG.lower()}),
        ("contract", {"contract_amount": "375000", "contract_date": "2026-04-01", "start_date": "2026-04-10",
                      "planned_end_date": "2026-06-30"}),
        ("changes", {"change_date": "2026-05-01", "amount_delta": "-5000", "reason": "减少工程量"}),
        ("payments", {"pay_date": "2026-05-02", "amount": "100000", "payee_org_id": records.ORG, "voucher_no": "记-12"}),
        ("acceptance", {"acceptance_date": "2026-07-01"}),
        ("settlement", {"settlement_amount": "370000"}),
    ]
    for step, data in steps:
        assert client.post(f"{base}/{step}/", data).status_code == 302, step
    project.refresh_from_db()
    assert project.decision_ref.endswith("3号") and project.procurement_method == "inquiry"
    assert project.contractor_org_id == records.ORG and project.contract_amount == Decimal("375000.00")
    assert str(project.acceptance_date) == "2026-07-01" and project.settlement_amount == Decimal("370000.00")
    assert project.budget_amount == Decimal("380000.00")       # untouched by the later steps
    assert ProjectChange.objects.get().amount_delta == Decimal("-5000.00")
    assert ProjectPayment.objects.get().village_code == VILLAGE_A
    page = client.get(f"{base}/").content.decode()
    assert page.count('class="done"') == 7


def test_a_project_with_no_decision_is_a_valid_record(users, client_for):
    response = _new(client_for(users.clerk), decision_date="", decision_ref="")
    assert response.status_code == 302 and Project.objects.get().decision_date is None


def test_invalid_steps_write_nothing(users, client_for):
    client = client_for(users.clerk)
    _new(client)
    project = Project.objects.get()
    base = f"/entry/projects/{project.project_id}"
    bad_code = records.ORG[:-1] + ("0" if records.ORG[-1] != "0" else "1")
    response = client.post(f"{base}/award/", {"procurement_method": "bribe", "contractor_name": "某公司",
                                              "contractor_org_id": bad_code})
    assert response.status_code == 422
    body = response.content.decode()
    assert "只能是" in body and "统一社会信用代码无效" in body
    response = client.post(f"{base}/payments/", {"pay_date": "2026-05-02", "amount": "-1"})
    assert response.status_code == 422 and "不能为负数" in response.content.decode()
    assert "must not be negative" not in response.content.decode()   # the page's language only
    response = client.post(f"{base}/contract/", {"contract_amount": "1", "contract_date": "2026-04-01",
                                                 "start_date": "2026-06-01", "planned_end_date": "2026-05-01"})
    assert response.status_code == 422 and "计划完工日期早于开工日期" in response.content.decode()
    project.refresh_from_db()
    assert project.procurement_method == "" and project.contract_amount is None
    assert not ProjectPayment.objects.exists()
    assert client.get(f"{base}/bribe/").status_code == 404


def test_out_of_scope_and_read_only(users, client_for, world):
    other = records.project(world.village_b)["project_id"]
    clerk = client_for(users.clerk)
    assert clerk.post(f"/entry/{VILLAGE_B}/projects/", {"name": "x", "category": "x", "budget_amount": "1"}).status_code == 404
    assert clerk.post(f"/entry/projects/{other}/acceptance/", {"acceptance_date": "2026-07-01"}).status_code == 404
    assert Project.objects.get(project_id=other).acceptance_date is None
    own = records.project(world.village_a)["project_id"]
    inspector = client_for(users.inspector_a)
    assert inspector.get(f"/entry/projects/{own}/award/").status_code == 200
    assert inspector.post(f"/entry/projects/{own}/acceptance/", {"acceptance_date": "2026-07-01"}).status_code == 403
    assert Project.objects.get(project_id=own).acceptance_date is None
