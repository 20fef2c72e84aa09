"""The names of a model's evidence fields, as the alert and case pages show them.

Each model's header lists its evidence keys (``-- evidence: [person_id, name, …]``); the alert stores
them as the model wrote them, and exports keep those keys. The pages show each key under its label
here (English source, Chinese in the app's zh_Hans catalogue). A key with no label is shown as it
is. A model that adds an evidence key adds its label here; a test checks that every key declared in
the catalogue has one.

Some values are codes: what a model found (``finding``, ``reason``, ``missing`` …), a person's role in
an enterprise, or a ledger's own codes (an asset's type, a letting method …). The pages show them in
words too: the model's codes under ``EVIDENCE_CODES``, the ledger's in the ledger's own words (the
choices of its columns). A code with no words is shown as it is; a test checks that every code a
model's SQL writes has them.
"""

from functools import cache

from django.utils.translation import pgettext_lazy

from sunlit.assets.models import AssetType, LeaseMethod
from sunlit.projects.models import ProcurementMethod
from sunlit.relief.models import ReliefType
from sunlit.seals.models import DocumentType

EVIDENCE_LABELS = {
    # people and posts
    "person_id": pgettext_lazy("evidence", "ID number"),
    "name": pgettext_lazy("evidence", "Name"),
    "birth_date": pgettext_lazy("evidence", "Date of birth"),
    "age": pgettext_lazy("evidence", "Age"),
    "death_date": pgettext_lazy("evidence", "Date of death"),
    "member_person_id": pgettext_lazy("evidence", "Household member's ID number"),
    "relation": pgettext_lazy("evidence", "Relation"),
    "link": pgettext_lazy("evidence", "How the relation is known"),
    "role": pgettext_lazy("evidence", "Role"),
    "cadre_person_id": pgettext_lazy("evidence", "Cadre's ID number"),
    "cadre_name": pgettext_lazy("evidence", "Cadre's name"),
    "position": pgettext_lazy("evidence", "Post"),
    "term_start": pgettext_lazy("evidence", "Term start"),
    # labour
    "task_id": pgettext_lazy("evidence", "Dispatch number"),
    "dispatch_date": pgettext_lazy("evidence", "Dispatch date"),
    "paid_date": pgettext_lazy("evidence", "Date paid"),
    "last_paid_date": pgettext_lazy("evidence", "Last date paid"),
    "days": pgettext_lazy("evidence", "Days"),
    "daily_rate": pgettext_lazy("evidence", "Daily rate (yuan)"),
    "payments": pgettext_lazy("evidence", "Payments"),
    "paid_days": pgettext_lazy("evidence", "Days paid"),
    "attended_days": pgettext_lazy("evidence", "Days attended"),
    "excess_days": pgettext_lazy("evidence", "Days paid beyond attendance"),
    "other_payment_id": pgettext_lazy("evidence", "Other payment number"),
    "other_task_id": pgettext_lazy("evidence", "Other dispatch number"),
    "other_village_code": pgettext_lazy("evidence", "Village of the other payment"),
    "clash_days": pgettext_lazy("evidence", "Days paid twice"),
    "first_clash_date": pgettext_lazy("evidence", "First day paid twice"),
    "days_after_death": pgettext_lazy("evidence", "Days worked after death"),
    "first_work_date_after_death": pgettext_lazy("evidence", "First work date after death"),
    "month": pgettext_lazy("evidence", "Month"),
    "employer_org_id": pgettext_lazy("evidence", "Insuring employer's credit code"),
    "wage_base": pgettext_lazy("evidence", "Insured wage base (yuan)"),
    "township_median": pgettext_lazy("evidence", "Township median"),
    "township_payments": pgettext_lazy("evidence", "Payments in the township"),
    "ratio": pgettext_lazy("evidence", "Multiple of the median"),
    "total_pay": pgettext_lazy("evidence", "Labour pay in total (yuan)"),
    "relatives_pay": pgettext_lazy("evidence", "Pay to cadres' relatives (yuan)"),
    "relatives": pgettext_lazy("evidence", "Cadres' relatives paid"),
    "relative_payments": pgettext_lazy("evidence", "Payments to cadres' relatives"),
    "share": pgettext_lazy("evidence", "Share"),
    "reason": pgettext_lazy("evidence", "Reason"),
    # relief
    "relief_type": pgettext_lazy("evidence", "Relief type"),
    "year": pgettext_lazy("evidence", "Year"),
    "months": pgettext_lazy("evidence", "Months paid"),
    "first_period": pgettext_lazy("evidence", "First month"),
    "months_after_death": pgettext_lazy("evidence", "Months paid after death"),
    "org_id": pgettext_lazy("evidence", "Enterprise's credit code"),
    "enterprise_name": pgettext_lazy("evidence", "Enterprise"),
    "plate": pgettext_lazy("evidence", "Plate number"),
    "vehicle_type": pgettext_lazy("evidence", "Vehicle type"),
    "registered_date": pgettext_lazy("evidence", "Date registered"),
    "homes": pgettext_lazy("evidence", "Homes owned"),
    "commercial": pgettext_lazy("evidence", "Commercial properties owned"),
    "first_property_id": pgettext_lazy("evidence", "Property number"),
    "employer": pgettext_lazy("evidence", "Public employer"),
    "payroll_start": pgettext_lazy("evidence", "On the public payroll since"),
    "approved_date": pgettext_lazy("evidence", "Date approved"),
    "monthly_amount": pgettext_lazy("evidence", "Monthly relief (yuan)"),
    "paid_since_approval": pgettext_lazy("evidence", "Paid since approval (yuan)"),
    "first_payment_id": pgettext_lazy("evidence", "First payment number"),
    "first_amount": pgettext_lazy("evidence", "First amount (yuan)"),
    "total_paid": pgettext_lazy("evidence", "Relief paid in total (yuan)"),
    "extra_paid": pgettext_lazy("evidence", "Paid in excess (yuan)"),
    "employers": pgettext_lazy("evidence", "Insuring employers"),
    # projects
    "contractor_org_id": pgettext_lazy("evidence", "Contractor's credit code"),
    "contractor_name": pgettext_lazy("evidence", "Contractor"),
    "procurement_method": pgettext_lazy("evidence", "Procurement method"),
    "amount": pgettext_lazy("evidence", "Amount (yuan)"),
    "amount_source": pgettext_lazy("evidence", "Amount taken from"),
    "tender_threshold": pgettext_lazy("evidence", "Tender threshold (yuan)"),
    "contract_date": pgettext_lazy("evidence", "Contract date"),
    "contract_amount": pgettext_lazy("evidence", "Contract amount (yuan)"),
    "parts": pgettext_lazy("evidence", "Parts"),
    "first_contract_date": pgettext_lazy("evidence", "First contract date"),
    "last_contract_date": pgettext_lazy("evidence", "Last contract date"),
    "total": pgettext_lazy("evidence", "Total (yuan)"),
    "total_change": pgettext_lazy("evidence", "Net change (yuan)"),
    "change_share": pgettext_lazy("evidence", "Net change as a share of the contract"),
    "changes": pgettext_lazy("evidence", "Change orders"),
    "crossing_change_id": pgettext_lazy("evidence", "Change that crossed the limit"),
    "crossing_date": pgettext_lazy("evidence", "Date the limit was crossed"),
    "ceiling": pgettext_lazy("evidence", "Most payable (yuan)"),
    "ceiling_source": pgettext_lazy("evidence", "Most payable taken from"),
    "settlement_amount": pgettext_lazy("evidence", "Settlement amount (yuan)"),
    "paid_total": pgettext_lazy("evidence", "Paid to the contractor in total (yuan)"),
    "overpaid": pgettext_lazy("evidence", "Overpaid (yuan)"),
    "crossing_payment_id": pgettext_lazy("evidence", "Payment that crossed the limit"),
    "acceptance_date": pgettext_lazy("evidence", "Acceptance date"),
    "paid_before_acceptance": pgettext_lazy("evidence", "Paid before acceptance (yuan)"),
    "paid_share": pgettext_lazy("evidence", "Share of the contract paid"),
    "decision_date": pgettext_lazy("evidence", "Decision date"),
    "decision_ref": pgettext_lazy("evidence", "Decision reference"),
    "projects": pgettext_lazy("evidence", "Projects"),
    "direct_awards": pgettext_lazy("evidence", "Direct awards"),
    "direct_share": pgettext_lazy("evidence", "Direct-award share"),
    "direct_amount": pgettext_lazy("evidence", "Directly awarded (yuan)"),
    "total_amount": pgettext_lazy("evidence", "Contracted in total (yuan)"),
    "established_date": pgettext_lazy("evidence", "Date established"),
    "closed_date": pgettext_lazy("evidence", "Date closed"),
    "status": pgettext_lazy("evidence", "Registration status"),
    "age_days": pgettext_lazy("evidence", "Days from establishment to contract"),
    "finding": pgettext_lazy("evidence", "Finding"),
    # assets
    "asset_id": pgettext_lazy("evidence", "Asset number"),
    "asset_name": pgettext_lazy("evidence", "Asset name"),
    "asset_type": pgettext_lazy("evidence", "Asset type"),
    "idle_since": pgettext_lazy("evidence", "Idle since"),
    "idle_days": pgettext_lazy("evidence", "Days idle"),
    "as_of": pgettext_lazy("evidence", "As of"),
    "book_value": pgettext_lazy("evidence", "Book value (yuan)"),
    "lessee_name": pgettext_lazy("evidence", "Lessee"),
    "start_date": pgettext_lazy("evidence", "Lease start"),
    "end_date": pgettext_lazy("evidence", "Lease end"),
    "term_years": pgettext_lazy("evidence", "Term (years)"),
    "max_years": pgettext_lazy("evidence", "Longest term allowed (years)"),
    "annual_rent": pgettext_lazy("evidence", "Annual rent (yuan)"),
    "unit": pgettext_lazy("evidence", "Unit"),
    "area": pgettext_lazy("evidence", "Area"),
    "unit_rent": pgettext_lazy("evidence", "Rent per unit (yuan)"),
    "peers": pgettext_lazy("evidence", "Comparable records"),
    "let_date": pgettext_lazy("evidence", "Date let"),
    "method": pgettext_lazy("evidence", "Letting method"),
    "due_until": pgettext_lazy("evidence", "Rent due until"),
    "rent_paid": pgettext_lazy("evidence", "Rent received (yuan)"),
    "paid_through": pgettext_lazy("evidence", "Rent paid through"),
    "arrears_days": pgettext_lazy("evidence", "Days in arrears"),
    "rent_threshold": pgettext_lazy("evidence", "Public bidding threshold (yuan)"),
    "signed_date": pgettext_lazy("evidence", "Date signed"),
    # procurement
    "supplier_org_id": pgettext_lazy("evidence", "Supplier's credit code"),
    "supplier_name": pgettext_lazy("evidence", "Supplier"),
    "first_date": pgettext_lazy("evidence", "First purchase date"),
    "last_date": pgettext_lazy("evidence", "Last purchase date"),
    "threshold": pgettext_lazy("evidence", "Threshold (yuan)"),
    "invoice_no": pgettext_lazy("evidence", "Invoice number"),
    "claims": pgettext_lazy("evidence", "Times claimed"),
    "claim_no": pgettext_lazy("evidence", "Claim in order"),
    "first_purchase_id": pgettext_lazy("evidence", "First purchase number"),
    "first_village_code": pgettext_lazy("evidence", "Village of the first claim"),
    "category": pgettext_lazy("evidence", "Category"),
    "unit_price": pgettext_lazy("evidence", "Unit price (yuan)"),
    "villages": pgettext_lazy("evidence", "Villages compared"),
    "quantity": pgettext_lazy("evidence", "Quantity"),
    "supplier_spend": pgettext_lazy("evidence", "Spent with the supplier (yuan)"),
    "village_spend": pgettext_lazy("evidence", "Village's spend (yuan)"),
    "purchases": pgettext_lazy("evidence", "Purchases"),
    "supplier_purchases": pgettext_lazy("evidence", "Purchases from the supplier"),
    "purchase_date": pgettext_lazy("evidence", "Purchase date"),
    "days_since_established": pgettext_lazy("evidence", "Days since established"),
    # seals
    "seal_id": pgettext_lazy("evidence", "Seal number"),
    "seal_name": pgettext_lazy("evidence", "Seal"),
    "used_at": pgettext_lazy("evidence", "Time stamped"),
    "document_type": pgettext_lazy("evidence", "Document type"),
    "matter": pgettext_lazy("evidence", "Matter stamped"),
    "applicant_name": pgettext_lazy("evidence", "Applicant"),
    "missing": pgettext_lazy("evidence", "Missing"),
    "approved_at": pgettext_lazy("evidence", "Time approved"),
    "approver_person_id": pgettext_lazy("evidence", "Approver's ID number"),
    "lag_minutes": pgettext_lazy("evidence", "Minutes approved after use"),
    "weekday": pgettext_lazy("evidence", "Day of the week"),
    "related_type": pgettext_lazy("evidence", "Related ledger"),
    "related_id": pgettext_lazy("evidence", "Related record number"),
    "record_village_code": pgettext_lazy("evidence", "Village of the record"),
}

