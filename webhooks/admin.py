from django import forms
from django.contrib import admin

from . import cdn
from .models import Delivery, Endpoint, Event


class EndpointForm(forms.ModelForm):
    url = forms.URLField(label="URL", max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(choices=Event.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Endpoint
        fields = ["name", "url", "kind", "events", "secret", "is_active"]

    def clean(self):
        cleaned = super().clean()
        problem = cdn.url_problem(cleaned.get("kind", ""), cleaned.get("url") or "")
        if problem:
            self.add_error("url", problem)
        return cleaned


class DeliveryInline(admin.TabularInline):
    model = Delivery
    fields = ["created_at", "event", "status", "attempts", "response_code", "error", "next_attempt_at"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    ordering = ["-created_at"]


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    list_display = ["name", "url", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    inlines = [DeliveryInline]

    def has_module_permission(self, request):
        return request.user.is_superuser


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "endpoint", "event", "status", "attempts", "response_code", "last_attempt_at"]
    list_filter = ["status", "event", "endpoint"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
    list_select_related = ["endpoint"]
    search_fields = ["request_id"]  # from a request's log line to the deliveries it caused

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
