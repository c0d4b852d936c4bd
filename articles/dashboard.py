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
    time_field: str = "publish_at"


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
    if permissions.is_editor(user):
        # Everyone's work in progress, the editor's own included, so nothing is out of sight.
        sections.append(
            Section("In progress", Article.objects.in_state(Status.DRAFT).order_by("-updated_at"), "No drafts.")
        )
    sections.append(
        Section(
            "Under embargo",
            scope.embargoed().order_by("embargo_until"),
            "Nothing under embargo.",
            show_time=True,
            time_field="embargo_until",
        )
    )
    sections += [
        Section("Scheduled", scope.scheduled().order_by("publish_at"), "Nothing scheduled.", show_time=True),
        Section(
            "Recently published", scope.published().order_by("-publish_at"), "Nothing published yet.", show_time=True
        ),
    ]
    for section in sections:
        section.articles = list(section.articles.with_bylines()[:LIMIT])
        for article in section.articles:
            article.desk_time = getattr(article, section.time_field)
    return sections
