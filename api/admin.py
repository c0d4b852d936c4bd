from django.contrib import admin, messages

from .models import APIKey


@admin.register(APIKey)
class APIKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "is_active", "created_at", "last_used_at"]
    list_filter = ["is_active"]
    fields = ["name", "is_active", "prefix", "created_at", "created_by", "last_used_at"]
    readonly_fields = ["prefix", "created_at", "created_by", "last_used_at"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        raw_key = None
        if not change:
            obj.created_by = request.user
            raw_key = obj.set_new_key()
        super().save_model(request, obj, form, change)
        if raw_key:
            messages.warning(
                request,
                f"The API key for {obj.name} is {raw_key} — copy it now: it is stored hashed and will not be shown "
                "again. Send it as the header “Authorization: Api-Key <key>”.",
            )