# A key whose meaning differs in one model: (model code, key) → label.
MODEL_EVIDENCE_LABELS = {
    ("AST-01", "name"): pgettext_lazy("evidence", "Asset name"),
    ("PRJ-07", "name"): pgettext_lazy("evidence", "Project name"),
}


# Codes the models write, in words: evidence key → {code: words}.
EVIDENCE_CODES = {
    "finding": {
        # PRJ-07
        "no_resolution": pgettext_lazy("evidence code", "No villagers' representative resolution"),
        "resolution_after_contract": pgettext_lazy("evidence code", "Resolution made after the contract"),
        # PRJ-09 and PUR-06
        "newly_established": pgettext_lazy("evidence code", "Established shortly before"),
        "just_established": pgettext_lazy("evidence code", "Established shortly before"),
        "established_after_contract": pgettext_lazy("evidence code", "Established after the contract"),
        "not_yet_established": pgettext_lazy("evidence code", "Not yet established"),
        "closed_before_contract": pgettext_lazy("evidence code", "Cancelled or revoked before the contract"),
        "closed": pgettext_lazy("evidence code", "Cancelled or revoked"),
        # SEAL-03
        "outside_hours": pgettext_lazy("evidence code", "Outside working hours"),
        "weekend": pgettext_lazy("evidence code", "Weekend"),
        "holiday": pgettext_lazy("evidence code", "Statutory holiday"),
        # SEAL-04
        "no_reference": pgettext_lazy("evidence code", "No ledger record named"),
        "no_matching_record": pgettext_lazy("evidence code", "No matching ledger record"),
        "record_of_another_village": pgettext_lazy("evidence code", "The record belongs to another village"),
        # SEAL-05
        "registered_as_blank": pgettext_lazy("evidence code", "Registered as blank paper"),
        "matter_says_blank": pgettext_lazy("evidence code", "The matter says blank paper"),
    },
    "reason": {  # LAB-09
        "no_task": pgettext_lazy("evidence code", "No dispatch number"),
        "unknown_task": pgettext_lazy("evidence code", "Dispatch number not in the ledger"),
        "dispatched_after_payment": pgettext_lazy("evidence code", "Dispatched after payment"),
    },
    "missing": {  # SEAL-01
        "approver": pgettext_lazy("evidence code", "Approver"),
        "approval_time": pgettext_lazy("evidence code", "Time of approval"),
        "approver_and_time": pgettext_lazy("evidence code", "Approver and time of approval"),
    },
    "link": {  # REL-06
        "kinship": pgettext_lazy("evidence code", "Declared relative"),
        "household": pgettext_lazy("evidence code", "Same household"),
        "self": pgettext_lazy("evidence code", "The cadre in person"),
    },
    "amount_source": {  # PRJ-01
        "contract": pgettext_lazy("evidence code", "Contract"),
        "budget": pgettext_lazy("evidence code", "Budget"),
    },
    "ceiling_source": {  # PRJ-05
        "contract": pgettext_lazy("evidence code", "Contract"),
        "settlement": pgettext_lazy("evidence code", "Settlement"),
    },
    "role": {  # the lessee in person (AST-04), or a role in an enterprise (the enterprise_person register)
        "lessee": pgettext_lazy("evidence code", "Lessee in person"),
        "legal_rep": pgettext_lazy("evidence code", "Legal representative"),
        "shareholder": pgettext_lazy("evidence code", "Shareholder"),
        "director": pgettext_lazy("evidence code", "Director"),
        "supervisor": pgettext_lazy("evidence code", "Supervisor"),
        "manager": pgettext_lazy("evidence code", "Manager"),
    },
    "status": {  # an enterprise's registration status
        "active": pgettext_lazy("evidence code", "Active"),
        "revoked": pgettext_lazy("evidence code", "Licence revoked"),
        "cancelled": pgettext_lazy("evidence code", "Deregistered"),
    },
    "weekday": {  # DuckDB's count: Sunday = 0 … Saturday = 6
        0: pgettext_lazy("evidence code", "Sunday"),
        1: pgettext_lazy("evidence code", "Monday"),
        2: pgettext_lazy("evidence code", "Tuesday"),
        3: pgettext_lazy("evidence code", "Wednesday"),
        4: pgettext_lazy("evidence code", "Thursday"),
        5: pgettext_lazy("evidence code", "Friday"),
        6: pgettext_lazy("evidence code", "Saturday"),
    },
}

