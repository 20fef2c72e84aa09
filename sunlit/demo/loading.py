"""Loading a generated region: regions through the region import, ledger tables through
``ledger_import_file`` and registries through ``registry_load`` (each bulk and all or nothing),
then the ledger snapshot to the lake and a run of the model catalogue. Progress lines go to
stderr with rows per second."""

import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from django.conf import settings

from sunlit.engine import load_catalogue
from sunlit.ledger import registry as ledger_registry
from sunlit.ledger.importing import ledger_import_file
from sunlit.ledger.snapshot import ledger_snapshot
from sunlit.regions.services import COLUMNS, regions_import
from sunlit.registries.services import registry_load
from sunlit.supervision.models import ModelSetting
from sunlit.supervision.services import model_setting_set

from .synthetic.generator import World
from .synthetic.ledger import AS_OF
from .synthetic.tables import REGISTRY

REGISTRY_VALID_FROM = date(2025, 1, 1)


def say(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def _rate(rows: int, seconds: float) -> str:
    return f"{rows:,} rows in {seconds:.1f} s ({rows / max(seconds, 1e-9):,.0f} rows/s)"


def peak_memory_text() -> str:
    """Peak resident memory of this process and of the largest of its finished worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20        # KiB → GiB
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20
    return f"{own:.2f} GiB (largest worker {children:.2f} GiB)"


def work_folder() -> Path:
    """A temporary folder under the data directory for the generated import files."""
    base = Path(settings.DATA_DIR) / "demo"
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="generated-", dir=base))


def world_load(world: World, *, actor, paths: dict[str, Path]) -> dict[str, int]:
    """Load the generated region from its import files; returns rows per table."""
    started = time.perf_counter()
    result = regions_import(rows=world.geography.region_rows, header=COLUMNS, actor=actor,
                            source=f"demo seed {world.seed}")
    say(f"  regions: {result.created} created, {result.unchanged} unchanged")
    rows = world.counts
    for name in ledger_registry.tables():
        t = time.perf_counter()
        ledger_import_file(table=name, path=paths[name], actor=actor, source=f"demo:{name}.csv")
        say(f"  ledger {name}: {_rate(rows[name], time.perf_counter() - t)}")
    for table in REGISTRY:
        t = time.perf_counter()
        registry_load(table=table, path=paths[table], source_name=f"{table}.csv", actor=actor,
                      valid_from=REGISTRY_VALID_FROM)
        say(f"  registry {table}: {_rate(rows[table], time.perf_counter() - t)}")
    say(f"  loaded: {_rate(sum(rows.values()), time.perf_counter() - started)}")
    return rows


def models_anchor(*, actor) -> list[str]:
    """Set the ``as_of`` parameter of every model that has one to the day the generated data
    describes (keeping the model's other deployment-wide parameters); returns the model codes."""
    anchored = []
    for spec in load_catalogue():
        if "as_of" not in spec.params:
            continue
        current = ModelSetting.objects.filter(model_code=spec.code, region_code="").first()
        params = {**(current.params if current else {}), "as_of": AS_OF.isoformat()}
        model_setting_set(model_code=spec.code, params=params, enabled=current.enabled if current else True,
                          actor=actor)
        anchored.append(spec.code)
    return anchored


def lake_snapshot(*, actor) -> None:
    t = time.perf_counter()
    result = ledger_snapshot(actor=actor)
    say(f"  ledger snapshot {result.version.id}: {_rate(result.total_rows, time.perf_counter() - t)}")
