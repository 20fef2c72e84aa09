"""Each ledger table's validation, through the services every entry path uses."""

from decimal import Decimal

import pytest

from sunlit.errors import AccessDenied, InvalidInput
from sunlit.identity import person_id_make
from sunlit.ledger import registry
from sunlit.ledger.services import record_write, records_write

from .conftest import ORG, PARENTS, VILLAGE_A, VILLAGE_B, WORKER, valid

TABLES = registry.TABLE_NAMES


def _refused(table, actor, record):
    with pytest.raises(InvalidInput) as caught:
        records_write(table, actor=actor, records=[record])
    return caught.value.errors


def _wrong_check_digit(person_id: str) -> str:
    last = person_id[-1]
    return person_id[:-1] + ("0" if last != "0" else "1")


def _wrong_uscc(code: str) -> str:
    last = code[-1]
    return code[:-1] + ("0" if last != "0" else "1")


@pytest.mark.parametrize("table", TABLES)
def test_a_valid_record_is_stored_once(table, users, parents):
    parents(table)
    model = registry.table(table).model
    before = model.objects.count()
    result = records_write(table, actor=users.clerk, records=[valid(table)])
    assert (result.created, result.updated, result.unchanged) == (1, 0, 0)
    again = records_write(table, actor=users.clerk, records=[valid(table)])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert model.objects.count() == before + 1
    stored = model.objects.get()
    assert stored.village_code == VILLAGE_A


@pytest.mark.parametrize("table", TABLES)
def test_a_village_outside_the_clerks_scope_is_refused(table, users, parents):
    parents(table, VILLAGE_B)
    spec = registry.table(table)
    before = spec.model.objects.count()
    errors = _refused(table, users.clerk, valid(table, VILLAGE_B))
    if spec.village_from:
        # The village comes from the referenced record, which the clerk cannot see.
        assert [(e.row, e.column) for e in errors] == [(1, spec.village_from)]
    else:
        by_column = {e.column: e.message for e in errors}
        assert "outside your scope" in by_column["village_code"]
        # A reference to county B's record is refused too: to the clerk it does not exist.
        references = {c.key for c in spec.columns if c.kind == "reference"}
        assert set(by_column) - {"village_code"} <= references
    assert spec.model.objects.count() == before


@pytest.mark.parametrize("table", TABLES)
def test_an_inspector_cannot_write(table, users, parents):
    parents(table)
    with pytest.raises(AccessDenied):
        records_write(table, actor=users.inspector_a, records=[valid(table)])


PERSON_COLUMNS = [("cadre", "person_id"), ("lease", "lessee_person_id"), ("labour_attendance", "person_id"),
                  ("labour_payment", "person_id"), ("relief_recipient", "person_id"), ("relief_payment", "person_id"),
                  ("seal", "custodian_person_id"), ("seal_usage", "approver_person_id")]
ORG_COLUMNS = [("project", "contractor_org_id"), ("project_payment", "payee_org_id"), ("lease", "lessee_org_id"),
               ("purchase", "supplier_org_id")]
MONEY_COLUMNS = [
    ("project", "budget_amount"), ("project", "contract_amount"), ("project_payment", "amount"),
    ("asset", "book_value"), ("lease", "annual_rent"), ("rent_receipt", "amount"), ("labour_payment", "amount"),
    ("labour_payment", "daily_rate"), ("purchase", "unit_price"), ("purchase", "amount"),
    ("relief_recipient", "monthly_amount"), ("relief_payment", "amount"),
]


def test_the_lists_cover_every_identity_and_money_column():
    kinds = {(t, c.key): c.kind for t in TABLES for c in registry.table(t).columns}
    assert {k for k, v in kinds.items() if v == "person_id"} == set(PERSON_COLUMNS)
    assert {k for k, v in kinds.items() if v == "org_id"} == set(ORG_COLUMNS)
    assert {k for k, v in kinds.items() if v == "money"} == set(MONEY_COLUMNS) | {("project", "settlement_amount"),
                                                                              ("project_change", "amount_delta")}


@pytest.mark.parametrize("table,column", PERSON_COLUMNS)
def test_a_wrong_id_check_digit_is_refused_and_not_repeated(table, column, users, parents):
    parents(table)
    record = valid(table)
    bad = _wrong_check_digit(record[column])
    record[column] = bad
    errors = _refused(table, users.clerk, record)
    assert [(e.row, e.column) for e in errors] == [(1, column)]
    assert "check digit" in errors[0].message
    assert bad not in errors[0].value and bad not in errors[0].message   # masked, never the number


