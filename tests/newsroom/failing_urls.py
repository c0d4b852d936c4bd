"""The site's URLs plus one view with a bug, for the error-log tests."""

from django.urls import path

from newsroom.urls import handler500, urlpatterns  # noqa: F401  (handler500: the site's own 500 page)


def broken(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("broken/", broken), *urlpatterns]
