"""The ``sunlit lake snapshot`` subcommand (registered in the ``lake`` command)."""

import json

from sunlit.accounts.system import command_line_actor

from .snapshot import ledger_snapshot


def snapshot_run(command, *, json_output: bool = False) -> None:
    def progress(table: str, rows: int) -> None:
        if not json_output:
            command.stderr.write(f"\r{table}: {rows:,} rows", ending="")
            command.stderr.flush()

    result = ledger_snapshot(actor=command_line_actor(), progress=progress)
    rate = result.total_rows / max(result.seconds, 1e-9)
    if json_output:
        command.stdout.write(json.dumps({"snapshot_id": result.version.id, "path": str(result.version.path),
                                         "rows": result.rows, "total_rows": result.total_rows,
                                         "seconds": round(result.seconds, 3), "rows_per_second": round(rate),
                                         "schema_hash": result.version.manifest["schema_hash"]}, ensure_ascii=False))
        return
    command.stderr.write("", ending="\n")
    for table, rows in result.rows.items():
        command.stdout.write(f"{table:<20} {rows:>12,}")
    command.stdout.write(command.style.SUCCESS(
        f"ledger snapshot {result.version.id}: {result.total_rows:,} rows in {result.seconds:.1f} s "
        f"({rate:,.0f} rows/s) → {result.version.path}"))
