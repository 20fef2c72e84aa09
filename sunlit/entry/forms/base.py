"""The base of every entry form. A form only gathers the cells of one ledger record; every check
is the ledger's one validation path (sunlit.ledger.validation), whose row errors are put back on
the form's fields. Fields are therefore plain text inputs with phone-friendly widgets; what a cell
must hold is said once, by the ledger."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunlit.errors import InvalidInput
from sunlit.ledger import registry


def text(label, *, placeholder="", **attrs) -> forms.CharField:
    if placeholder:
        attrs["placeholder"] = placeholder
    return forms.CharField(label=label, required=False, max_length=500, widget=forms.TextInput(attrs=attrs))


def long_text(label) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=500,
                           widget=forms.Textarea(attrs={"rows": 3}))


def day(label) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))


def moment(label) -> forms.CharField:
    return forms.CharField(label=label, required=False,
                           widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


def number(label, *, whole=False) -> forms.CharField:
    mode = "numeric" if whole else "decimal"
    return forms.CharField(label=label, required=False, widget=forms.TextInput(attrs={"inputmode": mode}))


def identity(label) -> forms.CharField:
    """An ID number or credit code: upper-case letters allowed, no autofill or spell-check."""
    return forms.CharField(label=label, required=False, widget=forms.TextInput(
        attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "maxlength": 20}))


def enum(label, choices) -> forms.CharField:
    """One of an enumeration. The select offers the choices; the ledger checks the value."""
    return forms.CharField(label=label, required=False,
                           widget=forms.Select(choices=[("", "—")] + list(choices)))


KEY_HELP = _("Leave empty to number it automatically.")


class Refusable:
    """A form that shows a service's InvalidInput: each row error on the field named by its column
    (``error_fields`` maps a column to another field), the rest above the form."""

    error_fields: dict[str, str] = {}

    def refuse(self, error: InvalidInput) -> None:
        if not error.errors:
            self.add_error(None, error.message)
        for e in error.errors:
            name = self.error_fields.get(e.column, e.column)
            self.add_error(name if name in self.fields else None, e.message)


class LedgerForm(Refusable, forms.Form):
    """Cells of one record of ``table``. ``cells()`` gives them keyed by canonical column."""

    table = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        spec = registry.table(self.table)
        for name, field in self.fields.items():
            column = spec.by_key.get(name)
            if name == spec.single_key:
                field.help_text = KEY_HELP           # numbered when left empty (sunlit.entry.keys)
            elif column is not None and column.required:
                field.widget.attrs["required"] = True   # a hint for the phone's keyboard; the ledger decides

    def cells(self) -> dict[str, str]:
        columns = registry.table(self.table).by_key
        return {k: v for k, v in self.cleaned_data.items() if k in columns}
