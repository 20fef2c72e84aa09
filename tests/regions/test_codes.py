import pytest

from sunlit.regions import codes


@pytest.mark.parametrize("code,level,parent,prefix", [
    ("330000000000", "province", None, "33"),
    ("330100000000", "city", "330000000000", "3301"),
    ("330102000000", "county", "330100000000", "330102"),
    ("330102001000", "township", "330102000000", "330102001"),
    ("330102001001", "village", "330102001000", "330102001001"),
])
def test_levels_parents_and_prefixes(code, level, parent, prefix):
    assert codes.level_of(code) == level
    assert codes.parent_code_of(code) == parent
    assert codes.prefix_of(code) == prefix


@pytest.mark.parametrize("code", ["33010200100", "3301020010011", "33010200100a", "", "000000000000"])
def test_malformed_codes(code):
    assert not codes.is_well_formed(code)


def test_subtree_is_a_prefix_match():
    assert codes.in_subtree("330102001001", "330102000000")
    assert not codes.in_subtree("330106001001", "330102000000")
    assert codes.in_subtree("330106001001", "330000000000")


def test_subtree_range_keeps_the_codes_under_a_prefix():
    lookups = codes.subtree_range("330102", "region_code")
    assert lookups == {"region_code__gte": "330102000000", "region_code__lte": "330102999999"}
    inside = ["330102000000", "330102001001", "330102999999"]
    outside = ["330101999999", "330103000000"]
    assert all(lookups["region_code__gte"] <= c <= lookups["region_code__lte"] for c in inside)
    assert not any(lookups["region_code__gte"] <= c <= lookups["region_code__lte"] for c in outside)
    assert codes.subtree_range("") == {}
