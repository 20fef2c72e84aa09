from django import forms
from django.utils.translation import gettext_lazy as _

from sunlit.seals.models import DocumentType

from .base import LedgerForm, Refusable, enum, identity, long_text, moment, text


class SealForm(LedgerForm):
    table = "seal"
    name = text(_("Seal name"), placeholder=_("e.g. villagers' committee seal"))
    custodian_person_id = identity(_("Custodian's ID number"))
    seal_id = text(_("Seal number"))


class SealUseForm(LedgerForm):
    """A request to use a seal (用印申请): recorded with no approver until it is approved."""

    table = "seal_usage"
    seal_id = forms.CharField(label=_("Seal"), required=False, widget=forms.Select())
    used_at = moment(_("Time of use"))
    document_type = enum(_("Document type"), DocumentType.choices)
    matter = long_text(_("Matter"))
    related_type = text(_("Related ledger (e.g. project)"))
    related_id = text(_("Related record number"))
    applicant_name = text(_("Applicant"))
    usage_id = text(_("Seal use number"))

    def __init__(self, *args, seals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seal_id"].widget.choices = [("", "—")] + [(s.seal_id, s.name) for s in seals]


class ApprovalForm(Refusable, forms.Form):
    """Approve a seal use: the approver, a cadre of the village in office, not the applicant."""

    approver = forms.ChoiceField(label=_("Approver"), required=False)
    error_fields = {"approver_person_id": "approver", "approved_at": "approver"}

    def __init__(self, *args, cadres=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approver"].choices = [("", "—")] + [(str(c.pk), f"{c.name} · {c.position}") for c in cadres]
        self.fields["approver"].widget.attrs["required"] = True

