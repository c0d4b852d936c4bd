"""Reader pages are Jinja2 templates, the admin's are Django templates (newsroom/jinja2.py): both
engines serve side by side, and Jinja2 prints what Django's templates printed."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template, TemplateDoesNotExist, engines
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from markupsafe import Markup

from tests.factories import ArticleFactory
from tests.newsroom.xss_corpus import VECTORS

JINJA2 = "django.template.backends.jinja2.Jinja2"
DJANGO = "django.template.backends.django.DjangoTemplates"


def backend_of(name):
    return f"{type(get_template(name).backend).__module__}.{type(get_template(name).backend).__name__}"


def jinja(source, **context):
    return engines["jinja2"].from_string(source).render(context)


def django(source, **context):
    return Template(source).render(Context(context))


def test_reader_templates_are_jinja2_and_the_admins_stay_django_templates():
    for name in ["base.html", "articles/article_detail.html", "partials/card.html", "images/picture.html", "500.html"]:
        assert backend_of(name) == JINJA2, name
    # Our own overrides in templates/ and the apps' templates fall through to Django's engine.
    for name in ["admin/index.html", "admin/articles/dashboard.html", "registration/locked_out.html"]:
        assert backend_of(name) == DJANGO, name
    assert backend_of("sitemaps/news.xml") == DJANGO
    with pytest.raises(TemplateDoesNotExist):
        engines["jinja2"].get_template("admin/index.html")


@pytest.mark.django_db
def test_an_admin_page_and_a_reader_page_render_in_the_same_process(client, editor):
    article = ArticleFactory(headline="Both engines")
    assert "Both engines" in client.get(article.get_absolute_url()).content.decode()
    client.force_login(editor)
    admin = client.get(reverse("admin:index"))
    assert admin.status_code == 200
    assert "admin/index.html" in [template.name for template in admin.templates]  # Django's engine
    assert "Both engines" in client.get(reverse("articles:home")).content.decode()


@pytest.mark.django_db
def test_a_missing_variable_or_attribute_prints_nothing_instead_of_failing_the_page():
    assert jinja("[{{ missing }}][{{ missing.attr.deeper }}][{{ missing.method() }}][{{ missing[0].name }}]") == (
        "[][][][]"
    )
    assert jinja("{% if missing.number > 1 %}yes{% else %}no{% endif %}") == "no"  # as Django's {% if %}
    assert jinja("{% for x in missing.items_list %}{{ x }}{% endfor %}.") == "."
    # The article page without the context its view adds (related, JSON-LD, share links, trails).
    html = render_to_string("articles/article_detail.html", {"article": ArticleFactory(headline="Bare")})
    assert "Bare" in html


def test_values_are_escaped_as_django_escapes_them_and_safe_values_are_not():
    hostile = "<a href='x'>\"&"
    assert jinja("{{ v }}", v=hostile) == django("{{ v }}", v=hostile) == "&lt;a href=&#x27;x&#x27;&gt;&quot;&amp;"
    assert jinja("{{ v }}", v=mark_safe("<b>ok</b>")) == "<b>ok</b>"
    assert jinja("{{ v }}", v=Markup("<b>ok</b>")) == "<b>ok</b>"
    assert jinja("{{ v|safe }}", v="<b>ok</b>") == "<b>ok</b>"


@pytest.mark.parametrize("value", [*VECTORS, "", None, 0, 3.5, "caf\u00e9 \u202e", ["<a>", "'"]])
def test_every_value_prints_escaped_exactly_as_in_a_django_template(value):
    assert jinja("{{ v }}", v=value) == django("{{ v }}", v=value)


@pytest.mark.parametrize("zone", ["UTC", "Asia/Baghdad", "America/Los_Angeles"])
def test_date_filters_print_local_time_as_djangos_do(settings, zone):
    settings.TIME_ZONE = zone
    moment = datetime(2024, 3, 10, 22, 30, tzinfo=UTC)  # another day in Baghdad
    for django_filter, jinja_filter in [
        ("date:'c'", "date('c')"),
        ("date:'j F Y, H:i T'", "date('j F Y, H:i T')"),
        ("date:'Y'", "date('Y')"),
    ]:
        expected = django("{{ v|" + django_filter + " }}", v=moment)
        assert jinja("{{ v|" + jinja_filter + " }}", v=moment) == expected, (zone, django_filter)
    assert jinja("{{ v|iso }}", v=moment) == django("{{ v|date:'c' }}", v=moment)
    assert jinja("{{ v|day_month_year }}", v=moment) == django("{{ v|date:'j M Y' }}", v=moment)


def test_a_date_printed_again_follows_the_readers_zone_and_language():
    """Formatted dates are kept per process: the same moment in another zone or language is
    another date."""
    moment = datetime(2024, 3, 10, 22, 30, tzinfo=UTC)
    printed = set()
    for zone, language in [("UTC", "en"), ("Asia/Baghdad", "en"), ("UTC", "uk"), ("Asia/Baghdad", "ar"), ("UTC", "en")]:
        with timezone.override(ZoneInfo(zone)), translation.override(language):
            expected = django("{{ v|date:'l, j F Y, H:i T' }}", v=moment)
            assert jinja("{{ v|date('l, j F Y, H:i T') }}", v=moment) == expected, (zone, language)
            assert jinja("{{ now('Y-m-d l') }}") == django("{% now 'Y-m-d l' %}")
            printed.add(expected)
    assert len(printed) == 4  # Sunday 10 March in London, Monday 11 March in Baghdad, in three languages


def test_text_filters_print_what_djangos_print():
    bio = "<p>Reports on <b>energy</b> &amp; water from Basra, Baghdad and beyond, for twenty years.</p>"
    assert jinja("{{ v|striptags|truncatewords(5) }}", v=bio) == django("{{ v|striptags|truncatewords:5 }}", v=bio)
    note = "First line.\n\nSecond <line> & more."
    assert jinja("{{ v|linebreaks }}", v=note) == django("{{ v|linebreaks }}", v=note)
    for count in [0, 1, 2]:
        assert jinja("stor{{ n|pluralize('y,ies') }}", n=count) == django("stor{{ n|pluralize:'y,ies' }}", n=count)
    assert jinja("{{ v|capfirst }}", v="region") == "Region"


def test_querystring_changes_only_the_page(rf):
    request = rf.get("/search/", {"q": "oil & gas", "page": "2"})
    html = engines["jinja2"].from_string("{{ querystring(page=3) }}").render({}, request)
    assert html == "?q=oil+%26+gas&amp;page=3"
