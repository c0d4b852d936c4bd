"""Pages of a listing without ``COUNT(*)``.

Django's paginator counts every matching row to number the pages; on a region with tens of
thousands of stories that count costs more than the page itself. A reader needs only "is there a
next page", so a page fetches one row more than it shows. Page numbers past the end are a 404,
as with Django's paginator; ``?page=last`` is a 404 too, since the last page is never counted.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger


class LookaheadPaginator:
    num_pages = None  # unknown: never counted

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True):
        self.object_list = object_list
        self.per_page = int(per_page)
        self.allow_empty_first_page = allow_empty_first_page

    def validate_number(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer.") from None
        if number < 1:
            raise EmptyPage("That page number is less than 1.")
        return number

    def page(self, number):
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        rows = list(self.object_list[start : start + self.per_page + 1])
        if not rows and (number > 1 or not self.allow_empty_first_page):
            raise EmptyPage("That page contains no results.")
        return LookaheadPage(rows[: self.per_page], number, self, has_next=len(rows) > self.per_page)


class LookaheadPage:
    def __init__(self, object_list, number, paginator, *, has_next):
        self.object_list = object_list
        self.number = number
        self.paginator = paginator
        self._has_next = has_next

    def __repr__(self):
        return f"<Page {self.number}>"

    def __len__(self):
        return len(self.object_list)

    def __iter__(self):
        return iter(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_next() or self.has_previous()

    def next_page_number(self):
        if not self._has_next:
            raise EmptyPage("That page contains no results.")
        return self.number + 1

    def previous_page_number(self):
        if self.number == 1:
            raise EmptyPage("That page number is less than 1.")
        return self.number - 1

    def start_index(self):
        return (self.number - 1) * self.paginator.per_page + 1 if self.object_list else 0
