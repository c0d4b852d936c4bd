"""One way to show a date and time in the admin: the newsroom's time zone, always named."""

from django.utils import timezone
from django.utils.dateformat import format as format_date

ADMIN_DATETIME = "j M Y, H:i T"


def admin_datetime(value) -> str:
    """'30 Nov 2026, 14:05 CET'; empty for no value."""
    return format_date(timezone.localtime(value), ADMIN_DATETIME) if value else ""
