"""A backend counts each bound table once: the tables of a run do not change while it runs."""

import pyarrow as pa
import pyarrow.parquet as pq

from sunlit.engine.backends import DuckDBBackend


def test_each_table_is_counted_once_per_backend(tmp_path):
    path = tmp_path / "death.parquet"
    pq.write_table(pa.table({"person_id": ["a", "b", "c"]}), path)
    backend = DuckDBBackend({"death": [path]})
    calls = []
    counted = backend.count_rows
    backend.count_rows = lambda table: calls.append(table) or counted(table)
    assert [backend.count("death") for _ in range(3)] == [3, 3, 3]
    assert calls == ["death"]
    backend.close()
