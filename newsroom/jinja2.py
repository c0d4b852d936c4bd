"""The Jinja2 environment of the reader pages (settings.TEMPLATES, first engine).

Readers' pages (``base.html``, ``articles/``, ``authors/``, ``partials/``, ``images/``, the error
pages) are Jinja2 templates: with Django's template language they cost 9-14 ms a page. The
admin, the login pages and e-mails (``registration/``) and the sitemap XML stay on Django's
templates; both engines read ``templates/``, and ``ReaderLoader`` refuses those folders so that
Django falls through to its own engine for them (and for every third-party app's templates,
which are not in ``templates/``).

The filters and globals are the project's template-tag functions (``newsroom.templatetags``,
``images.pictures``) and Django's own filters, so a page prints exactly what it printed as a
Django template; ``finalize`` escapes with Django's ``escape`` (``&#x27;``, ``&quot;``), not
MarkupSafe's, for byte-identical markup. A missing variable or attribute prints nothing, as in
Django's templates, rather than failing the page.
"""

import functools
import html
from datetime import datetime
from types import SimpleNamespace

import jinja2
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import defaultfilters, defaulttags
from django.templatetags.static import static as django_static
from django.urls import reverse
from markupsafe import Markup

from images.pictures import picture_context, rendition_url, with_renditions
from newsroom import rendering
from newsroom.templatetags.newsroom import absolute, day_month_year, iso, ld_json, time_tag

# Served by Django's own template engine (admin overrides, login and e-mail templates, XML).
DJANGO_TEMPLATE_FOLDERS = ("admin/", "registration/", "sitemaps/")


class ReaderLoader(jinja2.FileSystemLoader):
    """``templates/`` without the folders that belong to Django's engine: asked for one of those,
    it answers "not found", and Django tries the next engine."""

    def get_source(self, environment, template):
        if template.startswith(DJANGO_TEMPLATE_FOLDERS):
            raise jinja2.TemplateNotFound(template)
        return super().get_source(environment, template)

    def list_templates(self):
        return [name for name in super().list_templates() if not name.startswith(DJANGO_TEMPLATE_FOLDERS)]


class Undefined(jinja2.ChainableUndefined):
    """As in Django's templates, a missing variable, attribute or item is empty, whatever follows
    it (``page_obj.number`` on a page without pages, ``missing.get_absolute_url()``), and is never
    more or less than anything (Django's ``{% if missing > 1 %}`` is false)."""

    __slots__ = ()

    def __call__(self, *args, **kwargs):
        return self

    def _false(self, other):
        return False

    __lt__ = __le__ = __gt__ = __ge__ = _false


def escape(value):
    """What every ``{{ value }}`` prints: Django's ``escape`` (``html.escape``: ``&#x27;``, ``&quot;``,
    where MarkupSafe would print ``&#39;`` and ``&#34;``); safe strings and Markup as they are. The
    same as ``conditional_escape`` without its lazy-string wrapper, which cost more than the escaping
    on a page of cards."""
    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value)))


class Template(jinja2.Template):
    """A template whose render reads the request's script prefix, URLconf, time zone and language
    once (``newsroom.rendering``), not for each link and date it prints."""

    def render(self, *args, **kwargs):
        with rendering.render_scope():
            return super().render(*args, **kwargs)


def _in_local_time(function):
    """Django's ``expects_localtime`` for a filter: aware datetimes in the current time zone."""

    @functools.wraps(function)
    def local(value, *args):
        return function(rendering.localtime(value), *args)

    return local


def url(viewname, *args, **kwargs):
    """``{{ url("articles:archive_month", year=2024, month=5) }}``, as ``{% url %}``. An address
    depends only on its arguments and the URLconf, and every page asks for the same dozen (home,
    search, feeds, indexes), so each is reversed once per process: ``reverse`` was about 5% of an
    uncached page."""
    try:
        return _reversed(viewname, args, tuple(kwargs.items()), *rendering.links())
    except TypeError:  # an unhashable argument: reverse it every time
        return reverse(viewname, args=args or None, kwargs=kwargs or None)


