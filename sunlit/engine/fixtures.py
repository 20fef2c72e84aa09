"""Fixture cases for models (dbt/SQLMesh-style unit tests): given rows per table → the rows the
model must return. Each model has ``<CODE>.fixtures.yaml`` beside its SQL, and the worked example
of its doc page (``docs/models/<CODE>.md``, the ```yaml block under "## Worked example") is one
more case, so the documentation cannot drift from the model.

    cases:
      - name: true positive — …
        params: {age_limit: 75}          # optional
        given:
          labour_payment:
            - {payment_id: P1, village_code: "330102001001", person_id: "…", paid_date: 2026-06-01}
        expect:                           # every row the model returns; listed keys must match
          - {subject_id: P1, period: 2026-06, evidence: {age: 86}}

Columns a row leaves out are NULL; tables a case does not mention are empty."""

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from sunlit.lake.schemas import SCHEMAS

from .errors import EngineError
from .runner import run_model
from .spec import ModelSpec


@dataclass(frozen=True)
class Case:
    name: str
    given: dict
    expect: list
    params: dict = field(default_factory=dict)


def load_cases(spec: ModelSpec) -> list[Case]:
    path = spec.path.with_name(f"{spec.code}.fixtures.yaml")
    if not path.exists():
        raise EngineError(f"{spec.code}: no fixture file {path.name}")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [Case(c["name"], c.get("given") or {}, c.get("expect") or [], c.get("params") or {})
            for c in data.get("cases", [])]


def doc_example(doc_path: Path) -> Case:
    text = doc_path.read_text(encoding="utf-8")
    match = re.search(r"## Worked example\s.*?```yaml\n(.*?)```", text, re.S)
    if not match:
        raise EngineError(f"{doc_path.name}: no ```yaml block under '## Worked example'")
    data = yaml.safe_load(match.group(1))
    return Case("worked example (doc page)", data.get("given") or {}, data.get("expect") or [], data.get("params") or {})


def _value(value, typ: pa.DataType):
    if value is None:
        return None
    if pa.types.is_decimal(typ):
        return Decimal(str(value))
    if pa.types.is_date(typ):
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    if pa.types.is_timestamp(typ):
        return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if pa.types.is_integer(typ):
        return int(value)
    return str(value)


def write_tables(spec: ModelSpec, given: dict, folder: Path) -> dict[str, list[Path]]:
    """Parquet files for every table the model reads, in the canonical schemas."""
    unknown = set(given) - set(spec.reads)
    if unknown:
        raise EngineError(f"{spec.code}: the case gives tables the model does not read: {sorted(unknown)}")
    files = {}
    folder.mkdir(parents=True, exist_ok=True)
    for table in spec.reads:
        schema = SCHEMAS[table]
        rows = given.get(table) or []
        for row in rows:
            extra = set(row) - set(schema.names)
            if extra:
                raise EngineError(f"{spec.code}: {table} has no columns {sorted(extra)}")
        data = [{f.name: _value(row.get(f.name), f.type) for f in schema} for row in rows]
        path = folder / f"{table}.parquet"
        pq.write_table(pa.Table.from_pylist(data, schema=schema), path)
        files[table] = [path]
    return files


def _matches(expected: dict, row: dict) -> bool:
    for key, want in expected.items():
        if key == "evidence":
            evidence = json.loads(row["evidence"])
            if any(str(evidence.get(k)) != str(v) for k, v in want.items()):
                return False
        elif key == "amount_involved":
            if (row[key] is None) != (want is None) or (want is not None and row[key] != Decimal(str(want))):
                return False
        elif key == "score":
            if row[key] is None or abs(row[key] - float(want)) > 1e-3:
                return False
        elif str(row.get(key)) != str(want):
            return False
    return True


def check_case(spec: ModelSpec, case: Case, backend) -> list[str]:
    """Run one case on a backend built over its tables; the problems found (empty when it passes)."""
    rows = run_model(spec, backend, params=case.params).rows
    problems = []
    if len(rows) != len(case.expect):
        problems.append(f"expected {len(case.expect)} rows, got {len(rows)}: "
                        f"{[(r['subject_id'], r['period']) for r in rows]}")
    unmatched = list(rows)
    for want in case.expect:
        hit = next((r for r in unmatched if _matches(want, r)), None)
        if hit is None:
            problems.append(f"no row matches {want}; rows: {rows}")
        else:
            unmatched.remove(hit)
    return problems
