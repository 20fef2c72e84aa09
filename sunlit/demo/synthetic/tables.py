"""The generated tables, row by row as lists in the canonical column order (DESIGN §2), with
helpers for the value formats of the import files (ISO dates, two-place yuan)."""

from datetime import date, datetime
from functools import cache

from sunlit.lake.schemas import SCHEMAS

LEDGER = ("cadre", "project", "project_change", "project_payment", "asset", "lease", "rent_receipt",
          "labour_task", "labour_attendance", "labour_payment", "purchase", "relief_recipient",
          "relief_payment", "seal", "seal_usage")
REGISTRY = ("enterprise", "enterprise_person", "death", "vehicle", "property", "household", "kinship",
            "public_payroll", "social_insurance")


def columns_of(table: str) -> list[str]:
    return list(SCHEMAS[table].names)


def yuan(value) -> str:
    """Two-place yuan from an int (yuan) or a number of cents given as ``(cents,)``."""
    if isinstance(value, tuple):
        cents = value[0]
        return f"{cents // 100}.{cents % 100:02d}"
    return f"{int(value)}.00"


def iso(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return _date_text(value)


@cache
def _date_text(value: date) -> str:
    return value.isoformat()


class Tables:
    """Rows per table; every row is a list of strings ('' is empty) in the table's column order."""

    def __init__(self):
        self.rows: dict[str, list[list[str]]] = {t: [] for t in LEDGER + REGISTRY}
        self.index: dict[str, dict[str, int]] = {}
        self._columns = {t: columns_of(t) for t in self.rows}

    def add(self, table: str, **values) -> list[str]:
        get = values.get
        row = [get(c, "") for c in self._columns[table]]
        self.rows[table].append(row)
        return row

    def column(self, table: str, name: str) -> int:
        return self._columns[table].index(name)

    def get(self, table: str, row: list[str], name: str) -> str:
        return row[self.column(table, name)]

    def set(self, table: str, row: list[str], name: str, value: str) -> None:
        row[self.column(table, name)] = value

    def find(self, table: str, name: str, value: str) -> list[list[str]]:
        i = self.column(table, name)
        return [r for r in self.rows[table] if r[i] == value]

    def counts(self) -> dict[str, int]:
        return {t: len(r) for t, r in self.rows.items()}
