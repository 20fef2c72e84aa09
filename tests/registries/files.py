"""Small registry files for tests, written in any of the three exchange formats."""

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from sunlit import tabular
from sunlit.registries.examples import EXAMPLES
from sunlit.registries.specs import REGISTRIES


def rows_of(table: str) -> list[list[str]]:
    return [list(r) for r in EXAMPLES[table]]


def write_file(folder: Path, table: str, rows: list[list[str]], *, fmt: str = "csv",
               header: list[str] | None = None, name: str | None = None) -> Path:
    header = header or REGISTRIES[table].column_names
    path = folder / (name or f"{table}.{fmt}")
    if fmt == "csv":
        path.write_bytes(tabular.write_csv(header, rows))
    elif fmt == "xlsx":
        path.write_bytes(tabular.write_xlsx(header, rows, title=table))
    else:
        columns = list(zip(*rows, strict=True)) if rows else [[] for _ in header]
        pq.write_table(pa.table({h: pa.array(list(c), pa.string()) for h, c in zip(header, columns, strict=True)}), path)
    return path
