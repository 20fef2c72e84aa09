"""Running one model: render its SQL for the backend's dialect, execute, check the output shape and
normalise the rows so that every engine's answer compares equal."""

import json
import time
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from .dialects import DIALECTS
from .errors import EngineError
from .params import bind_params
from .spec import ModelSpec

OUTPUT_COLUMNS = ("subject_type", "subject_id", "village_code", "period", "amount_involved", "evidence", "score")
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class ModelResult:
    code: str
    version: str
    params: dict
    rows_read: int
    rows: list[dict]
    seconds: float
    sql: str


def _plain(value):
    """Evidence values as JSON-ready plain values, identical whichever engine produced them."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f").rstrip("0")
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _amount(value):
    if value is None:
        return None
    return Decimal(str(value)).quantize(_CENT)


def normalise(row: dict, code: str) -> dict:
    if tuple(row) != OUTPUT_COLUMNS:
        raise EngineError(f"{code}: the model must return exactly {', '.join(OUTPUT_COLUMNS)} in that order "
                          f"(got {', '.join(row)})")
    evidence = row["evidence"]
    if isinstance(evidence, str):
        evidence = json.loads(evidence)
    return {
        "subject_type": str(row["subject_type"]),
        "subject_id": str(row["subject_id"]),
        "village_code": str(row["village_code"]),
        "period": "" if row["period"] is None else str(row["period"]),
        "amount_involved": _amount(row["amount_involved"]),
        "evidence": json.dumps(_plain(evidence or {}), ensure_ascii=False, sort_keys=True),
        "score": None if row["score"] is None else round(float(row["score"]), 4),
    }


def run_model(spec: ModelSpec, backend, *, params: dict | None = None, region_prefix: str | None = None,
              exclude_prefixes: tuple[str, ...] = ()) -> ModelResult:
    bound = bind_params(spec, params)
    sql = DIALECTS[backend.name].render(spec.sql, bound, spec.code, region_prefix, exclude_prefixes)
    started = time.perf_counter()
    rows_read = sum(backend.count(t) for t in spec.reads)
    rows = [normalise(r, spec.code) for r in backend.query(sql)]
    rows.sort(key=lambda r: (r["subject_type"], r["subject_id"], r["period"]))
    return ModelResult(spec.code, spec.version, {k: _plain(v) for k, v in bound.items()}, rows_read,
                       rows, time.perf_counter() - started, sql)
