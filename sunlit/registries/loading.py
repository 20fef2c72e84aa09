"""Loading one registry file into the lake, all or nothing. Plain Python (no Django), so the
benchmark and the kill test can drive it directly; ``sunlit.registries.services.registry_load`` adds
the permission check and the audit record around it.

Steps, inside one lake staging folder: the file's SHA-256 is computed on a second thread while
DuckDB reads the file once, checking every rule on every row and writing the normalised rows as
Parquet; the first broken rule stops the scan, a second scan counts every broken rule for the
report, and the staging folder is removed — nothing is visible. Otherwise the provenance goes into
the version's manifest and ``Lake.publish`` renames the folder into place. A process killed at
any point before that rename leaves only a staging folder, which readers never see and
``sunlit lake sweep`` removes."""

import hashlib
import shutil
import threading
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from sunlit.lake import Lake, Version

from . import validation
from .specs import TableSpec

PARTS = "_parts"
MEMORY_LIMIT = "2GB"


@dataclass(frozen=True)
class LoadedBy:
    username: str
    role: str
    scope: str | None       # region code of the loader's scope, None for deployment-wide


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


class _Hasher(threading.Thread):
    def __init__(self, path: Path):
        super().__init__(daemon=True)
        self.path, self.result, self.error = path, "", None

    def run(self):
        try:
            self.result = file_sha256(self.path)
        except OSError as exc:
            self.error = exc


def _connect(workdir: Path, threads: int | None) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": str(workdir / "spill"),
                                 "preserve_insertion_order": False})
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    return con


def registry_file_load(*, lake: Lake, spec: TableSpec, path: Path, source_name: str, loaded_by: LoadedBy,
                       valid_from: date, today: date | None = None, threads: int | None = None) -> Version:
    """Check ``path`` against ``spec`` and publish it as a new version of ``registry/<table>``.
    Raises ``validation.LoadRejected`` (nothing written) or returns the published version."""
    path = Path(path)
    fmt = validation.format_of(source_name)
    started = time.monotonic()
    with lake.stage() as folder:
        work = folder / "_work"
        work.mkdir()
        hasher = _Hasher(path)
        hasher.start()
        con = _connect(work, threads)
        try:
            source = validation.open_source(path, fmt, work)
            written = validation.check_and_write(con, spec, source, folder / PARTS, today=today)
        finally:
            con.close()
            hasher.join()
        if hasher.error is not None:
            raise hasher.error
        shutil.rmtree(work)
        files = []
        for n, part in enumerate(sorted((folder / PARTS).glob("*.parquet"))):
            files.append(f"data_{n}.parquet")
            part.rename(folder / files[-1])
        (folder / PARTS).rmdir()
        finished = time.monotonic()
        manifest = {
            "kind": "registry",
            "table": spec.name,
            "columns": spec.column_names,
            "key": list(spec.key),
            "loaded_by": {"username": loaded_by.username, "role": loaded_by.role, "scope": loaded_by.scope},
            "loaded_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "valid_from": valid_from.isoformat(),
            "source": {"name": Path(source_name).name, "format": fmt, "sha256": hasher.result,
                       "bytes": path.stat().st_size},
            "rows": {"read": written, "written": written},
            "files": files,
            "seconds": round(finished - started, 3),
        }
        return lake.publish(folder, dataset=spec.dataset, manifest=manifest)
