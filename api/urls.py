from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"
router = SimpleRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("authors", views.AuthorViewSet, basename="author")
router.register("regions", views.RegionViewSet, basename="region")
router.register("topics", views.TopicViewSet, basename="topic")

urlpatterns = [
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so the docs run under script-src 'self'.
    path("v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("v1/", include(router.urls)),
    re_path(r"^.*$", views.not_found),
]
