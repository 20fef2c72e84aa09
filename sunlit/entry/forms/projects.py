from django.utils.translation import gettext_lazy as _

from sunlit.projects.models import ProcurementMethod

from .base import LedgerForm, day, enum, identity, long_text, number, text


class ProjectForm(LedgerForm):
    """A new project, from the villagers' representatives' decision (决策)."""

    table = "project"
    name = text(_("Project name"))
    category = text(_("Category"), placeholder=_("e.g. road"))
    budget_amount = number(_("Budget (yuan)"))
    funding_source = text(_("Funding source"))
    decision_date = day(_("Decision date"))
    decision_ref = text(_("Decision reference"))
    project_id = text(_("Project number"))


class DecisionForm(LedgerForm):
    table = "project"
    decision_date = day(_("Decision date"))
    decision_ref = text(_("Decision reference"))


class AwardForm(LedgerForm):
    table = "project"
    procurement_method = enum(_("Procurement method"), ProcurementMethod.choices)
    contractor_name = text(_("Contractor"))
    contractor_org_id = identity(_("Contractor's credit code"))


class ContractForm(LedgerForm):
    table = "project"
    contract_amount = number(_("Contract amount (yuan)"))
    contract_date = day(_("Contract date"))
    start_date = day(_("Start date"))
    planned_end_date = day(_("Planned end date"))


class AcceptanceForm(LedgerForm):
    table = "project"
    acceptance_date = day(_("Acceptance date"))


class SettlementForm(LedgerForm):
    table = "project"
    settlement_amount = number(_("Settlement amount (yuan)"))


class ChangeForm(LedgerForm):
    table = "project_change"
    change_date = day(_("Change date"))
    amount_delta = number(_("Change in amount (yuan, negative for a reduction)"))
    reason = long_text(_("Reason"))
    change_id = text(_("Change number"))


class PaymentForm(LedgerForm):
    table = "project_payment"
    pay_date = day(_("Payment date"))
    amount = number(_("Amount (yuan)"))
    payee_org_id = identity(_("Payee's credit code"))
    voucher_no = text(_("Voucher number"))
    payment_id = text(_("Payment number"))
