from django.urls import path

from . import views

app_name = "authors"
urlpatterns = [
    path("authors/", views.AuthorIndexView.as_view(), name="index"),
    path("authors/<uslug:slug>/", views.AuthorDetailView.as_view(), name="detail"),
]
