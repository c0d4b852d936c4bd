"""The regions and topics screens: editors add, rename, merge and (for regions) arrange the tree.

Writers may look; what they may add to an article is checked in the article form."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse

from . import permissions, vocabulary


class VocabularyForm(forms.ModelForm):
    merge_into = forms.ModelChoiceField(
        queryset=None,
        required=False,
        help_text="Move every article of this term to the one chosen here and delete this one; "
        "its address will redirect there. Renaming keeps the address unless you change the slug too.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = self._meta.model.objects.all()
        self.fields["merge_into"].queryset = others.exclude(pk=self.instance.pk) if self.instance.pk else others.none()

    def clean(self):
        cleaned = super().clean()
        into, term = cleaned.get("merge_into"), self.instance
        if into is not None and hasattr(into, "path") and term.pk and into.path.startswith(term.path):
            self.add_error("merge_into", f"{into.name} lies inside {term.name}: merge it the other way round.")
        return cleaned


class VocabularyAdminMixin:
    form = VocabularyForm

    def get_fields(self, request, obj=None):
        fields = [name for name in super().get_fields(request, obj) if name != "merge_into"]
        return [*fields, "merge_into"] if obj is not None else fields

    def get_queryset(self, request):
        # Writers may look, but never at a term that only labels someone else's draft.
        visible = vocabulary.visible_to(request.user, self.model).values("pk")
        return super().get_queryset(request).filter(pk__in=visible)

    # Adding, renaming, merging and deleting terms is an editor's right; writers may look.
    def has_add_permission(self, request):
        return permissions.is_editor(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return permissions.is_editor(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return permissions.is_editor(request.user) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        vocabulary.save_term(obj, by=request.user)
        into = form.cleaned_data.get("merge_into")
        if into is not None:
            name = obj.name
            vocabulary.merge(source=obj, into=into, by=request.user)
            obj.pk = into.pk  # the admin goes on to log and redirect to what remains
            self.message_user(request, f"“{name}” was merged into “{into.name}”.", messages.SUCCESS)

    def response_change(self, request, obj):
        if not type(obj).objects.filter(pk=obj.pk, name=obj.name).exists():
            # Merged away: show the term it went into.
            return HttpResponseRedirect(
                reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
            )
        return super().response_change(request, obj)


class RegionTreeAdminMixin:
    """Regions sit in a tree: each may have a parent; a parent inside the region itself is refused
    by ``Region.clean`` with a form error."""

    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]

    def get_list_display(self, request):
        display = list(super().get_list_display(request))
        return [*display[:1], "inside", *display[1:]]

    @admin.display(description="Inside", ordering="parent__name")
    def inside(self, obj):
        return obj.parent.name if obj.parent_id else "—"
