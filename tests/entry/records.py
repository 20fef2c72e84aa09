"""Ledger records for the permission matrix and the entry tests, written through the ledger's
services as the command-line actor. Each function returns the URL kwargs of the record it made."""

from sunlit.accounts.system import command_line_actor
from sunlit.identity import person_id_make
from sunlit.ledger.services import records_write

WORKER = person_id_make("33010219600101123")
CADRE = person_id_make("33010219700505201")


def _uscc(first17: str) -> str:
    from stdnum.cn import uscc

    return first17 + uscc.calc_check_digit(first17)


ORG = _uscc("91330100MA27XYK13")


def write(table: str, **cells) -> None:
    records_write(table, actor=command_line_actor(), records=[cells])


def labour_task(village) -> dict:
    key = f"T-{village.code}"
    write("labour_task", task_id=key, village_code=village.code, title="河道清理", category="保洁",
          dispatch_date="2026-11-20", planned_days="3", planned_workers="2")
    return {"task_id": key}


def project(village) -> dict:
    key = f"PRJ-{village.code}"
    write("project", project_id=key, village_code=village.code, name="村道硬化", category="道路",
          budget_amount="380000")
    return {"project_id": key}


def asset(village) -> dict:
    key = f"AST-{village.code}"
    write("asset", asset_id=key, village_code=village.code, name="村东店铺", asset_type="shop", status="leased")
    return {"asset_id": key}


def lease(village) -> dict:
    key = f"LSE-{village.code}"
    write("lease", lease_id=key, asset_id=asset(village)["asset_id"], village_code=village.code,
          lessee_person_id=WORKER, lessee_name="李四", method="negotiation", annual_rent="12000",
          start_date="2026-01-01", end_date="2027-12-31")
    return {"lease_id": key}


def seal(village) -> dict:
    key = f"SEAL-{village.code}"
    write("seal", seal_id=key, village_code=village.code, name="村民委员会章", custodian_person_id=CADRE)
    return {"seal_id": key}


def seal_usage(village) -> dict:
    key = f"SU-{village.code}"
    write("seal_usage", usage_id=key, seal_id=seal(village)["seal_id"], village_code=village.code,
          used_at="2026-11-20 10:30", document_type="letter", matter="出具证明", applicant_name="张三")
    return {"usage_id": key}
