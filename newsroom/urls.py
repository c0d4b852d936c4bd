from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = f"{settings.SITE_NAME} · editorial workspace"
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Workspace"
# The app list sits on the index page; on change lists the room is better spent on columns.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("images.urls")),
    path("", include("authors.urls")),
    path("", include("articles.urls")),
]
# Uploads are never served from MEDIA_URL: readers get renditions only (images.urls, docs/images.md).
