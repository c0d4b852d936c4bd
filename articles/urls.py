from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/<uslug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("regions/<uslug:slug>/", views.RegionView.as_view(), name="region"),
    path("topics/<uslug:slug>/", views.TopicView.as_view(), name="topic"),
    path("preview/<str:token>/", views.shared_preview, name="shared_preview"),
]