@pytest.mark.parametrize("table,column", ORG_COLUMNS)
def test_a_wrong_credit_code_check_character_is_refused(table, column, users, parents):
    parents(table)
    record = valid(table)
    record[column] = _wrong_uscc(ORG)
    errors = _refused(table, users.clerk, record)
    assert [(e.row, e.column) for e in errors] == [(1, column)]
    assert "credit code" in errors[0].message


@pytest.mark.parametrize("table,column", MONEY_COLUMNS)
def test_a_negative_amount_is_refused(table, column, users, parents):
    parents(table)
    record = valid(table)
    record[column] = "-1.00"
    errors = _refused(table, users.clerk, record)
    assert (1, column) in [(e.row, e.column) for e in errors]
    assert any(e.column == column and "negative" in e.message for e in errors)


def test_a_change_order_may_reduce_the_contract(users, parents):
    parents("project_change")
    change = record_write("project_change", actor=users.clerk, data=valid("project_change"))
    assert change.amount_delta == Decimal("-5000.00")
    assert change.village_code == VILLAGE_A   # taken from the project


def test_money_has_two_places_and_is_decimal(users, parents):
    parents("labour_payment")
    record = {**valid("labour_payment"), "daily_rate": "150.005", "amount": "450.015"}
    errors = _refused("labour_payment", users.clerk, record)
    assert {e.column for e in errors} == {"daily_rate", "amount"}
    assert all("decimal places" in e.message for e in errors)


def test_labour_pay_must_be_days_times_rate(users, parents):
    parents("labour_payment")
    errors = _refused("labour_payment", users.clerk, {**valid("labour_payment"), "amount": "451.00"})
    assert [(e.column, "days × daily rate" in e.message) for e in errors] == [("amount", True)]
    half = record_write("labour_payment", actor=users.clerk,
                        data={**valid("labour_payment"), "days": "1.5", "amount": "225"})
    assert half.amount == Decimal("225.00")


@pytest.mark.parametrize("table,first,second", [
    ("cadre", "term_start", "term_end"), ("project", "start_date", "planned_end_date"),
    ("lease", "start_date", "end_date"), ("rent_receipt", "period_start", "period_end"),
    ("relief_recipient", "approved_date", "end_date"),
])
def test_dates_must_be_in_order(table, first, second, users, parents):
    parents(table)
    record = {**valid(table), first: "2024-06-01", second: "2024-05-31"}
    errors = _refused(table, users.clerk, record)
    assert [(e.row, e.column) for e in errors] == [(1, second)]


@pytest.mark.parametrize("table,column,value,problem", [
    ("project", "procurement_method", "handshake", "must be one of"),
    ("asset", "status", "lost", "must be one of"),
    ("labour_task", "dispatch_date", "2024-02-30", "not a real date"),
    ("labour_task", "dispatch_date", "05/01/2024", "YYYY-MM-DD"),
    ("labour_task", "planned_days", "three", "whole number"),
    ("labour_payment", "days", "abc", "not a number"),
    ("relief_payment", "period", "2024-13", "YYYY-MM"),
    ("seal_usage", "used_at", "yesterday", "YYYY-MM-DD HH:MM"),
    ("labour_payment", "name", "", "required"),
    ("labour_payment", "village_code", "330102001999", "no such village"),
    ("labour_payment", "task_id", "NO-SUCH-TASK", "no such labour_task"),
    ("lease", "asset_id", "NO-SUCH-ASSET", "no such asset"),
])
def test_malformed_cells_are_refused(table, column, value, problem, users, parents):
    parents(table)
    errors = _refused(table, users.clerk, {**valid(table), column: value})
    assert [(e.row, e.column) for e in errors] == [(1, column)]
    assert problem in errors[0].message


def test_a_lease_needs_a_lessee_id_of_some_kind(users, parents):
    parents("lease")
    errors = _refused("lease", users.clerk, {**valid("lease"), "lessee_person_id": ""})
    assert [e.column for e in errors] == ["lessee_person_id"]
    org_lease = record_write("lease", actor=users.clerk,
                             data={**valid("lease"), "lessee_person_id": "", "lessee_org_id": ORG.lower()})
    assert org_lease.lessee_org_id == ORG


