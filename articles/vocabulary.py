"""Regions and topics as controlled vocabularies: who may see and add which terms, and the editors'
merge and rename. Renaming keeps the address unless the editor changes the slug too; any address a
term leaves behind (renamed slug, merged-away term) answers with a permanent redirect."""

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from . import permissions
from .models import Article, Region, RegionRedirect, TaggedRegion, TaggedTopic, Topic, TopicRedirect

THROUGH = {Region: TaggedRegion, Topic: TaggedTopic}
REDIRECTS = {Region: RegionRedirect, Topic: TopicRedirect}


def visible_to(user, model):
    """The terms a user may be offered. Editors see them all; a writer sees terms used on published
    articles or on their own, and unused ones (which only editors can have created), never a term
    that only labels someone else's draft."""
    if permissions.is_editor(user):
        return model.objects.all()
    articles = Article.objects.filter(
        Q(pk__in=Article.objects.published().values("pk")) | Q(pk__in=Article.objects.owned_by(user).values("pk"))
    )
    links = THROUGH[model].objects.filter(tag=OuterRef("pk"))
    return model.objects.filter(Exists(links.filter(content_object__in=articles)) | ~Exists(links))


def unknown_names(model, names) -> list[str]:
    """The typed names that are no term yet (case-insensitively, as taggit matches them)."""
    if not names:
        return []
    wanted = Q()
    for name in names:
        wanted |= Q(name__iexact=name)
    known = {name.casefold() for name in model.objects.filter(wanted).values_list("name", flat=True)}
    return [name for name in names if name.casefold() not in known]


def check_new_terms(model, names, *, by) -> None:
    """Adding a term to the vocabulary is an editor's right: a writer's unknown name is refused."""
    if permissions.is_editor(by):
        return
    unknown = unknown_names(model, names)
    if unknown:
        label = model._meta.verbose_name
        quoted = ", ".join(f"“{name}”" for name in unknown)
        raise ValidationError(
            f"Only editors add new {model._meta.verbose_name_plural}: {quoted} "
            f"{'is' if len(unknown) == 1 else 'are'} not in the list. Choose an existing {label}, "
            f"or ask an editor to add it.",
            code="new_term",
        )


@transaction.atomic
def save_term(term, *, by):
    """Save an edit. A changed slug leaves its old address behind as a redirect."""
    _require_editor(by)
    model = type(term)
    redirects = REDIRECTS[model]
    if term.pk:
        old_slug = model.objects.filter(pk=term.pk).values_list("slug", flat=True).get()
        if old_slug != term.slug:
            redirects.objects.update_or_create(old_slug=old_slug, defaults={"tag": term})
    term.save()
    # A slug taken (back) by a live term is its address again, not a redirect.
    redirects.objects.filter(old_slug=term.slug).delete()
    return term


@transaction.atomic
def merge(*, source, into, by):
    """Move every article from ``source`` to ``into`` and delete ``source``; its address (and any
    it had inherited) redirects to ``into``. A region's sub-regions move under ``into``."""
    _require_editor(by)
    model = type(source)
    if type(into) is not model or into.pk == source.pk:
        raise ValidationError("Choose another term of the same vocabulary to merge into.")
    if model is Region and into.path.startswith(source.path):
        raise ValidationError(f"{into.name} lies inside {source.name}: merge it the other way round.")
    links = THROUGH[model].objects
    already = links.filter(tag=into).values("content_object_id")
    links.filter(tag=source, content_object_id__in=already).delete()
    links.filter(tag=source).update(tag=into)
    if model is Region:
        Article.objects.filter(primary_region=source).update(primary_region=into)
        for child in source.children.all():
            child.parent = into
            child.save()
    redirects = REDIRECTS[model]
    redirects.objects.filter(tag=source).update(tag=into)
    redirects.objects.update_or_create(old_slug=source.slug, defaults={"tag": into})
    message = f"Merged “{source.name}” into this {model._meta.verbose_name}; its address redirects here."
    source.delete()
    LogEntry.objects.log_actions(
        user_id=by.pk, queryset=[into], action_flag=CHANGE, change_message=message, single_object=True
    )
    return into


def _require_editor(user):
    if not permissions.is_editor(user):
        raise PermissionDenied("Only editors change the vocabulary.")
