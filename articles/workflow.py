"""Every change of an article's state goes through these functions; nothing else assigns ``status``.

Each one checks the acting user's permission (so a tampered POST fails exactly like a hidden
button), checks the transition is possible from the current state, writes the fields, keeps a
revision and records who did what in the admin log, all in one transaction.
"""

from dataclasses import dataclass
from datetime import datetime

import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from authors.models import Author
from images.models import Image
from newsroom.dates import admin_datetime

from . import permissions, revisions
from .models import Article, Byline, Correction, PreviewLink, Region, SlugRedirect, TaggedRegion, TaggedTopic, Topic

Status = Article.Status


class TransitionError(Exception):
    """The article is not in a state the requested transition starts from; the message says why."""


@dataclass(frozen=True)
class Transition:
    label: str
    sources: tuple[str, ...]
    editors_only: bool = True


# The state machine, in one table: the admin's buttons and the checks below both read it.
TRANSITIONS = {
    "submit_for_review": Transition("Submit for review", (Status.DRAFT,), editors_only=False),
    "send_back": Transition("Send back to writer", (Status.REVIEW,)),
    "publish": Transition("Publish", (Status.DRAFT, Status.REVIEW)),
    "unpublish": Transition("Unpublish", (Status.PUBLISHED,)),
    "return_to_draft": Transition("Return to draft", (Status.WITHDRAWN,)),
}


def check(action: str, *, article: Article, by) -> None:
    """Raise PermissionDenied or TransitionError unless ``by`` may apply ``action`` to ``article`` now."""
    transition = TRANSITIONS[action]
    if transition.editors_only and not permissions.is_editor(by):
        raise PermissionDenied(f"Only editors can {transition.label.lower()}.")
    if not transition.editors_only and not permissions.can_edit(by, article):
        raise PermissionDenied(f"You cannot {transition.label.lower()} this article.")
    # A scheduled article may be published again: that moves its time or makes it live now.
    if article.status not in transition.sources and not (action == "publish" and article.is_scheduled):
        raise TransitionError(f"Cannot {transition.label.lower()}: the article is {article.state_label.lower()}.")


def embargo_refusal(*, embargo_until: datetime | None, at: datetime | None) -> str | None:
    """Why an article under embargo may not go public at ``at`` (None meaning now), or None.

    The one embargo rule: the form reports it as an error, ``publish`` and ``save_article`` refuse.
    An embargo that has passed binds nothing any more."""
    now = timezone.now()
    if embargo_until is None or embargo_until <= now or (at or now) >= embargo_until:
        return None
    when = admin_datetime(embargo_until)
    if at is None or at <= timezone.now():
        return f"Embargoed until {when}: nobody can publish it before then. Set a publication time at or after it."
    return f"Embargoed until {when}: choose a publication time at or after it."


def allowed_actions(*, article: Article, by) -> list[str]:
    allowed = []
    for action in TRANSITIONS:
        try:
            check(action, article=article, by=by)
        except (PermissionDenied, TransitionError):
            continue
        allowed.append(action)
    return allowed


def _record(article, *, by, message: str):
    """Save the row, keep a revision and write the admin log entry for one transition."""
    with reversion.create_revision():
        article.updated_by = by
        article.save()
        reversion.set_user(by)
        reversion.set_comment(message)
    LogEntry.objects.log_actions(
        user_id=by.pk, queryset=[article], action_flag=CHANGE, change_message=message, single_object=True
    )
    return article


@transaction.atomic
def save_article(*, article: Article, by) -> Article:
    """Save an edit (state unchanged). A published article's old slug keeps working as a redirect."""
    _require(permissions.can_edit(by, article), "You cannot edit this article.")
    if article.status == Status.PUBLISHED:
        refusal = embargo_refusal(embargo_until=article.embargo_until, at=article.publish_at)
        if refusal:
            raise TransitionError(refusal)
    old_embargo = None
    if article.pk is None:
        article.created_by = by
    else:
        old_slug, old_embargo = Article.objects.filter(pk=article.pk).values_list("slug", "embargo_until").get()
        if old_slug != article.slug and article.first_published_at:
            SlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"article": article})
    # A slug taken back by its article is live again, not a redirect to itself.
    SlugRedirect.objects.filter(old_slug=article.slug).delete()
    article.updated_by = by
    article.save()
    if old_embargo != article.embargo_until:
        _record_embargo(article, by=by)
    return article


def _record_embargo(article, *, by):
    """An embargo set, moved or lifted is written down with who and when: in the admin log and,
    when the save runs inside a revision (the admin's), in that revision's comment."""
    if article.embargo_until is None:
        message = "Embargo lifted."
    else:
        message = f"Embargo set until {admin_datetime(article.embargo_until)}."
    if reversion.is_active():
        reversion.set_comment(" ".join(part for part in [reversion.get_comment(), message] if part))
    else:
        with reversion.create_revision():
            article.save()
            reversion.set_user(by)
            reversion.set_comment(message)
    LogEntry.objects.log_actions(
        user_id=by.pk, queryset=[article], action_flag=CHANGE, change_message=message, single_object=True
    )


