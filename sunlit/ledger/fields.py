"""Column types of the ledger tables. The class of a field tells the validator what a cell must
hold, so a model declares its rules once, in its fields."""

from django.db import models


class VillageCodeField(models.CharField):
    """The 12-digit code of a village that exists and is in the writer's scope. Each table indexes
    it together with its date column (``<table>_village``), which serves the scope prefix filter
    and the lists' date range."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 12)
        super().__init__(*args, **kwargs)


class PersonIdField(models.CharField):
    """A resident ID number (GB 11643), stored in its canonical 18-character form."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 18)
        super().__init__(*args, **kwargs)


class OrgIdField(models.CharField):
    """A unified social credit code (GB 32100)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 18)
        super().__init__(*args, **kwargs)


class MoneyField(models.DecimalField):
    """Decimal yuan with two places. Non-negative unless ``signed`` (a change order may reduce)."""

    def __init__(self, *args, signed: bool = False, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        self.signed = signed
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.signed:
            kwargs["signed"] = True
        return name, path, args, kwargs


class PeriodField(models.CharField):
    """A month, ``YYYY-MM``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 7)
        super().__init__(*args, **kwargs)


class LedgerModel(models.Model):
    """Base of every ledger table. Subclasses set ``labels`` (Chinese header per column),
    ``natural_key`` (the columns that identify a row across imports), ``date_column`` (the date the
    lists filter on) and, for tables without their own village, ``village_from`` (the reference
    whose record gives the row its village)."""

    scope_field = "village_code"
    labels: dict[str, str] = {}
    natural_key: tuple[str, ...] = ()
    date_column: str = ""
    village_from: str = ""

    class Meta:
        abstract = True
