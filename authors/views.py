from django.http import Http404
from django.urls import reverse
from django.views.generic import ListView

from articles import listings, navigation, structured_data, surrogate
from articles.views import PublishedArticlesMixin

from .models import Author


class AuthorDetailView(PublishedArticlesMixin, ListView):
    """An author's profile with their published articles, newest first."""

    template_name = "authors/author_detail.html"

    def get_queryset(self):
        self.author = listings.by_slug(Author.objects.active, self.kwargs["slug"], related="photo")
        if self.author is None:
            raise Http404("No author at this address.")
        return listings.Cards(listings.by_author, self.author.pk)

    def breadcrumbs(self):
        return [("Authors", reverse("authors:index")), (self.author.name, self.request.path)]

    def listing_keys(self):
        return [surrogate.author(self.author.pk)]

    def get_context_data(self, **kwargs):
        profile = structured_data.profile_json_ld(self.author)
        slug = {"slug": self.author.slug}
        feeds = {
            "rss": reverse("articles:author_feed", kwargs=slug),
            "atom": reverse("articles:author_feed_atom", kwargs=slug),
        }
        return super().get_context_data(author=self.author, profile_json_ld=profile, feeds=feeds, **kwargs)


class AuthorIndexView(ListView):
    """``/authors/``: every active author with public work and their count, in one query."""

    template_name = "authors/author_index.html"

    def get_queryset(self):
        return navigation.authors_with_published_work()

    def get_context_data(self, **kwargs):
        crumbs = [("Home", reverse("articles:home")), ("Authors", self.request.path)]
        return super().get_context_data(breadcrumbs=structured_data.breadcrumbs_json_ld(crumbs), **kwargs)
