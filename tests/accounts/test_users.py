"""Roles, scopes and passwords."""

import pytest
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError

from sunlit.accounts.roles import Role
from sunlit.accounts.scope import require, scope_prefix, scoped
from sunlit.accounts.services import user_create
from sunlit.errors import AccessDenied
from sunlit.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role,level,ok", [
    (Role.LIAISON_OFFICER, "village", True),
    (Role.LIAISON_OFFICER, "county", False),
    (Role.VILLAGE_CLERK, "township", False),
    (Role.INSPECTOR, "township", True),
    (Role.INSPECTOR, "village", False),
    (Role.DATA_STEWARD, "county", True),
    (Role.DATA_STEWARD, "township", False),
])
def test_each_role_is_scoped_to_its_levels(world, role, level, ok):
    scope = {"village": world.village_a, "township": world.township_a, "county": world.county_a}[level]
    if ok:
        assert user_create(username="u", password="a-long-password-1", role=role, scope=scope).pk
    else:
        with pytest.raises(ValidationError):
            user_create(username="u", password="a-long-password-1", role=role, scope=scope)


def test_a_scope_is_required_except_for_administrators(world):
    with pytest.raises(ValidationError):
        user_create(username="u", password="a-long-password-1", role=Role.INSPECTOR, scope=None)
    admin = user_create(username="root", password="a-long-password-1", role=Role.ADMINISTRATOR, scope=None)
    assert scope_prefix(admin) == "" and scoped(Region.objects.all(), user=admin).count() == Region.objects.count()


def test_scope_prefixes(users):
    assert scope_prefix(users.inspector_a) == "330102"
    assert scope_prefix(users.township_officer) == "330102001"
    assert scope_prefix(users.clerk) == "330102001001"
    assert scope_prefix(None) is None
    users.inspector_a.is_active = False
    assert scope_prefix(users.inspector_a) is None


def test_township_officer_sees_only_the_township(users):
    codes = set(scoped(Region.objects.all(), user=users.township_officer).values_list("code", flat=True))
    assert codes == {"330102001000", "330102001001"}


def test_require_checks_the_role(users):
    assert require(users.steward, "regions.import").code == "330102000000"
    with pytest.raises(AccessDenied):
        require(users.inspector_a, "regions.import")


def test_only_administrators_reach_the_admin_site(users):
    assert users.admin.is_staff and users.admin.is_superuser
    assert not any(u.is_staff for u in (users.inspector_a, users.steward, users.clerk))


def test_production_hashes_passwords_with_argon2():
    from sunlit.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    from django.contrib.auth.hashers import Argon2PasswordHasher

    assert make_password("a-long-password-1", hasher=Argon2PasswordHasher()).startswith("argon2$argon2id$")
