import pytest

from newsroom.text import normalize_line, normalize_text, xml_safe


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Cafe\u0301", "Café"),  # decomposed é becomes one character (NFC)
        ("  Two   spaces\tand\ttabs \n", "Two spaces and tabs"),
        ("NUL\x00 inside", "NUL inside"),
        ("bell\x07 and\x1b escape and \x85 NEL", "bell and escape and NEL"),
        ("\u202eevil\u202c name", "evil name"),
        ("\u2066isolate\u2069", "isolate"),
        ("مرحبا\u200f world", "مرحبا\u200f world"),  # ordinary right-to-left marks stay
        (None, ""),
    ],
)
def test_single_line_text(raw, clean):
    assert normalize_line(raw) == clean


def test_multi_line_text_keeps_paragraphs_but_loses_controls():
    assert normalize_text("One\r\nTwo\rThree\x00\u2028Four\u202e") == "One\nTwo\nThree\nFour"


def test_xml_safe_keeps_the_worlds_text_and_drops_what_xml_cannot_carry():
    world = "Ілля, محمد, 王秀英, Zoë — «цитата» 🛰️ …\t\n\r ¿?!"
    assert xml_safe(world) == world
    assert xml_safe(f"\x00{world}\x0b\x1f") == world
    assert xml_safe("a\ufffeb\uffffc\ud800d") == "abcd"
    assert xml_safe(None) == "" and xml_safe(2026) == "2026"
