from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Backups and restores: the top layer, it may read every other app."""

    name = "operations"
    verbose_name = "Operations"
