from django.apps import AppConfig
from django.urls import register_converter


class NewsroomConfig(AppConfig):
    """The project package as an app: its template tags, URL converter, checks and log records'
    request ids; no models."""

    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from newsroom import checks  # noqa: F401  (registers the deploy checks)
        from newsroom.logging import install_request_id_on_records
        from newsroom.slugs import SlugConverter

        install_request_id_on_records()
        # Registered before any URLconf loads, so every app's patterns can use <uslug:slug>.
        register_converter(SlugConverter, "uslug")
