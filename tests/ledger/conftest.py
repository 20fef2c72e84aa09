"""Valid records for every ledger table, so each test changes only the cell it is about."""

import pytest

from sunlit.identity import person_id_make

VILLAGE_A = "330102001001"
VILLAGE_B = "330106001001"
WORKER = person_id_make("11010119600101123")   # born 1960: before python-stdnum's birthplace table
CADRE = person_id_make("11010119700505201")


def _uscc(first17: str) -> str:
    from stdnum.cn import uscc

    return first17 + uscc.calc_check_digit(first17)


ORG = _uscc("91330100MA27XYK13")


def valid(table: str, village: str = VILLAGE_A, n: int = 1) -> dict:
    """A valid record of ``table`` in ``village`` (``n`` varies its key)."""
    s = f"{village[4:6]}{village[-3:]}-{n}"
    return {
        "cadre": {"village_code": village, "person_id": CADRE, "name": "张三", "position": "村委会主任",
                  "term_start": "2021-01-01", "term_end": "2025-12-31"},
        "project": {"project_id": f"PRJ-{s}", "village_code": village, "name": "村道硬化", "category": "道路",
                    "budget_amount": "380000.00", "funding_source": "财政", "procurement_method": "direct_award",
                    "contractor_org_id": ORG, "contractor_name": "某某建设有限公司", "contract_amount": "375000",
                    "contract_date": "2024-03-01", "start_date": "2024-03-10", "planned_end_date": "2024-06-30"},
        "project_change": {"change_id": f"CHG-{s}", "project_id": f"PRJ-{s}", "change_date": "2024-04-01",
                           "amount_delta": "-5000.00", "reason": "减少工程量"},
        "project_payment": {"payment_id": f"PP-{s}", "project_id": f"PRJ-{s}", "pay_date": "2024-04-02",
                            "amount": "100000.00", "payee_org_id": ORG, "voucher_no": "记-12"},
        "asset": {"asset_id": f"AST-{s}", "village_code": village, "name": "村东店铺", "asset_type": "shop",
                  "area": "120.5", "unit": "平方米", "book_value": "200000", "status": "leased"},
        "lease": {"lease_id": f"LSE-{s}", "asset_id": f"AST-{s}", "village_code": village,
                  "lessee_person_id": WORKER, "lessee_name": "李四", "method": "negotiation",
                  "annual_rent": "12000", "start_date": "2024-01-01", "end_date": "2026-12-31"},
        "rent_receipt": {"receipt_id": f"RR-{s}", "lease_id": f"LSE-{s}", "receipt_date": "2024-01-05",
                         "period_start": "2024-01-01", "period_end": "2024-12-31", "amount": "12000"},
        "labour_task": {"task_id": f"T-{s}", "village_code": village, "title": "河道清理", "category": "保洁",
                        "dispatch_date": "2024-05-01", "planned_days": "3", "planned_workers": "5",
                        "approved_by": "王五"},
        "labour_attendance": {"task_id": f"T-{s}", "person_id": WORKER, "work_date": "2024-05-02"},
        "labour_payment": {"payment_id": f"LP-{s}", "village_code": village, "task_id": f"T-{s}",
                           "person_id": WORKER, "name": "赵六", "days": "3", "daily_rate": "150.00",
                           "amount": "450.00", "paid_date": "2024-05-10"},
        "purchase": {"purchase_id": f"PUR-{s}", "village_code": village, "item": "办公桌", "category": "办公用品",
                     "quantity": "2", "unit": "张", "unit_price": "800", "amount": "1600",
                     "supplier_org_id": ORG, "supplier_name": "某某家具店", "method": "quotation",
                     "purchase_date": "2024-02-01", "invoice_no": "No.0001"},
        "relief_recipient": {"person_id": WORKER, "village_code": village, "household_id": "H-1",
                             "relief_type": "minimum_living", "approved_date": "2023-01-01",
                             "monthly_amount": "800"},
        "relief_payment": {"payment_id": f"RP-{s}", "person_id": WORKER, "village_code": village,
                           "relief_type": "minimum_living", "period": "2024-01", "amount": "800",
                           "paid_date": "2024-01-15"},
        "seal": {"seal_id": f"SEAL-{s}", "village_code": village, "name": "村民委员会章",
                 "custodian_person_id": CADRE},
        "seal_usage": {"usage_id": f"SU-{s}", "seal_id": f"SEAL-{s}", "village_code": village,
                       "used_at": "2024-03-01 10:30", "document_type": "contract", "matter": "村道工程合同",
                       "related_type": "project", "related_id": f"PRJ-{s}", "applicant_name": "张三",
                       "approver_person_id": CADRE, "approved_at": "2024-03-01T09:00:00+08:00"},
    }[table]


PARENTS = {
    "project_change": ["project"], "project_payment": ["project"], "lease": ["asset"],
    "rent_receipt": ["asset", "lease"], "labour_attendance": ["labour_task"], "labour_payment": ["labour_task"],
    "seal_usage": ["seal"],
}


@pytest.fixture
def parents(users):
    """``parents(table, village)``: create the records ``table``'s valid record refers to."""
    from sunlit.ledger.services import records_write

    def make(table, village=VILLAGE_A, n=1):
        for parent in PARENTS.get(table, []):
            records_write(parent, actor=users.admin, records=[valid(parent, village, n)])
    return make
