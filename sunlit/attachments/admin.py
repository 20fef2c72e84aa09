from django.contrib import admin

from .models import Attachment


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind", "size", "uploaded_at", "uploaded_by"]
    list_filter = ["kind"]
    search_fields = ["original_name", "sha256", "uploaded_by"]
    readonly_fields = [f.name for f in Attachment._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