@transaction.atomic
def submit_for_review(*, article: Article, by) -> Article:
    check("submit_for_review", article=article, by=by)
    article.status = Status.REVIEW
    article.review_note = ""
    return _record(article, by=by, message="Submitted for review.")


@transaction.atomic
def send_back(*, article: Article, by, note: str) -> Article:
    check("send_back", article=article, by=by)
    if not note.strip():
        raise TransitionError("Write a note telling the writer what to change.")
    article.status = Status.DRAFT
    article.review_note = note.strip()
    return _record(article, by=by, message=f"Sent back to the writer: {article.review_note}")


@transaction.atomic
def publish(*, article: Article, by, at: datetime | None = None) -> Article:
    """Publish now, or schedule: a future ``at`` (or ``publish_at`` already set in the future) makes
    the article go live at that instant, with no job to run; ``published()`` compares with now."""
    check("publish", article=article, by=by)
    now = timezone.now()
    at = at or article.publish_at
    refusal = embargo_refusal(embargo_until=article.embargo_until, at=at)
    if refusal:
        raise TransitionError(refusal)
    article.publish_at = at if at and at > now else now
    article.status = Status.PUBLISHED
    article.review_note = ""
    scheduled = article.publish_at > now
    when = admin_datetime(article.publish_at)
    return _record(article, by=by, message=f"Scheduled for {when}." if scheduled else "Published.")


@transaction.atomic
def unpublish(*, article: Article, by) -> Article:
    """Take a live or scheduled article away from readers (it becomes a 404 at once)."""
    check("unpublish", article=article, by=by)
    article.status = Status.WITHDRAWN
    return _record(article, by=by, message="Unpublished (withdrawn).")


@transaction.atomic
def return_to_draft(*, article: Article, by) -> Article:
    check("return_to_draft", article=article, by=by)
    article.status = Status.DRAFT
    return _record(article, by=by, message="Returned to draft.")


@transaction.atomic
def add_correction(*, article: Article, by, kind: str, note: str) -> Correction:
    """A dated correction or update at the foot of a published article; it moves "modified"."""
    _require(permissions.is_editor(by), "Only editors can add corrections.")
    if article.first_published_at is None:
        raise TransitionError("Corrections are for published articles; edit the draft instead.")
    correction = Correction.objects.create(article=article, kind=kind, note=note, created_by=by)
    article.modified_at = correction.created_at
    _record(article, by=by, message=f"Added {correction.get_kind_display().lower()}: {note}")
    return correction


@transaction.atomic
def restore_revision(*, article: Article, version: reversion.models.Version, by) -> Article:
    """Bring back the wording, image, bylines and tags of an old revision, as a new revision.

    The address and publication state stay as they are (see ``Article.CONTENT_FIELDS``). Bylines of
    authors and tags deleted since are left out rather than failing the restore.
    """
    _require(permissions.can_edit(by, article), "You cannot edit this article.")
    if version.object_id != str(article.pk):
        raise TransitionError("That revision belongs to another article.")
    article = Article.objects.select_for_update().get(pk=article.pk)
    saved = version.field_dict
    for field in Article.CONTENT_FIELDS:
        setattr(article, field, saved.get(field))
    if article.lead_image_id and not Image.objects.filter(pk=article.lead_image_id).exists():
        article.lead_image_id = None  # deleted from the library since; the rest is restored

    rows = revisions.related_rows(version)
    living_authors = set(
        Author.objects.filter(pk__in=[b["author_id"] for b in rows[Byline]]).values_list("pk", flat=True)
    )
    article.bylines.all().delete()
    for byline in rows[Byline]:
        if byline["author_id"] in living_authors:
            Byline.objects.create(article=article, author_id=byline["author_id"], position=byline["position"])
    article.regions.set(list(Region.objects.filter(pk__in=[link["tag_id"] for link in rows[TaggedRegion]])))
    article.topics.set(list(Topic.objects.filter(pk__in=[link["tag_id"] for link in rows[TaggedTopic]])))

    when = admin_datetime(version.revision.date_created)
    return _record(article, by=by, message=f"Restored the revision of {when}.")


@transaction.atomic
def create_share_link(*, article: Article, by, expires_at: datetime) -> PreviewLink:
    _require(permissions.is_editor(by), "Only editors can share drafts.")
    if expires_at <= timezone.now():
        raise TransitionError("Choose an expiry time in the future.")
    return PreviewLink.objects.create(article=article, created_by=by, expires_at=expires_at)


def _require(allowed: bool, message: str):
    if not allowed:
        raise PermissionDenied(message)
