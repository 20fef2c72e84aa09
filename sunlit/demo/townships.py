"""Synthetic townships and villages under real counties, so that every role has a place to stand.
Names are made up; codes follow the 12-digit scheme."""

import random

from sunlit.regions.services import COLUMNS
from sunlit.tabular import Row

_TOWNSHIP_STEMS = ["清溪", "白塔", "新桥", "凤鸣", "云溪", "石门", "东湖", "梅林", "长乐", "桃源", "龙泉", "安澜"]
_VILLAGE_STEMS = ["前山", "后塘", "上河", "下洋", "西坞", "东岙", "南庄", "北岭", "竹园", "枫林",
                  "柳湾", "荷塘", "杏坑", "松岗", "茶园", "桂花", "双溪", "五联", "红旗", "金星"]


def synthetic_rows(*, county_codes: list[str], townships: int, villages: int, seed: int) -> tuple[list[str], list[Row]]:
    """Rows for ``townships`` townships per county and ``villages`` villages per township."""
    rng = random.Random(seed)
    rows, n = [], 1
    for county in county_codes:
        stems = rng.sample(_TOWNSHIP_STEMS, townships)
        for t in range(1, townships + 1):
            township = f"{county[:6]}{t:03d}000"
            suffix = "街道" if t == 1 else "镇"
            rows.append(Row(n, dict(zip(COLUMNS, [township, stems[t - 1] + suffix, "township", county, ""], strict=True))))
            n += 1
            for v, stem in enumerate(rng.sample(_VILLAGE_STEMS, villages), start=1):
                kind = "community" if t == 1 else "village"
                name = stem + ("社区" if kind == "community" else "村")
                rows.append(Row(n, dict(zip(COLUMNS, [f"{township[:9]}{v:03d}", name, "village", township, kind], strict=True))))
                n += 1
    return COLUMNS, rows
