"""The registry of canonical ledger tables: one ``Table`` per table, read from its model so that the
rules are declared once (in the model's fields) and used everywhere — import, API, entry forms,
templates, snapshot and export. Tables are listed in dependency order (a table comes after the
tables it refers to), which is also the order a full load must follow."""

from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.db import models

from . import fields as lf

TABLE_ORDER = (
    ("cadres", "Cadre"),
    ("projects", "Project"),
    ("projects", "ProjectChange"),
    ("projects", "ProjectPayment"),
    ("assets", "Asset"),
    ("assets", "Lease"),
    ("assets", "RentReceipt"),
    ("labour", "LabourTask"),
    ("labour", "LabourAttendance"),
    ("labour", "LabourPayment"),
    ("procurement", "Purchase"),
    ("relief", "ReliefRecipient"),
    ("relief", "ReliefPayment"),
    ("seals", "Seal"),
    ("seals", "SealUsage"),
)

# Where each table's own row checks live (beyond what the column types say): dotted path of a
# sequence of check functions in the domain's services.
CHECKS = {
    "cadre": "sunlit.cadres.services.CADRE_CHECKS",
    "project": "sunlit.projects.services.PROJECT_CHECKS",
    "lease": "sunlit.assets.services.LEASE_CHECKS",
    "rent_receipt": "sunlit.assets.services.RENT_RECEIPT_CHECKS",
    "labour_payment": "sunlit.labour.services.LABOUR_PAYMENT_CHECKS",
    "relief_recipient": "sunlit.relief.services.RELIEF_RECIPIENT_CHECKS",
}

KINDS = ("text", "enum", "date", "datetime", "decimal", "money", "integer", "person_id", "org_id",
         "village", "reference", "period")


@dataclass(frozen=True)
class Column:
    key: str                 # canonical column name = model attribute = database column
    label: str               # Chinese header of the import template
    kind: str                # one of KINDS
    required: bool
    field: models.Field
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    max_digits: int | None = None
    places: int | None = None
    signed: bool = False
    target: str = ""         # referenced table, for kind == "reference"
    derived: bool = False    # village_code taken from the referenced record when not given

    @property
    def identity(self) -> bool:
        return self.kind in ("person_id", "org_id")

    @property
    def type_name(self) -> str:
        if self.kind == "enum":
            return "|".join(self.choices)
        return self.kind


@dataclass(frozen=True)
class Table:
    name: str
    model: type
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    date_column: str
    village_from: str
    checks: tuple = field(default=())

    def column(self, key: str) -> Column:
        return self.by_key[key]

    @property
    def by_key(self) -> dict[str, Column]:
        return {c.key: c for c in self.columns}

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    @property
    def labels(self) -> list[str]:
        return [c.label for c in self.columns]

    @property
    def identity_columns(self) -> list[str]:
        return [c.key for c in self.columns if c.identity]

    @property
    def single_key(self) -> str | None:
        """The table's own ``*_id`` column, when its natural key is one column."""
        return self.key[0] if len(self.key) == 1 else None


def _kind(f: models.Field) -> str:
    if isinstance(f, models.ForeignKey):
        return "reference"
    for cls, kind in ((lf.VillageCodeField, "village"), (lf.PersonIdField, "person_id"),
                      (lf.OrgIdField, "org_id"), (lf.PeriodField, "period"), (lf.MoneyField, "money"),
                      (models.DecimalField, "decimal"), (models.DateTimeField, "datetime"),
                      (models.DateField, "date"), (models.IntegerField, "integer")):
        if isinstance(f, cls):
            return kind
    return "enum" if f.choices else "text"


def _column(model, f: models.Field) -> Column:
    kind = _kind(f)
    key = f.attname
    derived = bool(model.village_from) and key == "village_code"
    target = f.related_model._meta.db_table if kind == "reference" else ""
    return Column(
        key=key, label=model.labels[key], kind=kind, required=not (f.blank or f.null or derived), field=f,
        choices=tuple(v for v, _ in f.choices) if f.choices else (),
        max_length=getattr(f, "max_length", None),
        max_digits=getattr(f, "max_digits", None), places=getattr(f, "decimal_places", None),
        signed=getattr(f, "signed", False), target=target,
        derived=derived,
    )


def _checks(name: str) -> tuple:
    path = CHECKS.get(name)
    if not path:
        return ()
    from importlib import import_module

    module, attr = path.rsplit(".", 1)
    return tuple(getattr(import_module(module), attr))


@cache
def tables() -> dict[str, Table]:
    out = {}
    for app_label, model_name in TABLE_ORDER:
        model = apps.get_model(app_label, model_name)
        name = model._meta.db_table
        columns = tuple(_column(model, f) for f in model._meta.concrete_fields if not f.primary_key)
        out[name] = Table(name=name, model=model, columns=columns, key=tuple(model.natural_key),
                          date_column=model.date_column, village_from=model.village_from, checks=_checks(name))
    return out


def table(name: str) -> Table:
    from sunlit.errors import NotFound

    try:
        return tables()[name]
    except KeyError:
        raise NotFound(f"没有名为 “{name}” 的台账表 / no ledger table named “{name}”") from None


TABLE_NAMES = ("cadre", "project", "project_change", "project_payment", "asset", "lease", "rent_receipt",
               "labour_task", "labour_attendance", "labour_payment", "purchase", "relief_recipient",
               "relief_payment", "seal", "seal_usage")
