"""The admin index as a newsroom desk: what needs each user's attention, from queryset methods."""

from dataclasses import dataclass

from django.db.models import QuerySet

from . import permissions
from .models import Article

LIMIT = 8


@dataclass
class Section:
    title: str
    articles: QuerySet
    empty: str
    show_time: bool = False


def sections_for(user) -> list[Section]:
    Status = Article.Status
    mine = Article.objects.owned_by(user)
    sections = [
        Section("My drafts", mine.in_state(Status.DRAFT).filter(review_note="").order_by("-updated_at"), "No drafts."),
        Section(
            "Sent back to me",
            mine.in_state(Status.DRAFT).exclude(review_note="").order_by("-updated_at"),
            "Nothing sent back.",
        ),
    ]
    if permissions.is_editor(user):
        sections.append(
            Section(
                "Awaiting review", Article.objects.in_state(Status.REVIEW).order_by("updated_at"), "Nothing to review."
            )
        )
    else:
        sections.append(
            Section("My articles in review", mine.in_state(Status.REVIEW).order_by("updated_at"), "Nothing in review.")
        )
    scope = Article.objects.all() if permissions.is_editor(user) else mine
    sections += [
        Section("Scheduled", scope.scheduled().order_by("publish_at"), "Nothing scheduled.", show_time=True),
        Section(
            "Recently published", scope.published().order_by("-publish_at"), "Nothing published yet.", show_time=True
        ),
    ]
    for section in sections:
        section.articles = section.articles.with_bylines()[:LIMIT]
    return sections
