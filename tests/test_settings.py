import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom.startup import refuse_to_serve_insecurely


def test_serving_without_a_secret_key_and_without_debug_is_refused(settings):
    settings.DEBUG, settings.SECRET_KEY = False, settings.INSECURE_SECRET_KEY
    with pytest.raises(ImproperlyConfigured, match="Set SECRET_KEY"):
        refuse_to_serve_insecurely()


def test_serving_with_a_secret_key_or_in_debug_is_allowed(settings):
    settings.DEBUG, settings.SECRET_KEY = False, "q8Zr-3kX_vT7mWn2pLs9dYc4hJf6bUe1aGo5iRt0yQw8eKx2zNv"
    refuse_to_serve_insecurely()
    settings.DEBUG, settings.SECRET_KEY = True, settings.INSECURE_SECRET_KEY
    refuse_to_serve_insecurely()
