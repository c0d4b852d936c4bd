from django.apps import AppConfig
from django.urls import register_converter


class NewsroomConfig(AppConfig):
    """The project package as an app: its template tags, URL converter and checks; no models."""

    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from newsroom import checks  # noqa: F401  (registers the deploy checks)
        from newsroom.slugs import SlugConverter

        # Registered before any URLconf loads, so every app's patterns can use <uslug:slug>.
        register_converter(SlugConverter, "uslug")
