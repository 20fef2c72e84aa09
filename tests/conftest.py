"""Shared fixtures: a small region tree with two counties, and one user per role and scope, so
that every permission test reads the same way."""

from types import SimpleNamespace

import pytest
from django.test import Client

from sunlit.accounts.roles import Role
from sunlit.accounts.services import api_token_create, user_create
from sunlit.regions.models import Region

PASSWORD = "correct-horse-battery-staple"


def _region(code, name, level, parent=None, kind=""):
    return Region.objects.create(code=code, name=name, level=level, parent=parent, kind=kind)


@pytest.fixture
def world(db):
    """Province → city → county A (上城区) and county B (西湖区), each with a township and a village."""
    province = _region("330000000000", "浙江省", "province")
    city = _region("330100000000", "杭州市", "city", province)
    county_a = _region("330102000000", "上城区", "county", city)
    county_b = _region("330106000000", "西湖区", "county", city)
    township_a = _region("330102001000", "清溪街道", "township", county_a)
    township_b = _region("330106001000", "白塔镇", "township", county_b)
    village_a = _region("330102001001", "前山村", "village", township_a, "village")
    village_b = _region("330106001001", "后塘村", "village", township_b, "village")
    return SimpleNamespace(province=province, city=city, county_a=county_a, county_b=county_b,
                           township_a=township_a, township_b=township_b,
                           village_a=village_a, village_b=village_b)


@pytest.fixture
def users(world):
    """One user per role and scope. ``anonymous`` is the villager with no account."""
    def make(username, role, scope):
        return user_create(username=username, password=PASSWORD, role=role, scope=scope)

    return SimpleNamespace(
        admin=make("admin", Role.ADMINISTRATOR, world.province),
        inspector_a=make("inspector_a", Role.INSPECTOR, world.county_a),
        inspector_b=make("inspector_b", Role.INSPECTOR, world.county_b),
        township_officer=make("township_officer", Role.INSPECTOR, world.township_a),
        liaison=make("liaison", Role.LIAISON_OFFICER, world.village_a),
        clerk=make("clerk", Role.VILLAGE_CLERK, world.village_a),
        steward=make("steward", Role.DATA_STEWARD, world.county_a),
        anonymous=None,
    )


@pytest.fixture
def client_for():
    """``client_for(user)``: a test client signed in as ``user`` (anonymous for None)."""
    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def api_client_for():
    """``api_client_for(user)``: a client that sends a fresh bearer token for ``user``, as a system would."""
    def make(user):
        if user is None:
            return Client()
        return Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='test')}"})

    return make
