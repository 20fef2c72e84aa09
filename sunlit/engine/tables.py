"""Where each canonical table lives in the lake: ledger tables in the ``ledger`` snapshot dataset
(one ``<table>.parquet`` per snapshot), registries in ``registry/<table>`` (one dataset each)."""

from pathlib import Path

from sunlit.lake import Lake

from .errors import EngineError

LEDGER_TABLES = ("cadre", "project", "project_change", "project_payment", "asset", "lease", "rent_receipt",
                 "labour_task", "labour_attendance", "labour_payment", "purchase", "relief_recipient",
                 "relief_payment", "seal", "seal_usage")
REGISTRY_TABLES = ("enterprise", "enterprise_person", "death", "vehicle", "property", "household", "kinship",
                   "public_payroll", "social_insurance")
LEDGER_DATASET = "ledger"


def dataset_of(table: str) -> str:
    if table in LEDGER_TABLES:
        return LEDGER_DATASET
    if table in REGISTRY_TABLES:
        return f"registry/{table}"
    raise EngineError(f"unknown table {table!r}")


def resolve(lake: Lake, tables: set[str] | tuple[str, ...]) -> tuple[dict[str, list[Path]], dict[str, str]]:
    """The files of the newest published version of each table, and the versions used (dataset →
    version id), which a run records so that it can be reproduced."""
    files: dict[str, list[Path]] = {}
    versions: dict[str, str] = {}
    for table in sorted(tables):
        dataset = dataset_of(table)
        version = lake.current(dataset)
        if version is None:
            raise EngineError(f"the lake has no {dataset} dataset yet (needed for {table})")
        found = version.files(f"{table}.parquet") if dataset == LEDGER_DATASET else version.files()
        if not found:
            raise EngineError(f"{dataset} version {version.id} holds no {table} data")
        files[table] = found
        versions[dataset] = version.id
    return files, versions
