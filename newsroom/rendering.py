"""What a reader page's render reads of the request once, not once per link and date.

Every card prints two or three links and a date, and each asked Django for the request's script
prefix and URLconf (links) or its time zone and language (dates). Django keeps those in
context-local storage that costs microseconds a read: some 150 reads, about 5% of a listing
page. Nothing in a Jinja2 template can change them (there is no ``{% language %}`` or
``{% timezone %}`` here), so a render reads them once when it starts (``render_scope``; a feed
is written inside one too, ``articles.feeds``) and the template functions ask ``links()``,
``current_timezone()`` and ``current_language()``. Outside a scope (views, the admin) those read
them afresh each time, as before.
"""

import contextvars
from contextlib import contextmanager
from datetime import datetime
from typing import NamedTuple

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone, translation


class Scope(NamedTuple):
    script_prefix: str
    urlconf: object
    timezone: object
    language: str | None


_scope = contextvars.ContextVar("newsroom_render_scope", default=None)


def _read() -> Scope:
    return Scope(get_script_prefix(), get_urlconf(), timezone.get_current_timezone(), translation.get_language())


def links() -> tuple[str, object]:
    """The script prefix and URLconf an address is made with."""
    scope = _scope.get()
    return (scope.script_prefix, scope.urlconf) if scope else (get_script_prefix(), get_urlconf())


def current_timezone():
    scope = _scope.get()
    return scope.timezone if scope else timezone.get_current_timezone()


def current_language():
    scope = _scope.get()
    return scope.language if scope else translation.get_language()


@contextmanager
def render_scope():
    """Around a template's render; a render inside it (a picture's sub-template) keeps the scope."""
    if _scope.get() is not None:
        yield
        return
    token = _scope.set(_read())
    try:
        yield
    finally:
        _scope.reset(token)


def localtime(value):
    """Django's ``template_localtime``: an aware datetime in the current time zone (the scope's)."""
    if (
        isinstance(value, datetime)
        and settings.USE_TZ
        and not timezone.is_naive(value)
        and getattr(value, "convert_to_local_time", True)
    ):
        return value.astimezone(current_timezone())
    return value
