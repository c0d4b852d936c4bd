from django.urls import re_path

from . import views

app_name = "images"
urlpatterns = [
    re_path(r"^images/(?P<name>[0-9a-f]{64}\.(?:webp|jpg|png))$", views.rendition, name="rendition"),
]
