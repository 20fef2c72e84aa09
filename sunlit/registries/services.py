"""Loading a registry file on behalf of a user: the permission check, the load itself
(``sunlit.registries.loading``) and the audit record, for the command line and the upload page."""

from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from sunlit.accounts.scope import require
from sunlit.audit.services import audit_record
from sunlit.lake import Lake, Version

from .loading import LoadedBy, registry_file_load
from .specs import registry_spec
from .validation import LoadRejected


def lake_open() -> Lake:
    return Lake(settings.LAKE_DIR)


def registry_load(*, table: str, path: Path, source_name: str, actor, valid_from: date | None = None,
                  request=None) -> Version:
    """Check a registry file and publish it as the new current version of ``registry/<table>``;
    all or nothing. Registry files are province-wide: a steward of any level may load them, and the
    rows keep their own ``region_code``, by which every reader is scoped. Raises AccessDenied or
    LoadRejected (nothing written; the previous version stays current)."""
    scope = require(actor, "registries.load")
    spec = registry_spec(table)
    valid_from = valid_from or timezone.localdate()
    loaded_by = LoadedBy(username=actor.get_username(), role=actor.role, scope=scope.code if scope else None)
    detail = {"table": spec.name, "source": Path(source_name).name, "valid_from": valid_from.isoformat()}
    try:
        version = registry_file_load(lake=lake_open(), spec=spec, path=Path(path), source_name=source_name,
                                     loaded_by=loaded_by, valid_from=valid_from)
    except LoadRejected as exc:
        failures = exc.failures or []
        audit_record(kind="import_rejected", actor=actor, request=request, object_type=spec.dataset,
                     detail={**detail, "rules": {f.rule.code: f.count for f in failures},
                             "header_errors": [e.column for e in exc.errors if e.row == 1 and not failures]})
        raise
    m = version.manifest
    audit_record(kind="import", actor=actor, request=request, object_type=spec.dataset, object_id=version.id,
                 detail={**detail, "sha256": m["source"]["sha256"], "rows": m["rows"]["written"]})
    return version
