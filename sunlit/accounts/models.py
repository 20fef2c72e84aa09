import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import SCOPE_LEVELS, Role


class User(AbstractUser):
    """A signed-in person: a role (what they may do) and a scope (where: a node of the region tree)."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.INSPECTOR)
    scope = models.ForeignKey(
        "regions.Region", verbose_name=_("scope"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="users",
    )

    def clean(self):
        super().clean()
        if self.role != Role.ADMINISTRATOR and self.scope is None:
            raise ValidationError({"scope": _("Every user except an administrator needs a scope.")})
        if self.scope is not None and self.scope.level not in SCOPE_LEVELS[self.role]:
            raise ValidationError({"scope": _("This role cannot be scoped to a region of this level.")})

    def save(self, *args, **kwargs):
        if self.is_superuser:
            self.role = Role.ADMINISTRATOR
        # Administrators, and only they, use the Django admin site, with every model permission.
        self.is_staff = self.is_superuser = self.role == Role.ADMINISTRATOR
        super().save(*args, **kwargs)


class ApiToken(models.Model):
    """A bearer token for another system (e.g. a liaison station's app). Only its SHA-256 is
    stored; the token itself is shown once, when it is created."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} / {self.name}"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def new_secret() -> str:
        return "sl_" + secrets.token_urlsafe(32)


class SecurityPolicy(models.Model):
    """Deployment-wide switches an administrator turns on and off. A single row (pk=1)."""

    inspector_totp_required = models.BooleanField(
        _("require two-factor sign-in for inspectors"), default=False,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("security policy")
        verbose_name_plural = _("security policy")

    def __str__(self) -> str:
        return str(_("security policy"))

    @classmethod
    def current(cls) -> "SecurityPolicy":
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy
