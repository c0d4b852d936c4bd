from datetime import UTC, datetime, timedelta

from django.template.defaultfilters import date
from django.utils import timezone

from newsroom.templatetags.newsroom import day_month_year, iso, time_tag


def test_card_date_filters_print_what_djangos_date_filter_prints():
    start = datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
    for hours in range(0, 24 * 800, 37):
        moment = timezone.localtime(start + timedelta(hours=hours, microseconds=hours))
        assert iso(moment) == date(moment, "c")
        assert day_month_year(moment) == date(moment, "j M Y")
        assert time_tag(moment) == f'<time datetime="{date(moment, "c")}">{date(moment, "j M Y")}</time>'
    assert iso(None) == day_month_year(None) == time_tag(None) == ""