# Ledger columns copied into the evidence: their codes in the ledger's own words.
LEDGER_CODES = {
    "asset_type": AssetType,
    "method": LeaseMethod,  # AST-04 and AST-06: how a lease was let
    "procurement_method": ProcurementMethod,
    "relief_type": ReliefType,
    "document_type": DocumentType,
}


def evidence_value(key: str, value):
    """A value as the pages show it: a known code in words, anything else as it is."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return value
    words = EVIDENCE_CODES.get(key, {}).get(value)
    if words is not None:
        return words
    choices = LEDGER_CODES.get(key)
    if choices is not None and isinstance(value, str) and value in choices.values:
        return choices(value).label
    return value


def evidence_label(key: str, model_code: str = ""):
    """The label of one evidence key (the model's own, else the common one, else the key itself)."""
    return MODEL_EVIDENCE_LABELS.get((model_code, key)) or EVIDENCE_LABELS.get(key, key)


@cache
def _declared_orders() -> dict[str, dict[str, int]]:
    """Every model's evidence keys with their place in its header, read from the catalogue once."""
    from sunlit.engine import load_catalogue

    return {spec.code: {key: i for i, key in enumerate(spec.evidence)} for spec in load_catalogue()}


def evidence_rows(evidence: dict, model_code: str = "") -> list[tuple[object, object]]:
    """``(label, value)`` for each entry of an alert's evidence, in the order the model's header
    declares them (keys it does not declare after, by name): the same on every database, whatever
    order the database keeps a JSON object's keys in. Codes are given in words."""
    order = _declared_orders().get(model_code, {})
    items = sorted((evidence or {}).items(), key=lambda item: (order.get(item[0], len(order)), item[0]))
    return [(evidence_label(key, model_code), evidence_value(key, value)) for key, value in items]
