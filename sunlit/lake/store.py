"""How a dataset version is written so that it is all-or-nothing, and how readers find it.

Layout::

    <root>/<dataset>/<version id>/...files...   a published version (never changed again)
    <root>/<dataset>/<version id>/_manifest.json written last, before the version is published
    <root>/.staging/<random>/                    work in progress, invisible to readers

A writer fills a staging folder, writes the manifest, flushes everything to disk and then renames
the folder into place: a rename is atomic, so a reader sees either the whole version or nothing.
A writer killed part-way leaves only a staging folder, which ``sweep_staging`` removes later.
Version ids sort by creation time (UTC timestamp, then a random suffix); the newest published
version of a dataset is its current one."""

import json
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

MANIFEST = "_manifest.json"
STAGING = ".staging"


def new_version_id(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return now.strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(3)


@dataclass(frozen=True)
class Version:
    dataset: str
    id: str
    path: Path
    manifest: dict

    def files(self, pattern: str = "*.parquet") -> list[Path]:
        return sorted(self.path.glob(pattern))


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Lake:
    def __init__(self, root: Path | str):
        self.root = Path(root)

    # --- writing -------------------------------------------------------------------------------
    @contextmanager
    def stage(self) -> Iterator[Path]:
        """A fresh staging folder; removed if the block raises."""
        folder = self.root / STAGING / secrets.token_hex(8)
        folder.mkdir(parents=True)
        try:
            yield folder
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise

    def publish(self, staging: Path, *, dataset: str, manifest: dict, version_id: str | None = None) -> Version:
        """Write the manifest into ``staging`` and move it into place as a new version."""
        version_id = version_id or new_version_id()
        manifest = {**manifest, "dataset": dataset, "version": version_id,
                    "published_at": datetime.now(UTC).isoformat(timespec="seconds")}
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str),
                                        encoding="utf-8")
        _fsync_tree(staging)
        target = self.root / dataset / version_id
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(staging, target)
        fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        return Version(dataset, version_id, target, manifest)

    def sweep_staging(self, older_than_seconds: float = 3600) -> int:
        """Remove staging folders left by writers that died. Returns how many were removed."""
        base = self.root / STAGING
        if not base.is_dir():
            return 0
        removed = 0
        for folder in base.iterdir():
            if time.time() - folder.stat().st_mtime >= older_than_seconds:
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
        return removed

    # --- reading -------------------------------------------------------------------------------
    def datasets(self) -> list[str]:
        """Every dataset with at least one published version (nested names use '/')."""
        if not self.root.is_dir():
            return []
        found = {m.parent.parent.relative_to(self.root).as_posix()
                 for m in self.root.rglob(MANIFEST) if STAGING not in m.parts}
        return sorted(found)

    def versions(self, dataset: str) -> list[Version]:
        """Published versions of ``dataset``, oldest first."""
        folder = self.root / dataset
        if not folder.is_dir():
            return []
        out = []
        for child in sorted(folder.iterdir()):
            manifest = child / MANIFEST
            if child.is_dir() and manifest.is_file():
                out.append(Version(dataset, child.name, child, json.loads(manifest.read_text(encoding="utf-8"))))
        return out

    def current(self, dataset: str) -> Version | None:
        versions = self.versions(dataset)
        return versions[-1] if versions else None

    def version(self, dataset: str, version_id: str) -> Version | None:
        return next((v for v in self.versions(dataset) if v.id == version_id), None)
