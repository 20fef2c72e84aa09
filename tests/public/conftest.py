from tests.entry.conftest import ledger, task_a, task_b  # noqa: F401  (shared fixtures)
