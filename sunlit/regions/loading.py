"""The region tree shipped with Sunlit: Zhejiang, its 11 cities and 90 county-level divisions."""

from pathlib import Path

from sunlit import tabular

from .services import ImportResult, regions_import

ZHEJIANG = Path(__file__).parent / "data" / "zhejiang.csv"


def zhejiang_load(*, actor) -> ImportResult:
    header, rows = tabular.read_rows(ZHEJIANG.read_bytes(), fmt="csv")
    return regions_import(rows=rows, header=header, actor=actor, source=ZHEJIANG.name)