def test_suspicious_facts_are_valid_rows(users, parents):
    """What the models exist to catch is stored, never refused."""
    no_dispatch = record_write("labour_payment", actor=users.clerk, data={**valid("labour_payment"), "task_id": ""})
    assert no_dispatch.task_id is None
    parents("seal_usage")
    unapproved = record_write("seal_usage", actor=users.clerk,
                              data={**valid("seal_usage"), "approver_person_id": "", "approved_at": "",
                                    "related_type": "", "related_id": "", "document_type": "blank"})
    assert unapproved.approver_person_id == "" and unapproved.approved_at is None
    undecided = record_write("project", actor=users.clerk,
                             data={**valid("project", n=2), "decision_date": "", "decision_ref": ""})
    assert undecided.decision_date is None
    records_write("purchase", actor=users.clerk,
                  records=[valid("purchase", n=1), valid("purchase", n=2)])   # same invoice number twice
    from sunlit.procurement.models import Purchase
    assert Purchase.objects.filter(invoice_no="No.0001").count() == 2


def test_identity_numbers_are_stored_in_canonical_form(users):
    legacy = "110101600101123"                       # 15 digits, born 1960
    stored = record_write("labour_payment", actor=users.clerk,
                          data={**valid("labour_payment"), "task_id": "", "person_id": legacy})
    assert stored.person_id == person_id_make("11010119600101123")
    old = person_id_make("11010119300101002")      # born 1930: a real number python-stdnum's table rejects
    assert record_write("relief_recipient", actor=users.clerk,
                        data={**valid("relief_recipient"), "person_id": old}).person_id == old


def test_a_key_used_by_another_village_is_not_taken_over(users, parents):
    records_write("labour_payment", actor=users.admin,
                  records=[{**valid("labour_payment", VILLAGE_B), "task_id": "", "payment_id": "LP-shared"}])
    errors = _refused("labour_payment", users.clerk,
                      {**valid("labour_payment"), "task_id": "", "payment_id": "LP-shared"})
    assert [e.column for e in errors] == ["payment_id"]
    assert "outside your scope" in errors[0].message


def test_a_reference_must_be_in_the_same_village(users, parents):
    parents("labour_payment", VILLAGE_B)
    errors = _refused("labour_payment", users.admin, {**valid("labour_payment"), "task_id": f"T-{VILLAGE_B[4:6]}{VILLAGE_B[-3:]}-1"})
    assert [(e.column, "another village" in e.message) for e in errors] == [("task_id", True)]


def test_a_steward_writes_in_their_region_only(users, parents):
    record_write("cadre", actor=users.steward, data=valid("cadre"))
    errors = _refused("cadre", users.steward, valid("cadre", VILLAGE_B))
    assert [e.column for e in errors] == ["village_code"]


def test_update_in_place_by_natural_key(users):
    first = record_write("cadre", actor=users.clerk, data=valid("cadre"))
    result = records_write("cadre", actor=users.clerk, records=[{**valid("cadre"), "name": "张叁"}])
    assert (result.created, result.updated) == (0, 1)
    first.refresh_from_db()
    assert first.name == "张叁"


def test_parents_cover_every_reference():
    for t in TABLES:
        refs = {c.target for c in registry.table(t).columns if c.kind == "reference" and c.required}
        assert refs <= set(PARENTS.get(t, [])), t
    assert VILLAGE_A != VILLAGE_B and WORKER


def test_the_error_report_keeps_a_formula_like_value_as_text():
    """A refused value written like a formula (=HYPERLINK(…)) reaches the clerk's error report as
    text: opening the report runs nothing."""
    import io

    import openpyxl

    from sunlit.errors import RowError
    from sunlit.ledger.spreadsheets import ERROR_HEADER, error_report_xlsx

    evil = '=HYPERLINK("http://evil.example/","修正")'
    data = error_report_xlsx([RowError(2, "amount", evil, "不是金额 / not an amount")], title="labour_payment")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]] == ERROR_HEADER
    value = sheet.cell(row=2, column=3)
    assert (value.value, value.data_type) == (evil, "s") and sheet.cell(row=2, column=1).value == 2
