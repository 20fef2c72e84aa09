"""Planted anomalies: placeholder replaced below."""


def plant(world, *, per_code: int = 2) -> list[dict]:
    return []
