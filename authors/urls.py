from django.urls import path

from . import views

app_name = "authors"
urlpatterns = [
    path("authors/<uslug:slug>/", views.AuthorDetailView.as_view(), name="detail"),
]
