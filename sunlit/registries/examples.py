"""One small example file per registry, generated from the specs with synthetic people and
organisations (valid check characters, fictitious numbers), for the exchange-format document
(docs/data-exchange.md) and the sending departments. ``sunlit registries examples DIR`` writes them;
a test loads every one."""

from pathlib import Path

from stdnum.cn import uscc

from sunlit import tabular
from sunlit.identity import person_id_make

from .specs import REGISTRIES


def _person(region6: str, born: str, seq: int) -> str:
    return person_id_make(f"{region6}{born}{seq:03d}")


def _org(body: str) -> str:
    first17 = "91" + body
    return first17 + uscc.calc_check_digit(first17)


# A fictitious household in 前山村 (330102001001) and an enterprise in the same county.
HEAD = _person("330102", "19620314", 31)
SPOUSE = _person("330102", "19650802", 42)
SON = _person("330102", "19900117", 15)
FATHER_LEGACY = "330102" + "350609" + "271"          # a 15-digit legacy number, born 1935-06-09
NEIGHBOUR = _person("330102", "19781125", 26)
TRADER = _org("330102MA2H7K3QX")
BUILDER = _org("330102MA2J0P8WN")

EXAMPLES: dict[str, list[list[str]]] = {
    "enterprise": [
        [TRADER, "杭州前山农产品贸易有限公司", "active", "2019-04-12", "", SON, "330102001001"],
        [BUILDER, "杭州清溪建筑工程有限公司", "cancelled", "2015-09-30", "2023-06-01", NEIGHBOUR, "330102001000"],
    ],
    "enterprise_person": [
        [TRADER, SON, "legal_rep", ""],
        [TRADER, SON, "shareholder", "0.6"],
        [TRADER, SPOUSE, "shareholder", "0.4"],
        [BUILDER, NEIGHBOUR, "legal_rep", ""],
    ],
    "death": [
        [FATHER_LEGACY, "2024-02-18"],
    ],
    "vehicle": [
        ["浙A·7K2Q9", SON, "小型轿车", "2021-05-20"],
        ["浙A·M3051", HEAD, "二轮摩托车", "2016-08-03"],
    ],
    "property": [
        ["330102001001GB00031F00010001", HEAD, "residential", "126.50", "2008-11-02"],
        ["330102001000GB00102F00020003", SON, "commercial", "58.20", "2022-03-15"],
    ],
    "household": [
        ["3301020010010031", HEAD, "王建国", "1962-03-14", "M", "户主", "330102001001"],
        ["3301020010010031", SPOUSE, "李秀英", "1965-08-02", "F", "配偶", "330102001001"],
        ["3301020010010031", SON, "王浩", "1990-01-17", "M", "子", "330102001001"],
        ["3301020010010031", FATHER_LEGACY, "王德明", "1935-06-09", "M", "父亲", "330102001001"],
    ],
    "kinship": [
        [HEAD, SON, "子女"],
        [HEAD, SPOUSE.lower(), "配偶"],
    ],
    "public_payroll": [
        [NEIGHBOUR, "清溪街道社区卫生服务中心", "2010-07-01", ""],
        [SPOUSE, "前山村小学", "1986-09-01", "2020-08-31"],
    ],
    "social_insurance": [
        [SON, TRADER, "2024-01", "6500.00"],
        [SON, TRADER, "2024-02", "6500.00"],
        [NEIGHBOUR, BUILDER, "2023-05", "4800"],
    ],
}


def example_csv(table: str) -> bytes:
    spec = REGISTRIES[table]
    return tabular.write_csv(spec.column_names, EXAMPLES[table])


def examples_write(folder: Path) -> list[Path]:
    """Write ``<table>.csv`` for every registry into ``folder``; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in REGISTRIES:
        path = folder / f"{table}.csv"
        path.write_bytes(example_csv(table))
        written.append(path)
    return written
