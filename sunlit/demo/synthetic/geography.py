"""Which real counties a scale covers, and the synthetic townships and villages under them (valid
12-digit codes: county's six digits, a three-digit township, a three-digit village)."""

import random
from dataclasses import dataclass
from pathlib import Path

import sunlit
from sunlit import tabular
from sunlit.tabular import Row

ZHEJIANG = Path(sunlit.__file__).parent / "regions" / "data" / "zhejiang.csv"
COLUMNS = ["code", "name", "level", "parent_code", "kind"]  # the region import's columns

HOME_COUNTY, OTHER_COUNTY = "330102000000", "330106000000"

# scale → (counties, townships per county, villages per township); about 250, 2,500 and 25,000 villages
SCALES = {"county": ("home", 12, 21), "city": ("city", 12, 16), "province": ("province", 14, 20)}

_TOWN_HEAD = ["清", "白", "新", "凤", "云", "石", "东", "梅", "长", "桃", "龙", "安", "金", "银", "双", "三",
              "青", "黄", "马", "高", "大", "小", "西", "南"]
_TOWN_TAIL = ["溪", "塔", "桥", "鸣", "岭", "门", "湖", "林", "乐", "源", "泉", "澜", "山", "坑", "埠", "港"]
_VILLAGE_HEAD = ["前", "后", "上", "下", "西", "东", "南", "北", "竹", "枫", "柳", "荷", "杏", "松", "茶", "桂",
                 "双", "五", "红", "金", "里", "外", "新", "老", "大", "小", "陈", "王", "李", "张"]
_VILLAGE_TAIL = ["山", "塘", "河", "洋", "坞", "岙", "庄", "岭", "园", "林", "湾", "溪", "坑", "岗", "桥", "畈",
                 "头", "口", "家", "埠"]


@dataclass(frozen=True)
class Village:
    code: str
    name: str
    township_code: str
    county_code: str
    index: int  # position in the whole region, from 0


@dataclass(frozen=True)
class Geography:
    region_rows: list[Row]   # townships and villages, in the columns of the region import
    villages: list[Village]
    county_names: dict[str, str]
    township_names: dict[str, str]


def zhejiang_counties() -> list[tuple[str, str]]:
    header, rows = tabular.read_rows(ZHEJIANG.read_bytes(), fmt="csv")
    return [(r.values["code"], r.values["name"]) for r in rows if r.values["level"] == "county"]


def counties_of(scale: str) -> list[str]:
    kind = SCALES[scale][0]
    codes = [code for code, _name in zhejiang_counties()]
    if kind == "home":
        return [HOME_COUNTY]
    if kind == "city":
        return [c for c in codes if c.startswith(HOME_COUNTY[:4])]
    return codes


def _names(rng: random.Random, heads: list[str], tails: list[str], n: int) -> list[str]:
    pool = [h + t for h in heads for t in tails if h != t]
    return rng.sample(pool, n)


def geography_make(*, scale: str, seed: int, villages_limit: int | None = None) -> Geography:
    """Townships and villages for ``scale``; ``villages_limit`` caps the number of villages (tests).
    The home county always has township 001 and village 001 (the demo accounts stand there); the
    other county of the demo accounts gets a small township of its own when the scale leaves it out."""
    _kind, townships, per_township = SCALES[scale]
    names = dict(zhejiang_counties())
    counties = counties_of(scale)
    limit = villages_limit if villages_limit is not None else 10 ** 9
    plan = [(c, townships, per_township) for c in counties]
    if OTHER_COUNTY not in counties:
        plan.append((OTHER_COUNTY, 1, 4 if villages_limit is None else 1))
    rows: list[Row] = []
    villages: list[Village] = []
    township_names: dict[str, str] = {}
    for county, n_towns, n_villages in plan:
        rng = random.Random(f"{seed}:geo:{county}")
        town_names = _names(rng, _TOWN_HEAD, _TOWN_TAIL, n_towns)
        capped = county in counties
        for t in range(1, n_towns + 1):
            if capped and len(villages) >= limit:
                break
            township = f"{county[:6]}{t:03d}000"
            tname = town_names[t - 1] + ("街道" if t == 1 else "镇")
            township_names[township] = tname
            rows.append(Row(len(rows) + 2, dict(zip(COLUMNS, [township, tname, "township", county, ""], strict=True))))
            for v, vname in enumerate(_names(rng, _VILLAGE_HEAD, _VILLAGE_TAIL, n_villages), start=1):
                if capped and len(villages) >= limit:
                    break
                code = f"{township[:9]}{v:03d}"
                kind = "community" if t == 1 and v <= 2 else "village"
                full = vname + ("社区" if kind == "community" else "村")
                rows.append(Row(len(rows) + 2, dict(zip(COLUMNS, [code, full, "village", township, kind], strict=True))))
                villages.append(Village(code, full, township, county, len(villages)))
    return Geography(rows, villages, names, township_names)
