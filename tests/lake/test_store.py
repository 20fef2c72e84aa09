"""The lake store: a version appears whole or not at all; the newest published version is current."""

import os
import signal
import subprocess
import sys
import textwrap

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sunlit.lake import Lake
from sunlit.lake.store import STAGING


def _write(lake, dataset, rows):
    with lake.stage() as folder:
        pq.write_table(pa.table({"n": list(range(rows))}), folder / "part-0.parquet")
        return lake.publish(folder, dataset=dataset, manifest={"rows": rows})


def test_publish_and_current(tmp_path):
    lake = Lake(tmp_path)
    assert lake.current("registry/death") is None
    first = _write(lake, "registry/death", 3)
    second = _write(lake, "registry/death", 5)
    assert [v.id for v in lake.versions("registry/death")] == [first.id, second.id]
    current = lake.current("registry/death")
    assert current.id == second.id and current.manifest["rows"] == 5
    assert pq.read_table(current.files()[0]).num_rows == 5
    assert lake.version("registry/death", first.id).manifest["rows"] == 3
    assert lake.datasets() == ["registry/death"]


def test_a_failure_inside_the_stage_leaves_nothing(tmp_path):
    lake = Lake(tmp_path)
    with pytest.raises(RuntimeError):
        with lake.stage() as folder:
            (folder / "part-0.parquet").write_bytes(b"half")
            raise RuntimeError("disk full")
    assert lake.datasets() == []
    assert not any((tmp_path / STAGING).iterdir())


def test_a_writer_killed_part_way_leaves_no_visible_version(tmp_path):
    script = textwrap.dedent(f"""
        import os, time, sys
        from sunlit.lake import Lake
        lake = Lake({str(tmp_path)!r})
        with lake.stage() as folder:
            (folder / "part-0.parquet").write_bytes(b"x" * 1000)
            print("staged", flush=True)
            time.sleep(60)
            lake.publish(folder, dataset="ledger", manifest={{}})
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "staged"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    lake = Lake(tmp_path)
    assert lake.datasets() == [] and lake.current("ledger") is None
    assert lake.sweep_staging(older_than_seconds=0) == 1
