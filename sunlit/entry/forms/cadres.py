from django.utils.translation import gettext_lazy as _

from .base import LedgerForm, day, identity, text


class CadreForm(LedgerForm):
    table = "cadre"
    name = text(_("Name"))
    person_id = identity(_("ID number"))
    position = text(_("Position"), placeholder=_("e.g. village committee director"))
    term_start = day(_("Term from"))
    term_end = day(_("Term to"))
