from django.contrib import admin

from .models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Read-only: reports are written by villagers and handled through their cases."""
    list_display = ("pk", "created_at", "village_code", "category", "kind", "case")
    list_filter = ("category", "kind")
    exclude = ("reporter_name", "reporter_phone", "tracking_code")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
