"""A model run's DuckDB gets the configured memory limit and spill folder."""

import pytest

from sunlit.engine.backends import DuckDBBackend
from sunlit.engine.errors import EngineError
from sunlit.supervision.services import _engine_options


def test_duckdb_runs_with_the_configured_memory_limit_and_spill_folder(settings, tmp_path):
    settings.SUNLIT_MODELS_MEMORY_LIMIT = "512MB"
    settings.SUNLIT_MODELS_SPILL_DIR = tmp_path / "spill"
    backend = DuckDBBackend({}, **_engine_options("duckdb"))
    limit, folder = backend.connection.execute(
        "select current_setting('memory_limit'), current_setting('temp_directory')").fetchone()
    backend.close()
    assert limit in ("488.2 MiB", "512.0 MB")
    assert folder == str(tmp_path / "spill")
    assert (tmp_path / "spill").is_dir()
    assert _engine_options("spark") == {}


def test_a_memory_limit_duckdb_cannot_read_is_a_clear_error():
    with pytest.raises(EngineError, match="6GB"):
        DuckDBBackend({}, memory_limit="a lot")
