"""The 12-digit statistical division code (统计用区划代码): PP CC DD TTT VVV.

Upper levels end in zeros: ``330000000000`` province, ``330100000000`` city, ``330102000000``
county, ``330102001000`` township, ``330102001001`` village. A node's subtree is every code that
starts with its significant prefix, which is how scope filtering works without walking the tree."""

import re

LEVELS = ("province", "city", "county", "township", "village")
PREFIX_LENGTH = {"province": 2, "city": 4, "county": 6, "township": 9, "village": 12}
_CODE = re.compile(r"^\d{12}$")


def is_well_formed(code: str) -> bool:
    return bool(_CODE.match(code or "")) and code[:2] != "00"


def level_of(code: str) -> str:
    """The level a well-formed code encodes."""
    if code[2:] == "0" * 10:
        return "province"
    if code[4:] == "0" * 8:
        return "city"
    if code[6:] == "0" * 6:
        return "county"
    if code[9:] == "000":
        return "township"
    return "village"


def prefix_of(code: str) -> str:
    """The significant prefix shared by the node and everything below it."""
    return code[: PREFIX_LENGTH[level_of(code)]]


def parent_code_of(code: str) -> str | None:
    """The code of the node directly above, or None for a province."""
    level = level_of(code)
    if level == "province":
        return None
    above = LEVELS[LEVELS.index(level) - 1]
    keep = PREFIX_LENGTH[above]
    return code[:keep] + "0" * (12 - keep)


def in_subtree(code: str, root_code: str) -> bool:
    return code.startswith(prefix_of(root_code))


def subtree_range(prefix: str, field: str = "village_code") -> dict:
    """ORM lookups keeping ``field`` (a 12-digit code) under ``prefix``, written as a range so that
    every database and collation scans an index range; none for an empty prefix (everything)."""
    if not prefix:
        return {}
    return {f"{field}__gte": prefix.ljust(12, "0"), f"{field}__lte": prefix.ljust(12, "9")}
