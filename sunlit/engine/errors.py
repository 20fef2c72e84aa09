class EngineError(Exception):
    """A model that cannot be loaded or run as asked: a bad header, an unknown or out-of-bounds
    parameter, a missing input table, SQL that fails or returns the wrong shape."""