@functools.lru_cache(maxsize=4096)
def _reversed(viewname, args, kwargs, prefix, urlconf):
    return reverse(viewname, args=args or None, kwargs=dict(kwargs) or None, urlconf=urlconf)


@functools.lru_cache(maxsize=1024)
def static(path):
    """``{{ static("css/site.css") }}``: the manifest's address of a static file, looked up once
    per process (the manifest is read once per process too)."""
    return django_static(path)


@receiver(setting_changed)
def _forget_dates(**kwargs):
    """Formats, languages and time zones come from settings that tests change."""
    _formatted_date.cache_clear()


@receiver(setting_changed)
def _forget_addresses(*, setting, **kwargs):
    """Tests that change the URLconf or the storages must not see addresses made for the old ones."""
    if setting in ("ROOT_URLCONF", "STORAGES", "STATIC_URL", "FORCE_SCRIPT_NAME"):
        _reversed.cache_clear()
        static.cache_clear()


def now(format_string):
    """``{{ now("Y") }}``, as ``{% now "Y" %}``. To the second unless the format shows less (Django's
    ``u`` and ``v``), so the masthead's date is formatted once a second, not on every page."""
    moment = datetime.now(tz=rendering.current_timezone() if settings.USE_TZ else None)
    if not {"u", "v"} & set(format_string):
        moment = moment.replace(microsecond=0)
    return date(moment, format_string)


def date(value, format_string=None):
    """Django's ``date`` filter in the reader's time zone, each result kept per process. Django reads
    its translations and parses the format on every call (15-55 µs), and an article page prints
    eight dates, nearly all of them printed by the request before."""
    value = rendering.localtime(value)
    try:
        return _formatted_date(value, format_string, rendering.current_timezone(), rendering.current_language())
    except TypeError:  # an unhashable value: formatted every time
        return defaultfilters.date(value, format_string)


@functools.lru_cache(maxsize=8192)
def _formatted_date(value, format_string, zone, language):
    # The zone is part of the key: aware datetimes at the same instant are equal whatever their zone.
    return defaultfilters.date(value, format_string)


@jinja2.pass_context
def querystring(context, query_dict=None, **kwargs):
    """``{{ querystring(page=page_obj.next_page_number()) }}``: Django's ``{% querystring %}``,
    the request's query string with these parameters changed."""
    return defaulttags.querystring(SimpleNamespace(request=context["request"]), query_dict, **kwargs)


@jinja2.pass_environment
def image_tag(env, image, **options):
    """``{{ image_tag(article.lead_image, ratio="16:9", sizes="...", priority=True) }}``: the
    ``<picture>`` of ``images/picture.html`` (see ``images.pictures.picture_context``)."""
    return Markup(env.get_template("images/picture.html").render(picture_context(image, **options)))


def environment(**options):
    """Called by Django's Jinja2 backend with TEMPLATES' OPTIONS and its defaults (autoescape on,
    ``auto_reload`` only with DEBUG: templates are compiled once per process)."""
    options.update(
        loader=ReaderLoader(options["loader"].searchpath),  # the backend's loader reads TEMPLATES "DIRS"
        undefined=Undefined,  # in place of the backend's DebugUndefined with DEBUG: pages print alike
        finalize=escape,  # Django's escaping; then Jinja2's autoescape leaves the Markup as it is
        keep_trailing_newline=True,  # as Django's templates print them
    )
    env = jinja2.Environment(**options)
    env.template_class = Template
    env.globals.update(
        url=url,
        static=static,
        now=now,
        querystring=querystring,
        image_tag=image_tag,
        rendition_url=rendition_url,
    )
    env.filters.update(
        absolute=absolute,
        ld_json=ld_json,
        iso=_in_local_time(iso),
        day_month_year=_in_local_time(day_month_year),
        time_tag=_in_local_time(time_tag),
        date=date,
        linebreaks=defaultfilters.linebreaks_filter,
        truncatewords=defaultfilters.truncatewords,
        striptags=defaultfilters.striptags,
        pluralize=defaultfilters.pluralize,
        capfirst=defaultfilters.capfirst,
        with_renditions=with_renditions,
    )
    return env
