"""The supervision-model engine: plain Python, no Django. It loads models (SQL with a YAML header),
validates their parameters, binds lake tables and runs the SQL on DuckDB or Spark, returning rows
of one fixed shape (``OUTPUT_COLUMNS``)."""

from .errors import EngineError
from .runner import OUTPUT_COLUMNS, ModelResult, run_model
from .spec import ModelSpec, load_catalogue, load_model

__all__ = ["OUTPUT_COLUMNS", "EngineError", "ModelResult", "ModelSpec", "load_catalogue", "load_model", "run_model"]
