"""Writing the generated tables as CSV import files (one per table, canonical header), and the
ground truth as JSON lines in a separate folder."""

import csv
import hashlib
import json
import os
from pathlib import Path

from .tables import Tables, columns_of


class TableFiles:
    """One CSV import file per table, appended to as townships are generated, so that a province
    never sits in memory: ``append`` writes the rows held in ``tables`` and empties them."""

    def __init__(self, folder: Path, *, header: bool = True):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.paths = {t: folder / f"{t}.csv" for t in Tables().rows}
        self._files = {t: open(p, "w", encoding="utf-8", newline="") for t, p in self.paths.items()}  # noqa: SIM115
        self._writers = {t: csv.writer(fh, lineterminator="\n") for t, fh in self._files.items()}
        self.counts = {t: 0 for t in self.paths}
        if header:
            for table, writer in self._writers.items():
                writer.writerow(columns_of(table))

    def append(self, tables: Tables) -> None:
        for table, rows in tables.rows.items():
            self._writers[table].writerows(rows)
            self.counts[table] += len(rows)
            rows.clear()

    def append_files(self, folder: Path, counts: dict[str, int]) -> None:
        """Append the part files (no header) written by another ``TableFiles`` into ``folder``,
        byte for byte (copied by the kernel), with their row counts."""
        for table, fh in self._files.items():
            fh.flush()
            with open(folder / f"{table}.csv", "rb") as part:
                size = os.fstat(part.fileno()).st_size
                sent = 0
                while sent < size:
                    sent += os.sendfile(fh.fileno(), part.fileno(), sent, size - sent)
            self.counts[table] += counts.get(table, 0)

    def close(self) -> dict[str, Path]:
        for fh in self._files.values():
            fh.close()
        return self.paths


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def truth_write(records: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    return path


def truth_read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
