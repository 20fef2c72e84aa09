"""How models and reports read a registry: the newest complete (published) version by default, or
a named older version to reproduce a past run. Plain Python, no Django."""

import duckdb

from sunlit.errors import NotFound
from sunlit.lake import Lake, Version

from .specs import registry_spec
from .validation import lit, q


def registry_version(lake: Lake, table: str, version_id: str | None = None) -> Version:
    spec = registry_spec(table)
    version = lake.version(spec.dataset, version_id) if version_id else lake.current(spec.dataset)
    if version is None:
        wanted = f"version {version_id}" if version_id else "any version"
        raise NotFound(f"{spec.dataset} 尚无数据版本 / {spec.dataset} has no {wanted}")
    return version


def registry_attach(con: duckdb.DuckDBPyConnection, lake: Lake, table: str, *, version_id: str | None = None,
                    view: str | None = None) -> Version:
    """Create (or replace) a DuckDB view named after the table over one version's Parquet files."""
    version = registry_version(lake, table, version_id)
    files = ", ".join(lit(str(p)) for p in version.files())
    con.execute(f"CREATE OR REPLACE VIEW {q(view or table)} AS SELECT * FROM read_parquet([{files}])")  # noqa: S608 — quoted identifiers and literals only
    return version
