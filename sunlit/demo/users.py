"""One demo account per role and level."""

from sunlit.accounts.models import User
from sunlit.accounts.roles import Role
from sunlit.accounts.services import user_create
from sunlit.regions.models import Region

DEMO_PASSWORD = "Sunlit-demo-2026"  # noqa: S105 — printed by the demo on purpose


def demo_accounts(*, county: str, other_county: str) -> list[tuple[str, str, str, str]]:
    """(username, role, scope code, description) for each demo account."""
    city = county[:4] + "0" * 8
    township = county[:6] + "001000"
    village = county[:6] + "001001"
    return [
        ("admin", Role.ADMINISTRATOR, "330000000000", "administrator · 管理员"),
        ("inspector.province", Role.INSPECTOR, "330000000000", "province inspector · 省纪委"),
        ("inspector.city", Role.INSPECTOR, city, "city inspector · 市纪委"),
        ("inspector.county", Role.INSPECTOR, county, "county inspector · 县纪委"),
        ("inspector.county_b", Role.INSPECTOR, other_county, "inspector of another county · 另一县纪委"),
        ("inspector.township", Role.INSPECTOR, township, "township commission · 乡镇纪委"),
        ("liaison", Role.LIAISON_OFFICER, village, "liaison officer · 村监察联络员"),
        ("clerk", Role.VILLAGE_CLERK, village, "village clerk · 村报账员"),
        ("steward", Role.DATA_STEWARD, county, "data steward · 数据管理员"),
    ]


def demo_users_create(*, county: str, other_county: str) -> list[tuple[str, str, str, str]]:
    accounts = demo_accounts(county=county, other_county=other_county)
    for username, role, scope, _label in accounts:
        if not User.objects.filter(username=username).exists():
            user_create(username=username, password=DEMO_PASSWORD, role=role,
                        scope=Region.objects.get(code=scope))
    return accounts
