from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from newsroom import views
from newsroom.admin_views import view_on_site

admin.site.site_header = f"{settings.SITE_NAME} · editorial workspace"
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Workspace"
# The app list sits on the index page; on change lists the room is better spent on columns.
admin.site.enable_nav_sidebar = False

handler500 = "newsroom.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Before admin.site.urls, so it replaces Django's shortcut under the same name (see admin_views).
    path("admin/r/<path:content_type_id>/<path:object_id>/", view_on_site, name="view_on_site"),
    # Staff reset a forgotten password by email; the admin login page links here.
    path("admin/password_reset/", views.PasswordResetView.as_view(), name="admin_password_reset"),
    path("admin/password_reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "admin/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("admin/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("", include("images.urls")),
    path("", include("authors.urls")),
    path("", include("articles.urls")),
]
if settings.BENCH_CEILING:
    urlpatterns.insert(0, path("_bench/ceiling/", views.bench_ceiling))
# Uploads are never served from MEDIA_URL: readers get renditions only (images.urls, docs/images.md).
