"""A browser's worth of HTTP for the cluster tests: sessions, CSRF, and admin forms filled in as
a browser would send them (every field as rendered, then the fields the test changes)."""

import re
from collections import Counter
from html.parser import HTMLParser

import requests

# Answers per app server (X-Served-By), over every request the cluster tests make.
SERVED_BY = Counter()


class FormParser(HTMLParser):
    """The fields of one <form> (by id) with the values a browser would submit unchanged."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "__prefix__" in attrs.get("name", ""):  # inline formsets' templates
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = {"name": name, "first": None, "chosen": [], "multiple": "multiple" in attrs}
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["chosen"].append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            select, self._select = self._select, None
            chosen = select["chosen"] or ([] if select["multiple"] or select["first"] is None else [select["first"]])
            self.fields.extend((select["name"], value) for value in chosen)


class Visitor:
    """One person with one browser: cookies kept, every request to ``base`` unless a URL is absolute."""

    def __init__(self, base):
        self.base = base
        self.http = requests.Session()
        self.http.hooks["response"].append(_count)

    def url(self, path):
        return path if path.startswith("http") else self.base + path

    def get(self, path, **kwargs):
        return self.http.get(self.url(path), timeout=30, allow_redirects=False, **kwargs)

    def post(self, path, data, **kwargs):
        headers = {"Referer": self.url(path), **kwargs.pop("headers", {})}
        return self.http.post(self.url(path), data=data, timeout=60, allow_redirects=False, headers=headers, **kwargs)

    def form(self, path, form_id):
        """The form as the page renders it: a list of (name, value) pairs, CSRF token included."""
        response = self.get(path)
        response.raise_for_status()
        parser = FormParser(form_id)
        parser.feed(response.text)
        assert parser.fields, f"no form #{form_id} on {path}"
        return parser.fields

    def submit(self, path, form_id, changes, button=None, files=None):
        """Open the form at ``path``, change some fields (a list value replaces all of a name's values), send it."""
        fields = [(name, value) for name, value in self.form(path, form_id) if name not in changes]
        for name, value in changes.items():
            fields.extend((name, v) for v in (value if isinstance(value, list) else [value]))
        if button:
            fields.append((button, "x"))
        return self.post(path, data=fields, files=files)

    def login(self, username, password, **kwargs):
        token = dict(self.form("/admin/login/", "login-form"))["csrfmiddlewaretoken"]
        data = {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"}
        return self.post("/admin/login/", data, **kwargs)


def _count(response, *args, **kwargs):
    if served_by := response.headers.get("X-Served-By"):
        SERVED_BY[served_by] += 1


def assert_saved(response):
    """An admin form that saved redirects; one that did not shows its errors, which we print."""
    if response.status_code != 302:
        errors = re.findall(r'<ul class="errorlist[^>]*>(.*?)</ul>', response.text, re.S)
        raise AssertionError(f"not saved ({response.status_code}): {errors or response.text[:500]}")
    return response
