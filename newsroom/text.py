"""The one normaliser for text people type: headlines, names, tags, captions, search terms.

Text arrives from browsers, paste buffers, WordPress exports and APIs. Before it is stored or used
in a query it is put in Unicode NFC (so "é" typed two ways is one string), and stripped of
characters that only cause harm: NUL (PostgreSQL refuses it outright), the other C0/C1 controls,
and the bidirectional overrides that can make a name display as something else ("Trojan Source").
Ordinary right-to-left text is untouched: the marks U+200E/U+200F are kept.
"""

import re
import unicodedata

# U+202A-U+202E (embeddings and overrides) and U+2066-U+2069 (isolates).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROLS = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def normalize_line(value) -> str:
    """Single-line text: NFC, no control or bidi-override characters, whitespace collapsed."""
    if value is None:
        return ""
    value = unicodedata.normalize("NFC", str(value))
    value = _CONTROLS.sub("", value.replace("\t", " ").replace("\n", " ").replace("\r", " "))
    return " ".join(value.split())


def normalize_text(value) -> str:
    """Multi-line text (bodies, bios, notes): NFC, newlines kept (as ``\\n``), other controls removed."""
    if value is None:
        return ""
    value = _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", str(value)))
    return _CONTROLS.sub("", value).strip()


def strip_controls(value: str) -> str:
    """Only the harmful characters removed; for query-string values that are not stored."""
    return _CONTROLS.sub("", value)


# Everything XML 1.0 allows; anything else makes a feed or sitemap unreadable to strict parsers.
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# XML's illegal characters below U+0020, as UTF-8 bytes: no byte of a multi-byte character is one.
_XML_ILLEGAL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def xml_safe(value) -> str:
    """Text for an XML document (feeds, sitemaps): characters XML 1.0 cannot carry are dropped."""
    text = str(value or "")
    try:
        encoded = text.encode()
    except UnicodeEncodeError:  # a lone surrogate, illegal itself
        return _XML_ILLEGAL.sub("", text)
    if "\ufffe" in text or "\uffff" in text:
        return _XML_ILLEGAL.sub("", text)
    # The other illegal characters are the control bytes; deleting bytes is about ten times faster
    # than the regular expression, which read each of a feed's bodies character by character.
    kept = encoded.translate(None, _XML_ILLEGAL_BYTES)
    return text if len(kept) == len(encoded) else kept.decode()
