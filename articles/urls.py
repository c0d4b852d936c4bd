from django.urls import path

from . import feeds, sitemaps, views

app_name = "articles"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/<uslug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("regions/", views.RegionIndexView.as_view(), name="region_index"),
    path("regions/<uslug:slug>/", views.RegionView.as_view(), name="region"),
    path("topics/", views.TopicIndexView.as_view(), name="topic_index"),
    path("topics/<uslug:slug>/", views.TopicView.as_view(), name="topic"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("archive/<int:year>/", views.YearArchive.as_view(), name="archive_year"),
    path("archive/<int:year>/<int:month>/", views.MonthArchive.as_view(), name="archive_month"),
    path("preview/<str:token>/", views.shared_preview, name="shared_preview"),
    # Feeds: RSS 2.0 and Atom, for the site and for each region, topic and author.
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
    path("regions/<uslug:slug>/feed/", feeds.RegionFeed(), name="region_feed"),
    path("regions/<uslug:slug>/feed/atom/", feeds.RegionAtomFeed(), name="region_feed_atom"),
    path("topics/<uslug:slug>/feed/", feeds.TopicFeed(), name="topic_feed"),
    path("topics/<uslug:slug>/feed/atom/", feeds.TopicAtomFeed(), name="topic_feed_atom"),
    path("authors/<uslug:slug>/feed/", feeds.AuthorFeed(), name="author_feed"),
    path("authors/<uslug:slug>/feed/atom/", feeds.AuthorAtomFeed(), name="author_feed_atom"),
    # For crawlers.
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemaps.section, name="sitemap_section"),
    path("news-sitemap.xml", sitemaps.news, name="news_sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
]
