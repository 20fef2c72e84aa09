"""The lake contract: what the registry loader writes has every column of the canonical schema
(sunlit/lake/schemas.py) with a type the models can rely on, so a model tested on fixtures reads
real loads the same way."""

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sunlit.engine.tables import REGISTRY_TABLES, resolve
from sunlit.lake import Lake
from sunlit.lake.schemas import PARQUET_COMPRESSION, SCHEMAS
from sunlit.registries.examples import examples_write
from sunlit.registries.services import registry_load

pytestmark = pytest.mark.django_db


def _compatible(actual: pa.DataType, canonical: pa.DataType) -> bool:
    if pa.types.is_decimal(canonical):
        return pa.types.is_decimal(actual) and actual.scale == canonical.scale
    if pa.types.is_string(canonical):
        return pa.types.is_string(actual) or pa.types.is_large_string(actual)
    return actual == canonical


def test_registry_loads_match_the_canonical_schemas(users, settings, tmp_path):
    settings.LAKE_DIR = tmp_path / "lake"
    for path in examples_write(tmp_path / "examples"):
        registry_load(table=path.stem, path=path, source_name=path.name, actor=users.admin)
    files, versions = resolve(Lake(settings.LAKE_DIR), set(REGISTRY_TABLES))
    assert set(versions) == {f"registry/{t}" for t in REGISTRY_TABLES}
    for table in REGISTRY_TABLES:
        written = pq.read_schema(files[table][0])
        for field in SCHEMAS[table]:
            assert field.name in written.names, f"{table}.{field.name} missing from the lake"
            actual = written.field(field.name).type
            assert _compatible(actual, field.type), f"{table}.{field.name}: {actual} is not {field.type}"
        chunks = pq.ParquetFile(files[table][0]).metadata.row_group(0)
        assert {chunks.column(i).compression for i in range(chunks.num_columns)} == {PARQUET_COMPRESSION.upper()}


def test_ledger_snapshots_match_the_canonical_schemas():
    from sunlit.engine.tables import LEDGER_TABLES
    from sunlit.ledger import registry
    from sunlit.ledger.snapshot import arrow_schema

    tables = registry.tables()
    assert set(LEDGER_TABLES) <= set(tables)
    for name in LEDGER_TABLES:
        written = arrow_schema(tables[name])
        for field in SCHEMAS[name]:
            assert field.name in written.names, f"{name}.{field.name} missing from the snapshot"
            actual = written.field(field.name).type
            assert _compatible(actual, field.type), f"{name}.{field.name}: {actual} is not {field.type}"
