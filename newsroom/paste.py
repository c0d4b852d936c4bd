"""Emphasis in pasted HTML, made explicit before sanitising, the way the editor reads a paste.

Google Docs marks bold as ``<span style="font-weight:700">`` and wraps the whole clipboard in
``<b style="font-weight:normal">``; Word and older pages use ``<b>`` and ``<i>``. The allow-list
keeps only ``<strong>`` and ``<em>``, so those are rewritten here and every other inline wrapper is
unwrapped (its text kept). This pass only renames or removes tags; safety is the sanitiser's job,
which always runs on its output.
"""

import re
from html import escape
from html.parser import HTMLParser

_BOLD = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)
_NOT_BOLD = re.compile(r"font-weight\s*:\s*(?:normal|[1-4]00)", re.I)
_ITALIC = re.compile(r"font-style\s*:\s*italic", re.I)
_VOID = {"br", "hr", "img", "col", "meta", "link", "input", "wbr", "area", "base", "source"}


class _Emphasis(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out = []
        self.open = {"span": [], "b": [], "i": [], "font": []}

    def handle_starttag(self, tag, attrs):
        if tag not in self.open:
            self.out.append(self._tag(tag, attrs))
            return
        style = dict(attrs).get("style") or ""
        wrap = []
        if (tag == "b" and not _NOT_BOLD.search(style)) or (tag != "b" and _BOLD.search(style)):
            wrap.append("strong")
        if tag == "i" or _ITALIC.search(style):
            wrap.append("em")
        self.open[tag].append(wrap)
        self.out.extend(f"<{name}>" for name in wrap)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self._tag(tag, attrs))

    def handle_endtag(self, tag):
        if tag not in self.open:
            self.out.append(f"</{tag}>")
        elif self.open[tag]:
            self.out.extend(f"</{name}>" for name in reversed(self.open[tag].pop()))

    def handle_data(self, data):
        self.out.append(escape(data, quote=False))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    @staticmethod
    def _tag(tag, attrs):
        rendered = "".join(f' {name}="{escape(value or "")}"' for name, value in attrs)
        return f"<{tag}{rendered}>"


def emphasis_to_tags(html: str) -> str:
    if not re.search(r"<(?:b|i|span|font)\b", html, re.I):
        return html
    parser = _Emphasis()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)
