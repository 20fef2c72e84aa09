"""What the lake holds: every dataset with its versions, freshness, row counts and the readers
declared for it (``sunlit.lake.readers``: the supervision model catalogue's ``reads:`` headers and
any explicit declarations). Registry tables with no version yet are listed too, so a
missing load shows. Plain Python: ``sunlit lake status`` and the catalogue page both use it."""

from datetime import UTC, datetime

from sunlit.lake import Lake, Version
from sunlit.lake.readers import declared_readers, readers_of

from .specs import REGISTRIES


def _rows(version: Version) -> int | None:
    rows = version.manifest.get("rows")
    if isinstance(rows, dict):
        return rows.get("written")
    return rows if isinstance(rows, int) else None


def _published(version: Version) -> datetime | None:
    text = version.manifest.get("published_at")
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def version_summary(version: Version) -> dict:
    m = version.manifest
    source = m.get("source") or {}
    published = _published(version)
    return {
        "version": version.id,
        "published_at": published.isoformat() if published else None,
        "valid_from": m.get("valid_from"),
        "rows": _rows(version),
        "loaded_by": (m.get("loaded_by") or {}).get("username"),
        "source_name": source.get("name"),
        "source_sha256": source.get("sha256"),
        "path": str(version.path),
    }


def dataset_status(lake: Lake, dataset: str, *, now: datetime | None = None,
                   readers: dict[str, list[str]] | None = None) -> dict:
    now = now or datetime.now(UTC)
    versions = lake.versions(dataset)
    table = dataset.removeprefix("registry/") if dataset.startswith("registry/") else None
    spec = REGISTRIES.get(table) if table else None
    current = versions[-1] if versions else None
    freshness = None
    if current is not None:
        published = _published(current)
        age_days = (now - published).days if published else None
        freshness = {
            "published_at": published.isoformat() if published else None,
            "valid_from": current.manifest.get("valid_from"),
            "age_days": age_days,
            "refresh_days": spec.refresh_days if spec else None,
            "stale": bool(spec and age_days is not None and age_days > spec.refresh_days),
        }
    return {
        "dataset": dataset,
        "kind": "registry" if spec else (current.manifest.get("kind") if current else None),
        "title": {"zh": spec.title_zh, "en": spec.title_en} if spec else None,
        "current": current.id if current else None,
        "rows": _rows(current) if current else None,
        "freshness": freshness,
        "versions": [version_summary(v) for v in reversed(versions)],   # newest first
        "read_by": readers_of(dataset, readers),
    }


def lake_status(lake: Lake, *, now: datetime | None = None) -> dict:
    readers, failed = declared_readers()
    names = sorted(set(lake.datasets()) | {spec.dataset for spec in REGISTRIES.values()}
                   | {dataset for datasets in readers.values() for dataset in datasets})
    return {
        "lake": str(lake.root),
        "generated_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "readers": readers,
        "reader_sources_failed": failed,
        "datasets": [dataset_status(lake, name, now=now, readers=readers) for name in names],
    }
