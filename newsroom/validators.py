from django.core.exceptions import ValidationError

# Outside this range a date is a typo, and near the ends of Python's calendar (year 1, 9999)
# arithmetic such as the admin's date drill-down overflows.


def validate_sane_datetime(value):
    if value is not None and not 1900 <= value.year <= 2100:
        raise ValidationError(
            "Enter a date between the years 1900 and 2100 (you entered the year %(year)s).",
            code="date_out_of_range",
            params={"year": value.year},
        )
