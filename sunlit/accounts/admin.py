from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, SecurityPolicy, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "first_name", "role", "scope", "is_active", "last_login")
    list_filter = ("role", "is_active")
    autocomplete_fields = ("scope",)
    fieldsets = DjangoUserAdmin.fieldsets + ((_("Role and scope"), {"fields": ("role", "scope")}),)
    add_fieldsets = DjangoUserAdmin.add_fieldsets + ((_("Role and scope"), {"fields": ("role", "scope")}),)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("digest", "created_at", "last_used_at")


@admin.register(SecurityPolicy)
class SecurityPolicyAdmin(admin.ModelAdmin):
    list_display = ("__str__", "inspector_totp_required", "updated_at")

    def has_add_permission(self, request):
        return not SecurityPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
