"""Writing the generated tables as CSV import files (one per table, canonical header), and the
ground truth as JSON lines in a separate folder."""

import csv
import hashlib
import json
from pathlib import Path

from .tables import Tables, columns_of


class TableFiles:
    """One CSV import file per table, appended to as townships are generated, so that a province
    never sits in memory: ``append`` writes the rows held in ``tables`` and empties them."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.paths = {t: folder / f"{t}.csv" for t in Tables().rows}
        self._files = {t: open(p, "w", encoding="utf-8", newline="") for t, p in self.paths.items()}  # noqa: SIM115
        self._writers = {t: csv.writer(fh, lineterminator="\n") for t, fh in self._files.items()}
        self.counts = {t: 0 for t in self.paths}
        for table, writer in self._writers.items():
            writer.writerow(columns_of(table))

    def append(self, tables: Tables) -> None:
        for table, rows in tables.rows.items():
            self._writers[table].writerows(rows)
            self.counts[table] += len(rows)
            rows.clear()

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
