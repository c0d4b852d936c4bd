import ast
import os
import subprocess
import sys

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


def test_two_sites_sharing_one_redis_keep_their_pages_apart_by_key_prefix():
    code = "from newsroom import settings; print(repr(settings.CACHES['default']))"
    env = {**os.environ, "CACHE_URL": "redis://127.0.0.1:6379/3?key_prefix=site-one&timeout=60"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    printed = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    found = ast.literal_eval(printed.stdout)
    assert found["KEY_PREFIX"] == "site-one" and found["TIMEOUT"] == 60
    assert found["LOCATION"] == "redis://127.0.0.1:6379/3"
