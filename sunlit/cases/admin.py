from django.contrib import admin

from .models import Case, CaseEvent, DeadlineRule, Suppression


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    """Working days per colour (overrides SUNLIT_CASE_DEADLINES)."""

    list_display = ["severity", "working_days"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Cases change only through their transitions (the services); here they are read."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["pk", "source_kind", "model_code", "severity", "village_code", "level", "handling_code", "state",
                    "due_on"]
    list_filter = ["state", "level", "severity", "source_kind"]


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ["case", "at", "actor_username", "transition", "from_state", "to_state"]


@admin.register(Suppression)
class SuppressionAdmin(ReadOnlyAdmin):
    list_display = ["model_code", "subject_type", "subject_id", "until", "case"]
