from django.http import Http404, HttpResponsePermanentRedirect

from articles.models import Article
from newsroom.text import strip_controls


class WordPressRedirectMiddleware:
    """Old WordPress addresses answer with a 301 to the article they became, while it is public.

    - ``/?p=123``, WordPress's short link: looked up by post id before the home page answers.
    - Any other old address (the date permalink ``/2015/01/27/slug/``, the post's ``link``): looked
      up only when the site itself answered 404, like ``django.contrib.redirects``, so no URL
      pattern has to guess their shapes and a normal page never pays a query for them.

    Placed after the page cache, so a redirect is cached like any page. An article that is not
    public is a plain 404, as everywhere else.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        post_id = request.GET.get("p", "")
        if request.path == "/" and post_id:
            article = None
            if post_id.isdigit():
                article = Article.objects.published().filter(wordpress_post__post_id=int(post_id)).first()
            if article is None:
                raise Http404("No such article.")
            return HttpResponsePermanentRedirect(article.get_absolute_url())
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        path = request.path if request.path.endswith("/") else f"{request.path}/"
        if strip_controls(path) != path:  # never a WordPress address, and PostgreSQL refuses NUL
            return response
        article = Article.objects.published().filter(legacy_paths__path=path).first()
        return HttpResponsePermanentRedirect(article.get_absolute_url()) if article else response
