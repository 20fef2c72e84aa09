"""The canonical Arrow schema of every table as the lake holds it: the contract between what
writes the lake (ledger snapshots, registry loads, the demo generator) and what reads it (the
models). A writer may add columns; the ones here must be present with these types.

Money is decimal(14, 2) yuan; dates are dates; ``seal_usage.used_at`` and ``approved_at`` are
Asia/Shanghai wall-clock timestamps without an offset (the models judge working hours on them)."""

import pyarrow as pa

S, D = pa.string(), pa.date32()
MONEY = pa.decimal128(14, 2)
LOCAL_TIME = pa.timestamp("us")

# How every writer of the lake compresses its Parquet. The lake is written once per snapshot or load
# and read by every model run after it: snappy files are about half as large again as zstd's, and
# DuckDB reads them faster (the whole catalogue at city scale about 8 % faster; docs/performance.md).
PARQUET_COMPRESSION = "snappy"


def _schema(*columns):
    return pa.schema([pa.field(name, typ) for name, typ in columns])


SCHEMAS: dict[str, pa.Schema] = {
    "cadre": _schema(("village_code", S), ("person_id", S), ("name", S), ("position", S), ("term_start", D),
                     ("term_end", D)),
    "project": _schema(("project_id", S), ("village_code", S), ("name", S), ("category", S), ("budget_amount", MONEY),
                       ("funding_source", S), ("decision_date", D), ("decision_ref", S), ("procurement_method", S),
                       ("contractor_org_id", S), ("contractor_name", S), ("contract_amount", MONEY),
                       ("contract_date", D), ("start_date", D), ("planned_end_date", D), ("acceptance_date", D),
                       ("settlement_amount", MONEY)),
    "project_change": _schema(("change_id", S), ("project_id", S), ("change_date", D), ("amount_delta", MONEY),
                              ("reason", S)),
    "project_payment": _schema(("payment_id", S), ("project_id", S), ("pay_date", D), ("amount", MONEY),
                               ("payee_org_id", S), ("voucher_no", S)),
    "asset": _schema(("asset_id", S), ("village_code", S), ("name", S), ("asset_type", S),
                     ("area", pa.decimal128(14, 2)), ("unit", S), ("book_value", MONEY), ("status", S),
                     ("idle_since", D)),
    "lease": _schema(("lease_id", S), ("asset_id", S), ("village_code", S), ("lessee_person_id", S),
                     ("lessee_org_id", S), ("lessee_name", S), ("method", S), ("annual_rent", MONEY),
                     ("start_date", D), ("end_date", D), ("signed_date", D)),
    "rent_receipt": _schema(("receipt_id", S), ("lease_id", S), ("receipt_date", D), ("period_start", D),
                            ("period_end", D), ("amount", MONEY)),
    "labour_task": _schema(("task_id", S), ("village_code", S), ("title", S), ("category", S), ("dispatch_date", D),
                           ("planned_days", pa.int64()), ("planned_workers", pa.int64()), ("approved_by", S),
                           ("project_id", S)),
    "labour_attendance": _schema(("task_id", S), ("person_id", S), ("work_date", D)),
    "labour_payment": _schema(("payment_id", S), ("village_code", S), ("task_id", S), ("person_id", S), ("name", S),
                              ("days", pa.decimal128(7, 2)), ("daily_rate", MONEY), ("amount", MONEY),
                              ("paid_date", D)),
    "purchase": _schema(("purchase_id", S), ("village_code", S), ("item", S), ("category", S),
                        ("quantity", pa.decimal128(14, 3)), ("unit", S), ("unit_price", MONEY), ("amount", MONEY),
                        ("supplier_org_id", S), ("supplier_name", S), ("method", S), ("purchase_date", D),
                        ("approved_by", S), ("invoice_no", S)),
    "relief_recipient": _schema(("person_id", S), ("village_code", S), ("household_id", S), ("relief_type", S),
                                ("approved_date", D), ("end_date", D), ("monthly_amount", MONEY)),
    "relief_payment": _schema(("payment_id", S), ("person_id", S), ("village_code", S), ("relief_type", S),
                              ("period", S), ("amount", MONEY), ("paid_date", D)),
    "seal": _schema(("seal_id", S), ("village_code", S), ("name", S), ("custodian_person_id", S)),
    "seal_usage": _schema(("usage_id", S), ("seal_id", S), ("village_code", S), ("used_at", LOCAL_TIME),
                          ("document_type", S), ("matter", S), ("related_type", S), ("related_id", S),
                          ("applicant_name", S), ("approver_person_id", S), ("approved_at", LOCAL_TIME)),
    "enterprise": _schema(("org_id", S), ("name", S), ("status", S), ("established_date", D), ("closed_date", D),
                          ("legal_rep_person_id", S), ("region_code", S)),
    "enterprise_person": _schema(("org_id", S), ("person_id", S), ("role", S), ("share_ratio", pa.decimal128(9, 6))),
    "death": _schema(("person_id", S), ("death_date", D)),
    "vehicle": _schema(("plate", S), ("person_id", S), ("vehicle_type", S), ("registered_date", D)),
    "property": _schema(("property_id", S), ("person_id", S), ("property_type", S), ("area", pa.decimal128(14, 2)),
                        ("registered_date", D)),
    "household": _schema(("household_id", S), ("person_id", S), ("name", S), ("birth_date", D), ("gender", S),
                         ("relation_to_head", S), ("region_code", S)),
    "kinship": _schema(("person_id", S), ("relative_person_id", S), ("relation", S)),
    "public_payroll": _schema(("person_id", S), ("employer", S), ("start_date", D), ("end_date", D)),
    "social_insurance": _schema(("person_id", S), ("employer_org_id", S), ("period", S),
                                ("wage_base", pa.decimal128(14, 2))),
}
