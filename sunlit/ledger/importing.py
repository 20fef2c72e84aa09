"""Importing a file into a ledger table: the file is read in chunks (CSV, XLSX or Parquet, with
or without the templates' Chinese label row) and handed to ``ledger_import``, which checks every
row and writes all or nothing."""

from collections.abc import Callable
from pathlib import Path

from sunlit.tabular import TableFile

from . import registry
from .services import WriteResult, ledger_import

CHUNK_ROWS = 20_000


def ledger_import_file(*, table: str, path: Path | str, actor, source: str = "", fmt: str | None = None,
                       progress: Callable[[int, float], None] | None = None,
                       chunk_rows: int = CHUNK_ROWS) -> WriteResult:
    """Import ``path`` into ``table``. ``progress(rows_done, fraction_read)`` is called after each
    chunk. Raises InvalidInput (nothing written) with every bad cell."""
    spec = registry.table(table)
    reader = TableFile(path, fmt=fmt, known=spec.keys)
    report = None
    if progress is not None:
        def report(done: int) -> None:
            progress(done, reader.fraction)
    return ledger_import(table=table, header=reader.header, chunks=reader.chunks(chunk_rows), actor=actor,
                         source=source or Path(path).name, progress=report)
