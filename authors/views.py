from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from articles.views import PublishedArticlesMixin

from .models import Author


class AuthorDetailView(PublishedArticlesMixin, ListView):
    """An author's profile with their published articles, newest first."""

    template_name = "authors/author_detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(Author.objects.active().select_related("photo"), slug=self.kwargs["slug"])
        return super().get_queryset().filter(bylines__author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)
